package dev.smpcheck.instrument;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apiguardian.api.API;

/**
 * Loads one test's classes afresh for each of its schedules ({@link Isolation#CLASSES}): every {@link #newLoader()}
 * defines its own copy of each class it {@linkplain #reloads reloads}, so class initialisers run again and no static
 * state, final or not, survives from one schedule into the next.
 *
 * <h2>Which classes are loaded afresh</h2>
 * Every class the parent loader can find as a class file, except the JDK, smpcheck's runtime and the test tooling
 * (the lists of {@link InstrumentScope}): those are shared with the parent, so that {@code Smp}, JUnit's annotations
 * and assertion errors mean the same on both sides. Whether a reloaded class gets schedule points is still the test's
 * scope's decision; reloading does not depend on it, so a class the test leaves uninstrumented does not keep its
 * statics either, and the test class itself is always fresh.
 *
 * <h2>One rewrite per class</h2>
 * The agent rewrites a class the first time one of these loaders defines it, and the loader keeps the rewritten bytes;
 * later loaders define those bytes and the agent leaves them alone. Rewriting again would cost the agent's time for
 * every class in every schedule and register new sites each time; the same bytes also make every schedule, and its
 * replay, run the same instructions.
 *
 * <p>Loaders of one test are made one after another, but any controlled thread may load classes, so the cache is
 * concurrent.
 *
 * @since 0.1
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class ClassIsolation {
    private final ClassLoader parent;
    /** Class files as the agent rewrote them, by binary name. */
    private final Map<String, byte[]> rewritten = new ConcurrentHashMap<>();

    /** @param parent the loader the test's classes come from, which finds their class files */
    public ClassIsolation(ClassLoader parent) {
        this.parent = Objects.requireNonNull(parent, "parent");
    }

    /** @return a loader that defines afresh every class this isolation reloads, for one schedule */
    public ClassLoader newLoader() {
        return new IsolatingClassLoader(parent, this);
    }

    /**
     * @param className a binary class name
     * @return whether loaders of this isolation define their own copy of that class (if the parent has its class
     *     file); otherwise they ask the parent for it
     */
    public static boolean reloads(String className) {
        return !InstrumentScope.isJdk(className) && !InstrumentScope.isRuntime(className)
                && !InstrumentScope.isTooling(className);
    }

    /** @return the class file as the agent rewrote it for an earlier loader, or {@code null} */
    byte[] rewritten(String className) {
        return rewritten.get(className);
    }

    /** The agent rewrote a class one of this isolation's loaders defined. */
    void rewrote(String className, byte[] classFile) {
        rewritten.putIfAbsent(className, classFile);
    }
}
