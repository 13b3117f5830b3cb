package dev.smpcheck.trace;

import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * Finds the repeating part at the end of a trace, which is what a livelock report shows instead of the whole trace.
 *
 * @since 0.1
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class Cycles {
    private Cycles() {}

    /**
     * @param events the trace's events
     * @param repeats how many times the cycle must repeat at the end, at least 2
     * @return the length of the shortest cycle that repeats {@code repeats} times at the end, or 0 if none
     */
    public static int period(List<Event> events, int repeats) {
        int n = events.size();
        for (int p = 1; p * repeats <= n; p++) {
            if (repeatsAtEnd(events, p, repeats)) {
                return p;
            }
        }
        return 0;
    }

    private static boolean repeatsAtEnd(List<Event> events, int p, int repeats) {
        int n = events.size();
        for (int i = n - p * repeats; i < n - p; i++) {
            if (!same(events.get(i), events.get(i + p))) {
                return false;
            }
        }
        return true;
    }

    private static boolean same(Event a, Event b) {
        return a.actor() == b.actor() && a.kind() == b.kind() && Objects.equals(a.text(), b.text())
                && Objects.equals(a.location(), b.location());
    }
}
