package dev.smpcheck.instrument;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The names of the classes the agent has rewritten, so that a stack frame can be told apart from JDK or tool code;
 * and the {@code synchronized} methods that were retransformed, which run atomically (see {@link Frames}).
 */
final class Transformed {
    private static final Set<String> NAMES = ConcurrentHashMap.newKeySet();
    private static final Set<String> ATOMIC_METHODS = ConcurrentHashMap.newKeySet();

    private Transformed() {}

    static void add(String className) {
        NAMES.add(className);
    }

    static boolean contains(String className) {
        return NAMES.contains(className);
    }

    /** Records a {@code synchronized} method whose class was retransformed, so it kept its real monitor entry. */
    static void atomicMethod(String className, String methodName) {
        ATOMIC_METHODS.add(className + "#" + methodName);
    }

    /** @return whether the method (any overload of that name) must run atomically */
    static boolean isAtomicMethod(String className, String methodName) {
        return !ATOMIC_METHODS.isEmpty() && ATOMIC_METHODS.contains(className + "#" + methodName);
    }

    /** @return how many classes were rewritten so far */
    static int count() {
        return NAMES.size();
    }
}
