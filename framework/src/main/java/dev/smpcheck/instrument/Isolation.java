package dev.smpcheck.instrument;

import org.apiguardian.api.API;

/**
 * How far a test's schedules are kept apart from each other's static state. Every schedule should start from the same
 * state, or a replay (one schedule, alone, in a fresh JVM) may not see what the search saw.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum Isolation {
    /** Schedules share static state; a static field one schedule leaves for the next is warned about. */
    NONE,
    /**
     * Each schedule starts by setting the non-final static fields of the test's instrumented classes back to their
     * values after class initialisation. The objects they refer to, and {@code final} fields, keep what schedules did.
     */
    RESET_STATICS,
    /**
     * Each schedule loads the test's classes afresh in a class loader of its own ({@link ClassIsolation}), so every
     * static, final or not, and everything it refers to starts from class initialisation.
     */
    CLASSES
}
