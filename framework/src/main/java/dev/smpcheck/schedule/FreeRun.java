package dev.smpcheck.schedule;

import dev.smpcheck.check.Violation;
import dev.smpcheck.schedule.FreeCpus.Binding;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
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

    private static final long UNWIND_MILLIS = 1_000;

    private final FreeCpus machine;
    private final Cpu[] cpus;
    private final List<List<CpuTask>> tasks = new ArrayList<>();
    private final Binding[] cpuBindings;
    private final List<Binding> threads = new CopyOnWriteArrayList<>();
    private final Smp smp;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    /** Tasks not yet finished plus plain threads still alive: anything that may raise an interrupt outside a handler. */
    private final AtomicInteger active = new AtomicInteger();
    private volatile boolean started;

    private FreeRun(int nrCpus) {
        this.machine = new FreeCpus(nrCpus, "run");
        // The facade reads the machine, so it is made after it.
        this.smp = new Facade();
        this.machine.smp = smp;
        this.cpus = machine.cpus;
        this.cpuBindings = new Binding[nrCpus];
        for (int i = 0; i < nrCpus; i++) {
            cpuBindings[i] = new Binding(machine, "CPU" + i, cpus[i]);
            machine.claim(cpuBindings[i]);
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
        if (Context.current() != null || FreeCpus.current() != null) {
            throw new IllegalStateException("a free run cannot be started from code that is itself being run");
        }
        return new FreeRun(nrCpus).execute(timeout, body);
    }

    private Result execute(Duration timeout, ScheduleBody body) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        FreeCpus.enter(new Binding(machine, "main", null));
        try {
            body.run(smp);
        } catch (Throwable t) {
            fail(t);
        } finally {
            FreeCpus.enter(null);
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
            machine.stop = true;
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
        synchronized (machine.warnings) {
            warned = List.copyOf(machine.warnings);
        }
        return new Result(status, kind, message, status == Status.HUNG ? null : t, warned, machine.interrupts.get(),
                Duration.ofNanos(System.nanoTime() - start));
    }

    private void runCpu(int id) {
        Binding self = cpuBindings[id];
        try {
            for (CpuTask task : tasks.get(id)) {
                machine.poll(self);
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
            while (!machine.stop && !quiescent()) {
                machine.poll(self);
                spins = FreeCpus.pause(spins);
            }
        } catch (ExecutionAborted stopped) {
            // the run is over
        } catch (Throwable t) {
            fail(t);
        }
    }

    private void startThread(Binding b, Runnable work) {
        Thread t = new Thread(() -> {
            FreeCpus.enter(b);
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
        long seen = machine.epoch.get();
        if (active.get() != 0 || machine.busy.get() != 0 || !machine.nothingPending()) {
            return false;
        }
        return machine.epoch.get() == seen && machine.busy.get() == 0 && active.get() == 0;
    }

    private void fail(Throwable t) {
        if (t instanceof ExecutionAborted) {
            return;
        }
        if (failure.compareAndSet(null, t)) {
            machine.stop = true;
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
                machine.stop = true;
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
        for (Smp.Check check : machine.checks) {
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
                        .append(machine.pending.get(id) != 0 ? ", interrupts pending: " + machine.pendingNames(id) : "")
                        .append(')');
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

    /** The {@link Smp} a free run's body gets. */
    private final class Facade extends FreeCpus.Facade {
        Facade() {
            super(FreeRun.this.machine);
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
            Binding b = new Binding(machine, name, null);
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

    }
}
