package dev.smpcheck.junit;

import dev.smpcheck.instrument.ClassIsolation;
import dev.smpcheck.run.Fixture;
import dev.smpcheck.schedule.ScheduleBody;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * Gives every schedule its own copy of the test's classes ({@code @SmpTest(isolation = CLASSES)}): a new loader of
 * the test's {@link ClassIsolation}, an instance of the fresh test class with its {@code @BeforeEach} methods run, and
 * afterwards its {@code @AfterEach} methods. The test method is looked up on the fresh class by name and parameter
 * types, and called with the arguments JUnit resolved; so those must be of types both copies share, which the
 * constructor checks once, before any schedule, with a loader of its own.
 */
final class IsolatedFixture implements Fixture {
    private final ExtensionContext context;
    private final ClassIsolation isolation;
    private final String className;
    private final String methodName;
    private final Class<?>[] parameterTypes;
    private final Object[] arguments;
    private Object current;
    private List<Method> afterEach = List.of();

    /**
     * @throws SmpConfigurationError when the test class cannot be loaded afresh, or a constructor, test or lifecycle
     *     parameter has a type that would be loaded afresh too
     */
    IsolatedFixture(ExtensionContext context, Method method, List<Object> arguments, String testId) {
        this.context = context;
        Class<?> testClass = context.getRequiredTestClass();
        this.className = testClass.getName();
        this.methodName = method.getName();
        this.parameterTypes = method.getParameterTypes();
        this.arguments = arguments.toArray();
        this.isolation = new ClassIsolation(testClass.getClassLoader());
        String problem = problem(testClass);
        if (problem != null) {
            throw new SmpConfigurationError("@SmpTest(isolation = CLASSES) on " + testId + ": " + problem, null);
        }
    }

    /** @return what keeps the test from running on fresh classes, or {@code null} */
    private String problem(Class<?> testClass) {
        if (testClass.getEnclosingClass() != null && !Modifier.isStatic(testClass.getModifiers())) {
            return className + " is an inner class: a fresh copy of it has no enclosing instance to belong to; "
                    + "make it static or top-level";
        }
        if (!ClassIsolation.reloads(className)) {
            return className + " belongs to the JDK, smpcheck's runtime or the test tooling, whose classes are shared "
                    + "by every schedule and never loaded afresh";
        }
        Class<?> fresh = load(isolation.newLoader());
        if (fresh == testClass) {
            return "the class file of " + className + " cannot be found through its class loader, so it cannot be "
                    + "loaded afresh";
        }
        List<Executable> called = new ArrayList<>();
        called.add(fresh.getDeclaredConstructors()[0]);
        called.add(findMethod(fresh));
        called.addAll(TestFixture.lifecycle(fresh, BeforeEach.class, HierarchyTraversalMode.TOP_DOWN));
        called.addAll(TestFixture.lifecycle(fresh, AfterEach.class, HierarchyTraversalMode.TOP_DOWN));
        for (Executable e : called) {
            for (Class<?> type : e.getParameterTypes()) {
                Class<?> element = type.isArray() ? type.componentType() : type;
                if (element.getClassLoader() == fresh.getClassLoader()) {
                    return e + " has a parameter of type " + type.getName() + ", which is loaded afresh for each "
                            + "schedule, so no argument JUnit resolves can be passed to it; parameters must be of "
                            + "types from the JDK, smpcheck (such as Smp) or the test tooling (such as TestInfo)";
                }
            }
        }
        return null;
    }

    private Class<?> load(ClassLoader loader) {
        try {
            return Class.forName(className, false, loader);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("cannot load " + className + " afresh", e);
        }
    }

    /** By parameter type names: a parameter of a type loaded afresh is a different class on the fresh side. */
    private Method findMethod(Class<?> fresh) {
        List<String> names = typeNames(parameterTypes);
        return ReflectionSupport.findMethods(fresh, m -> m.getName().equals(methodName)
                        && typeNames(m.getParameterTypes()).equals(names), HierarchyTraversalMode.BOTTOM_UP)
                .stream().findFirst().orElseThrow(() -> new IllegalStateException("the fresh copy of " + className
                        + " has no method " + methodName));
    }

    private static List<String> typeNames(Class<?>[] types) {
        return Arrays.stream(types).map(Class::getName).toList();
    }

    @Override
    public ScheduleBody setUp() throws Throwable {
        ClassLoader loader = isolation.newLoader();
        Class<?> fresh = load(loader);
        Constructor<?> constructor = fresh.getDeclaredConstructors()[0];
        Object instance = context.getExecutableInvoker().invoke(constructor);
        current = instance;
        afterEach = TestFixture.lifecycle(fresh, AfterEach.class, HierarchyTraversalMode.BOTTOM_UP);
        for (Method m : TestFixture.lifecycle(fresh, BeforeEach.class, HierarchyTraversalMode.TOP_DOWN)) {
            context.getExecutableInvoker().invoke(m, instance);
        }
        Method method = findMethod(fresh);
        return smp -> {
            // Threads the body starts inherit it, so code that loads by the context loader sees the fresh classes.
            Thread self = Thread.currentThread();
            ClassLoader before = self.getContextClassLoader();
            self.setContextClassLoader(loader);
            try {
                ReflectionSupport.invokeMethod(method, instance, arguments);
            } finally {
                self.setContextClassLoader(before);
            }
        };
    }

    @Override
    public void tearDown() throws Throwable {
        Object instance = current;
        current = null;
        for (Method m : afterEach) {
            context.getExecutableInvoker().invoke(m, instance);
        }
    }
}
