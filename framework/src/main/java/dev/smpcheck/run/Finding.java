package dev.smpcheck.run;

import dev.smpcheck.check.Violation;
import dev.smpcheck.schedule.Outcome;
import dev.smpcheck.trace.Cycles;
import dev.smpcheck.trace.Event;
import dev.smpcheck.trace.Swimlane;
import dev.smpcheck.trace.Trace;
import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;

/**
 * A violation found by a search, with everything needed to understand and replay it.
 *
 * @param kind what was violated, never {@code null}
 * @param schedule the number of the failing schedule in the search, from 0
 * @param strategy the strategy's description, such as {@code random walk (seed 0x2a, preemptions <= 2)}
 * @param token the replay token, one line
 * @param outcome how the failing schedule ended, never {@code null}
 * @param trace the fully traced replay of the schedule, or {@code null} when it was not replayed (a timeout)
 * @param reproduced whether that replay ended with the same kind of violation
 * @param minimized how the schedule was shrunk before reporting and whether it is 1-minimal in preemptions, such as
 *     {@code minimized from 9 steps with 2 preemption(s); 1-minimal in preemptions}, or the empty string when it was
 *     not minimized (a replay, a livelock, a timeout) and needs no preemption
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Finding(Violation kind, int schedule, String strategy, String token, Outcome outcome, Trace trace,
        boolean reproduced, String minimized) {

    private static final int MAX_ROWS = 120;

    /** @return the first line of a report: kind, schedule, strategy and replay token */
    public String headline() {
        return kind + " in schedule " + schedule + " of " + strategy + "; replay: " + token;
    }

    /**
     * @return the whole report: headline, what was found, where, the swimlane of the trace, and how to replay it
     */
    public String report() {
        StringBuilder sb = new StringBuilder(headline()).append('\n');
        sb.append("  in ").append(outcome.actor()).append(": ").append(indent(outcome.message())).append('\n');
        sb.append("  after ").append(outcome.steps()).append(" steps with ").append(outcome.preemptions())
                .append(" preemption(s)").append(minimized.isEmpty() ? "" : " (" + minimized + ")").append('\n');
        if (outcome.failure() != null && kind != Violation.TIMEOUT) {
            List<String> frames = new ArrayList<>();
            for (StackTraceElement e : outcome.failure().getStackTrace()) {
                String type = e.getClassName();
                if (type.startsWith("dev.smpcheck.schedule.Execution") || type.startsWith("dev.smpcheck.run.Explorer")) {
                    break; // below here is the engine's own dispatch, not the user's code
                }
                if (!isNoise(type) && frames.size() < 8) {
                    frames.add("    at " + e);
                }
            }
            if (!frames.isEmpty()) {
                sb.append("  thrown at:\n").append(String.join("\n", frames)).append('\n');
            }
        }
        if (trace != null) {
            List<Event> events = trace.events();
            if (kind == Violation.LIVELOCK) {
                List<Event> steps = events.stream().filter(e -> e.kind() != Event.Kind.FAIL).toList();
                int period = Cycles.period(steps, 3);
                if (period > 0) {
                    sb.append("\nThe last ").append(period).append(" event(s) repeat without end:\n");
                    sb.append(Swimlane.render(trace, period * 2 + events.size() - steps.size()));
                } else {
                    sb.append('\n').append(Swimlane.render(trace, MAX_ROWS));
                }
            } else {
                sb.append('\n').append(Swimlane.render(trace, MAX_ROWS));
            }
            if (!reproduced) {
                sb.append("WARNING: replaying this schedule did not end with the same violation; something outside "
                        + "smpcheck's control (time, randomness, static state, uncontrolled threads) changes the run.\n");
            }
        }
        sb.append("\nReplay: @SmpTest(replay = \"").append(token).append("\")  or  -Dsmpcheck.replay=").append(token);
        return sb.toString();
    }

    private static boolean isNoise(String className) {
        // Frames of the reflection and assertion machinery between the user's line and the engine.
        return className.startsWith("jdk.internal.") || className.startsWith("java.lang.reflect.")
                || className.startsWith("org.junit.") || className.startsWith("org.assertj.");
    }

    private static String indent(String s) {
        return s.replace("\n", "\n  ");
    }
}
