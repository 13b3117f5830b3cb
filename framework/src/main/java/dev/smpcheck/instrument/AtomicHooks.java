package dev.smpcheck.instrument;

import org.apiguardian.api.API;

/**
 * The static methods that instrumented code calls around the calls of field updaters and {@code VarHandle}s, and of
 * atomic variables that compare and set ({@link AtomicAccesses}); as with {@link Hooks}, each takes its site last and
 * changes nothing outside a schedule. A hook that announces a location is a schedule point before the call; one that
 * cannot name the location is a point that announces nothing.
 *
 * <p>The hooks given the call as an array ({@code call}: the receiver, then the arguments) return it, for the code
 * that puts its values back on the stack. {@code kind} is {@link AtomicAccesses#READ}, {@link AtomicAccesses#WRITE} or
 * {@link AtomicAccesses#CAS}.
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

    /** Before an atomic variable's compare-and-set with a {@code boolean} result, such as {@code compareAndSet}. */
    public static void atomicCas(Object atomic, int site) {
        JvmState s = JvmState.at(site);
        if (s != null) {
            s.access(site, new HandleLocations.Location(atomic, null, null), AtomicAccesses.CAS);
        }
    }

    /** After any compare-and-set whose hook announced it: whether it wrote. */
    public static void casDone(boolean succeeded, int site) {
        JvmState s = JvmState.at(site);
        if (s != null) {
            s.casDone(site, succeeded);
        }
    }

    /** Before an atomic variable's call with more arguments than can be copied past, such as {@code AtomicLong}'s CAS. */
    public static Object[] atomic(Object[] call, int kind, int site) {
        JvmState s = JvmState.at(site);
        if (s != null) {
            s.access(site, new HandleLocations.Location(call[0], null, null), kind);
        }
        return call;
    }

    /** Before a field updater's call: its updater, then the object whose field it works on, then the values. */
    public static Object[] updater(Object[] call, int kind, int site) {
        JvmState s = JvmState.at(site);
        if (s != null) {
            s.access(site, HandleLocations.ofUpdater(call), kind);
        }
        return call;
    }

    /**
     * Before a {@code VarHandle}'s access-mode call: its handle, then its coordinates, then the values.
     *
     * @param shape the kind in the low two bits, above them the number of coordinates the call passes
     */
    public static Object[] varHandle(Object[] call, int shape, int site) {
        JvmState s = JvmState.at(site);
        if (s != null) {
            s.access(site, HandleLocations.ofHandle(call, shape >> 2), shape & 3);
        }
        return call;
    }
}
