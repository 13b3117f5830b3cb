package dev.smpcheck.linearizability;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.apiguardian.api.API;

/**
 * A {@link SequentialSpec} backed by a plain, mutable Java model: operation {@code enq(5)} calls the model's method
 * {@code enq} with argument 5 on a copy of the current model, and what it returns (or throws) is the expected outcome.
 *
 * <pre>{@code
 * record QueueModel(LinkedList<Integer> items) {  // a record of a List: equals and hashCode compare content
 *     QueueModel() { this(new LinkedList<>()); }
 *     QueueModel copy() { return new QueueModel(new LinkedList<>(items)); }
 *     void enq(int x) { items.addLast(x); }
 *     Integer deq() { return items.pollFirst(); }
 * }
 * SequentialSpec<QueueModel> spec = ModelSpec.of(QueueModel::new, QueueModel::copy);
 * }</pre>
 *
 * <h2>Requirements</h2>
 * <ul>
 *   <li>The model class overrides {@code equals} and {@code hashCode} to compare content (checked when the
 *       specification is made): the checker memoizes search states by model state.</li>
 *   <li>{@code copy} returns a new, independent object equal to its argument; the model is never changed in place
 *       after it was copied.</li>
 *   <li>For each operation name and number of arguments there is exactly one method (public or not, declared in the
 *       model class or a superclass). Primitive parameters take boxed arguments, as in reflection.</li>
 *   <li>A method that throws an {@link Exception} expects the recorded operation to throw an instance of the same
 *       class; an {@link Error} thrown by the model is a bug in the model and propagates.</li>
 * </ul>
 *
 * @param <M> the model type
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ModelSpec<M> implements SequentialSpec<M> {
    private final Supplier<M> fresh;
    private final UnaryOperator<M> copy;
    private final Class<?> type;
    /** Resolved methods by {@code name/arity}; concurrent because one specification may serve parallel checks. */
    private final Map<String, Method> methods = new ConcurrentHashMap<>();

    private ModelSpec(Supplier<M> fresh, UnaryOperator<M> copy) {
        this.fresh = fresh;
        this.copy = copy;
        this.type = Objects.requireNonNull(fresh.get(), "the model supplier returned null").getClass();
        requireValueEquality(type);
    }

    /**
     * @param fresh makes a model in its initial state, never {@code null}
     * @param copy makes an independent copy of a model, never {@code null}
     * @param <M> the model type
     * @return the specification
     * @throws IllegalArgumentException when the model class does not override {@code equals} and {@code hashCode}
     */
    public static <M> ModelSpec<M> of(Supplier<M> fresh, UnaryOperator<M> copy) {
        return new ModelSpec<>(Objects.requireNonNull(fresh, "fresh"), Objects.requireNonNull(copy, "copy"));
    }

    @Override
    public M initialState() {
        return fresh.get();
    }

    @Override
    public Transition<M> apply(M state, Operation op) {
        Method method = methods.computeIfAbsent(op.name() + "/" + op.args().size(), k -> resolve(op));
        M next = copy.apply(state);
        if (next == state || next == null) {
            throw new IllegalStateException("the copy function of model " + type.getName() + " returned "
                    + (next == null ? "null" : "the same object") + "; it must return a new, equal model");
        }
        try {
            return Transition.returns(next, method.invoke(next, op.args().toArray()));
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception failure) {
                return Transition.throwing(next, failure.getClass());
            }
            throw (Error) e.getCause();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot call model method " + signature(method) + " for "
                    + op.call() + ": the argument types do not match", e);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot call model method " + signature(method) + ": " + e.getMessage(),
                    e);
        }
    }

    private Method resolve(Operation op) {
        int arity = op.args().size();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            List<Method> found = new ArrayList<>();
            for (Method m : c.getDeclaredMethods()) {
                if (m.getName().equals(op.name()) && m.getParameterCount() == arity && !m.isSynthetic()
                        && !Modifier.isStatic(m.getModifiers())) {
                    found.add(m);
                }
            }
            if (found.size() > 1) {
                throw new IllegalArgumentException("model " + type.getName() + " has " + found.size()
                        + " methods " + op.name() + " with " + arity + " parameter(s); the operation " + op.call()
                        + " must name exactly one, so rename the overloads");
            }
            if (found.size() == 1) {
                Method m = found.get(0);
                try {
                    m.setAccessible(true);
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException("model method " + signature(m) + " cannot be made accessible ("
                            + e.getMessage() + "); make the model class and method public", e);
                }
                return m;
            }
        }
        throw new IllegalArgumentException("model " + type.getName() + " has no method " + op.name() + " with "
                + arity + " parameter(s) for the recorded operation " + op.call());
    }

    private static void requireValueEquality(Class<?> type) {
        try {
            boolean equals = type.getMethod("equals", Object.class).getDeclaringClass() != Object.class;
            boolean hashCode = type.getMethod("hashCode").getDeclaringClass() != Object.class;
            if (!equals || !hashCode) {
                throw new IllegalArgumentException("model " + type.getName() + " must override equals and hashCode "
                        + "to compare content: the checker remembers explored model states, and identity equality "
                        + "would make it revisit every state (a record does this for you)");
            }
        } catch (NoSuchMethodException e) {
            throw new AssertionError("every class has equals and hashCode", e);
        }
    }

    private static String signature(Method m) {
        return m.getDeclaringClass().getSimpleName() + "." + m.getName() + List.of(m.getParameterTypes()).stream()
                .map(Class::getSimpleName).toList().toString().replace('[', '(').replace(']', ')');
    }
}
