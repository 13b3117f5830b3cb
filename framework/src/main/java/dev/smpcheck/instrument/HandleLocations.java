package dev.smpcheck.instrument;

import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDesc;
import java.lang.invoke.VarHandle;
import java.lang.invoke.VarHandle.VarHandleDesc;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;

/**
 * Which location a field updater's or a {@code VarHandle}'s call touches, named as the field and array hooks name it
 * (so that a {@code VarHandle} CAS and a plain read of the same field are one location): an object and the field's
 * simple name, an array and an {@link Integer} index, or a static field.
 *
 * <p>An updater keeps its field private, so instrumented code reports it when it makes the updater
 * ({@link HandleRecords}). A {@code VarHandle} describes itself ({@link VarHandle#describeConstable()}): a field's
 * handle names its class and field; the number of coordinates says whether the field is static. An array element's
 * handle is known by its coordinates, an array and an {@code int} index, and a value of the array's component type
 * (which a byte array view has not). Anything else, such as a handle the JDK made by combining others, has no known
 * location.
 */
final class HandleLocations {
    /** Field updaters made by instrumented code, to the name of their field. */
    private static final Map<Object, String> UPDATERS = Collections.synchronizedMap(new WeakHashMap<>());
    /** What each field handle that was used names, or nothing; only holds names, so the handle can go. */
    private static final Map<VarHandle, Optional<Field>> FIELDS = Collections.synchronizedMap(new WeakHashMap<>());

    /**
     * A location as a hook announces it.
     *
     * @param object the object, or {@code null} for a static field
     * @param key the field's name or the element's index
     * @param staticField a static field as {@code com.acme.Config.count}, or {@code null}
     */
    record Location(Object object, Object key, String staticField) {}

    /** A field that a handle names: its class's binary name and its own name. */
    private record Field(String className, String name) {}

    private HandleLocations() {}

    /** Records the field of {@code updater}. @return {@code updater} */
    static Object updater(Object updater, String field) {
        if (updater != null && field != null) {
            UPDATERS.put(updater, field);
        }
        return updater;
    }

    /**
     * @param call the updater, then the call's arguments, the first of which is the object whose field it works on
     * @return where the call touches, or {@code null} when the updater was not made by instrumented code
     */
    static Location ofUpdater(Object[] call) {
        String field = call[1] == null ? null : UPDATERS.get(call[0]);
        return field == null ? null : new Location(call[1], field, null);
    }

    /**
     * @param call the handle, then the call's arguments
     * @param coordinates how many of the arguments are coordinates, as the call's access mode says
     * @return where the call touches, or {@code null} when that is not known
     */
    static Location ofHandle(Object[] call, int coordinates) {
        if (!(call[0] instanceof VarHandle handle)) {
            return null;
        }
        List<Class<?>> types = handle.coordinateTypes();
        if (types.size() != coordinates) {
            return null; // the call does not fit the handle, and throws
        }
        if (coordinates == 2) {
            Class<?> array = types.get(0);
            boolean element = array.isArray() && types.get(1) == int.class
                    && handle.varType() == array.getComponentType();
            return element && call[1] != null && call[2] instanceof Integer ? new Location(call[1], call[2], null)
                    : null;
        }
        Field f = field(handle);
        if (f == null) {
            return null;
        }
        if (coordinates == 0) {
            return new Location(null, f.name(), f.className() + "." + f.name());
        }
        return types.get(0).isInstance(call[1]) ? new Location(call[1], f.name(), null) : null;
    }

    private static Field field(VarHandle handle) {
        return FIELDS.computeIfAbsent(handle, h -> h.describeConstable().flatMap(d -> Optional.ofNullable(field(d))))
                .orElse(null);
    }

    /**
     * A field handle's description is the constant that {@code ConstantBootstraps.fieldVarHandle} (or
     * {@code staticFieldVarHandle}) resolves: its name is the field's, its first bootstrap argument the class that
     * declares it.
     */
    private static Field field(VarHandleDesc d) {
        List<ConstantDesc> args = d.bootstrapArgsList();
        if (args.isEmpty() || !(args.get(0) instanceof ClassDesc owner) || !owner.isClassOrInterface()) {
            return null;
        }
        String type = owner.descriptorString();
        return new Field(type.substring(1, type.length() - 1).replace('/', '.'), d.constantName());
    }
}
