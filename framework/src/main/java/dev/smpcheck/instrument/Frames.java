package dev.smpcheck.instrument;

import java.lang.reflect.Proxy;
import java.util.Iterator;
import java.util.Set;

/**
 * Decides whether the running thread is in an <em>atomic region</em>, where instrumented code takes no schedule point.
 *
 * <p>A thread is in an atomic region when, on its stack, a frame of code that is not instrumented (the JDK, a tool,
 * a class outside the test's scope) lies between two instrumented frames, that is, uninstrumented code called back
 * into instrumented code ({@code map.computeIfAbsent(k, key -> ...)}, {@code list.forEach(...)}); and when a class
 * initialiser ({@code <clinit>}) is on the stack. Such code may hold JDK-internal locks (a map's bin lock, a class's
 * initialisation lock) that another controlled thread would block on in the JVM, so it must finish before anyone else
 * runs. Frames below the lowest instrumented frame (the engine, JUnit's reflection, {@code Thread.run}) do not count.
 * So are {@code synchronized} methods of classes that were retransformed (see {@link SynchronizedMethodVisitor}),
 * which hold a real monitor the model could not take first.
 *
 * <p>Reflection, method handles, dynamic proxies, the JDK's task wrappers ({@code FutureTask.run}, a fork/join task's
 * {@code invoke}) and the linearizability recorder's {@code History.call} are transparent: they only forward a call and
 * hold no lock, so an invocation handler, a reflectively called method, a task's code or a recorded operation gets its
 * points. Blocking operations (taking a held monitor,
 * {@code wait}, {@code join}) still block in an atomic region: there is no other way to go on.
 */
final class Frames {
    /**
     * The linearizability recorder ({@code history.call("inc", counter::inc)}) and its lambdas: it runs the operation
     * holding no lock, so the operation must get its points. Were it opaque, every recorded operation would run
     * atomically and a racy object would look linearizable.
     */
    private static final String HISTORY = "dev.smpcheck.linearizability.History";

    /**
     * The JDK's task wrappers, which run a task's code holding no lock: a {@code FutureTask} and the adapter it wraps a
     * runnable in, a {@code CompletableFuture}'s async task, the {@code submit} of an executor that calls a subclass's
     * {@code execute}, and a fork/join task's own frames ({@code invoke}, {@code doExec}, {@code exec}, and those of
     * the adapted callables and runnables). So a task wrapped by a pool's {@code execute}, a task
     * invoked inside another task's {@code compute}, or one run by a thread that joins it, gets its points.
     */
    private static final Set<String> TASK_WRAPPERS = Set.of("java.util.concurrent.FutureTask",
            "java.util.concurrent.Executors$RunnableAdapter", "java.util.concurrent.AbstractExecutorService",
            "java.util.concurrent.CompletableFuture$AsyncSupply", "java.util.concurrent.CompletableFuture$AsyncRun",
            "java.util.concurrent.RecursiveTask", "java.util.concurrent.RecursiveAction");

    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    private Frames() {}

    /** @return whether the caller is in an atomic region, with instrumented classes judged by {@code scope} */
    static boolean inAtomicRegion(InstrumentScope scope) {
        return WALKER.walk(frames -> scan(frames.iterator(), scope));
    }

    private static boolean scan(Iterator<StackWalker.StackFrame> frames, InstrumentScope scope) {
        boolean opaqueAbove = false;
        while (frames.hasNext()) {
            StackWalker.StackFrame f = frames.next();
            String name = f.getClassName();
            if (name.startsWith("dev.smpcheck.instrument.")) {
                continue;
            }
            if (name.startsWith("dev.smpcheck.schedule.")) {
                // The engine's frames are the bottom of every controlled thread.
                return false;
            }
            if (f.getMethodName().equals("<clinit>") || Transformed.isAtomicMethod(name, f.getMethodName())) {
                return true;
            }
            if (Transformed.contains(name) && scope.includes(name)) {
                if (opaqueAbove) {
                    return true;
                }
            } else if (!transparent(f.getDeclaringClass())) {
                opaqueAbove = true;
            }
        }
        return false;
    }

    private static boolean transparent(Class<?> type) {
        String name = type.getName();
        return name.startsWith("java.lang.reflect.") || name.startsWith("jdk.internal.reflect.")
                || name.startsWith("java.lang.invoke.") || Proxy.isProxyClass(type)
                || name.startsWith(HISTORY) || TASK_WRAPPERS.contains(name)
                || name.startsWith("java.util.concurrent.ForkJoinTask");
    }
}
