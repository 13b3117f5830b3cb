package dev.smpcheck.instrument;

import org.apiguardian.api.API;

/**
 * The static methods that instrumented code calls around field updaters and {@code VarHandle}s, and after
 * compare-and-set calls; as with {@link Hooks}, each takes its site last and changes nothing outside a schedule.
 *
 * @since 0.1
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class AtomicHooks {
    private AtomicHooks() {}

    /**
     * After {@code AtomicIntegerFieldUpdater.newUpdater(type, field)} and its kin, in any instrumented method
     * ({@link HandleRecords}): remembers which field the updater works on, which the JDK keeps private.
     *
     * @return {@code updater}
     */
    public static Object updater(Object updater, String field) {
        return HandleLocations.updater(updater, field);
    }
}
