package dev.smpcheck.schedule;

import org.apiguardian.api.API;

/**
 * A modelled spin lock ({@code spin_lock}/{@code spin_unlock}). Not reentrant, like the kernel's.
 *
 * <p>Under control a thread that finds the lock held is not enabled until it is free (a spin costs one step), and a
 * deadlock report names the holder. A CPU spinning with irqs enabled still takes interrupts. Outside control it is a
 * real test-and-set spin lock, so models using it also run on plain threads.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class SpinLock extends OwnedLock {

    /** @param name shown in traces and deadlock reports, never {@code null} */
    public SpinLock(String name) {
        super(name, "spin_lock", "spin_unlock");
    }
}
