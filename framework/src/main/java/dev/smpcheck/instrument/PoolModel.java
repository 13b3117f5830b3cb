package dev.smpcheck.instrument;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeoutException;

/**
 * One {@link ControlledPool} as a schedule runs it: a FIFO queue of tasks and at most {@code limit} workers, each a
 * controlled thread (made by the pool's thread factory) that takes tasks from the queue until it finds it empty, and
 * then ends. A worker never idles, so a test need not shut its pool down: a pool with nothing to do has no threads
 * for the end of the schedule to wait for, and the next task starts a new worker.
 *
 * <p>The limit is the pool's core size (at least 1), as a {@code ThreadPoolExecutor} with an unbounded queue runs at
 * most that many tasks at once; for a hand-off pool (a {@code SynchronousQueue}, as {@code newCachedThreadPool} has)
 * it is the maximum size. A bounded queue and the extra workers it allows are not modelled.
 */
final class PoolModel {
    private static final String DEFAULT_FACTORY = "java.util.concurrent.Executors$DefaultThreadFactory";

    private final ThreadPoolExecutor pool;
    private final JvmState state;
    private final String name;
    private final int limit;
    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
    private final List<JavaThread> workers = new ArrayList<>();
    private int active;
    private int threadsMade;
    private int tasksSubmitted;
    private boolean shutdown;
    private boolean stopped;

    PoolModel(ThreadPoolExecutor pool, JvmState state) {
        this.pool = pool;
        this.state = state;
        // Named like the JDK's default thread factory names pools, counted per schedule so that traces repeat.
        this.name = pool == ExecutorHooks.COMMON_POOL ? "commonPool"
                : "pool-" + ++state.model(PoolModel.class, int[].class, k -> new int[1])[0];
        this.limit = pool.getQueue() instanceof SynchronousQueue ? pool.getMaximumPoolSize()
                : Math.max(1, pool.getCorePoolSize());
        state.name(pool, name);
    }

    /** {@code execute(task)}: queues it, and starts a worker if fewer than the limit run. */
    void execute(Runnable task) {
        Objects.requireNonNull(task, "task");
        if (shutdown) {
            pool.getRejectedExecutionHandler().rejectedExecution(task, pool);
            return;
        }
        state.name(task, name + " task " + ++tasksSubmitted);
        queue.add(task);
        if (workers.size() < limit) {
            startWorker(task);
        }
    }

    private void startWorker(Runnable task) {
        ThreadFactory factory = pool.getThreadFactory();
        int n = ++threadsMade;
        boolean jdkNames = factory instanceof ExecutorHooks.DaemonThreads
                || factory.getClass().getName().equals(DEFAULT_FACTORY);
        Thread t = jdkNames
                ? new Thread(this::work, name.equals("commonPool") ? "commonPool-worker-" + n : name + "-thread-" + n)
                : factory.newThread(this::work);
        if (t == null) {
            // As in the JDK: no worker, so the task waits for one, or is rejected when no worker would ever take it.
            if (workers.isEmpty()) {
                queue.remove(task);
                pool.getRejectedExecutionHandler().rejectedExecution(task, pool);
            }
            return;
        }
        // Not a point: the hand-off that led here had one, or is JDK code that runs atomically.
        state.threads.start(t, false);
        workers.add(state.threads.of(t));
    }

    /** A worker's life: takes tasks until the queue is empty. Runs on the worker's controlled thread. */
    private void work() {
        JavaThread me = state.threads.current();
        try {
            for (Runnable task = queue.poll(); task != null; task = queue.poll()) {
                // As the JDK's workers: a task starts uninterrupted, unless the pool is stopping.
                me.interrupted = stopped;
                PoolTask<?> tracked = task instanceof PoolTask<?> p ? p : null;
                if (tracked != null) {
                    tracked.runner = me;
                }
                active++;
                try {
                    task.run();
                } finally {
                    active--;
                    if (tracked != null) {
                        tracked.runner = null;
                    }
                }
            }
        } finally {
            workers.remove(me);
        }
    }

    void shutdown() {
        shutdown = true;
    }

    /** {@code shutdownNow()}: no more tasks start, running ones are interrupted; returns those never started. */
    List<Runnable> shutdownNow() {
        shutdown = true;
        stopped = true;
        List<Runnable> never = new ArrayList<>(queue);
        queue.clear();
        for (JavaThread w : workers) {
            w.interrupted = true;
        }
        return never;
    }

    boolean isShutdown() {
        return shutdown;
    }

    boolean isTerminated() {
        return shutdown && workers.isEmpty();
    }

    /** {@code awaitTermination}: {@code false} when it timed out (only when no other thread could run). */
    boolean awaitTermination(boolean timed) throws InterruptedException {
        return state.block("termination of", pool, this::isTerminated,
                () -> (shutdown ? "shut down, " : "not shut down, ") + workers.size() + " worker(s) left", true,
                timed);
    }

    /** {@code invokeAll}: submits every task and waits for each; a timeout cancels those not done. */
    <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks, boolean timed)
            throws InterruptedException {
        List<Future<T>> futures = submitAll(tasks);
        try {
            for (Future<T> f : futures) {
                if (!ExecutorHooks.awaitDone(state, f, true, timed)) {
                    cancelAll(futures);
                    break;
                }
            }
        } catch (InterruptedException e) {
            cancelAll(futures);
            throw e;
        }
        return futures;
    }

    /** {@code invokeAny}: submits every task, waits for one to succeed or all to fail, and cancels the rest. */
    <T> T invokeAny(Collection<? extends Callable<T>> tasks, boolean timed)
            throws InterruptedException, ExecutionException, TimeoutException {
        if (tasks.isEmpty()) {
            throw new IllegalArgumentException("invokeAny needs at least one task");
        }
        List<Future<T>> futures = submitAll(tasks);
        try {
            boolean ready = state.block("a task of invokeAny on", pool,
                    () -> futures.stream().anyMatch(PoolModel::succeeded) || futures.stream().allMatch(Future::isDone),
                    () -> "none has succeeded yet", true, timed);
            if (!ready) {
                throw new TimeoutException("no task of invokeAny succeeded");
            }
            for (Future<T> f : futures) {
                if (succeeded(f)) {
                    return f.get();
                }
            }
            // Every task is done and none succeeded: the JDK reports the last failure.
            ExecutionException failure = null;
            for (Future<T> f : futures) {
                if (!f.isCancelled()) {
                    try {
                        f.get();
                    } catch (ExecutionException e) {
                        failure = e;
                    }
                }
            }
            throw failure != null ? failure : new ExecutionException("every task of invokeAny was cancelled", null);
        } finally {
            cancelAll(futures);
        }
    }

    private <T> List<Future<T>> submitAll(Collection<? extends Callable<T>> tasks) {
        List<Future<T>> futures = new ArrayList<>(tasks.size());
        for (Callable<T> c : tasks) {
            futures.add(pool.submit(c));
        }
        return futures;
    }

    private static boolean succeeded(Future<?> f) {
        if (!f.isDone() || f.isCancelled()) {
            return false;
        }
        try {
            f.get();
            return true;
        } catch (ExecutionException | InterruptedException e) {
            return false;
        }
    }

    private static void cancelAll(List<? extends Future<?>> futures) {
        for (Future<?> f : futures) {
            f.cancel(true);
        }
    }

    boolean remove(Runnable task) {
        return queue.remove(task);
    }

    int workers() {
        return workers.size();
    }

    int active() {
        return active;
    }
}
