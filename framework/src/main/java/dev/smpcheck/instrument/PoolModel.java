package dev.smpcheck.instrument;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;
import java.util.function.Consumer;

/**
 * One pool as a schedule runs it, a {@link ControlledPool} or a {@link ControlledForkJoinPool}: a FIFO queue of tasks
 * and at most {@code limit} workers, each a controlled thread that takes tasks from the queue until it finds it empty,
 * and then ends. A worker never idles, so a test need not shut its pool down: a pool with nothing to do has no threads
 * for the end of the schedule to wait for, and the next task starts a new worker.
 *
 * <p>For a {@code ThreadPoolExecutor} the limit is its core size (at least 1), as one with an unbounded queue runs at
 * most that many tasks at once; for a hand-off pool (a {@code SynchronousQueue}, as {@code newCachedThreadPool} has)
 * it is the maximum size. A bounded queue and the extra workers it allows are not modelled. For a
 * {@code ForkJoinPool} it is the parallelism; a pool sized by the machine (the common pool, {@code new ForkJoinPool()})
 * has no limit, so that the search does not depend on the machine it runs on. A worker that joins a task still queued
 * takes it back and runs it itself, as the JDK's workers do, so a fork/join tree needs no spare workers; one that
 * waits for a task running elsewhere gets none either.
 */
final class PoolModel {
    private static final String DEFAULT_FACTORY = "java.util.concurrent.Executors$DefaultThreadFactory";

    /**
     * What differs between the pools the model runs.
     *
     * @param name the pool's name in traces, also the prefix of its tasks' names
     * @param limit how many workers may take tasks at once
     * @param workers makes the worker thread with the given number, or returns {@code null} when the pool's factory
     *     refuses
     * @param reject what the pool does with a task it does not take
     * @param common whether this is the common pool, which shutting down does not stop
     */
    record Shape(String name, int limit, BiFunction<Runnable, Integer, Thread> workers, Consumer<Runnable> reject,
            boolean common) {}

    private final ExecutorService pool;
    private final JvmState state;
    private final Shape shape;
    private final String name;
    private final int limit;
    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
    private final List<JavaThread> workers = new ArrayList<>();
    private int active;
    private int threadsMade;
    private int tasksSubmitted;
    private boolean shutdown;
    private boolean stopped;
    private boolean terminating;
    private boolean terminated;

    PoolModel(ExecutorService pool, JvmState state, Shape shape) {
        this.pool = pool;
        this.state = state;
        this.shape = shape;
        this.name = shape.name();
        this.limit = shape.limit();
        state.name(pool, name);
    }

    /** The shape of a {@code ThreadPoolExecutor}, named {@code pool-N} as the JDK's default thread factory names it. */
    static Shape of(ThreadPoolExecutor pool, JvmState state) {
        // Counted per schedule, so that traces repeat.
        String name = "pool-" + state.count(ThreadPoolExecutor.class);
        int limit = pool.getQueue() instanceof SynchronousQueue ? pool.getMaximumPoolSize()
                : Math.max(1, pool.getCorePoolSize());
        ThreadFactory factory = pool.getThreadFactory();
        boolean jdkNames = factory.getClass().getName().equals(DEFAULT_FACTORY);
        BiFunction<Runnable, Integer, Thread> workers = jdkNames
                ? (work, n) -> new Thread(work, name + "-thread-" + n) : (work, n) -> factory.newThread(work);
        return new Shape(name, limit, workers, task -> pool.getRejectedExecutionHandler().rejectedExecution(task, pool),
                false);
    }

    /** {@code execute(task)}: queues it, and starts a worker if fewer than the limit run. */
    void execute(Runnable task) {
        execute(task, task);
    }

    /**
     * Queues {@code runner}, which runs the task {@code named} ({@code runner} itself, or the {@code ForkJoinTask} it
     * runs), and starts a worker if fewer than the limit take tasks.
     */
    void execute(Runnable runner, Object named) {
        Objects.requireNonNull(named, "task");
        if (shutdown && !shape.common()) {
            shape.reject().accept(runner);
            return;
        }
        state.name(named, name + " task " + ++tasksSubmitted);
        queue.add(runner);
        if (workers.size() < limit) {
            startWorker(runner);
        }
    }

    private void startWorker(Runnable task) {
        Thread t = shape.workers().apply(this::work, ++threadsMade);
        if (t == null) {
            // As in the JDK: no worker, so the task waits for one, or is rejected when no worker would ever take it.
            if (workers.isEmpty()) {
                queue.remove(task);
                shape.reject().accept(task);
            }
            return;
        }
        // Not a point: the hand-off that led here had one, or is JDK code that runs atomically.
        state.threads.start(t, false);
        JavaThread worker = state.threads.of(t);
        worker.pool = this;
        workers.add(worker);
    }

    /** A worker's life: takes tasks until the queue is empty. Runs on the worker's controlled thread. */
    private void work() {
        JavaThread me = state.threads.current();
        try {
            for (Runnable task = queue.poll(); task != null; task = queue.poll()) {
                // As the JDK's workers: a task starts uninterrupted, unless the pool is stopping.
                me.interrupted = stopped;
                run(task, me);
            }
        } finally {
            workers.remove(me);
            noteTermination();
        }
    }

