package dev.smpcheck.junit.lincheck;

import dev.smpcheck.check.Violation;
import dev.smpcheck.junit.SmpConfigurationError;
import dev.smpcheck.run.ConfigurationException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jetbrains.lincheck.datastructures.Operation;

/**
 * A validated {@link LincheckTest}: every number in range and both classes usable by Lincheck, checked before Lincheck
 * starts so that a mistake reads as a configuration error instead of a reflective exception from inside Lincheck.
 *
 * <p>Loaded only after {@link LincheckAvailability#require}: it names Lincheck's {@link Operation} annotation.
 *
 * @param testId the test, {@code Class#method}
 * @param mode the exploration mode
 * @param operations the class with the {@code @Operation} methods
 * @param sequentialSpecification the sequential model, possibly {@code operations} itself
 * @param threads threads in the parallel part
 * @param actorsPerThread operations per thread
 * @param actorsBefore operations before the parallel part
 * @param actorsAfter operations after it
 * @param iterations scenarios
 * @param invocations invocations per scenario, at most
 * @param minimize whether Lincheck shrinks a failing scenario
 * @param expected the kinds that invert the verdict, empty for a normal test
 */
record LincheckConfig(String testId, LincheckTest.Mode mode, Class<?> operations, Class<?> sequentialSpecification,
        int threads, int actorsPerThread, int actorsBefore, int actorsAfter, int iterations, int invocations,
        boolean minimize, Set<Violation> expected) {

    /**
     * @param test the annotation, never {@code null}
     * @param testClass the class declaring the test method, the default operations class
     * @param testId the test, {@code Class#method}
     * @throws SmpConfigurationError naming the attribute, the value and what is allowed
     */
    static LincheckConfig from(LincheckTest test, Class<?> testClass, String testId) {
        try {
            range("threads", test.threads(), 1, LincheckDefaults.MAX_THREADS);
            range("actorsPerThread", test.actorsPerThread(), 1, Integer.MAX_VALUE);
            range("actorsBefore", test.actorsBefore(), 0, Integer.MAX_VALUE);
            range("actorsAfter", test.actorsAfter(), 0, Integer.MAX_VALUE);
            range("iterations", test.iterations(), 1, Integer.MAX_VALUE);
            range("invocations", test.invocations(), 1, Integer.MAX_VALUE);
            boolean defaulted = test.operations() == void.class;
            Class<?> operations = defaulted ? testClass : test.operations();
            String shown = operations.getName() + ".class" + (defaulted ? " (the default: the test class)" : "");
            List<Method> ops = operationsOf("operations", shown, operations);
            Class<?> spec = operations;
            if (test.sequentialSpecification() != void.class) {
                spec = test.sequentialSpecification();
                instantiable("sequentialSpecification", spec.getName() + ".class", spec);
                matches(spec, ops);
            }
            Set<Violation> expected = test.expect().length == 0 ? EnumSet.noneOf(Violation.class)
                    : EnumSet.copyOf(Arrays.asList(test.expect()));
            return new LincheckConfig(testId, test.mode(), operations, spec, test.threads(), test.actorsPerThread(),
                    test.actorsBefore(), test.actorsAfter(), test.iterations(), test.invocations(), test.minimize(),
                    expected);
        } catch (ConfigurationException e) {
            throw new SmpConfigurationError("@LincheckTest(" + e.setting() + " = " + e.value() + ") on " + testId + " "
                    + e.problem(), e);
        }
    }

    /**
     * @return the mode and budget with the attribute names, such as {@code model checking (threads 2,
     *     actorsPerThread 3, actorsBefore 2, actorsAfter 2, iterations 20, invocations 1,000)}
     */
    String describe() {
        return String.format(Locale.ROOT, "%s (threads %d, actorsPerThread %d, actorsBefore %d, actorsAfter %d, "
                + "iterations %,d, invocations %,d)", modeName(), threads, actorsPerThread, actorsBefore, actorsAfter,
                iterations, invocations);
    }

    /** @return {@code model checking} or {@code stress} */
    String modeName() {
        return mode == LincheckTest.Mode.STRESS ? "stress" : "model checking";
    }

    private static void range(String setting, int value, int min, int max) {
        if (value < min || value > max) {
            String allowed = max == Integer.MAX_VALUE ? setting + " must be at least " + min
                    : setting + " must be between " + min + " and " + max;
            throw new ConfigurationException(setting, Integer.toString(value), "is out of range: " + allowed);
        }
    }

    /** @return the class's operation methods, after checking that Lincheck can instantiate it and call them */
    private static List<Method> operationsOf(String setting, String shown, Class<?> type) {
        instantiable(setting, shown, type);
        List<Method> ops = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Method m : c.getDeclaredMethods()) {
                if (m.isAnnotationPresent(Operation.class)) {
                    if (!Modifier.isPublic(m.getModifiers())) {
                        throw unusable(setting, shown, "its @Operation method " + m.getName()
                                + " must be public (Lincheck calls it reflectively)");
                    }
                    ops.add(m);
                }
            }
        }
        if (ops.isEmpty()) {
            throw unusable(setting, shown, type.getName() + " has no @Operation method "
                    + "(org.jetbrains.lincheck.datastructures.Operation) to check");
        }
        return ops;
    }

    private static void instantiable(String setting, String shown, Class<?> type) {
        int mods = type.getModifiers();
        if (type.isInterface() || type.isPrimitive() || type.isArray() || Modifier.isAbstract(mods)) {
            throw unusable(setting, shown, type.getName() + " must be a concrete class");
        }
        if (type.isLocalClass() || type.isAnonymousClass() || (type.isMemberClass() && !Modifier.isStatic(mods))) {
            throw unusable(setting, shown, type.getName() + " must be top-level or a static nested class");
        }
        if (!Modifier.isPublic(mods)) {
            throw unusable(setting, shown, type.getName() + " must be public (Lincheck instantiates it reflectively)");
        }
        try {
            type.getConstructor();
        } catch (NoSuchMethodException e) {
            throw unusable(setting, shown, type.getName() + " must have a public no-argument constructor");
        }
    }

    private static void matches(Class<?> spec, List<Method> ops) {
        for (Method op : ops) {
            try {
                spec.getMethod(op.getName(), op.getParameterTypes());
            } catch (NoSuchMethodException e) {
                String signature = op.getName() + Arrays.stream(op.getParameterTypes()).map(Class::getSimpleName)
                        .reduce((a, b) -> a + ", " + b).map(p -> "(" + p + ")").orElse("()");
                throw unusable("sequentialSpecification", spec.getName() + ".class", spec.getName()
                        + " has no public method " + signature + " to match the operation of the same name");
            }
        }
    }

    private static ConfigurationException unusable(String setting, String shown, String why) {
        return new ConfigurationException(setting, shown, "is not usable: " + why);
    }
}
