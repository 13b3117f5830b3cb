package dev.smpcheck.schedule;

import dev.smpcheck.check.Violation;
import dev.smpcheck.check.ViolationException;
import dev.smpcheck.strategy.Access;
import dev.smpcheck.strategy.Choice;
import dev.smpcheck.strategy.ChoicePoint;
import dev.smpcheck.strategy.ReplayDivergedException;
import dev.smpcheck.strategy.Strategy;
import dev.smpcheck.trace.ChoiceLog;
import dev.smpcheck.trace.Event;
import dev.smpcheck.trace.Names;
import dev.smpcheck.trace.Trace;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apiguardian.api.API;

/**
 * One controlled run of a test body under one schedule.
 *
 * <h2>How control passes</h2>
 * Exactly one logical thread runs at a time. At a schedule point the running thread collects the enabled options,
 * asks the {@link Strategy} (only when there is more than one), records the pick in the {@link ChoiceLog}, and either
 * continues or hands control to the chosen thread and parks. A handed-over interrupt is run by the receiving CPU's
 * thread itself, nested in whatever that CPU was doing, which is how a handler "interrupts" a spin-wait.
 *
 * <h2>How it ends</h2>
 * When no option is left: if every task and thread is done, the schedule completed and the {@link Smp#afterAll}
 * checks run on the supervising (caller's) thread; otherwise it is a {@link Violation#DEADLOCK}. An exception in any
 * controlled code ends it at once. The caller's thread supervises: a thread that does not reach a schedule point
 * within the watchdog time is abandoned ({@link Violation#TIMEOUT}). Then every parked thread is unwound.
 *
 * <p>An execution is used once; the {@code Explorer} makes one per schedule.
 *
 * @since 0.1
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class Execution {

    /**
     * @param cpus simulated CPUs, at least 1
     * @param maxSteps schedule points after which the schedule is a livelock
     * @param watchdogMillis wall time a thread may run without a schedule point
     * @param fullTrace whether to record a {@link Trace} with locations (slow; for reports)
     */
    public record Settings(int cpus, long maxSteps, long watchdogMillis, boolean fullTrace) {}

    private static final StackWalker WALKER = StackWalker.getInstance();
    private static final long EXIT_WAIT_MILLIS = 2_000;

    private final Settings settings;
    private final Strategy strategy;
    private final Backend backend;
    private final ChoiceLog log;
    private final Trace trace;
    private final Names names = new Names();
    private final List<Context> contexts = new ArrayList<>();
    private final Cpu[] cpus;
    private final List<IrqVector> vectors = new ArrayList<>();
    private final List<Smp.Check> checks = new ArrayList<>();
    private final Options options = new Options();
    private final Smp facade = new Facade();
    private final CpuHost cpuHost = new ControlledCpus();
    private final CountDownLatch done = new CountDownLatch(1);
    /** Announced objects, numbered in order of first announcement so that numbers are the same in every run. */
    private final IdentityHashMap<Object, Integer> locations = new IdentityHashMap<>();
    private boolean localStarts;

    private long steps;
    private int preemptions;
    private boolean bodyDone;
    private Context stuck;
    private final List<String> abandoned = new ArrayList<>();
    private volatile long progress;
    private volatile boolean ended;
    private volatile Context running;
    private Outcome outcome;
    /** The instrumentation runtime's state for this schedule ({@link JvmControl#state}); for the running thread. */
    Object jvmState;

    /**
     * @param settings limits and tracing, never {@code null}
     * @param strategy asked at every decision, never {@code null}; {@code nextSchedule()} was already called
     * @param backend supplies threads, never {@code null}
     * @param log receives the decisions, never {@code null}; cleared first
     */
    public Execution(Settings settings, Strategy strategy, Backend backend, ChoiceLog log) {
        this.settings = settings;
        this.strategy = strategy;
        this.backend = backend;
        this.log = log;
        this.trace = settings.fullTrace() ? new Trace() : null;
        this.cpus = new Cpu[settings.cpus()];
        log.clear();
    }

    /** @return the full trace, or {@code null} when not tracing */
    public Trace trace() {
        return trace;
    }

    /** @return the decisions taken */
    public ChoiceLog log() {
        return log;
    }

    /** @return names of threads that were abandoned (stuck in user code) while this schedule was torn down */
    public List<String> abandonedThreads() {
        return abandoned;
    }

    /**
     * Runs the body under control and returns how the schedule ended. Blocks the calling thread, which supervises.
     *
     * @param body the test body, never {@code null}
     * @return the outcome, never {@code null}
     */
    public Outcome run(ScheduleBody body) {
        Context main = newContext("main", null, Context.Status.RUNNABLE);
        main.body = () -> body.run(facade);
        for (int i = 0; i < cpus.length; i++) {
            cpus[i] = new Cpu(i, cpuHost);
            cpus[i].context = newContext("CPU" + i, cpus[i], Context.Status.IDLE);
        }
        for (Context c : contexts) {
            start(c);
        }
        running = main;
        handTo(main, Context.CONTINUE, -1, null);
        supervise();
        teardown();
        if (outcome.divergence() == null && !outcome.failed()) {
            runChecks();
        }
        if (outcome.divergence() == null && !outcome.failed()) {
            List<Thread> strangers = backend.strangers();
            if (!strangers.isEmpty()) {
                outcome = new Outcome(Violation.UNCONTROLLED_THREAD, "main", describeStrangers(strangers), null, null,
                        steps, preemptions);
            }
        }
        return outcome;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Entry points for controlled code (called on the running logical thread).

    void point(Context self, String what, Object on, Object value) {
        checkLive();
        if (trace != null) {
            event(self, Event.Kind.POINT, describe(self, what, on, value));
        }
        schedule(self, self);
    }

    /** A schedule point that announces what the step after it touches (see {@link Access}). */
    void access(Context self, String what, Object object, Object key, Access.Mode mode) {
        checkLive();
        if (trace != null) {
            event(self, Event.Kind.POINT, describe(self, what, object, null) + (key == null ? "" : "." + key));
        }
        self.pending = new Access(mode, locations.computeIfAbsent(object, o -> locations.size()), key);
        schedule(self, self);
    }

    void declareLocalStarts() {
        localStarts = true;
    }

    /** A schedule point after which the caller's step is local until it announces or widens (see {@link #spawn}). */
    private void startPoint(Context self, String what) {
        checkLive();
        if (trace != null) {
            event(self, Event.Kind.POINT, describe(self, what, null, null));
        }
        self.pending = Access.LOCAL;
        schedule(self, self);
    }

    /**
     * A schedule point before an action of instrumented code: unlike {@link #point}, whose caller has acted already,
     * the trace records it when the thread resumes, which is when the action happens.
     */
    void pointBefore(Context self, String what, Object on) {
        checkLive();
        schedule(self, self);
        if (trace != null) {
            event(self, Event.Kind.POINT, describe(self, what, on, null));
        }
    }

    /**
     * As {@link #pointBefore}, for an access of instrumented code that announces what the step after the point
     * touches (see {@link Access}); {@code on} is what the trace names, {@code object} the location's object.
     */
    void accessBefore(Context self, String what, Object on, Object object, Object key, Access.Mode mode) {
        checkLive();
        self.pending = new Access(mode, locations.computeIfAbsent(object, o -> locations.size()), key);
        schedule(self, self);
        if (trace != null) {
            event(self, Event.Kind.POINT, describe(self, what, on, null));
        }
    }

    /**
     * The running step turned out to touch state its point did not announce (instrumented code called into code that
     * announces nothing): the strategy learns it once per step, so that partial-order reduction treats the step as
     * dependent with everything.
     */
    void widen(Context self) {
        if (!self.announced) {
            return;
        }
        self.announced = false;
        try {
            strategy.widened();
        } catch (RuntimeException e) {
            throw diverge(self, e);
        }
    }

    /** Ends the schedule with a violation that the runtime detected on the running thread. */
    ExecutionAborted failWith(Context self, Violation kind, String message) {
        checkLive();
        return failNow(self, kind, message);
    }

    /** @return how many times {@code self} has resumed from a schedule point in this schedule */
    long resumes(Context self) {
        return self.resumes;
    }

    /** Records what a thread did in the trace, without a schedule point (nothing when not tracing). */
    void note(Context self, String what, Object on) {
        // A thread unwinding after the end (releasing its locks on the way) adds nothing to the story.
        if (trace != null && !ended) {
            event(self, Event.Kind.POINT, describe(self, what, on, null));
        }
    }

    void await(Context self, String what, Object on, BooleanSupplier condition, Supplier<String> blocker) {
        await(self, what, on, condition, blocker, null, null);
    }

    /**
     * As {@link #await(Context, String, Object, BooleanSupplier, Supplier)}, for the waits of instrumented code.
     *
     * @param realMonitor a monitor the caller really holds and must release while it waits ({@code Object.wait}), or
     *     {@code null}
     * @param timeout for a timed wait, when it may time out (see {@link Waiter}); {@code null} for an untimed one
     * @return whether {@code condition} held when the thread resumed; {@code false} means it timed out
     */
    boolean await(Context self, String what, Object on, BooleanSupplier condition, Supplier<String> blocker,
            Object realMonitor, BooleanSupplier timeout) {
        return await(self, what, on, condition, blocker, realMonitor, timeout, false);
    }

    /** @param localAfter whether the step after the wait is local until it announces or widens (a join) */
    boolean await(Context self, String what, Object on, BooleanSupplier condition, Supplier<String> blocker,
            Object realMonitor, BooleanSupplier timeout, boolean localAfter) {
        checkLive();
        if (self.status != Context.Status.RUNNABLE) {
            throw new IllegalStateException(self.name + " cannot wait while " + self.status);
        }
        Waiter waiter = new Waiter(what, on, condition, blocker, timeout);
        if (trace != null && !holds(self, condition)) {
            event(self, Event.Kind.WAIT, "waits: " + describe(self, what, on, null));
        }
        self.status = Context.Status.WAITING;
        self.waiter = waiter;
        self.realMonitor = realMonitor;
        self.localAfterWait = localAfter;
        self.woken = false;
        try {
            schedule(self, self);
        } finally {
            self.realMonitor = null;
        }
        return holds(self, condition);
    }

    /** Evaluates a wait condition, which may run instrumented user code (a lambda), as engine work. */
    private static boolean holds(Context self, BooleanSupplier condition) {
        self.busy++;
        try {
            return condition.getAsBoolean();
        } finally {
            self.busy--;
        }
    }

    int choose(Context self, String what, int bound) {
        if (bound < 1) {
            throw new IllegalArgumentException("a data choice needs at least one value, got bound " + bound);
        }
        checkLive();
        if (bound == 1) {
            return 0;
        }
        int value;
        try {
            value = strategy.pickData(bound);
        } catch (RuntimeException e) {
            throw diverge(self, e);
        }
        if (value < 0 || value >= bound) {
            throw new IllegalStateException(strategy.name() + " picked data value " + value + " of " + bound);
        }
        log.data(value, bound);
        if (trace != null) {
            event(self, Event.Kind.DATA, what + " = " + value);
        }
        return value;
    }

    void raise(IrqVector vector, Cpu target) {
        Context self = controller();
        target.pending |= vector.bit();
        point(self, "send " + vector.name() + " to " + target, null, null);
    }

    void warn(Context self, String message) {
        if (trace != null) {
            event(self, Event.Kind.WARN, message);
        }
    }

    ThreadHandle spawn(Context self, String name, Runnable body) {
        return spawn(self, name, body, true, false);
    }

    /**
     * @param point whether the start is a schedule point; not in an atomic region of instrumented code
     * @param localStart whether the thread's first step touches nothing shared (see {@link #declareLocalStarts})
     */
    ThreadHandle spawn(Context self, String name, Runnable body, boolean point, boolean localStart) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(body, "body");
        checkLive();
        Context c = newContext(name, null, Context.Status.RUNNABLE);
        if (localStart) {
            c.pending = Access.LOCAL;
        }
        c.body = body::run;
        start(c);
        if (point && localStart) {
            // Instrumented code announces or widens whatever the spawner does next, as it does for the thread.
            startPoint(self, "start " + name);
        } else if (point) {
            point(self, "start " + name, null, null);
        } else {
            note(self, "start " + name, null);
        }
        return new Handle(c);
    }

    Context controller() {
        Context c = Context.current();
        if (c == null || c.execution != this) {
            throw new IllegalStateException("this can be called only from controlled code of the same schedule "
                    + "(the body, a CPU task or handler, or a thread started with Smp.thread), not from "
                    + Thread.currentThread().getName());
        }
        return c;
    }

    Smp facade() {
        return facade;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Scheduling.

    private Context newContext(String name, Cpu cpu, Context.Status status) {
        Context c = new Context(contexts.size(), name, cpu, this, status);
        c.pending = localStarts ? Access.LOCAL : Access.ANY;
        contexts.add(c);
        if (trace != null) {
            trace.addActor(c.id, name);
        }
        return c;
    }

    private void start(Context c) {
        c.thread = backend.start(c.name, () -> runContext(c));
    }

    private void runContext(Context c) {
        Context.bind(c);
        try {
            firstTurn(c);
            if (c.cpu == null) {
                runPlain(c);
            } else {
                runCpu(c);
            }
        } catch (ExecutionAborted aborted) {
            // The schedule is over; nothing to report from here.
        } catch (Throwable t) {
            // Describing the failure may call its (instrumented) getMessage or toString: engine work, not points.
            c.busy++;
            fail(c, t);
        } finally {
            Context.bind(null);
            c.exited = true;
        }
    }

    private void firstTurn(Context self) {
        Context owner = awaitTurn(self);
        if (owner != null) {
            schedule(self, owner);
        } else {
            resumed(self);
        }
    }

    private void runPlain(Context self) throws Throwable {
        event(self, Event.Kind.START, "starts");
        self.body.run();
        event(self, Event.Kind.END, "ends");
        self.status = Context.Status.FINISHED;
        if (self.id == 0) {
            bodyDone = true;
        }
        schedule(self, self);
    }

    private void runCpu(Context self) throws Exception {
        Cpu cpu = self.cpu;
        for (;;) {
            CpuTask task = self.tasks.poll();
            self.status = Context.Status.RUNNABLE;
            event(self, Event.Kind.START, "task starts");
            task.run(cpu);
            event(self, Event.Kind.END, "task ends");
            if (cpu.irqsDisabled || cpu.preemptCount != 0) {
                throw new IllegalStateException(self.name + "'s task returned with "
                        + (cpu.irqsDisabled ? "irqs disabled" : "preempt count " + cpu.preemptCount)
                        + "; a task must restore what it disabled");
            }
            self.status = Context.Status.IDLE;
            schedule(self, self);
        }
    }

    /**
     * Decides and acts until {@code self} is chosen to run. {@code owner} is the thread whose continuation is free
     * (not a preemption): normally {@code self}, but after a handler that was delivered while another thread ran, that
     * other thread.
     */
    private void schedule(Context self, Context owner) {
        for (;;) {
            int index = decide(self, owner);
            Choice choice = options.get(index);
            Context target = contexts.get(choice.thread());
            if (choice.kind() == Choice.Kind.RUN) {
                if (target == self) {
                    resumed(self);
                    return;
                }
                handTo(target, Context.CONTINUE, -1, null);
            } else if (target == self) {
                runIrq(self, choice.vector());
                owner = self;
                continue;
            } else {
                handTo(target, Context.INTERRUPT, choice.vector(), owner);
            }
            if (self.status == Context.Status.FINISHED) {
                return;
            }
            Context from = awaitTurn(self);
            if (from == null) {
                resumed(self);
                return;
            }
            owner = from;
        }
    }

    /** Parks until handed control; runs a handed-over interrupt and returns who it was delivered from, else null. */
    private Context awaitTurn(Context self) {
        Object monitor = self.realMonitor;
        if (monitor == null) {
            while (self.signal == 0) {
                LockSupport.park(this);
            }
        } else {
            parkInMonitor(self, monitor);
        }
        int s = self.signal;
        self.signal = 0;
        if (s == Context.ABORT || ended) {
            throw new ExecutionAborted();
        }
        if (s == Context.CONTINUE) {
            return null;
        }
        Context from = self.signalFrom;
        runIrq(self, self.signalVector);
        return from;
    }

    /**
     * Parks a thread that is inside a modelled {@code Object.wait}: it holds the user's real monitor, which the other
     * threads must be able to take meanwhile, so it parks in that monitor's real wait set, which releases it. The
     * thread that hands it control cannot notify (that needs the monitor, which this thread still holds until it is
     * actually waiting), so it interrupts instead; an interrupt reaches a thread whether or not it waits yet. The
     * hand-over then sets {@link Context#woken}, after which no stray interrupt can still arrive and the flag is
     * cleared, so user code never sees it.
     */
    private void parkInMonitor(Context self, Object monitor) {
        synchronized (monitor) {
            while (self.signal == 0) {
                try {
                    monitor.wait();
                } catch (InterruptedException e) {
                    // The hand-over's wake-up; the loop checks whether control really arrived.
                }
            }
        }
        while (!self.woken) {
            Thread.onSpinWait();
        }
        self.woken = false;
        Thread.interrupted();
    }

    private void resumed(Context self) {
        // The choice saw the pending access only for a runnable thread (Options.access); a waiter's step is ANY.
        self.announced = self.status == Context.Status.RUNNABLE ? self.pending.mode() != Access.Mode.ANY
                : self.localAfterWait;
        self.localAfterWait = false;
        self.resumes++;
        self.pending = Access.ANY; // until its next point announces otherwise
        if (self.status == Context.Status.WAITING) {
            self.status = Context.Status.RUNNABLE;
            self.waiter = null;
        }
    }

    private void handTo(Context target, int signal, int vector, Context from) {
        target.signalVector = vector;
        target.signalFrom = from;
        running = target;
        // The volatile write publishes every plain field written by this thread so far to the target.
        target.signal = signal;
        wake(target);
    }

    /** Wakes a thread whose {@code signal} was just set, however it parks (see {@link #parkInMonitor}). */
    private static void wake(Context target) {
        if (target.realMonitor == null) {
            LockSupport.unpark(target.thread);
        } else {
            target.thread.interrupt();
            target.woken = true;
        }
    }

    private void runIrq(Context self, int number) {
        Cpu cpu = self.cpu;
        IrqVector vector = vectors.get(number);
        cpu.pending &= ~vector.bit();
        Context.Status status = self.status;
        Waiter waiter = self.waiter;
        Access pending = self.pending;
        boolean announced = self.announced;
        self.status = Context.Status.RUNNABLE;
        self.waiter = null;
        cpu.irqEnter();
        event(self, Event.Kind.IRQ_ENTER, "irq " + vector.name());
        vector.handler().handle(cpu);
        event(self, Event.Kind.IRQ_EXIT, "irq " + vector.name() + " returns");
        cpu.irqExit();
        self.status = status;
        self.waiter = waiter;
        self.pending = pending;
        self.announced = announced;
    }

    private int decide(Context self, Context owner) {
        self.busy++;
        try {
            return decideNow(self, owner);
        } finally {
            self.busy--;
        }
    }

    private int decideNow(Context self, Context owner) {
        checkLive();
        progress = ++steps;
        if (steps > settings.maxSteps()) {
            throw failNow(self, Violation.LIVELOCK, "the schedule exceeded its bound of " + settings.maxSteps()
                    + " steps without finishing");
        }
        collect(owner);
        int n = options.size;
        if (n == 0) {
            observe(self, -1);
            throw finish();
        }
        int index = 0;
        if (n > 1) {
            try {
                index = strategy.pick(options);
            } catch (RuntimeException e) {
                throw diverge(self, e);
            }
            if (index < 0 || index >= n) {
                throw new IllegalStateException(strategy.name() + " picked option " + index + " of " + n);
            }
            log.pick(index, n);
        }
        if (options.preemptive[index]) {
            preemptions++;
        }
        observe(self, index);
        return index;
    }

    private void observe(Context self, int index) {
        try {
            strategy.stepped(options, index);
        } catch (RuntimeException e) {
            throw diverge(self, e);
        }
    }

    private void collect(Context owner) {
        Options o = options;
        o.clear();
        for (Context c : contexts) {
            if (!c.exited && enabled(c)) {
                o.add(Choice.run(c.id, c.cpuId()));
            }
        }
        for (Cpu cpu : cpus) {
            long pending = cpu.pending;
            if (pending != 0 && !cpu.irqsDisabled && !cpu.context.exited) {
                for (int v = 0; v < vectors.size(); v++) {
                    if ((pending & (1L << v)) != 0) {
                        o.add(Choice.interrupt(cpu.context.id, cpu.id(), v));
                    }
                }
            }
        }
        if (o.size == 0) {
            // Nothing else can happen: now, and only now, timed waits may time out.
            for (Context c : contexts) {
                if (!c.exited && c.status == Context.Status.WAITING && c.waiter.timeout() != null
                        && c.waiter.timeout().getAsBoolean()) {
                    o.add(Choice.run(c.id, c.cpuId()));
                }
            }
        }
        o.continueIndex = -1;
        for (int i = 0; i < o.size; i++) {
            Choice c = o.choices[i];
            if (c.kind() == Choice.Kind.RUN && c.thread() == owner.id) {
                o.continueIndex = i;
            }
        }
        boolean ownerCanContinue = o.continueIndex >= 0;
        for (int i = 0; i < o.size; i++) {
            Choice c = o.choices[i];
            boolean switchesAway = c.kind() == Choice.Kind.RUN
                    ? c.thread() != owner.id
                    : owner.cpu != null && c.cpu() == owner.cpu.id();
            o.preemptive[i] = ownerCanContinue && switchesAway;
        }
    }

    private boolean enabled(Context c) {
        return switch (c.status) {
            case RUNNABLE -> true;
            case WAITING -> c.waiter.condition().getAsBoolean();
            case IDLE -> bodyDone && !c.tasks.isEmpty();
            case FINISHED -> false;
        };
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Endings.

    private void checkLive() {
        if (ended) {
            throw new ExecutionAborted();
        }
    }

    private ExecutionAborted finish() {
        List<String> waits = new ArrayList<>();
        for (Context c : contexts) {
            if (c.status == Context.Status.WAITING) {
                Waiter w = c.waiter;
                String blocker = w.blocker() == null ? "" : " (" + w.blocker().get() + ")";
                String irqs = c.cpu != null ? (c.cpu.irqsDisabled ? ", irqs disabled" : ", irqs enabled") : "";
                waits.add(c.name + " waits for " + describe(w.what(), w.on(), null) + blocker + irqs);
            } else if (c.status == Context.Status.RUNNABLE) {
                waits.add(c.name + " is runnable but was not offered (engine error)");
            }
        }
        if (waits.isEmpty()) {
            setOutcome(new Outcome(null, null, "completed", null, null, steps, preemptions));
            return new ExecutionAborted();
        }
        for (Cpu cpu : cpus) {
            if (cpu.pending != 0) {
                List<String> pending = new ArrayList<>();
                for (IrqVector v : vectors) {
                    if ((cpu.pending & v.bit()) != 0) {
                        pending.add(v.name());
                    }
                }
                waits.add(cpu + " has " + String.join(", ", pending) + " pending but "
                        + (cpu.irqsDisabled ? "irqs are disabled" : "cannot take it"));
            }
        }
        String message = "no thread can run and no interrupt can be delivered:\n  " + String.join("\n  ", waits);
        if (trace != null) {
            trace.add(new Event(steps, 0, Event.Kind.FAIL, "DEADLOCK", ""));
        }
        setOutcome(new Outcome(Violation.DEADLOCK, "all", message, null, null, steps, preemptions));
        return new ExecutionAborted();
    }

    private ExecutionAborted failNow(Context self, Violation kind, String message) {
        if (trace != null) {
            event(self, Event.Kind.FAIL, kind + ": " + message);
        }
        setOutcome(new Outcome(kind, self.name, message, null, null, steps, preemptions));
        return new ExecutionAborted();
    }

    /**
     * A strategy that cannot go on (a replay or a DFS prefix met a different program) ends the schedule without
     * blaming the code under test: its exception must not reach user code, which might catch it.
     */
    private ExecutionAborted diverge(Context self, RuntimeException e) {
        String message = e instanceof ReplayDivergedException ? e.getMessage().replaceFirst("^replay diverged: ", "")
                : e.getMessage() != null ? e.getMessage() : e.toString();
        setOutcome(new Outcome(null, self.name, message, null, message, steps, preemptions));
        return new ExecutionAborted();
    }

    private void fail(Context self, Throwable t) {
        if (ended) {
            return;
        }
        Violation kind = Violation.classify(t);
        String message = describe(t);
        if (trace != null) {
            event(self, Event.Kind.FAIL, kind + ": " + firstLine(message));
        }
        setOutcome(new Outcome(kind, self.name, message, t, null, steps, preemptions));
    }

    private synchronized boolean setOutcome(Outcome o) {
        if (outcome != null) {
            return false;
        }
        outcome = o;
        ended = true;
        done.countDown();
        return true;
    }

    private void supervise() {
        long watchdogNanos = TimeUnit.MILLISECONDS.toNanos(settings.watchdogMillis());
        long poll = Math.max(1, Math.min(100, settings.watchdogMillis() / 4));
        long seen = progress;
        long since = System.nanoTime();
        for (;;) {
            try {
                if (done.await(poll, TimeUnit.MILLISECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                setOutcome(new Outcome(Violation.TIMEOUT, "supervisor", "the test thread was interrupted", e, null,
                        steps, preemptions));
                return;
            }
            long p = progress;
            long now = System.nanoTime();
            if (p != seen) {
                seen = p;
                since = now;
            } else if (now - since >= watchdogNanos) {
                timeout();
                return;
            }
        }
    }

    private void timeout() {
        Context c = running;
        Thread t = c.thread;
        StackTraceElement[] stack = t.getStackTrace();
        Throwable where = new Throwable(c.name + " was here when it was abandoned");
        where.setStackTrace(stack);
        String message = c.name + " ran for " + settings.watchdogMillis() + " ms without reaching a schedule point "
                + "or ending; its thread was abandoned (it is a daemon and cannot keep the JVM alive)."
                + "\n  at " + String.join("\n  at ", Arrays.stream(stack).limit(12).map(String::valueOf).toList());
        if (setOutcome(new Outcome(Violation.TIMEOUT, c.name, message, where, null, steps, preemptions))) {
            stuck = c;
            abandoned.add(t.getName());
            backend.abandon(t);
        }
    }

    private void teardown() {
        for (Context c : contexts) {
            if (c.exited || c == stuck) {
                continue;
            }
            c.signal = Context.ABORT;
            wake(c);
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(EXIT_WAIT_MILLIS);
            while (!c.exited && System.nanoTime() < deadline) {
                LockSupport.parkNanos(this, 50_000);
            }
            if (!c.exited) {
                abandoned.add(c.thread.getName());
                backend.abandon(c.thread);
            }
        }
    }

    /**
     * Runs the after-all checks on a pool thread, outside control (schedule points are no-ops there), so that a check
     * that hangs is abandoned after the watchdog time like any other runaway code instead of hanging the build.
     */
    private void runChecks() {
        if (checks.isEmpty()) {
            return;
        }
        CountDownLatch finished = new CountDownLatch(1);
        Throwable[] failure = new Throwable[1];
        Thread checker = backend.start("after all", () -> {
            try {
                for (Smp.Check check : checks) {
                    check.run();
                }
            } catch (Throwable t) {
                failure[0] = t;
            } finally {
                finished.countDown();
            }
        });
        boolean done;
        try {
            done = finished.await(settings.watchdogMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            done = false;
        }
        if (!done) {
            abandoned.add(checker.getName());
            backend.abandon(checker);
            outcome = new Outcome(Violation.TIMEOUT, "after all", "the after-all checks ran for "
                    + settings.watchdogMillis() + " ms without finishing; their thread was abandoned", null, null,
                    steps, preemptions);
            return;
        }
        Throwable t = failure[0];
        if (t != null) {
            String message = describe(t);
            if (trace != null) {
                trace.add(new Event(steps, 0, Event.Kind.FAIL, "after all: " + firstLine(message), ""));
            }
            outcome = new Outcome(Violation.classify(t), "after all", message, t, null, steps, preemptions);
        }
    }

    private static String describeStrangers(List<Thread> strangers) {
        List<String> names = strangers.stream().map(t -> "'" + t.getName() + "'").toList();
        return "the code under test started " + strangers.size() + " thread(s) that smpcheck does not control: "
                + String.join(", ", names) + ". Their interleavings are not searched and their failures would be "
                + "lost. Start threads with Smp.thread(name, body), or with Thread.start() in code the smpcheck agent "
                + "instruments; threads that the JDK starts (a thread pool's workers, a Timer) are not controlled.";
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Tracing.

    private void event(Context self, Event.Kind kind, String text) {
        if (trace != null) {
            trace.add(new Event(steps, self.id, kind, text, location()));
        }
    }

    /**
     * Names an object for the trace. That may call user code ({@code toString}), so it is engine work, and a
     * {@code toString} that throws must not change what the schedule does.
     */
    private String describe(Context self, String what, Object on, Object value) {
        self.busy++;
        try {
            return describe(what, on, value);
        } catch (RuntimeException e) {
            return what + " (unnamed: " + e + ")";
        } finally {
            self.busy--;
        }
    }

    private String describe(String what, Object on, Object value) {
        StringBuilder sb = new StringBuilder(what);
        if (on != null) {
            sb.append(' ').append(names.of(on));
        }
        if (value != null) {
            sb.append(" = ").append(names.of(value));
        }
        return sb.toString();
    }

    private static String location() {
        return WALKER.walk(frames -> frames
                .filter(f -> !isEngineFrame(f.getClassName()))
                .findFirst()
                .map(f -> simpleName(f.getClassName()) + "." + f.getMethodName() + ":" + f.getLineNumber())
                .orElse(""));
    }

    private static boolean isEngineFrame(String className) {
        return className.startsWith("dev.smpcheck.schedule.") || className.startsWith("dev.smpcheck.strategy.")
                || className.startsWith("dev.smpcheck.instrument.") || className.startsWith("java.")
                || className.startsWith("jdk.") || className.startsWith("sun.");
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }

    /**
     * An assertion's own message reads best; any other throwable is shown with its type. A violation's kind is the
     * report's headline already, so only its detail is repeated.
     */
    private static String describe(Throwable t) {
        if (t instanceof ViolationException v) {
            return v.detail();
        }
        return t instanceof AssertionError && t.getMessage() != null ? t.getMessage() : t.toString();
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    // ---------------------------------------------------------------------------------------------------------------

    /** The options of the current decision; reused across decisions to keep the search allocation-light. */
    private final class Options implements ChoicePoint {
        Choice[] choices = new Choice[16];
        boolean[] preemptive = new boolean[16];
        int size;
        int continueIndex;

        void clear() {
            size = 0;
        }

        void add(Choice c) {
            if (size == choices.length) {
                choices = Arrays.copyOf(choices, size * 2);
                preemptive = Arrays.copyOf(preemptive, size * 2);
            }
            choices[size++] = c;
        }

        @Override
        public int size() {
            return size;
        }

        @Override
        public Choice get(int index) {
            Objects.checkIndex(index, size);
            return choices[index];
        }

        @Override
        public int continueIndex() {
            return continueIndex;
        }

        @Override
        public boolean isPreemption(int index) {
            Objects.checkIndex(index, size);
            return preemptive[index];
        }

        @Override
        public int preemptions() {
            return preemptions;
        }

        @Override
        public long step() {
            return steps;
        }

        @Override
        public Access access(int index) {
            Choice c = get(index);
            if (c.kind() != Choice.Kind.RUN) {
                return Access.ANY;
            }
            Context t = contexts.get(c.thread());
            return switch (t.status) {
                case RUNNABLE -> t.pending;
                case WAITING -> t.localAfterWait ? Access.LOCAL : Access.ANY;
                case IDLE -> localStarts ? Access.LOCAL : Access.ANY;
                default -> Access.ANY;
            };
        }

        @Override
        public int blocked() {
            int n = 0;
            for (Context c : contexts) {
                if (!c.exited && c.status == Context.Status.WAITING && !c.waiter.condition().getAsBoolean()) {
                    n++;
                }
            }
            for (Cpu cpu : cpus) {
                if (cpu.irqsDisabled) {
                    n += Long.bitCount(cpu.pending);
                }
            }
            return n;
        }
    }

    private final class Facade implements Smp {
        @Override
        public int cpus() {
            return cpus.length;
        }

        @Override
        public Cpu cpu(int id) {
            return Cpu.select(cpus, id, "schedule");
        }

        @Override
        public void onCpu(int cpu, CpuTask task) {
            Objects.requireNonNull(task, "task");
            Context target = cpu(cpu).context;
            controller();
            target.tasks.add(task);
        }

        @Override
        public ThreadHandle thread(String name, Runnable body) {
            return spawn(controller(), name, body);
        }

        @Override
        public IrqVector registerIrq(String name, IrqHandler handler) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(handler, "handler");
            if (vectors.size() == Long.SIZE) {
                throw new IllegalStateException("at most 64 interrupt vectors per schedule");
            }
            IrqVector v = new IrqVector(vectors.size(), name, handler, cpuHost);
            vectors.add(v);
            return v;
        }

        @Override
        public void afterAll(Check check) {
            checks.add(Objects.requireNonNull(check, "check"));
        }

        @Override
        public String toString() {
            return "Smp[" + cpus.length + " CPUs]";
        }
    }

    private final class Handle implements ThreadHandle {
        private final Context context;

        Handle(Context context) {
            this.context = context;
        }

        @Override
        public String name() {
            return context.name;
        }

        @Override
        public boolean isAlive() {
            return context.status != Context.Status.FINISHED;
        }

        @Override
        public void join() {
            Context self = controller();
            await(self, "join", context, () -> context.status == Context.Status.FINISHED,
                    () -> context.name + " has not finished");
        }

        @Override
        public String toString() {
            return context.name;
        }
    }

    /** The controlled engine's side of {@link Cpu} and {@link IrqVector}. */
    private final class ControlledCpus implements CpuHost {
        @Override
        public void checkOnCpu(Cpu cpu) {
            onCpu(cpu);
        }

        @Override
        public void cpuPoint(Cpu cpu, String what) {
            point(onCpu(cpu), what, null, null);
        }

        @Override
        public boolean isIdle(Cpu cpu) {
            return cpu.context.status == Context.Status.IDLE;
        }

        @Override
        public boolean isPending(Cpu cpu, long bit) {
            return (cpu.pending & bit) != 0;
        }

        @Override
        public void raise(IrqVector vector, Cpu target) {
            Execution.this.raise(vector, target);
        }

        private Context onCpu(Cpu cpu) {
            Context self = Context.current();
            if (self == null || self.cpu != cpu) {
                throw cpu.notRunningHere(self == null ? "an uncontrolled thread" : self.name);
            }
            return self;
        }
    }
}
