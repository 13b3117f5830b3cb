package dev.smpcheck.instrument;

import dev.smpcheck.schedule.Sched;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Watches one test's static fields across its schedules. Every schedule must start from the same state, or a schedule
 * does not mean the same thing when it is replayed (alone, in a fresh JVM) as when the search ran it. A static field
 * that one schedule writes and a later schedule reads before writing it itself carries state from one schedule to the
 * next, so the first such read of each field is reported: once on standard error and as a warning in the schedule's
 * trace. Writes made by class initialisers do not count (they are not instrumented, and happen once per JVM, before
 * anything reads the field).
 *
 * <p>Only the running controlled thread of a schedule calls it; schedules of one test run one after another.
 */
final class StaticFields {
    private final String testId;
    private final Isolation isolation;
    /** Fields written by the schedules before the current one. */
    private final Set<String> earlier = new HashSet<>();
    private Set<String> written = new HashSet<>();
    private final Set<String> warned = new LinkedHashSet<>();

    /**
     * @param testId names the test in warnings
     * @param isolation how schedules are kept apart: only with {@link Isolation#NONE} can a static field carry state
     *     into the next schedule, so only then are reads warned about; with {@link Isolation#RESET_STATICS} each
     *     schedule starts by setting static fields back ({@link StaticSnapshots})
     */
    StaticFields(String testId, Isolation isolation) {
        this.testId = testId;
        this.isolation = isolation;
    }

    /**
     * A schedule starts: what the last one wrote is now left over from earlier schedules, or is set back.
     *
     * @param scope the test's scope: the classes whose fields are set back
     */
    void startSchedule(InstrumentScope scope) {
        if (isolation == Isolation.RESET_STATICS) {
            StaticSnapshots.restore(scope);
        } else if (isolation == Isolation.NONE) {
            earlier.addAll(written);
        }
        written = new HashSet<>();
    }

    /** @param field a static field as {@code com.acme.Config.count}, just written by instrumented code */
    void wrote(String field) {
        written.add(field);
    }

    /** @param field a static field about to be read by instrumented code */
    void read(String field) {
        if (!earlier.contains(field) || written.contains(field)) {
            return;
        }
        String message = "static field " + field + " was written by an earlier schedule and is read by a later one "
                + "before it writes it, so schedules do not start from the same state and a replay may not repeat "
                + "what the search saw; set it at the start of the test or use @SmpTest(isolation = CLASSES)";
        // Every time in the trace (a reported schedule is replayed after the search warned), once on the console.
        Sched.warn(message);
        if (warned.add(field)) {
            System.err.println("smpcheck: warning: " + testId + ": " + message);
        }
    }

    /** @return the fields warned about so far, in the order of the warnings */
    List<String> warned() {
        return new ArrayList<>(warned);
    }
}