    /**
     * Terminates the pool once it is shut down with no workers left: as in the JDK, a {@code ThreadPoolExecutor}'s
     * {@code terminated()} runs first, in the thread that found the pool idle, and only then is the pool terminated,
     * so that {@code awaitTermination} returns after it.
     */
    private void noteTermination() {
        if (!terminating && shutdown && workers.isEmpty()) {
            terminating = true;
            if (pool instanceof ControlledPool p) {
                p.runTerminated();
            }
            terminated = true;
        }
    }

    private void run(Runnable task, JavaThread me) {
        PoolTask<?> tracked = task instanceof PoolTask<?> p ? p : null;
        if (tracked != null) {
            tracked.runner = me;
        }
        active++;
        try {
            if (pool instanceof ControlledPool p) {
                p.runTask(me.thread, task);
            } else {
                task.run();
            }
        } finally {
            active--;
            if (tracked != null) {
                tracked.runner = null;
            }
        }
    }

    /**
     * Takes back the queued runner of {@code task} that no worker has started, as a {@code ForkJoinTask}'s
     * {@code join} or {@code tryUnfork} does with a task the caller may then run itself.
     *
     * @return the runner, or {@code null} when {@code task} is not queued here
     */
    Runnable takeBack(ForkJoinTask<?> task) {
        for (Iterator<Runnable> it = queue.iterator(); it.hasNext(); ) {
            Runnable r = it.next();
            if (r instanceof ControlledForkJoinPool.Forked f && f.task() == task) {
                it.remove();
                return r;
            }
        }
        return null;
    }

    /** @return whether the runner of {@code task} is queued here, not started by any worker */
    boolean queued(ForkJoinTask<?> task) {
        return queue.stream().anyMatch(r -> r instanceof ControlledForkJoinPool.Forked f && f.task() == task);
    }

    /** @return whether this models a {@code ForkJoinPool}, whose workers' forks come back to it */
    boolean forkJoin() {
        return pool instanceof ForkJoinPool;
    }

    /** @return the pool this models */
    ExecutorService pool() {
        return pool;
    }

    /** @return whether no task is queued and none runs, but the caller's own */
    private boolean quiescent(JavaThread caller) {
        return queue.isEmpty() && active == (caller.pool == this ? 1 : 0);
    }

    /**
     * {@code awaitQuiescence} and {@code ForkJoinTask.helpQuiesce}: a worker of the pool first runs queued tasks
     * itself, as the JDK's workers help; then the caller waits until no other task runs.
     *
     * @return whether the pool became quiescent (otherwise the wait timed out)
     */
    boolean awaitQuiescence(boolean timed) {
        JavaThread me = state.threads.current();
        if (me.pool == this) {
            for (Runnable task = queue.poll(); task != null; task = queue.poll()) {
                run(task, me);
            }
        }
        try {
            return state.block("quiescence of", pool, () -> quiescent(me),
                    () -> queue.size() + " queued, " + active + " running", false, timed);
        } catch (InterruptedException e) {
            throw new AssertionError("an uninterruptible wait was interrupted", e);
        }
    }

    void shutdown() {
        shutdown = !shape.common();
        noteTermination();
    }

    /** {@code shutdownNow()}: no more tasks start, running ones are interrupted; returns those never started. */
    List<Runnable> shutdownNow() {
        if (shape.common()) {
            return List.of();
        }
        shutdown = true;
        stopped = true;
        List<Runnable> never = new ArrayList<>(queue);
        queue.clear();
        for (JavaThread w : workers) {
            w.interrupted = true;
        }
        noteTermination();
        return never;
    }

    boolean isShutdown() {
        return shutdown;
    }

    boolean isTerminating() {
        return shutdown && !terminated;
    }

    boolean isTerminated() {
        return terminated;
    }

    /**
     * {@code awaitTermination}: {@code false} when it timed out (only when no other thread could run). The common pool
     * never terminates: as in the JDK, waiting for it waits for quiescence and returns {@code false}.
     */
    boolean awaitTermination(boolean timed) throws InterruptedException {
        if (shape.common()) {
            awaitQuiescence(timed);
            return false;
        }
        return state.block("termination of", pool, this::isTerminated,
                () -> (shutdown ? "shut down, " : "not shut down, ") + workers.size() + " worker(s) left", true,
                timed);
    }

    /** {@code invokeAll}: submits every task and waits for each; a timeout cancels those not done. */
    <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks, boolean interruptible, boolean timed)
            throws InterruptedException {
        List<Future<T>> futures = submitAll(tasks);
        try {
            for (Future<T> f : futures) {
                if (!ExecutorHooks.awaitDone(state, f, interruptible, timed)) {
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

    /** The untimed {@code invokeAny}. */
    <T> T invokeAny(Collection<? extends Callable<T>> tasks) throws InterruptedException, ExecutionException {
        try {
            return invokeAny(tasks, false);
        } catch (TimeoutException e) {
            throw new AssertionError("an untimed invokeAny timed out", e);
        }
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
