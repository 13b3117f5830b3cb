package dev.smpcheck.ipi;

import java.lang.invoke.VarHandle;

/**
 * The kernel's explicit barriers, as Java fences. Under the engine the model is sequentially consistent and these cost
 * nothing that matters; they stay at the places the kernel has them so that a relaxed-memory mode can hook them, and so
 * that the model is also correct when run on plain threads.
 */
final class Barriers {
    private Barriers() {}

    /** {@code smp_wmb()}: stores before it are ordered before stores after it. */
    static void wmb() {
        VarHandle.storeStoreFence();
    }

    /** {@code smp_mb()}: every access before it is ordered before every access after it. */
    static void mb() {
        VarHandle.fullFence();
    }
}
