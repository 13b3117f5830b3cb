package dev.smpcheck.strategy;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * What the next step of an option touches, as its schedule point announced it: the basis of partial-order reduction.
 *
 * <p>A <em>step</em> is what a logical thread runs from one schedule point to its next. A point made with
 * {@code Sched.read} or {@code Sched.write} promises that the step after it touches shared state only at one
 * <em>location</em>, an object and a key within it, and only in that way. Two steps are <em>dependent</em> when
 * running them in the other order could give a different result: they touch a common location and at least one writes.
 * Independent steps commute, so a search needs to try only one of their orders.
 *
 * <h2>Locations are deterministic</h2>
 * The engine numbers objects in the order they are first announced in a schedule ({@link #object()}), never by
 * identity hash code, so the same schedule gives the same numbers in every run. The {@link #key()} names the part of
 * the object: a field name, an {@link Integer} array index, or {@code null} for the whole object (which overlaps every
 * key of it). A key must have value-based {@code equals}.
 *
 * <h2>Unknown steps</h2>
 * A plain {@code Sched.point}, a wait, a task's or thread's first step (unless declared local), an interrupt delivery
 * and a step that makes a data choice are {@link Mode#ANY}: dependent with every step, so they are always explored in
 * every order. {@link Mode#LOCAL} steps touch nothing shared; they are independent of every announced step but, like
 * everything, dependent with {@code ANY} steps (an interrupt handler may look at its CPU's state).
 *
 * @param mode how the location is touched, never {@code null}
 * @param object the object's number in this schedule, {@code -1} for {@link Mode#LOCAL} and {@link Mode#ANY}
 * @param key the part of the object, or {@code null} for all of it
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Access(Mode mode, int object, Object key) {

    /** How a step touches shared state. */
    public enum Mode {
        /** Touches nothing another thread can see. */
        LOCAL,
        /** Only reads the location. */
        READ,
        /** Reads and writes the location. */
        WRITE,
        /** Not announced: may touch anything, so it is dependent with every step. */
        ANY
    }

    /** A step that may touch anything. */
    public static final Access ANY = new Access(Mode.ANY, -1, null);

    /** A step that touches nothing shared. */
    public static final Access LOCAL = new Access(Mode.LOCAL, -1, null);

    /** Checks the fields. */
    public Access {
        Objects.requireNonNull(mode, "mode");
        boolean located = mode == Mode.READ || mode == Mode.WRITE;
        if (located != object >= 0) {
            throw new IllegalArgumentException(mode + " access with object number " + object);
        }
    }

    /**
     * @param a a step's access, never {@code null}
     * @param b another step's access, never {@code null}
     * @return whether the two steps may not commute: either is {@link Mode#ANY}, or both touch one location and one of
     *     them writes
     */
    public static boolean dependent(Access a, Access b) {
        if (a.mode == Mode.ANY || b.mode == Mode.ANY) {
            return true;
        }
        if (a.mode == Mode.LOCAL || b.mode == Mode.LOCAL || a.mode == Mode.READ && b.mode == Mode.READ) {
            return false;
        }
        return a.object == b.object && (a.key == null || b.key == null || a.key.equals(b.key));
    }

    @Override
    public String toString() {
        return switch (mode) {
            case LOCAL -> "local";
            case ANY -> "any";
            default -> mode.name().toLowerCase(java.util.Locale.ROOT) + " #" + object + (key == null ? "" : "." + key);
        };
    }
}
