package dev.smpcheck.trace;

import java.util.IdentityHashMap;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * Gives objects in a trace names that are the same in every run.
 *
 * <p>{@code Object.toString()} prints identity hash codes, which differ from run to run and would make two traces of
 * the same schedule differ. Objects whose class does not override {@code toString} (and lambdas, whose class names
 * carry addresses) are named {@code Type#n} in order of first appearance instead.
 *
 * @since 0.1
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class Names {
    private final Map<Object, String> assigned = new IdentityHashMap<>();
    private final Map<String, Integer> counters = new java.util.HashMap<>();

    /**
     * @param o any object or {@code null}
     * @return a stable name
     */
    public String of(Object o) {
        if (o == null) {
            return "null";
        }
        Class<?> type = o.getClass();
        if (!type.isHidden() && overridesToString(type)) {
            return String.valueOf(o);
        }
        return assigned.computeIfAbsent(o, k -> {
            String base = type.isHidden() || type.isSynthetic() ? "lambda" : type.getSimpleName();
            if (base.isEmpty()) {
                base = "object";
            }
            int n = counters.merge(base, 1, Integer::sum);
            return base + "#" + n;
        });
    }

    private static boolean overridesToString(Class<?> type) {
        try {
            return type.getMethod("toString").getDeclaringClass() != Object.class;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }
}
