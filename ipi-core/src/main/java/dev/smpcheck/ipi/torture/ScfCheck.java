package dev.smpcheck.ipi.torture;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * scftorture's {@code struct scf_check}: the {@code info} of one torture call. Fields are volatile because the free
 * run shares it between real threads; under the controlled engine one thread runs at a time anyway.
 */
final class ScfCheck {
    /** Target CPU of a single call, -1 for many/all. */
    final int cpu;
    final boolean waits;
    final boolean rpc;
    final String sender;
    /** Set last by the sender before the call ({@code scfc_in}). */
    volatile boolean in;
    /** Set by the handler of a waiting call ({@code scfc_out}). */
    volatile boolean out;
    /** The RPC's completion. */
    volatile boolean completed;
    /** Handler runs so far; more than one on a single call is a duplicate. */
    final AtomicInteger runs = new AtomicInteger();
    /** Poisoned when released: a handler that touches it afterwards ran late or twice. */
    volatile boolean freed;

    ScfCheck(int cpu, boolean waits, boolean rpc, String sender) {
        this.cpu = cpu;
        this.waits = waits;
        this.rpc = rpc;
        this.sender = sender;
    }

    @Override
    public String toString() {
        return "scf_check{cpu=" + cpu + (waits ? ", wait" : "") + (rpc ? ", rpc" : "") + ", from " + sender + "}";
    }
}
