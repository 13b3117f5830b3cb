package dev.smpcheck.junit;

import dev.smpcheck.run.Fixture;
import dev.smpcheck.schedule.ScheduleBody;
import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;

/**
 * Gives every schedule a fresh test instance. The first schedule uses the instance JUnit made (whose
 * {@code @BeforeEach} methods JUnit already ran); every later one gets a new instance with {@code @BeforeEach} run on
 * it. Each schedule's {@code @AfterEach} methods run right after it, so JUnit's own final {@code @AfterEach} call on the
 * first instance is skipped by {@link SmpExtension}.
 */
final class TestFixture implements Fixture {
    private final ExtensionContext context;
    private final Object firstInstance;
    private final Method method;
    private final Object[] arguments;
    private final List<Method> beforeEach;
    private final List<Method> afterEach;
    private Object current;
    private boolean firstHandedOut;
    private boolean firstTornDown;

    TestFixture(ExtensionContext context, Object firstInstance, Method method, List<Object> arguments) {
        this.context = context;
        this.firstInstance = firstInstance;
        this.method = method;
        this.arguments = arguments.toArray();
        Class<?> testClass = firstInstance.getClass();
        this.beforeEach = lifecycle(testClass, BeforeEach.class, HierarchyTraversalMode.TOP_DOWN);
        this.afterEach = lifecycle(testClass, AfterEach.class, HierarchyTraversalMode.BOTTOM_UP);
    }

    /** @return the instance methods of {@code type} with that lifecycle annotation, in the order JUnit runs them */
    static List<Method> lifecycle(Class<?> type, Class<? extends Annotation> annotation,
            HierarchyTraversalMode mode) {
        return AnnotationSupport.findAnnotatedMethods(type, annotation, mode).stream()
                .filter(m -> !Modifier.isStatic(m.getModifiers()))
                .toList();
    }

    @Override
    public ScheduleBody setUp() throws Throwable {
        if (!firstHandedOut) {
            firstHandedOut = true;
            current = firstInstance;
        } else {
            current = newInstance();
            for (Method m : beforeEach) {
                context.getExecutableInvoker().invoke(m, current);
            }
        }
        Object instance = current;
        return smp -> ReflectionSupport.invokeMethod(method, instance, arguments);
    }

    @Override
    public void tearDown() throws Throwable {
        Object instance = current;
        current = null;
        if (instance == firstInstance) {
            firstTornDown = true;
        }
        for (Method m : afterEach) {
            context.getExecutableInvoker().invoke(m, instance);
        }
    }

    /** @return whether the instance JUnit made has had its {@code @AfterEach} methods run by this fixture */
    boolean firstInstanceTornDown() {
        return firstTornDown;
    }

    private Object newInstance() {
        Class<?> type = firstInstance.getClass();
        Constructor<?>[] constructors = type.getDeclaredConstructors();
        Constructor<?> constructor = constructors[0];
        Object outer = null;
        if (type.getEnclosingClass() != null && !Modifier.isStatic(type.getModifiers())) {
            List<Object> enclosing = context.getRequiredTestInstances().getEnclosingInstances();
            outer = enclosing.get(enclosing.size() - 1);
        }
        return context.getExecutableInvoker().invoke(constructor, outer);
    }
}
