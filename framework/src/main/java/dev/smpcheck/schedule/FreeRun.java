package dev.smpcheck.schedule;

import dev.smpcheck.check.Violation;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.apiguardian.api.API;

/**
 * Runs a {@link ScheduleBody} on real threads, all at once: the free-running (stress) mode, the counterpart of running
 * a torture test on real hardware rather than searching schedules.
 *
 * <p>Each simulated CPU is a platform thread. The body runs first, on the caller's thread, and puts work with
 * {@link Smp#onCpu}; then every CPU thread starts and runs its tasks. The same model code runs unchanged: the
 * {@link Sched} calls that the controlled engine turns into schedule points become, here, the places where a CPU
 * takes its pending interrupts.
 *
 * <h2>Interrupts</h2>
 * {@link IrqVector#raise} sets a pending bit on the target (atomically; raises coalesce as in the controlled engine).
 * A CPU takes its pending interrupts at its next schedule point while irqs are enabled ({@code local_irq_enable},
 * every {@code Sched.point} and every iteration of {@code awaitUntil}), with the handler nested on it and irqs off, as
 * in the kernel. A CPU that finished its tasks is idle and keeps taking interrupts until the whole run is quiescent:
 * no task or plain thread left, no handler running, nothing pending.
 *
 * <h2>What is different from a search</h2>
 * Nothing is explored or replayed: {@link Sched#choose} returns 0, the usual outcome, and the interleavings are
 * whatever the hardware gives. A run that does not become quiescent within its time budget is reported as
 * {@link Violation#TIMEOUT} with what each thread was waiting for (a lost IPI shows up this way, as it does in the
 * kernel). Model state must be safe to share between real threads: the schedule points are full fences, so plain
 * fields read in {@code awaitUntil} conditions are seen, but read-modify-write steps must be real atomics.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class FreeRun {

    /** How a free run ended. */
    public enum Status {
        /** Every task and thread finished, the run became quiescent and every {@link Smp#afterAll} check passed. */
        COMPLETED,
        /** Code under test, a model oracle or an after-all check threw. */
        FAILED,
        /** The run was not quiescent when its time budget ran out. */
        HUNG
    }

    /**
     * The outcome of one free run.
     *
     * @param status how it ended
     * @param kind the violation, or {@code null} when completed
     * @param message what went wrong (for a hang: what each thread waited for), or {@code null}
     * @param failure the first exception thrown, or {@code null}
     * @param warnings the {@link Sched#warn} messages, in the order they were given
     * @param interrupts the interrupt handlers run
     * @param elapsed wall time from the start of the body
     */
    public record Result(Status status, Violation kind, String message, Throwable failure, List<String> warnings,
            long interrupts, Duration elapsed) {

        /** @return whether the run completed with every check passing */
        public boolean completed() {
            return status == Status.COMPLETED;
        }
    }

    private static final ThreadLocal<Binding> CURRENT = new ThreadLocal<>();
    private static final int SPINS_BEFORE_YIELD = 64;
    private static final long UNWIND_MILLIS = 1_000;

    /** One real thread of the run: a CPU (with {@code cpu} set) or a plain thread. */
    private static final class Binding {
        final FreeRun run;
        final String name;
        final Cpu cpu;
        volatile Thread thread;
        volatile String waitingFor;
        /** A CPU whose tasks are done; read by other threads (isIdle, hang reports). */
        volatile boolean idle;

        Binding(FreeRun run, String name, Cpu cpu) {
            this.run = run;
            this.name = name;
            this.cpu = cpu;
        }
    }

    private final Cpu[] cpus;
    private final List<List<CpuTask>> tasks = new ArrayList<>();
    private final Binding[] cpuBindings;
    private final List<Binding> threads = new CopyOnWriteArrayList<>();
    private final List<IrqVector> vectors = new CopyOnWriteArrayList<>();
    private final List<Smp.Check> checks = new CopyOnWriteArrayList<>();
    private final List<String> warnings = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLongArray pending;
    private final Smp smp = new Facade();
    private final CpuHost host = new FreeCpus();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    /** Tasks not yet finished plus plain threads still alive: anything that may raise an interrupt outside a handler. */
    private final AtomicInteger active = new AtomicInteger();
    /** Handlers running now. */
    private final AtomicInteger busy = new AtomicInteger();
    /** Counts handler starts, so a quiescence check can tell that something happened while it looked. */
    private final AtomicLong epoch = new AtomicLong();
    private final AtomicLong interrupts = new AtomicLong();
    private volatile boolean started;
    private volatile boolean stop;

    private FreeRun(int nrCpus) {
        this.cpus = new Cpu[nrCpus];
        this.cpuBindings = new Binding[nrCpus];
        this.pending = new AtomicLongArray(nrCpus);
        for (int i = 0; i < nrCpus; i++) {
            cpus[i] = new Cpu(i, host);
            cpuBindings[i] = new Binding(this, "CPU" + i, cpus[i]);
            tasks.add(new ArrayList<>());
        }
    }

    /**
     * Runs {@code body} once on real threads.
     *
     * @param nrCpus the number of CPUs, from 1 to 64
     * @param timeout the time budget for the whole run, positive
     * @param body sets the run up, as for a search
     * @return how the run ended; never throws for a failure of the code under test
     * @throws IllegalArgumentException for a CPU count or timeout out of range
     */
    public static Result run(int nrCpus, Duration timeout, ScheduleBody body) {
        if (nrCpus < 1 || nrCpus > 64) {
            throw new IllegalArgumentException("a free run needs 1 to 64 CPUs, got " + nrCpus);
        }
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(body, "body");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the timeout of a free run must be positive, got " + timeout);
        }
        if (Context.current() != null || CURRENT.get() != null) {
            throw new IllegalStateException("a free run cannot be started from code that is itself being run");
        }
        return new FreeRun(nrCpus).execute(timeout, body);
    }

    private Result execute(Duration timeout, ScheduleBody body) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        Binding main = new Binding(this, "main", null);
        main.thread = Thread.currentThread();
        CURRENT.set(main);
        try {
            body.run(smp);
        } catch (Throwable t) {
            fail(t);
        } finally {
            CURRENT.remove();
        }
        started = true;
        if (failure.get() == null) {
            active.addAndGet(cpus.length);
            for (int i = 0; i < cpus.length; i++) {
                int id = i;
                startThread(cpuBindings[i], () -> runCpu(id));
            }
        }
        boolean finished = joinAll(deadline);
        Status status;
        String message = null;
        if (!finished) {
            message = hangReport(timeout);
            stop = true;
            joinAll(System.nanoTime() + UNWIND_MILLIS * 1_000_000);
            status = Status.HUNG;
        } else if (failure.get() == null) {
            runChecks();
            status = failure.get() == null ? Status.COMPLETED : Status.FAILED;
        } else {
            status = Status.FAILED;
        }
        Throwable t = failure.get();
        Violation kind = switch (status) {
            case COMPLETED -> null;
            case HUNG -> Violation.TIMEOUT;
            case FAILED -> Violation.classify(t);
        };
        if (status == Status.FAILED) {
            message = String.valueOf(t.getMessage() != null ? t.getMessage() : t);
        }
        List<String> warned;
        synchronized (warnings) {
            warned = List.copyOf(warnings);
        }
        return new Result(status, kind, message, status == Status.HUNG ? null : t, warned, interrupts.get(),
                Duration.ofNanos(System.nanoTime() - start));
    }

    private void runCpu(int id) {
        Binding self = cpuBindings[id];
        try {
            for (CpuTask task : tasks.get(id)) {
                poll(self);
                task.run(cpus[id]);
            }
        } catch (ExecutionAborted stopped) {
            return;
        } catch (Throwable t) {
            fail(t);
            return;
        } finally {
            self.idle = true;
            active.decrementAndGet();
        }
        int spins = 0;
        try {
            while (!stop && !quiescent()) {
                poll(self);
                spins = pause(spins);
            }
        } catch (ExecutionAborted stopped) {
            // the run is over
        } catch (Throwable t) {
            fail(t);
        }
    }

    private void startThread(Binding b, Runnable work) {
        Thread t = new Thread(() -> {
            CURRENT.set(b);
            work.run();
        }, "smpcheck-free-" + b.name);
        t.setDaemon(true);
        b.thread = t;
        t.start();
    }

    /**
     * Quiescent means no task, thread or handler can raise anything and nothing is pending. Handlers announce
     * themselves (busy, epoch) before they clear their pending bit, so a handler that starts and ends while this looks
     * changes the epoch, and one still running is seen as busy.
     */
    private boolean quiescent() {
        long seen = epoch.get();
        if (active.get() != 0 || busy.get() != 0) {
            return false;
        }
        for (int i = 0; i < cpus.length; i++) {
            if (pending.get(i) != 0) {
                return false;
            }
        }
        return epoch.get() == seen && busy.get() == 0 && active.get() == 0;
    }

    /** A schedule point of a thread of this run: stop if the run is over, take pending interrupts if on a CPU. */
    private void poll(Binding self) {
        if (stop) {
            throw new ExecutionAborted();
        }
        VarHandle.fullFence();
        Cpu cpu = self.cpu;
        if (cpu == null) {
            return;
        }
        int id = cpu.id();
        while (!cpu.irqsDisabled) {
            long bits = pending.get(id);
            if (bits == 0) {
                return;
            }
            long bit = Long.lowestOneBit(bits);
            busy.incrementAndGet();
            epoch.incrementAndGet();
            // Only the target clears its own bits, so this claim cannot fail.
            pending.getAndUpdate(id, p -> p & ~bit);
            try {
                runHandler(cpu, vectors.get(Long.numberOfTrailingZeros(bit)));
            } finally {
                busy.decrementAndGet();
            }
        }
    }

    private void runHandler(Cpu cpu, IrqVector vector) {
        cpu.irqEnter();
        try {
            vector.handler().handle(cpu);
            interrupts.incrementAndGet();
        } finally {
            cpu.irqExit();
        }
    }

    private void await(Binding self, String what, BooleanSupplier condition) {
        self.waitingFor = what;
        int spins = 0;
        try {
            for (;;) {
                poll(self);
                if (condition.getAsBoolean()) {
                    return;
                }
                spins = pause(spins);
            }
        } finally {
            self.waitingFor = null;
        }
    }

    /** Spins politely: this machine may have fewer cores than the run has CPUs. */
    private static int pause(int spins) {
        if (++spins % SPINS_BEFORE_YIELD == 0) {
            Thread.yield();
        } else {
            Thread.onSpinWait();
        }
        return spins;
    }

    private void fail(Throwable t) {
        if (t instanceof ExecutionAborted) {
            return;
        }
        if (failure.compareAndSet(null, t)) {
            stop = true;
        }
    }

    private boolean joinAll(long deadlineNanos) {
        List<Binding> all = new ArrayList<>(List.of(cpuBindings));
        all.addAll(threads);
        for (Binding b : all) {
            Thread t = b.thread;
            if (t == null) {
                continue;
            }
            long left = deadlineNanos - System.nanoTime();
            try {
                if (left <= 0 || !joined(t, left)) {
                    return false;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stop = true;
                return false;
            }
        }
        return true;
    }

    private static boolean joined(Thread t, long nanos) throws InterruptedException {
        t.join(Math.max(1, nanos / 1_000_000));
        return !t.isAlive();
    }

    private void runChecks() {
        for (Smp.Check check : checks) {
            try {
                check.run();
            } catch (Throwable t) {
                fail(t);
                return;
            }
        }
    }

    private String hangReport(Duration timeout) {
        StringBuilder sb = new StringBuilder("the free run was not quiescent after " + timeout.toMillis() + " ms:");
        List<Binding> all = new ArrayList<>(List.of(cpuBindings));
        all.addAll(threads);
        for (Binding b : all) {
            Thread t = b.thread;
            if (t == null || !t.isAlive()) {
                continue;
            }
            sb.append("\n  ").append(b.name);
            if (b.cpu != null) {
                int id = b.cpu.id();
                sb.append(b.idle ? " (idle" : " (running tasks").append(b.cpu.irqsDisabled ? ", irqs disabled" : "")
                        .append(b.cpu.hardirqDepth > 0 ? ", in an interrupt handler" : "")
                        .append(pending.get(id) != 0 ? ", interrupts pending: " + pendingNames(id) : "").append(')');
            }
            String waiting = b.waitingFor;
            sb.append(waiting != null ? " waits for " + waiting : " is running");
            StackTraceElement[] stack = t.getStackTrace();
            for (int i = 0, shown = 0; i < stack.length && shown < 6; i++) {
                if (!stack[i].getClassName().startsWith(FreeRun.class.getPackageName())
                        && !stack[i].getClassName().startsWith("java.")) {
                    sb.append("\n      at ").append(stack[i]);
                    shown++;
                }
            }
        }
        return sb.toString();
    }

    private String pendingNames(int cpu) {
        long bits = pending.get(cpu);
        List<String> names = new ArrayList<>();
        for (IrqVector v : vectors) {
            if ((bits & v.bit()) != 0) {
                names.add(v.name());
            }
        }
        return String.join(", ", names);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Entry points for Sched and OwnedLock on threads that are not controlled by an Execution.

    /** A schedule point on an uncontrolled thread: in a free run, take pending interrupts; elsewhere nothing. */
    static void pollCurrent() {
        Binding b = CURRENT.get();
        if (b != null) {
            b.run.poll(b);
        }
    }

    /** {@code awaitUntil} on an uncontrolled thread: spin, taking interrupts in a free run. */
    static void awaitCurrent(String what, BooleanSupplier condition) {
        Binding b = CURRENT.get();
        if (b != null) {
            b.run.await(b, what, condition);
            return;
        }
        while (!condition.getAsBoolean()) {
            Thread.onSpinWait();
        }
    }

    static void warnCurrent(String message) {
        Binding b = CURRENT.get();
        if (b != null) {
            b.run.warnings.add(b.name + ": " + message);
        }
    }

    static Cpu currentCpu() {
        Binding b = CURRENT.get();
        return b == null ? null : b.cpu;
    }

    static Smp currentSmp() {
        Binding b = CURRENT.get();
        return b == null ? null : b.run.smp;
    }

    static String currentName() {
        Binding b = CURRENT.get();
        return b == null ? null : b.name;
    }

    /** The run a binding belongs to; bindings are created only by a run, for its own threads. */
    private static FreeRun runOf(Binding b) {
        return RUNS.get();
    }

    private static final ThreadLocal<FreeRun> RUNS = new ThreadLocal<>();

    // ---------------------------------------------------------------------------------------------------------------

    /** A free run's side of {@link Cpu} and {@link IrqVector}. */
    private final class FreeCpus implements CpuHost {
        @Override
        public void checkOnCpu(Cpu cpu) {
            Binding b = CURRENT.get();
            if (b == null || b.cpu != cpu) {
                throw cpu.notRunningHere(b == null ? Thread.currentThread().getName() : b.name);
            }
        }

        @Override
        public void cpuPoint(Cpu cpu, String what) {
            checkOnCpu(cpu);
            poll(CURRENT.get());
        }

        @Override
        public boolean isIdle(Cpu cpu) {
            return cpuBindings[cpu.id()].idle;
        }

        @Override
        public boolean isPending(Cpu cpu, long bit) {
            return (pending.get(cpu.id()) & bit) != 0;
        }

        @Override
        public void raise(IrqVector vector, Cpu target) {
            pending.getAndAccumulate(target.id(), vector.bit(), (p, bit) -> p | bit);
            Binding b = CURRENT.get();
            if (b != null) {
                poll(b);
            }
        }
    }

    /** The {@link Smp} a free run's body gets. */
    private final class Facade implements Smp {
        @Override
        public int cpus() {
            return cpus.length;
        }

        @Override
        public Cpu cpu(int id) {
            return Cpu.select(cpus, id, "run");
        }

        @Override
        public void onCpu(int cpu, CpuTask task) {
            Objects.requireNonNull(task, "task");
            cpu(cpu);
            if (started) {
                throw new IllegalStateException("in a free run, the body puts every task before the CPUs start");
            }
            tasks.get(cpu).add(task);
        }

        @Override
        public ThreadHandle thread(String name, Runnable body) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(body, "body");
            Binding b = new Binding(FreeRun.this, name, null);
            threads.add(b);
            active.incrementAndGet();
            FreeRun run = FreeRun.this;
            startThread(b, () -> {
                try {
                    body.run();
                } catch (Throwable t) {
                    run.fail(t);
                } finally {
                    active.decrementAndGet();
                }
            });
            return new ThreadHandle() {
                @Override
                public String name() {
                    return name;
                }

                @Override
                public boolean isAlive() {
                    return b.thread.isAlive();
                }

                @Override
                public void join() {
                    Sched.awaitUntil("join " + name, null, () -> !b.thread.isAlive());
                }
            };
        }

        @Override
        public IrqVector registerIrq(String name, IrqHandler handler) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(handler, "handler");
            synchronized (vectors) {
                if (vectors.size() == Long.SIZE) {
                    throw new IllegalStateException("at most 64 interrupt vectors per run");
                }
                IrqVector v = new IrqVector(vectors.size(), name, handler, host);
                vectors.add(v);
                return v;
            }
        }

        @Override
        public void afterAll(Check check) {
            checks.add(Objects.requireNonNull(check, "check"));
        }
    }
}
