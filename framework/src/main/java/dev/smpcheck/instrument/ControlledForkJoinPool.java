package dev.smpcheck.instrument;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountedCompleter;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.apiguardian.api.API;

/**
 * The {@code ForkJoinPool} that instrumented code gets from {@code new ForkJoinPool(...)} and
 * {@code Executors.newWorkStealingPool} (the agent swaps the class in the {@code new} instruction), and, under
 * control, from {@code ForkJoinPool.commonPool()}.
 *
 * <p>Outside a schedule it <em>is</em> a {@code ForkJoinPool}. When a controlled thread hands it work, the schedule's
 * {@link PoolModel} runs the work instead, on controlled threads named as the JDK names its workers
 * ({@code ForkJoinPool-1-worker-1}, {@code ForkJoinPool.commonPool-worker-1}). Those threads are plain
 * {@code Thread}s, not {@code ForkJoinWorkerThread}s: a task's {@code fork()}, {@code ForkJoinTask.getPool()} and
 * {@code inForkJoinPool()} are answered by {@link ForkJoinHooks} from the model. At most the parallelism runs at once;
 * a pool sized by the machine's processors has no limit, so that the search does not depend on the machine.
 *
 * @since 0.1
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public class ControlledForkJoinPool extends ForkJoinPool {
    /** Whether the JDK sized the pool by the machine's processors. */
    private final boolean machineSized;
    /** Whether this stands in for the common pool, which shutting down does not stop. */
    private final boolean common;

    /** As {@code new ForkJoinPool()}: sized by the machine, so unbounded under control. */
    public ControlledForkJoinPool() {
        super();
        this.machineSized = true;
        this.common = false;
    }

    /** As {@code new ForkJoinPool(parallelism)}. */
    public ControlledForkJoinPool(int parallelism) {
        super(parallelism);
        this.machineSized = false;
        this.common = false;
    }

    /** As the {@code ForkJoinPool} constructor with these parameters; the factory makes no worker under control. */
    public ControlledForkJoinPool(int parallelism, ForkJoinWorkerThreadFactory factory,
            Thread.UncaughtExceptionHandler handler, boolean asyncMode) {
        super(parallelism, factory, handler, asyncMode);
        this.machineSized = false;
        this.common = false;
    }

    /** As the {@code ForkJoinPool} constructor with these parameters; under control only the parallelism counts. */
    public ControlledForkJoinPool(int parallelism, ForkJoinWorkerThreadFactory factory,
            Thread.UncaughtExceptionHandler handler, boolean asyncMode, int corePoolSize, int maximumPoolSize,
            int minimumRunnable, Predicate<? super ForkJoinPool> saturate, long keepAliveTime, TimeUnit unit) {
        super(parallelism, factory, handler, asyncMode, corePoolSize, maximumPoolSize, minimumRunnable, saturate,
                keepAliveTime, unit);
        this.machineSized = false;
        this.common = false;
    }

    private ControlledForkJoinPool(int parallelism, boolean asyncMode, boolean machineSized, boolean common) {
        super(parallelism, defaultForkJoinWorkerThreadFactory, null, asyncMode);
        this.machineSized = machineSized;
        this.common = common;
    }

    /** The stand-in for the common pool: its parallelism is the JDK's, its model unbounded. */
    static ControlledForkJoinPool common() {
        return new ControlledForkJoinPool(getCommonPoolParallelism(), false, true, true);
    }

    /** As {@code Executors.newWorkStealingPool(parallelism)}: an async-mode pool, or one sized by the machine. */
    static ControlledForkJoinPool workStealing(int parallelism, boolean machineSized) {
        return new ControlledForkJoinPool(parallelism, true, machineSized, false);
    }

    /** @return this pool's model in the schedule {@code s} */
    PoolModel model(JvmState s) {
        return s.model(this, PoolModel.class, p -> new PoolModel(this, s, shape(s)));
    }

    /** @return this pool's model in the running schedule, or {@code null} when the caller is not controlled */
    PoolModel model() {
        JvmState s = JvmState.at(Sites.ANY);
        return s == null ? null : model(s);
    }

    private PoolModel.Shape shape(JvmState s) {
        // Counted per schedule, so that traces repeat; the JDK counts pools for the whole JVM.
        String name = common ? "ForkJoinPool.commonPool" : "ForkJoinPool-" + s.count(ForkJoinPool.class);
        return new PoolModel.Shape(name, machineSized ? Integer.MAX_VALUE : getParallelism(), (work, n) -> {
            Thread t = new Thread(work, name + "-worker-" + n);
            t.setDaemon(true);
            return t;
        }, task -> {
            throw new RejectedExecutionException(name + " is shut down");
        }, common);
    }

    /**
     * Queues {@code task} in {@code model}.
     *
     * @throws UnsupportedOperationException for a {@code CountedCompleter}, whose completion the model cannot wait for
     */
    static void queue(PoolModel model, ForkJoinTask<?> task) {
        if (task instanceof CountedCompleter<?>) {
            throw new UnsupportedOperationException("smpcheck does not model CountedCompleter tasks yet ("
                    + task.getClass().getName() + "): a worker would wait for its completion inside the JDK, where "
                    + "the search cannot see it. RecursiveTask and RecursiveAction are modelled");
        }
        model.execute(new Forked(task), task);
    }

    /**
     * The queued form of a {@code ForkJoinTask}: a worker runs it without waiting for it, as the JDK's workers do.
     * {@code CompletableFuture}'s own tasks are runnables that complete their future; any other task is invoked
     * quietly, its exception kept for {@code join} and {@code get}.
     */
    record Forked(ForkJoinTask<?> task) implements Runnable {
        @Override
        public void run() {
            if (task instanceof CompletableFuture.AsynchronousCompletionTask && task instanceof Runnable r) {
                r.run();
            } else {
                task.quietlyInvoke();
            }
        }
    }

    @Override
    public void execute(ForkJoinTask<?> task) {
        PoolModel m = model();
        if (m == null) {
            super.execute(task);
        } else {
            queue(m, task);
        }
    }

    @Override
    public void execute(Runnable task) {
        PoolModel m = model();
        if (m == null) {
            super.execute(task);
        } else if (task instanceof ForkJoinTask<?> t) {
            queue(m, t);
        } else {
            // As the JDK's: a task's exception ends its worker, through the uncaught exception handler.
            m.execute(task);
        }
    }

    @Override
    public <T> ForkJoinTask<T> submit(ForkJoinTask<T> task) {
        PoolModel m = model();
        return m == null ? super.submit(task) : queued(m, task);
    }

    @Override
    public <T> ForkJoinTask<T> submit(Callable<T> task) {
        PoolModel m = model();
        return m == null ? super.submit(task) : queued(m, ForkJoinTask.adapt(task));
    }

    @Override
    public <T> ForkJoinTask<T> submit(Runnable task, T result) {
        PoolModel m = model();
        return m == null ? super.submit(task, result) : queued(m, ForkJoinTask.adapt(task, result));
    }

    @Override
    public ForkJoinTask<?> submit(Runnable task) {
        PoolModel m = model();
        return m == null ? super.submit(task) : queued(m, ForkJoinTask.adapt(task));
    }

    /** {@link #queue}, returning the task: a submit looks the model up once. */
    private static <T> ForkJoinTask<T> queued(PoolModel m, ForkJoinTask<T> task) {
        queue(m, task);
        return task;
    }

    /** Under control, queues the task and waits for it, running it itself if no worker has started it. */
    @Override
    public <T> T invoke(ForkJoinTask<T> task) {
        JvmState s = JvmState.at(Sites.ANY);
        if (s == null) {
            return super.invoke(task);
        }
        queue(model(s), task);
        ForkJoinHooks.awaitUninterruptibly(s, task);
        return task.join();
    }

    @Override
    public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks) {
        PoolModel m = model();
        if (m == null) {
            return super.invokeAll(tasks);
        }
        try {
            // Uninterruptible, as ForkJoinPool.invokeAll is up to JDK 24: it declares no InterruptedException.
            return m.invokeAll(tasks, false, false);
        } catch (InterruptedException e) {
            throw new AssertionError("an uninterruptible wait was interrupted", e);
        }
    }

    @Override
    public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
            throws InterruptedException {
        PoolModel m = model();
        return m == null ? super.invokeAll(tasks, timeout, unit) : m.invokeAll(tasks, true, timeout > 0);
    }

    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks) throws InterruptedException, ExecutionException {
        PoolModel m = model();
        return m == null ? super.invokeAny(tasks) : m.invokeAny(tasks);
    }

    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
            throws InterruptedException, ExecutionException, TimeoutException {
        PoolModel m = model();
        return m == null ? super.invokeAny(tasks, timeout, unit) : m.invokeAny(tasks, timeout > 0);
    }

    @Override
    public void shutdown() {
        PoolModel m = model();
        if (m == null) {
            super.shutdown();
        } else {
            m.shutdown();
        }
    }

    @Override
    public List<Runnable> shutdownNow() {
        PoolModel m = model();
        return m == null ? super.shutdownNow() : m.shutdownNow();
    }

    @Override
    public boolean isShutdown() {
        PoolModel m = model();
        return m == null ? super.isShutdown() : m.isShutdown();
    }

    @Override
    public boolean isTerminating() {
        PoolModel m = model();
        return m == null ? super.isTerminating() : m.isTerminating();
    }

    @Override
    public boolean isTerminated() {
        PoolModel m = model();
        return m == null ? super.isTerminated() : m.isTerminated();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        PoolModel m = model();
        return m == null ? super.awaitTermination(timeout, unit) : m.awaitTermination(timeout > 0);
    }

    @Override
    public boolean awaitQuiescence(long timeout, TimeUnit unit) {
        PoolModel m = model();
        return m == null ? super.awaitQuiescence(timeout, unit) : m.awaitQuiescence(timeout > 0);
    }

    /** {@code ExecutorService.close()} (JDK 19 and later): under control, shuts down and waits for termination. */
    public void close() {
        PoolModel m = model();
        if (m == null) {
            shutdown();
            awaitTerminationUninterruptibly();
        } else if (!common) {
            m.shutdown();
            try {
                m.awaitTermination(false);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void awaitTerminationUninterruptibly() {
        boolean interrupted = false;
        while (!common && !isTerminated()) {
            try {
                awaitTermination(1, TimeUnit.DAYS);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
