package dev.smpcheck.schedule;

import dev.smpcheck.schedule.FreeCpus.Binding;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;
import org.apiguardian.api.API;

/**
 * Simulated CPUs for threads that smpcheck did not start: Lincheck's threads, a thread pool, a JMH benchmark. Each
 * thread binds itself to a CPU and then runs model code (ipi-core, or anything written against {@link Sched} and
 * {@link Cpu}) as that CPU, unscheduled, exactly as the CPU threads of a {@link FreeRun} do.
 *
 * <pre>{@code
 * CpuSession session = CpuSession.open(3);
 * IpiSystem ipi = IpiSystem.boot(session.smp(), Variant.V6_17);
 * // on any thread:
 * session.cpu();                        // the first call binds this thread to the lowest free CPU
 * ipi.callFunctionSingleAsync(2, csd);   // runs on that CPU
 * }</pre>
 *
 * <h2>Binding</h2>
 * <ul>
 *   <li>{@link #bind(int)} makes the calling thread act as that CPU until {@link #unbind()}; {@link #cpu()} does the
 *       same with the lowest free CPU the first time a thread calls it ("each thread acts as its own CPU") and returns
 *       the same CPU after that; {@link #runOn} acts as a CPU for one call only.</li>
 *   <li>A CPU is bound to at most one thread, and a thread acts as at most one CPU at a time. A thread acts for one
 *       session at a time: binding it in another session ends its binding here, which frees its CPU here. This is
 *       what a Lincheck operations class needs, since Lincheck makes a new instance (and so a new session) for every
 *       invocation and reuses its threads.</li>
 *   <li>A CPU's state ({@code local_irq_disable}, preempt count) may be changed only by the thread bound to it; from any
 *       other thread it throws {@link IllegalStateException}, as under the engine.</li>
 * </ul>
 *
 * <h2>Interrupts</h2>
 * {@link IrqVector#raise} marks the vector pending on the target CPU; the thread bound to that CPU takes it at its next
 * schedule point with irqs enabled ({@link Sched#point}, every spin of {@link Sched#awaitUntil},
 * {@code local_irq_enable}), with the handler nested on the CPU and irqs off, as a {@link FreeRun} does. An interrupt
 * raised to a CPU no thread is bound to stays pending until a thread binds to it and reaches a schedule point. A CPU
 * whose irqs stay disabled never takes one; its queues are then drained only by code it runs itself.
 *
 * <h2>What is different from a search or a free run</h2>
 * Nothing is explored: {@link Sched#choose} returns 0. The session has no tasks and starts no threads, so
 * {@link Smp#onCpu} and {@link Smp#thread} throw. {@link Smp#afterAll} checks are kept and run only when
 * {@link #runAfterAllChecks()} is called, once the threads are done. Model state must be safe to share between real
 * threads (ipi-core's is).
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class CpuSession implements AutoCloseable {

    private final FreeCpus machine;
    private final Smp smp;
    private volatile boolean closed;

    private CpuSession(int nrCpus) {
        this.machine = new FreeCpus(nrCpus, "session");
        // The facade reads the machine, so it is made after it.
        this.smp = new Facade();
        this.machine.smp = smp;
    }

    /**
     * Opens a session with no thread bound yet.
     *
     * @param nrCpus the number of CPUs, from 1 to 64
     * @return the session
     * @throws IllegalArgumentException for a CPU count out of range
     */
    public static CpuSession open(int nrCpus) {
        if (nrCpus < 1 || nrCpus > 64) {
            throw new IllegalArgumentException("a CpuSession needs 1 to 64 CPUs, got " + nrCpus);
        }
        return new CpuSession(nrCpus);
    }

    /** @return the handle to boot models with ({@code IpiSystem.boot(session.smp(), ...)}); never {@code null} */
    public Smp smp() {
        return smp;
    }

    /**
     * Makes the calling thread act as CPU {@code cpu} until it calls {@link #unbind()}. Binding a thread again to the
     * CPU it already acts as does nothing.
     *
     * @param cpu the CPU, from 0 to {@code smp().cpus() - 1}
     * @return that CPU
     * @throws IllegalArgumentException for a CPU out of range
     * @throws IllegalStateException when the CPU is bound to another thread, the thread already acts as another CPU
     *     of this session, the thread is controlled by the engine or is a thread of a {@link FreeRun}, or the session
     *     is closed
     */
    public Cpu bind(int cpu) {
        Cpu target = Cpu.select(machine.cpus, cpu, "session");
        Binding mine = admit();
        if (mine != null) {
            if (mine.cpu == target) {
                return target;
            }
            throw new IllegalStateException(threadName() + " already acts as " + mine.cpu + " of this session; call "
                    + "unbind() first, or runOn(" + cpu + ", ...) to act as " + target + " for one call");
        }
        Binding b = bindingTo(target);
        if (!machine.claim(b)) {
            throw new IllegalStateException(target + " of this session is bound to " + holder(cpu) + ", so "
                    + threadName() + " cannot act as it: a CPU is one thread at a time (unbind it there first)");
        }
        FreeCpus.enter(b);
        return target;
    }

    /**
     * The calling thread's CPU: the one it is bound to, or, on its first call, the lowest-numbered free CPU, to which it
     * is then bound until {@link #unbind()}. Threads that call this in a fixed order get CPUs 0, 1, 2, ...
     *
     * @return the calling thread's CPU, never {@code null}
     * @throws IllegalStateException when every CPU is bound to another thread, or for the reasons {@link #bind} gives
     */
    public Cpu cpu() {
        Binding mine = admit();
        if (mine != null) {
            return mine.cpu;
        }
        for (Cpu c : machine.cpus) {
            Binding b = bindingTo(c);
            if (machine.claim(b)) {
                FreeCpus.enter(b);
                return c;
            }
        }
        StringJoiner owners = new StringJoiner(", ");
        for (Cpu c : machine.cpus) {
            owners.add(c + " to " + holder(c.id()));
        }
        throw new IllegalStateException("all " + machine.cpus.length + " CPUs of this session are bound (" + owners
                + "), so " + threadName() + " cannot act as another one: open the session with more CPUs, or unbind "
                + "a thread");
    }

    /**
     * Ends the calling thread's binding; its CPU becomes free, keeping its state (irqs, preempt count) and its pending
     * interrupts for the next thread bound to it.
     *
     * @throws IllegalStateException when the thread is not bound to a CPU of this session, or is inside an interrupt
     *     handler
     */
    public void unbind() {
        Binding mine = FreeCpus.current();
        if (mine == null || mine.machine != machine) {
            throw new IllegalStateException(threadName() + " is not bound to a CPU of this session");
        }
        if (mine.cpu.inInterrupt()) {
            throw new IllegalStateException(threadName() + " cannot unbind from " + mine.cpu + " inside an interrupt "
                    + "handler");
        }
        end(mine);
        FreeCpus.enter(null);
    }

    /**
     * Runs {@code task} with the calling thread acting as CPU {@code cpu}, then restores what the thread acted as
     * before (its own CPU of this session, if it had one, stays reserved for it meanwhile).
     *
     * @param cpu the CPU, from 0 to {@code smp().cpus() - 1}
     * @param task the work, never {@code null}
     * @throws Exception what the task threw
     * @throws IllegalStateException when the CPU is bound to another thread, or for the reasons {@link #bind} gives
     */
    public void runOn(int cpu, CpuTask task) throws Exception {
        Objects.requireNonNull(task, "task");
        Cpu target = Cpu.select(machine.cpus, cpu, "session");
        Binding mine = admit();
        if (mine != null && mine.cpu == target) {
            task.run(target);
            return;
        }
        Binding b = bindingTo(target);
        if (!machine.claim(b)) {
            throw new IllegalStateException(target + " of this session is bound to " + holder(cpu) + ", so "
                    + threadName() + " cannot run on it: a CPU is one thread at a time");
        }
        FreeCpus.enter(b);
        try {
            task.run(target);
        } finally {
            end(b);
            FreeCpus.enter(mine);
        }
    }

    /** @return the {@link Sched#warn} messages so far, oldest first, each prefixed with its CPU (a copy) */
    public List<String> warnings() {
        synchronized (machine.warnings) {
            return List.copyOf(machine.warnings);
        }
    }

    /** @return how many interrupt handlers ran so far */
    public long interrupts() {
        return machine.interrupts.get();
    }

    /**
     * Runs the {@link Smp#afterAll} checks registered so far (such as ipi-core's "every enqueued csd ran"), in order.
     * Call it once the threads are done.
     *
     * @throws Throwable what the first failing check threw
     */
    public void runAfterAllChecks() throws Throwable {
        for (Smp.Check check : machine.checks) {
            check.run();
        }
    }

    /** Ends every binding; binding to a closed session fails. Threads still bound act as no CPU from now on. */
    @Override
    public void close() {
        closed = true;
        for (int i = 0; i < machine.cpus.length; i++) {
            Binding b = machine.owner(i);
            if (b != null) {
                end(b);
            }
        }
    }

    @Override
    public String toString() {
        List<String> bound = new ArrayList<>();
        for (Cpu c : machine.cpus) {
            Binding b = machine.owner(c.id());
            bound.add(c + (b == null ? " free" : " bound to " + holder(c.id())));
        }
        return "CpuSession" + bound + (closed ? " (closed)" : "");
    }

    /**
     * Checks that the calling thread may bind here, and ends its binding to another session.
     *
     * @return its binding to a CPU of this session, or {@code null}
     */
    private Binding admit() {
        if (closed) {
            throw new IllegalStateException("this CpuSession is closed");
        }
        if (Context.current() != null) {
            throw new IllegalStateException(Context.current().name + " is a controlled thread of a schedule; it runs on "
                    + "the schedule's own CPUs and cannot bind to a CpuSession");
        }
        Binding current = FreeCpus.current();
        if (current == null || current.machine == machine) {
            return current;
        }
        if (!current.machine.scope.equals(machine.scope)) {
            throw new IllegalStateException(threadName() + " is " + current.name + " of a free run and cannot bind to "
                    + "a CpuSession");
        }
        end(current); // a thread acts for one session at a time
        FreeCpus.enter(null);
        return null;
    }

    /** @return a binding of the calling thread to {@code cpu}, not yet claimed */
    private Binding bindingTo(Cpu cpu) {
        Binding b = new Binding(machine, cpu.toString(), cpu);
        b.thread = Thread.currentThread();
        return b;
    }

    private static void end(Binding b) {
        b.ended = true;
        b.machine.release(b);
    }

    private String holder(int cpu) {
        Binding b = machine.owner(cpu);
        Thread t = b == null ? null : b.thread;
        return t == null ? "no thread" : "thread '" + t.getName() + "'";
    }

    private static String threadName() {
        return "thread '" + Thread.currentThread().getName() + "'";
    }

    /** The {@link Smp} a session's models are booted with. */
    private final class Facade extends FreeCpus.Facade {
        Facade() {
            super(CpuSession.this.machine);
        }

        @Override
        public void onCpu(int cpu, CpuTask task) {
            throw new UnsupportedOperationException("a CpuSession has no tasks: the threads bound to its CPUs run the "
                    + "code themselves (CpuSession.bind, cpu or runOn)");
        }

        @Override
        public ThreadHandle thread(String name, Runnable body) {
            throw new UnsupportedOperationException("a CpuSession starts no threads: start your own and bind them "
                    + "(CpuSession.bind, cpu or runOn)");
        }
    }
}
