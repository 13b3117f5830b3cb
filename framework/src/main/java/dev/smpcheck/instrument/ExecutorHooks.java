package dev.smpcheck.instrument;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apiguardian.api.API;

/**
 * The static methods that instrumented code calls in place of executor and future methods ({@link JucRewrites}); as
 * with {@link Hooks}, each takes its site last and does exactly what the call does outside a schedule.
 *
 * <p>Under control: the {@code Executors} factories' pools are {@link ControlledPool}s and
 * {@link ControlledForkJoinPool}s, whose tasks run on controlled threads; {@code CompletableFuture}'s async methods
 * without an executor use the schedule's common pool ({@link #COMMON_POOL}), which has no limit on its workers (the JDK
 * sizes its common pool by the machine's processors, which would make the search depend on the machine); a task
 * handed to a JDK pool the model does not run fails at once with a message that says why; and {@code get}/{@code join}
 * on a JDK future that is not done wait in the model until it is. {@link ForkJoinHooks} has the fork/join calls.
 *
 * @since 0.1
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class ExecutorHooks {
    /**
     * Under control, the common pool: what {@code ForkJoinPool.commonPool()} returns, where {@code fork()} outside a
     * pool's worker sends a task, and the default executor of {@code CompletableFuture}'s async methods.
     */
    static final ControlledForkJoinPool COMMON_POOL = ControlledForkJoinPool.common();

    /** Async methods of a stage by name and number of arguments: those with an executor and those without. */
    private static final Map<String, Method> ASYNC_METHODS = new ConcurrentHashMap<>();

    private ExecutorHooks() {}

    // ---------------------------------------------------------------------------------------------------------------
    // Pools, in place of the Executors factories (see CreationSwaps), configured as the JDK configures them.

    /** {@code Executors.newFixedThreadPool(n)}. */
    public static ExecutorService newFixedThreadPool(int threads) {
        return new ControlledPool(threads, threads, 0L, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>());
    }

    /** {@code Executors.newFixedThreadPool(n, factory)}. */
    public static ExecutorService newFixedThreadPool(int threads, ThreadFactory factory) {
        return new ControlledPool(threads, threads, 0L, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), factory);
    }

    /** {@code Executors.newCachedThreadPool()}. */
    public static ExecutorService newCachedThreadPool() {
        return new ControlledPool(0, Integer.MAX_VALUE, 60L, TimeUnit.SECONDS, new SynchronousQueue<>());
    }

    /** {@code Executors.newCachedThreadPool(factory)}. */
    public static ExecutorService newCachedThreadPool(ThreadFactory factory) {
        return new ControlledPool(0, Integer.MAX_VALUE, 60L, TimeUnit.SECONDS, new SynchronousQueue<>(), factory);
    }

    /** {@code Executors.newSingleThreadExecutor()}. */
    public static ExecutorService newSingleThreadExecutor() {
        return newFixedThreadPool(1);
    }

    /** {@code Executors.newSingleThreadExecutor(factory)}. */
    public static ExecutorService newSingleThreadExecutor(ThreadFactory factory) {
        return newFixedThreadPool(1, factory);
    }

    /** {@code Executors.newWorkStealingPool()}: sized by the machine, so with no limit under control. */
    public static ExecutorService newWorkStealingPool() {
        return ControlledForkJoinPool.workStealing(Runtime.getRuntime().availableProcessors(), true);
    }

    /** {@code Executors.newWorkStealingPool(parallelism)}: at most that many tasks at once. */
    public static ExecutorService newWorkStealingPool(int parallelism) {
        return ControlledForkJoinPool.workStealing(parallelism, false);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Hand-offs: refused for a pool the model does not run.

    /** {@code executor.execute(task)}. */
    public static void execute(Executor executor, Runnable task, int site) {
        handOff(executor, site);
        executor.execute(task);
    }

    /** {@code executor::execute}. */
    public static void execute(Executor executor, Runnable task) {
        execute(executor, task, Sites.ANY);
    }

    /** {@code executor.submit(task)}. */
    public static <T> Future<T> submit(ExecutorService executor, Callable<T> task, int site) {
        handOff(executor, site);
        return executor.submit(task);
    }

    /** {@code executor.submit(task)}. */
    public static Future<?> submit(ExecutorService executor, Runnable task, int site) {
        handOff(executor, site);
        return executor.submit(task);
    }

    /** {@code executor.submit(task, result)}. */
    public static <T> Future<T> submit(ExecutorService executor, Runnable task, T result, int site) {
        handOff(executor, site);
        return executor.submit(task, result);
    }

    /** {@code executor.invokeAll(tasks)}. */
    public static <T> List<Future<T>> invokeAll(ExecutorService executor, Collection<? extends Callable<T>> tasks,
            int site) throws InterruptedException {
        handOff(executor, site);
        return executor.invokeAll(tasks);
    }

    /** {@code executor.invokeAll(tasks, timeout, unit)}. */
    public static <T> List<Future<T>> invokeAll(ExecutorService executor, Collection<? extends Callable<T>> tasks,
            long timeout, TimeUnit unit, int site) throws InterruptedException {
        handOff(executor, site);
        return executor.invokeAll(tasks, timeout, unit);
    }

    /** {@code executor.invokeAny(tasks)}. */
    public static <T> T invokeAny(ExecutorService executor, Collection<? extends Callable<T>> tasks, int site)
            throws InterruptedException, ExecutionException {
        handOff(executor, site);
        return executor.invokeAny(tasks);
    }

    /** {@code executor.invokeAny(tasks, timeout, unit)}. */
    public static <T> T invokeAny(ExecutorService executor, Collection<? extends Callable<T>> tasks, long timeout,
            TimeUnit unit, int site) throws InterruptedException, ExecutionException, TimeoutException {
        handOff(executor, site);
        return executor.invokeAny(tasks, timeout, unit);
    }

    /** Under control: a point before a hand-off to {@code executor}, or the error for a pool the model cannot run. */
    static void handOff(Executor executor, int site) {
        JvmState s = JvmState.at(site);
        if (s == null || executor == null) {
            return;
        }
        // Making the model names the pool, for the trace.
        if (executor instanceof ControlledPool p) {
            p.model();
        } else if (executor instanceof ControlledForkJoinPool p) {
            p.model(s);
        } else if (executor instanceof ThreadPoolExecutor || executor instanceof ForkJoinPool) {
            throw unrouted(executor);
        }
        s.point(site, s.label(executor));
    }

    private static UnsupportedOperationException unrouted(Executor executor) {
        String type = executor.getClass().getName();
        String why = executor == ForkJoinPool.commonPool()
                ? "it is the JDK's common pool, obtained where the agent could not route it (before the test, or in "
                        + "code the agent does not instrument); call ForkJoinPool.commonPool() from instrumented code"
                : executor instanceof ScheduledThreadPoolExecutor ? "scheduled executors are not modelled"
                : !InstrumentScope.isJdk(type) ? "it is a subclass of " + (executor instanceof ForkJoinPool
                        ? "ForkJoinPool" : "ThreadPoolExecutor") + ", which the model cannot run"
                : "it was made by code that the agent does not instrument (the JDK, a class outside the test's "
                        + "scope, or a class loaded before the agent), so it is the JDK's own pool";
        return new UnsupportedOperationException("smpcheck cannot run a task handed to " + type
                + " on a controlled thread: " + why + ", and its worker threads would run the task unseen by the "
                + "search. Pools that instrumented code makes with Executors.newFixedThreadPool, newCachedThreadPool, "
                + "newSingleThreadExecutor, newWorkStealingPool, new ThreadPoolExecutor(...) or new ForkJoinPool(...), "
                + "the common pool and CompletableFuture's async methods are controlled; see docs/instrumentation.md");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // CompletableFuture.

    /** {@code CompletableFuture.supplyAsync(supplier)}. */
    public static <U> CompletableFuture<U> supplyAsync(Supplier<U> supplier, int site) {
        JvmState s = JvmState.at(site);
        if (s == null) {
            return CompletableFuture.supplyAsync(supplier);
        }
        s.point(site, null);
        return CompletableFuture.supplyAsync(supplier, COMMON_POOL);
    }

    /** {@code CompletableFuture.supplyAsync(supplier, executor)}. */
    public static <U> CompletableFuture<U> supplyAsync(Supplier<U> supplier, Executor executor, int site) {
        handOff(executor, site);
        return CompletableFuture.supplyAsync(supplier, executor);
    }

    /** {@code CompletableFuture.runAsync(task)}. */
    public static CompletableFuture<Void> runAsync(Runnable task, int site) {
        JvmState s = JvmState.at(site);
        if (s == null) {
            return CompletableFuture.runAsync(task);
        }
        s.point(site, null);
        return CompletableFuture.runAsync(task, COMMON_POOL);
    }

    /** {@code CompletableFuture.runAsync(task, executor)}. */
    public static CompletableFuture<Void> runAsync(Runnable task, Executor executor, int site) {
        handOff(executor, site);
        return CompletableFuture.runAsync(task, executor);
    }

    /** A {@code *Async} method of a {@code CompletableFuture} with one argument, such as {@code thenApplyAsync(fn)}. */
    public static CompletableFuture<?> async1(Object stage, Object a, int site) {
        return (CompletableFuture<?>) async(stage, site, a);
    }

    /** As {@link #async1}, with two arguments. */
    public static CompletableFuture<?> async2(Object stage, Object a, Object b, int site) {
        return (CompletableFuture<?>) async(stage, site, a, b);
    }

    /** As {@link #async1}, with three arguments. */
    public static CompletableFuture<?> async3(Object stage, Object a, Object b, Object c, int site) {
        return (CompletableFuture<?>) async(stage, site, a, b, c);
    }

    /** A {@code *Async} method called on a {@code CompletionStage}, with one argument. */
    public static CompletionStage<?> asyncStage1(Object stage, Object a, int site) {
        return (CompletionStage<?>) async(stage, site, a);
    }

    /** As {@link #asyncStage1}, with two arguments. */
    public static CompletionStage<?> asyncStage2(Object stage, Object a, Object b, int site) {
        return (CompletionStage<?>) async(stage, site, a, b);
    }

    /** As {@link #asyncStage1}, with three arguments. */
    public static CompletionStage<?> asyncStage3(Object stage, Object a, Object b, Object c, int site) {
        return (CompletionStage<?>) async(stage, site, a, b, c);
    }

    /**
     * Calls the {@code *Async} method the site names ({@code CompletableFuture.thenApplyAsync}). Under control, a call
     * without an executor becomes the same call with the schedule's common pool, and a call with one has its executor
     * checked.
     */
    private static Object async(Object stage, int site, Object... args) {
        String what = Sites.get(site).what();
        String name = what.substring(what.lastIndexOf('.') + 1);
        Method called = asyncMethod(name, args.length);
        JvmState s = JvmState.at(site);
        if (s == null) {
            return invoke(called, stage, args);
        }
        Class<?>[] params = called.getParameterTypes();
        if (params[params.length - 1] == Executor.class) {
            handOff((Executor) args[args.length - 1], site);
            return invoke(called, stage, args);
        }
        s.point(site, s.label(stage));
        Object[] withPool = Arrays.copyOf(args, args.length + 1);
        withPool[args.length] = COMMON_POOL;
        return invoke(asyncMethod(name, args.length + 1), stage, withPool);
    }

    private static Method asyncMethod(String name, int arity) {
        return ASYNC_METHODS.computeIfAbsent(name + "/" + arity, k -> Arrays.stream(CompletableFuture.class.getMethods())
                .filter(m -> m.getName().equals(name) && m.getParameterCount() == arity)
                .map(m -> declaredByStage(m))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no method " + k + " in CompletableFuture")));
    }

    /** The method as {@code CompletionStage} declares it, if it does, so that any stage can be the receiver. */
    private static Method declaredByStage(Method m) {
        try {
            return CompletionStage.class.getMethod(m.getName(), m.getParameterTypes());
        } catch (NoSuchMethodException onlyInCompletableFuture) {
            return m;
        }
    }

    private static Object invoke(Method m, Object stage, Object[] args) {
        try {
            return m.invoke(stage, args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Futures.

    /** {@code future.get()}. */
    public static Object get(Future<?> future, int site) throws InterruptedException, ExecutionException {
        JvmState s = JvmState.at(site);
        if (s != null && modelled(future)) {
            awaitDone(s, future, true, false);
        }
        return future.get();
    }

    /** {@code future::get}. */
    public static Object get(Future<?> future) throws InterruptedException, ExecutionException {
        return get(future, Sites.ANY);
    }

    /** {@code future.get(timeout, unit)}: under control it times out only when no other thread can run. */
    public static Object get(Future<?> future, long timeout, TimeUnit unit, int site)
            throws InterruptedException, ExecutionException, TimeoutException {
        JvmState s = JvmState.at(site);
        if (s == null || !modelled(future)) {
            return future.get(timeout, unit);
        }
        if (!awaitDone(s, future, true, timeout > 0)) {
            throw new TimeoutException();
        }
        return future.get();
    }

    /** {@code future.join()} of a {@code CompletableFuture} or {@code ForkJoinTask}: uninterruptible. */
    public static Object join(Future<?> future, int site) {
        JvmState s = JvmState.at(site);
        if (s != null && modelled(future)) {
            try {
                awaitDone(s, future, false, false);
            } catch (InterruptedException e) {
                throw new AssertionError("an uninterruptible wait was interrupted", e);
            }
        }
        return future instanceof CompletableFuture<?> f ? f.join() : ((ForkJoinTask<?>) future).join();
    }

    /** {@code CompletableFuture::join}. */
    public static Object join(Future<?> future) {
        return join(future, Sites.ANY);
    }

    /** @return whether a wait for {@code future} belongs in the model: the JDK's futures, whose waits block inside it */
    private static boolean modelled(Future<?> future) {
        return future instanceof FutureTask || future instanceof CompletableFuture || future instanceof ForkJoinTask
                || InstrumentScope.isJdk(future.getClass().getName());
    }

    /**
     * Waits in the model until {@code future} is done; a schedule point even when it is. An interrupt ends the wait
     * only when {@code interruptible} and the future was not done yet, as the JDK's {@code get} ignores an interrupt
     * once there is a result.
     *
     * @return whether it is done (otherwise the wait timed out)
     */
    static boolean awaitDone(JvmState s, Future<?> future, boolean interruptible, boolean timed)
            throws InterruptedException {
        if (future instanceof ForkJoinTask<?> task) {
            return ForkJoinHooks.await(s, task, interruptible, timed);
        }
        return s.block("completion of", future, future::isDone, () -> "not done", interruptible && !future.isDone(),
                timed);
    }
}
