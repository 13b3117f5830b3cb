package dev.smpcheck.instrument;

import dev.smpcheck.schedule.JvmControl;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The instrumentation runtime's state for one schedule: the test's scope and the models of monitors, locks and
 * threads. Only the running controlled thread touches it, so it needs no locking.
 *
 * <h2>Memory accesses</h2>
 * A field or array access is a schedule point that announces its location ({@link JvmControl#accessBefore}): the
 * object, numbered by the engine in order of first announcement, and the field's name or the element's index (a
 * static field's object is one shared stand-in, so static fields of the same name share a location, which only costs
 * reduction). The step after the point then runs until the thread's next hook; anything it does there that announces
 * nothing (a call into the JDK, a hook inside an atomic region or outside the test's scope, a query of the models
 * without a point) widens the step ({@link #opaque}), so that partial-order reduction treats it as touching anything.
 * Reads also feed the spin-loop detection ({@link SpinLoops}), and static fields the check for state that leaks
 * between schedules ({@link StaticFields}).
 */
final class JvmState {
    /** The object that static fields' locations belong to. */
    private static final Object STATICS = new Object() {
        @Override
        public String toString() {
            return "static fields";
        }
    };

    final Monitors monitors = new Monitors(this);
    final JavaThreads threads = new JavaThreads(monitors::threadEnded);
    final Locks locks = new Locks(this);
    private final SpinLoops spins = new SpinLoops();
    private final Map<Object, Label> labels = new IdentityHashMap<>();
    /** The compare-and-set whose point the running thread passed and whose result {@link #casDone} awaits. */
    private PendingCas cas;
    /** Per-object models of JDK objects the runtime keeps beside the real ones ({@link #model}). */
    private final Map<Object, Object> models = new IdentityHashMap<>();
    private InstrumentScope scope = SmpAgent.globalScope();
    /** Outside a test's search (no {@link #begin}) each schedule stands alone, so nothing is left over to warn of. */
    private StaticFields statics = new StaticFields("", Isolation.NONE);

    /** A compare-and-set between its point and its result. */
    private record PendingCas(JavaThread thread, int site, Object object, Object key, String staticField) {}

    /** An object that traces name as {@code name}. */
    private record Label(String name) {
        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * @param site the hooked instruction
     * @return the current schedule's state when the caller is a controlled thread and the site's class is in the
     *     test's scope; {@code null} when the instruction must simply do what it does in plain Java
     */
    static JvmState at(int site) {
        if (!JvmControl.controlled()) {
            return null;
        }
        JvmState s = JvmControl.state(JvmState.class, JvmState::new);
        if (s.scope.includes(Sites.get(site).className())) {
            return s;
        }
        // Code the test leaves alone runs as plain Java: it announces nothing and may write what a spinner reads.
        s.opaque();
        s.spins.wroteSomething();
        return null;
    }

    /**
     * Sets the test's scope and starts the schedule for its static fields; called first thing in the body, before any
     * hook of the schedule runs.
     */
    static void begin(InstrumentScope scope, StaticFields statics) {
        JvmState s = JvmControl.state(JvmState.class, JvmState::new);
        s.scope = scope;
        s.statics = statics;
        statics.startSchedule(scope);
    }

    /** Before a read of {@code key} of {@code object}: a point announcing it, or a wait if the thread spins. */
    void read(int site, Object object, Object key) {
        if (inAtomicRegion()) {
            JvmControl.widen();
            return;
        }
        JavaThread me = threads.current();
        Sites.Site where = Sites.get(site);
        Object on = object == STATICS ? null : object;
        if (spins.spinning(me, site, object, key)) {
            spins.await(me, "a write of " + SpinLoops.name(where, key), on);
        } else {
            JvmControl.accessBefore(where.what(), on, object, key, false);
        }
        spins.read(me, site, object, key);
    }

    /**
     * Before a write of {@code key} of {@code object}; {@code object} is {@code null} for a constructor's write of its
     * own field, whose receiver the hook cannot be given (see {@link HookMethodVisitor}): that point announces nothing.
     */
    void write(int site, Object object, Object key) {
        JavaThread me = threads.current();
        if (object == null) {
            point(site, null);
            spins.forget(me);
            spins.wroteSomething();
            return;
        }
        if (inAtomicRegion()) {
            JvmControl.widen();
        } else {
            JvmControl.accessBefore(Sites.get(site).what(), object == STATICS ? null : object, object, key, true);
        }
        spins.wrote(me, object, key);
    }

    /** Before a read of a static field. */
    void readStatic(int site) {
        Sites.Site where = Sites.get(site);
        statics.read(where.staticField());
        read(site, STATICS, where.field());
    }

    /** Before a write of a static field. */
    void writeStatic(int site) {
        Sites.Site where = Sites.get(site);
        write(site, STATICS, where.field());
        statics.wrote(where.staticField());
    }

    /**
     * Before a call of an atomic variable, a field updater or a {@code VarHandle} ({@link AtomicAccesses}).
     *
     * @param where the location it touches, or {@code null} when that is not known (see {@link #callPoint})
     * @param kind {@link AtomicAccesses#READ}, {@link AtomicAccesses#WRITE}, or {@link AtomicAccesses#CAS}, which
     *     {@link #casDone} follows
     */
    void access(int site, HandleLocations.Location where, int kind) {
        cas = null;
        if (where == null) {
            callPoint(site);
            return;
        }
        Object object = where.object() == null ? STATICS : where.object();
        String staticField = where.staticField();
        if (staticField != null && kind != AtomicAccesses.WRITE) {
            statics.read(staticField);
        }
        if (kind == AtomicAccesses.READ) {
            read(site, object, where.key());
        } else if (kind == AtomicAccesses.WRITE || inAtomicRegion()) {
            write(site, object, where.key());
        } else {
            compareAndSet(site, object, where.key());
            cas = new PendingCas(threads.current(), site, object, where.key(), staticField);
            return;
        }
        if (staticField != null && kind != AtomicAccesses.READ) {
            statics.wrote(staticField);
        }
    }

    /**
     * A compare-and-set is announced as a write: whether it fails is only known after the call, and partial-order
     * reduction must assume it may succeed. For the spin-loop detection it is a read that may turn out to be a write
     * ({@link #casDone}); so a thread that retries a failed CAS on a location nobody has written since is spinning,
     * and waits for a write instead.
     */
    private void compareAndSet(int site, Object object, Object key) {
        JavaThread me = threads.current();
        Object on = object == STATICS ? null : object;
        if (spins.spinning(me, site, object, key)) {
            spins.await(me, "a write of " + SpinLoops.name(Sites.get(site), key), on);
        } else {
            JvmControl.accessBefore(Sites.get(site).what(), on, object, key, true);
        }
    }

    /**
     * After a compare-and-set that {@link #access} announced: a success wrote the location, a failure only read it,
     * which makes it part of the thread's turn round a spin loop.
     */
    void casDone(int site, boolean succeeded) {
        PendingCas p = cas;
        cas = null;
        JavaThread me = threads.current();
        if (p == null || p.thread() != me || p.site() != site) {
            return; // announced as a plain write (in an atomic region) or not at all
        }
        if (!succeeded) {
            spins.read(me, site, p.object(), p.key());
            return;
        }
        spins.wrote(me, p.object(), p.key());
        if (p.staticField() != null) {
            statics.wrote(p.staticField());
        }
    }

    /**
     * Before a JDK call that gets a point of its own but whose location is not known (a {@code VarHandle} or an
     * updater the runtime cannot place, a collection's method): a point that announces nothing, since the call may
     * write any field, which wakes every spinner.
     */
    void callPoint(int site) {
        point(site, null);
        spins.forget(threads.current());
        spins.wroteSomething();
    }

    /**
     * The running thread does something that announces nothing without a schedule point of its own: a call into the
     * JDK or other code the agent leaves alone, or a query of the models ({@code isAlive}). Its step then counts as
     * touching anything, and it is not spinning on plain reads.
     */
    void opaque() {
        JvmControl.widen();
        spins.forget(threads.current());
    }

    /** {@code sleep} or {@code yield}: a point that changes nothing, so a spin loop that pauses is still one. */
    void pause(int site) {
        if (!inAtomicRegion()) {
            JvmControl.pointBefore(Sites.get(site).what(), null);
            spins.paused(threads.current());
        }
    }

    /** A schedule point named after the site, unless the caller is in an atomic region. */
    void point(int site, Object on) {
        if (!inAtomicRegion()) {
            JvmControl.pointBefore(Sites.get(site).what(), on);
        }
    }

    boolean inAtomicRegion() {
        return Frames.inAtomicRegion(scope);
    }

    /**
     * A name for a JDK synchronizer in traces and deadlock reports. Their {@code toString} shows an identity hash and
     * the real object's state, which differ between runs (and, for a lock the model replaces, say nothing), so they
     * are named by type and order of first use in the schedule: {@code ReentrantLock#1}, {@code CountDownLatch#2}.
     */
    Object label(Object jdkObject) {
        return labels.computeIfAbsent(jdkObject, o -> new Label(jdkType(o).getSimpleName() + "#" + (labels.size() + 1)));
    }

    /** The runtime's stand-ins for JDK classes ({@link ControlledBarrier}) are named as the class they stand in for. */
    private static Class<?> jdkType(Object o) {
        Class<?> c = o.getClass();
        while (c.getName().startsWith("dev.smpcheck.instrument.")) {
            c = c.getSuperclass();
        }
        return c;
    }

    /** Names {@code jdkObject} {@code name} in traces and deadlock reports, unless it has a name already. */
    void name(Object jdkObject, String name) {
        labels.putIfAbsent(jdkObject, new Label(name));
    }

    /**
     * The model this schedule keeps of {@code key} (a pool's queue, a barrier's generation), made on first use: models
     * live only as long as the schedule, so an object that outlives one (a static pool) starts afresh in the next.
     */
    <M> M model(Object key, Class<M> type, Function<Object, ? extends M> make) {
        return type.cast(models.computeIfAbsent(key, make));
    }

    /** @return 1, 2, 3, ... on successive calls with the same key in this schedule: per-schedule numbering */
    int count(Object key) {
        return ++model(key, int[].class, k -> new int[1])[0];
    }

    /**
     * Waits until {@code ready} holds for one of the JDK's synchronizers whose state the model reads but does not
     * replace (a latch's count, a semaphore's permits): those of its methods that cannot block run for real, and a
     * thread that would block waits in the model instead of inside the JDK. Even when {@code ready} holds already
     * this is a schedule point.
     *
     * @param interruptible whether an interrupt (before or during the wait) ends it with an exception; otherwise an
     *     interrupt is left set, as the JDK's uninterruptible waits do
     * @param timed whether the wait may time out (only when no other thread can run)
     * @return whether {@code ready} held at the end (otherwise the wait timed out)
     * @throws InterruptedException when interruptible and interrupted, clearing the flag
     */
    boolean block(String what, Object on, BooleanSupplier ready, Supplier<String> blocker, boolean interruptible,
            boolean timed) throws InterruptedException {
        JavaThread me = threads.current();
        if (interruptible) {
            me.throwIfInterrupted();
        }
        JvmControl.await(what, label(on), interruptible ? () -> ready.getAsBoolean() || me.interrupted : ready,
                blocker, null, timed ? () -> true : null);
        if (ready.getAsBoolean()) {
            return true;
        }
        if (interruptible) {
            me.throwIfInterrupted();
        }
        return false;
    }
}
