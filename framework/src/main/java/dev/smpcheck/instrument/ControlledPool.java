package dev.smpcheck.instrument;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.RunnableFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apiguardian.api.API;

/**
 * The thread pool that instrumented code gets from {@code Executors.newFixedThreadPool} and its kin, and from
 * {@code new ThreadPoolExecutor(...)} (the agent swaps the class in the {@code new} instruction).
 *
 * <p>Outside a schedule it <em>is</em> a {@code ThreadPoolExecutor}: every method is the inherited one. When a
 * controlled thread hands it work, the schedule's {@link PoolModel} runs it instead: tasks queue in the model and run
 * on controlled threads, and waiting for them ({@code awaitTermination}, {@code invokeAll}, {@code Future.get}) is a
 * modelled wait. The real pool stays idle then, so its own counters ({@code getQueue}, {@code getTaskCount}) say
 * nothing about work done under control. The model lives as long as the schedule, so a pool made before the test (a
 * static field) starts each schedule empty and not shut down.
 *
 * <p>A user's subclass of {@code ThreadPoolExecutor} extends this class instead (the agent swaps the superclass when it
 * defines the class), so its overrides of {@code beforeExecute}, {@code afterExecute} and {@code terminated} run under
 * control as a JDK worker would run them, and its {@code super.execute(...)} reaches the model.
 *
 * @since 0.1
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public class ControlledPool extends ThreadPoolExecutor {

    /** As the {@code ThreadPoolExecutor} constructor with these parameters. */
    public ControlledPool(int corePoolSize, int maximumPoolSize, long keepAliveTime, TimeUnit unit,
            BlockingQueue<Runnable> workQueue) {
        super(corePoolSize, maximumPoolSize, keepAliveTime, unit, workQueue);
    }

    /** As the {@code ThreadPoolExecutor} constructor with these parameters. */
    public ControlledPool(int corePoolSize, int maximumPoolSize, long keepAliveTime, TimeUnit unit,
            BlockingQueue<Runnable> workQueue, ThreadFactory threadFactory) {
        super(corePoolSize, maximumPoolSize, keepAliveTime, unit, workQueue, threadFactory);
    }

    /** As the {@code ThreadPoolExecutor} constructor with these parameters. */
    public ControlledPool(int corePoolSize, int maximumPoolSize, long keepAliveTime, TimeUnit unit,
            BlockingQueue<Runnable> workQueue, RejectedExecutionHandler handler) {
        super(corePoolSize, maximumPoolSize, keepAliveTime, unit, workQueue, handler);
    }

    /** As the {@code ThreadPoolExecutor} constructor with these parameters. */
    public ControlledPool(int corePoolSize, int maximumPoolSize, long keepAliveTime, TimeUnit unit,
            BlockingQueue<Runnable> workQueue, ThreadFactory threadFactory, RejectedExecutionHandler handler) {
        super(corePoolSize, maximumPoolSize, keepAliveTime, unit, workQueue, threadFactory, handler);
    }

    /** @return this pool's model in the running schedule, or {@code null} when the caller is not controlled */
    PoolModel model() {
        JvmState s = JvmState.at(Sites.ANY);
        return s == null ? null : s.model(this, PoolModel.class, p -> new PoolModel(this, s, PoolModel.of(this, s)));
    }

    /**
     * Runs {@code task} as a worker of the JDK's pool does: {@code beforeExecute}, then the task, then
     * {@code afterExecute} with what the task threw. An exception from {@code beforeExecute} ends the worker, the task
     * not run.
     */
    final void runTask(Thread worker, Runnable task) {
        beforeExecute(worker, task);
        Throwable thrown = null;
        try {
            task.run();
        } catch (RuntimeException | Error e) {
            thrown = e;
            throw e;
        } finally {
            afterExecute(task, thrown);
        }
    }

    /** Calls {@code terminated()}, once the model found the pool terminated. */
    final void runTerminated() {
        terminated();
    }

    @Override
    public void execute(Runnable command) {
        PoolModel m = model();
        if (m == null) {
            super.execute(command);
        } else {
            m.execute(command);
        }
    }

    @Override
    protected <T> RunnableFuture<T> newTaskFor(Runnable runnable, T value) {
        return new PoolTask<>(runnable, value);
    }

    @Override
    protected <T> RunnableFuture<T> newTaskFor(Callable<T> callable) {
        return new PoolTask<>(callable);
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
    public <T> List<Future<T>> invokeAll(Collection<? extends Callable<T>> tasks) throws InterruptedException {
        PoolModel m = model();
        return m == null ? super.invokeAll(tasks) : m.invokeAll(tasks, true, false);
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
    public boolean remove(Runnable task) {
        PoolModel m = model();
        return m == null ? super.remove(task) : m.remove(task);
    }

    @Override
    public int getPoolSize() {
        PoolModel m = model();
        return m == null ? super.getPoolSize() : m.workers();
    }

    @Override
    public int getActiveCount() {
        PoolModel m = model();
        return m == null ? super.getActiveCount() : m.active();
    }

    /** Under control no worker starts ahead of work: the model starts them as tasks arrive. */
    @Override
    public boolean prestartCoreThread() {
        return model() == null && super.prestartCoreThread();
    }

    /** Under control no worker starts ahead of work: the model starts them as tasks arrive. */
    @Override
    public int prestartAllCoreThreads() {
        return model() == null ? super.prestartAllCoreThreads() : 0;
    }
}
