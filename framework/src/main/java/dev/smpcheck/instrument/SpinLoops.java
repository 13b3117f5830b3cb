package dev.smpcheck.instrument;

import dev.smpcheck.check.Violation;
import dev.smpcheck.schedule.JvmControl;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Turns busy-waiting into waiting. A thread that reads the same location at the same instruction a second time, having
 * done nothing since the first time but read locations that nobody has written since (no write, no other schedule
 * point, no call into code that announces nothing), is going round a loop whose every turn will be the same until some
 * other thread writes one of those locations. So it is not enabled until then: {@code while (!ready) {}} costs one
 * wait instead of a schedule point per turn, and never reaches the step bound.
 *
 * <h2>What the detection cannot see</h2>
 * Local variables. A loop that gives up after a number of turns counted in a local ({@code for (int i = 0; i < 100
 * && !ready; i++)}) looks the same as one that never gives up. So the wait is <em>timed</em>: when no other thread can
 * run, the spinner goes on, as a timed wait would, and such a loop ends. When spinners go on in this way
 * {@value #FRUITLESS_LIMIT} times in a row and nobody writes anything, they spin forever and the schedule ends as a
 * {@link Violation#LIVELOCK} that names what each one re-reads.
 *
 * <h2>Versions</h2>
 * Every location that instrumented code wrote in this schedule has a version, raised by each write. A write that the
 * runtime cannot place (through reflection, an updater or a {@code VarHandle} of unknown location, code outside the
 * test's scope) raises a global epoch instead, which counts as a write of every location. A compare-and-set that
 * failed wrote nothing: it counts as a read, so a loop that retries it is a spin like any other.
 */
final class SpinLoops {
    /** Fruitless resumptions of spinners in a row after which they are reported as spinning forever. */
    static final int FRUITLESS_LIMIT = 256;

    /** One location: an object (by identity) and a key within it. */
    private record Location(Object object, Object key) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Location l && l.object == object && Objects.equals(l.key, key);
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(object) * 31 + Objects.hashCode(key);
        }
    }

    /** A read of a thread's current turn: where, what, and the version it saw. */
    private record Read(int site, Location location, int version) {}

    /** The reads a thread has made since it last did anything else. */
    private static final class Window {
        final List<Read> reads = new ArrayList<>();
        /** The thread's resume count after its latest read; any other point since then ends the window. */
        long mark = -1;
        long epoch;
    }

    private final Map<Location, Integer> versions = new LinkedHashMap<>();
    private final Map<JavaThread, Window> windows = new IdentityHashMap<>();
    /** The spinners waiting now, with what they re-read, in the order they began to wait. */
    private final Map<JavaThread, List<Read>> waiting = new LinkedHashMap<>();
    private long epoch;
    private int fruitless;

    /**
     * Before a read: whether the thread is spinning, so that it should wait for a write instead of reading again.
     *
     * @param me the running thread
     * @param site the read's instruction
     * @param object the location's object
     * @param key the location's key
     */
    boolean spinning(JavaThread me, int site, Object object, Object key) {
        Window w = windows.get(me);
        if (w == null || !unchanged(w, JvmControl.resumes())) {
            return false;
        }
        Location here = new Location(object, key);
        for (Read r : w.reads) {
            if (r.site == site && r.location.equals(here)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Waits until something the spinner read is written, or, when nothing else can run, goes on (see the class
     * comment). A schedule point.
     *
     * @param what names the locations for the trace, such as {@code a write of ready}
     * @param on the object of the repeated read, named in the trace
     */
    void await(JavaThread me, String what, Object on) {
        Window w = windows.get(me);
        long seenEpoch = w.epoch;
        List<Read> reads = List.copyOf(w.reads);
        waiting.put(me, reads);
        boolean written;
        try {
            written = JvmControl.await(what, on, () -> epoch != seenEpoch || anyWritten(reads),
                    () -> "re-reads " + describe(reads) + ", which nobody has written since", null, () -> true);
        } finally {
            waiting.remove(me);
        }
        if (written) {
            fruitless = 0;
        } else if (++fruitless > FRUITLESS_LIMIT) {
            waiting.put(me, reads);
            throw JvmControl.fail(Violation.LIVELOCK, "the threads that can still run spin forever, re-reading what "
                    + "no thread writes: " + describeSpinners() + "; they went on " + FRUITLESS_LIMIT
                    + " times when nothing else could run, and nothing changed");
        }
    }

    /** After a read's point: adds it to the thread's turn, or starts a new turn if anything happened in between. */
    void read(JavaThread me, int site, Object object, Object key) {
        Window w = windows.computeIfAbsent(me, t -> new Window());
        long resumes = JvmControl.resumes();
        if (!unchanged(w, resumes - 1)) {
            w.reads.clear();
            w.epoch = epoch;
        }
        Location l = new Location(object, key);
        w.reads.add(new Read(site, l, versions.getOrDefault(l, 0)));
        w.mark = resumes;
    }

    /** A write by {@code me} of a known location (after its point): new version, and {@code me} made progress. */
    void wrote(JavaThread me, Object object, Object key) {
        versions.merge(new Location(object, key), 1, Integer::sum);
        fruitless = 0;
        forget(me);
    }

    /** A write of an unknown location: every spinner must look again. */
    void wroteSomething() {
        epoch++;
        fruitless = 0;
    }

    /** {@code me} did something other than a read, such as calling the JDK: its turn is not a pure re-read. */
    void forget(JavaThread me) {
        Window w = windows.get(me);
        if (w != null) {
            w.reads.clear();
            w.mark = -1;
        }
    }

    /** A pause ({@code sleep}, {@code yield}) passed a point but changed nothing: the turn goes on. */
    void paused(JavaThread me) {
        Window w = windows.get(me);
        if (w != null && w.mark == JvmControl.resumes() - 1) {
            w.mark++;
        }
    }

    /** @return whether the thread did nothing but read since its latest read and nobody wrote what it read */
    private boolean unchanged(Window w, long expectedMark) {
        return w.mark == expectedMark && w.epoch == epoch && !anyWritten(w.reads);
    }

    private boolean anyWritten(List<Read> reads) {
        for (Read r : reads) {
            if (versions.getOrDefault(r.location, 0) != r.version) {
                return true;
            }
        }
        return false;
    }

    private String describeSpinners() {
        List<String> parts = new ArrayList<>();
        waiting.forEach((t, reads) -> parts.add(t.name + " re-reads " + describe(reads)));
        return String.join("; ", parts);
    }

    /** @return how the location a site reads is named: a field, a static field as {@code Class.field}, ... */
    static String name(Sites.Site site, Object key) {
        String s = site.staticField();
        if (s != null) {
            return s.substring(s.lastIndexOf('.', s.lastIndexOf('.') - 1) + 1);
        }
        if (site.field() != null) {
            return site.field();
        }
        // A VarHandle's or an updater's field is named by its key; an atomic variable is a value as a whole.
        return key instanceof String field ? field : key != null ? "element " + key : "the value";
    }

    private static String describe(List<Read> reads) {
        List<String> names = new ArrayList<>();
        for (Read r : reads) {
            Sites.Site site = Sites.get(r.site);
            String where = site.staticField() != null ? name(site, r.location.key)
                    : name(site, r.location.key) + " of " + r.location.object.getClass().getSimpleName();
            if (!names.contains(where)) {
                names.add(where);
            }
        }
        return String.join(", ", names);
    }
}
