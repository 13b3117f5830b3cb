package dev.smpcheck.instrument;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The names of the classes the agent has rewritten, so that a stack frame can be told apart from JDK or tool code. */
final class Transformed {
    private static final Set<String> NAMES = ConcurrentHashMap.newKeySet();

    private Transformed() {}

    static void add(String className) {
        NAMES.add(className);
    }

    static boolean contains(String className) {
        return NAMES.contains(className);
    }

    /** @return how many classes were rewritten so far */
    static int count() {
        return NAMES.size();
    }
}
