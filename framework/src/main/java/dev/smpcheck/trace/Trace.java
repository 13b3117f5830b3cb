package dev.smpcheck.trace;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apiguardian.api.API;

/**
 * The full trace of one schedule: named actors (columns) and the events in the total order they happened.
 *
 * <p>The search runs without one (it keeps only a {@link ChoiceLog}); a trace is made by replaying a schedule that
 * failed, so the cost of locations and texts is paid once per report.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Trace {
    private final List<String> actors = new ArrayList<>();
    private final List<Event> events = new ArrayList<>();

    /**
     * @param index the actor index, equal to the number of actors added so far
     * @param name a display name such as {@code CPU0}
     */
    public void addActor(int index, String name) {
        if (index != actors.size()) {
            throw new IllegalArgumentException("actor " + index + " added out of order");
        }
        actors.add(name);
    }

    /** @param event appended at the end, never {@code null} */
    public void add(Event event) {
        events.add(event);
    }

    /** @return the actor names, by index */
    public List<String> actors() {
        return Collections.unmodifiableList(actors);
    }

    /** @return the events in order */
    public List<Event> events() {
        return Collections.unmodifiableList(events);
    }
}
