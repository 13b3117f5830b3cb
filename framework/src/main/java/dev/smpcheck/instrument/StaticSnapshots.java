package dev.smpcheck.instrument;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The values that the static fields of instrumented classes had when their class initialisers finished, so that a
 * test can start every schedule from them ({@code @SmpTest(resetStatics = true)}).
 *
 * <h2>What a reset covers</h2>
 * It sets each non-final static field back to the value (a primitive or a reference) it had after {@code <clinit>}. It
 * does not undo changes <em>inside</em> the objects those fields refer to: a static {@code List} that a schedule added
 * to keeps the element, and a static {@code final} map stays as the schedules left it. Classes initialised before the
 * agent was active (retransformed, see {@code docs/instrumentation.md}) have no snapshot and are not reset.
 *
 * <p>Snapshots are taken by whichever thread initialises a class, so the list is concurrent; it only grows.
 */
final class StaticSnapshots {
    private record Snapshot(Field field, Object value) {}

    private static final Queue<Snapshot> SNAPSHOTS = new ConcurrentLinkedQueue<>();

    private StaticSnapshots() {}

    /** At the end of {@code type}'s class initialiser: remembers its non-final static fields' values. */
    static void take(Class<?> type) {
        if (type.getClassLoader() instanceof IsolatingClassLoader) {
            // Loaded afresh for one schedule: nothing to reset, and a snapshot would keep its loader alive.
            return;
        }
        for (Field f : type.getDeclaredFields()) {
            int modifiers = f.getModifiers();
            if (!Modifier.isStatic(modifiers) || Modifier.isFinal(modifiers)) {
                continue;
            }
            try {
                f.setAccessible(true);
                SNAPSHOTS.add(new Snapshot(f, f.get(null)));
            } catch (RuntimeException | IllegalAccessException inaccessible) {
                // A field that reflection may not touch cannot be reset either; it keeps its value.
            }
        }
    }

    /** Sets the static fields of the classes in {@code scope} back to their snapshots. */
    static void restore(InstrumentScope scope) {
        for (Snapshot s : SNAPSHOTS) {
            if (scope.includes(s.field.getDeclaringClass().getName())) {
                try {
                    s.field.set(null, s.value);
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException("cannot reset static field " + s.field, e);
                }
            }
        }
    }
}
