package dev.smpcheck.instrument;

import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/** Which location a field updater's or a {@code VarHandle}'s call touches. */
final class HandleLocations {
    /** Field updaters made by instrumented code, to the name of their field. */
    private static final Map<Object, String> UPDATERS = Collections.synchronizedMap(new WeakHashMap<>());

    private HandleLocations() {}

    static Object updater(Object updater, String field) {
        if (updater != null) {
            UPDATERS.put(updater, field);
        }
        return updater;
    }

    /** @return the name of the updater's field, or {@code null} when instrumented code did not make it */
    static String field(Object updater) {
        return UPDATERS.get(updater);
    }
}
