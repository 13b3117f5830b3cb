package dev.smpcheck.instrument;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apiguardian.api.API;

/**
 * The static methods that instrumented code calls in place of {@code ForkJoinPool} and {@code ForkJoinTask} methods
 * ({@link JucRewrites}); as with {@link Hooks}, each takes its site last and does exactly what the call does outside a
 * schedule.
 *
 * <p>Under control, {@code ForkJoinPool.commonPool()} is the schedule's common pool (a {@link ControlledForkJoinPool}
 * with no limit on its workers, whatever the machine's processors); a task's {@code fork()} queues it in the pool of
 * the worker that forks it, or in the common pool when the caller is no worker, as the JDK does; and {@code join},
 * {@code get} and {@code invoke} wait in the model, where a caller that may run the task itself, because it is still
 * queued in the caller's own pool or in the common pool, takes it back and runs it, as the JDK's {@code join} helps.
 * Work handed to a {@code ForkJoinPool} that instrumented code did not make (the JDK's common pool kept in a field
 * before the test, a pool made by a library outside the test's scope) fails at once, as in {@link ExecutorHooks}.
 *
 * @since 0.1
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class ForkJoinHooks {
    private ForkJoinHooks() {}

    // ---------------------------------------------------------------------------------------------------------------
    // Pools.

    /** {@code ForkJoinPool.commonPool()}. */
    public static ForkJoinPool commonPool(int site) {
        return JvmState.at(site) == null ? ForkJoinPool.commonPool() : ExecutorHooks.COMMON_POOL;
    }

    /** {@code ForkJoinTask.getPool()}: under control, the pool of the calling worker, else {@code null}. */
    public static ForkJoinPool getPool(int site) {
        JvmState s = JvmState.at(site);
        if (s == null) {
            return ForkJoinTask.getPool();
        }
        PoolModel mine = s.threads.current().pool;
        return mine != null && mine.forkJoin() ? (ForkJoinPool) mine.pool() : null;
    }

    /** {@code ForkJoinTask.inForkJoinPool()}: under control, whether the caller is a worker of a fork/join pool. */
    public static boolean inForkJoinPool(int site) {
        JvmState s = JvmState.at(site);
        return s == null ? ForkJoinTask.inForkJoinPool() : getPool(site) != null;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Tasks.

    /** {@code task.fork()}. */
    public static <T> ForkJoinTask<T> fork(ForkJoinTask<T> task, int site) {
        JvmState s = JvmState.at(site);
        if (s == null) {
            return task.fork();
        }
        PoolModel target = forkTarget(s);
        s.point(site, s.label(target.pool()));
        ControlledForkJoinPool.queue(target, task);
        return task;
    }

    /** {@code task::fork}. */
    public static <T> ForkJoinTask<T> fork(ForkJoinTask<T> task) {
        return fork(task, Sites.ANY);
    }

    /** The pool a fork goes to: the forking worker's, or the common pool for any other thread. */
    private static PoolModel forkTarget(JvmState s) {
        return helpable(s).get(0);
    }

    /**
     * The pools whose queued tasks the caller may take back and run, as the JDK's joins help: the fork/join pool the
     * caller works for, if any, then the common pool.
     */
    private static List<PoolModel> helpable(JvmState s) {
        PoolModel mine = s.threads.current().pool;
        PoolModel common = ExecutorHooks.COMMON_POOL.model(s);
        return mine != null && mine.forkJoin() && mine != common ? List.of(mine, common) : List.of(common);
    }

    /** {@code ForkJoinTask.invokeAll(t1, t2)}. */
    public static void invokeAll(ForkJoinTask<?> first, ForkJoinTask<?> second, int site) {
        if (JvmState.at(site) == null) {
            ForkJoinTask.invokeAll(first, second);
        } else {
            invokeAll(new ForkJoinTask<?>[] {first, second}, site);
        }
    }

    /**
     * {@code ForkJoinTask.invokeAll(tasks...)}: under control, forks all but the first, runs the first, then joins the
     * others in order. When one fails, the others not yet done are cancelled, which the JDK's contract allows.
     */
    public static void invokeAll(ForkJoinTask<?>[] tasks, int site) {
        if (JvmState.at(site) == null) {
            ForkJoinTask.invokeAll(tasks);
            return;
        }
        for (ForkJoinTask<?> t : tasks) {
            Objects.requireNonNull(t, "a task of invokeAll");
        }
        for (int i = tasks.length - 1; i > 0; i--) {
            fork(tasks[i], site);
        }
        try {
            if (tasks.length > 0) {
                tasks[0].invoke();
            }
            for (int i = 1; i < tasks.length; i++) {
                ExecutorHooks.join(tasks[i], site);
            }
        } catch (RuntimeException | Error e) {
            for (ForkJoinTask<?> t : tasks) {
                t.cancel(false);
            }
            throw e;
        }
    }

    /** {@code ForkJoinTask.invokeAll(collection)}. */
    public static <T extends ForkJoinTask<?>> Collection<T> invokeAll(Collection<T> tasks, int site) {
        if (JvmState.at(site) == null) {
            return ForkJoinTask.invokeAll(tasks);
        }
        invokeAll(tasks.toArray(new ForkJoinTask<?>[0]), site);
        return tasks;
    }

    /** {@code task.quietlyJoin()}: waits as {@code join} does, without reporting the task's exception. */
    public static void quietlyJoin(ForkJoinTask<?> task, int site) {
        JvmState s = JvmState.at(site);
        if (s != null) {
            awaitUninterruptibly(s, task);
        }
        task.quietlyJoin();
    }

    /** {@code task.tryUnfork()}: under control, takes the task back if the caller could run it and no one started it. */
    public static boolean tryUnfork(ForkJoinTask<?> task, int site) {
        JvmState s = JvmState.at(site);
        if (s == null) {
            return task.tryUnfork();
        }
        s.point(site, s.label(task));
        return takeBack(s, task) != null;
    }

    /** {@code ForkJoinTask.helpQuiesce()}: under control, until the caller's pool (or the common pool) is quiescent. */
    public static void helpQuiesce(int site) {
        JvmState s = JvmState.at(site);
        if (s == null) {
            ForkJoinTask.helpQuiesce();
        } else {
            forkTarget(s).awaitQuiescence(false);
        }
    }

    /**
     * Waits in the model until {@code task} is done, as {@link ExecutorHooks#awaitDone} does for any future, except
     * that a caller that could run the task itself does so as soon as it finds the task still queued. The wait's one
     * schedule point comes before that test, so that the search decides whether a worker took the task first.
     *
     * @return whether it is done (otherwise the wait timed out)
     */
    static boolean await(JvmState s, ForkJoinTask<?> task, boolean interruptible, boolean timed)
            throws InterruptedException {
        List<PoolModel> helpable = helpable(s);
        s.block("completion of", task, () -> task.isDone() || helpable.stream().anyMatch(m -> m.queued(task)),
                () -> "not done", interruptible && !task.isDone(), timed);
        Runnable mine = task.isDone() ? null : takeBack(s, task);
        if (mine != null) {
            mine.run();
        }
        return task.isDone();
    }

    /** As {@link #await} for the JDK's uninterruptible waits ({@code join}, {@code invoke}). */
    static void awaitUninterruptibly(JvmState s, ForkJoinTask<?> task) {
        try {
            await(s, task, false, false);
        } catch (InterruptedException e) {
            throw new AssertionError("an uninterruptible wait was interrupted", e);
        }
    }

    /** @return the runner of {@code task} taken off a queue the caller may run it from, else {@code null} */
    private static Runnable takeBack(JvmState s, ForkJoinTask<?> task) {
        for (PoolModel m : helpable(s)) {
            Runnable r = m.takeBack(task);
            if (r != null) {
                return r;
            }
        }
        return null;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Hand-offs to a ForkJoinPool, under the JDK's descriptors (their results are ForkJoinTasks, not Futures).

    /** {@code pool.execute(task)}. */
    public static void execute(ForkJoinPool pool, ForkJoinTask<?> task, int site) {
        ExecutorHooks.handOff(pool, site);
        pool.execute(task);
    }

    /** {@code pool.execute(task)}. */
    public static void execute(ForkJoinPool pool, Runnable task, int site) {
        ExecutorHooks.handOff(pool, site);
        pool.execute(task);
    }

    /** {@code pool.submit(task)}. */
    public static <T> ForkJoinTask<T> submit(ForkJoinPool pool, ForkJoinTask<T> task, int site) {
        ExecutorHooks.handOff(pool, site);
        return pool.submit(task);
    }

    /** {@code pool.submit(task)}. */
    public static <T> ForkJoinTask<T> submit(ForkJoinPool pool, Callable<T> task, int site) {
        ExecutorHooks.handOff(pool, site);
        return pool.submit(task);
    }

    /** {@code pool.submit(task)}. */
    public static ForkJoinTask<?> submit(ForkJoinPool pool, Runnable task, int site) {
        ExecutorHooks.handOff(pool, site);
        return pool.submit(task);
    }

    /** {@code pool.submit(task, result)}. */
    public static <T> ForkJoinTask<T> submit(ForkJoinPool pool, Runnable task, T result, int site) {
        ExecutorHooks.handOff(pool, site);
        return pool.submit(task, result);
    }

    /** {@code pool.invoke(task)}. */
    public static <T> T invoke(ForkJoinPool pool, ForkJoinTask<T> task, int site) {
        ExecutorHooks.handOff(pool, site);
        return pool.invoke(task);
    }

    /** {@code pool.invokeAll(tasks)}. */
    public static <T> List<Future<T>> invokeAll(ForkJoinPool pool, Collection<? extends Callable<T>> tasks,
            int site) {
        ExecutorHooks.handOff(pool, site);
        return pool.invokeAll(tasks);
    }

    /** {@code pool.invokeAll(tasks, timeout, unit)}. */
    public static <T> List<Future<T>> invokeAll(ForkJoinPool pool, Collection<? extends Callable<T>> tasks,
            long timeout, TimeUnit unit, int site) throws InterruptedException {
        ExecutorHooks.handOff(pool, site);
        return pool.invokeAll(tasks, timeout, unit);
    }

    /** {@code pool.invokeAny(tasks)}. */
    public static <T> T invokeAny(ForkJoinPool pool, Collection<? extends Callable<T>> tasks, int site)
            throws InterruptedException, ExecutionException {
        ExecutorHooks.handOff(pool, site);
        return pool.invokeAny(tasks);
    }

    /** {@code pool.invokeAny(tasks, timeout, unit)}. */
    public static <T> T invokeAny(ForkJoinPool pool, Collection<? extends Callable<T>> tasks, long timeout,
            TimeUnit unit, int site) throws InterruptedException, ExecutionException, TimeoutException {
        ExecutorHooks.handOff(pool, site);
        return pool.invokeAny(tasks, timeout, unit);
    }

    /**
     * Before a {@code ForkJoinPool} method that hands work on and that the model does not run (JDK 19 and later:
     * {@code lazySubmit}, {@code externalSubmit}; JDK 25: {@code schedule} and its kin): under control, the error.
     */
    public static void unmodelled(int site) {
        if (JvmState.at(site) != null) {
            String what = Sites.get(site).what();
            throw new UnsupportedOperationException("smpcheck does not model " + what + " yet: its task would run on "
                    + "a worker thread unseen by the search. execute, submit, invoke, invokeAll and invokeAny of a "
                    + "ForkJoinPool, and ForkJoinTask.fork, are modelled; see docs/instrumentation.md");
        }
    }
}
