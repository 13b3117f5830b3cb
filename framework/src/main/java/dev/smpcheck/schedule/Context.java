package dev.smpcheck.schedule;

import dev.smpcheck.strategy.Access;
import java.util.ArrayDeque;

/**
 * One logical thread of an execution: the body, a CPU's task context, or a plain started thread.
 *
 * <p>Fields other than {@link #signal}, {@link #exited} and {@link #thread} are touched only by the running
 * logical thread. Each hand-off writes {@code signal} (volatile) after everything else and the receiver reads it before
 * anything else, so the plain fields are published by that pair.
 */
final class Context {
    enum Status {
        /** Enabled: may run when chosen. */
        RUNNABLE,
        /** Enabled only while its {@link Waiter}'s condition holds. */
        WAITING,
        /** A CPU with no task running: takes interrupts, starts its next task once the body has returned. */
        IDLE,
        /** A plain thread that ended. */
        FINISHED
    }

    static final int CONTINUE = 1;
    static final int INTERRUPT = 2;
    static final int ABORT = 3;

    /** The code a plain logical thread runs. */
    interface Work {
        void run() throws Throwable;
    }

    private static final ThreadLocal<Context> CURRENT = new ThreadLocal<>();

    final int id;
    final String name;
    final Cpu cpu;
    final Execution execution;
    final ArrayDeque<CpuTask> tasks = new ArrayDeque<>();
    Work body;
    Status status;
    Waiter waiter;
    /** What the step after its current schedule point touches, as announced; {@link Access#ANY} when not announced. */
    Access pending = Access.ANY;
    /** Whether the step it runs now was announced and nothing has widened it since ({@link Execution#widen}). */
    boolean announced;
    /** Whether the step after its current wait is local (see {@link Execution#await}); until it resumes. */
    boolean localAfterWait;
    /** How many times it has resumed from a schedule point. */
    long resumes;
    /** Above 0 while the engine works on this thread (deciding, tracing); instrumented code is then plain Java. */
    int busy;
    /**
     * The user's monitor this thread holds while it waits in a modelled {@code Object.wait}: it parks in that
     * monitor's real wait set, so that the monitor is free for the others, and is woken by an interrupt.
     */
    Object realMonitor;
    /** Set by whoever wakes a thread parked on its {@link #realMonitor} once its interrupt has been delivered. */
    volatile boolean woken;

    volatile int signal;
    int signalVector;
    Context signalFrom;
    volatile Thread thread;
    volatile boolean exited;

    Context(int id, String name, Cpu cpu, Execution execution, Status status) {
        this.id = id;
        this.name = name;
        this.cpu = cpu;
        this.execution = execution;
        this.status = status;
    }

    /** @return the logical thread the calling Java thread runs, or {@code null} outside any controlled execution */
    static Context current() {
        return CURRENT.get();
    }

    static void bind(Context c) {
        if (c == null) {
            CURRENT.remove();
        } else {
            CURRENT.set(c);
        }
    }

    int cpuId() {
        return cpu == null ? -1 : cpu.id();
    }

    @Override
    public String toString() {
        return name;
    }
}
