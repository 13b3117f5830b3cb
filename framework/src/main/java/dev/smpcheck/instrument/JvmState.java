package dev.smpcheck.instrument;

import dev.smpcheck.schedule.JvmControl;

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
    private InstrumentScope scope = SmpAgent.globalScope();

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
}
