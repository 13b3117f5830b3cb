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
 * <p>This is the one place where instrumented accesses become schedule points ({@link #access}), so that a finer
 * kind of point (one that names the location, for partial-order reduction) can replace the plain one here.
 */
final class JvmState {
    final Monitors monitors = new Monitors(this);
    final JavaThreads threads = new JavaThreads(monitors::threadEnded);
    final Locks locks = new Locks(this);
    private final Map<Object, Label> labels = new IdentityHashMap<>();
    /** Per-object models of JDK objects the runtime keeps beside the real ones ({@link #model}). */
    private final Map<Object, Object> models = new IdentityHashMap<>();
    private InstrumentScope scope = SmpAgent.globalScope();

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
        return s.scope.includes(Sites.get(site).className()) ? s : null;
    }

    /** Sets the test's scope; called first thing in the body, before any hook of the schedule runs. */
    static void useScope(InstrumentScope scope) {
        JvmControl.state(JvmState.class, JvmState::new).scope = scope;
    }

    /** A read or write of a field or array element: a schedule point unless in an atomic region. */
    void access(int site, Object on) {
        point(site, on);
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
