package dev.smpcheck.plain;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Plain-Java programs that hand work to executors and wait for futures. */
public final class Pools {
    private Pools() {}

    static final class Count {
        int value;
    }

    /** A pool made before the schedule, as a static field would be: each schedule gets it fresh. */
    private static final ExecutorService MADE_EARLY = Executors.newFixedThreadPool(2);

    private static void lostUpdate(ExecutorService pool) throws InterruptedException, ExecutionException {
        Count c = new Count();
        Future<?> a = pool.submit(() -> c.value++);
        Future<?> b = pool.submit(() -> c.value++);
        a.get();
        b.get();
        if (c.value != 2) {
            throw new AssertionError("lost an update: count is " + c.value);
        }
    }

    /** Two tasks on a pool of two threads increment a plain field: an increment can be lost. */
    public static void lostUpdateOnAFixedPool() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        lostUpdate(pool);
        pool.shutdown();
    }

    /** The same on a pool made before the schedule. */
    public static void lostUpdateOnAPoolMadeEarly() throws Exception {
        lostUpdate(MADE_EARLY);
    }

    /** On a single thread the two tasks run one after the other: nothing is lost. */
    public static void singleThreadSerializes() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        lostUpdate(pool);
        pool.shutdown();
    }

    /** The same with {@code new ThreadPoolExecutor(1, 1, ...)}, which the agent swaps for its own pool. */
    public static void constructedPoolOfOneSerializes() throws Exception {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
        lostUpdate(pool);
        pool.shutdown();
        if (!pool.awaitTermination(1, TimeUnit.SECONDS) || !pool.isTerminated()) {
            throw new AssertionError("the pool did not terminate");
        }
    }

    /** A task on a single-thread pool waits for a second task on the same pool, which can never start. */
    public static void taskWaitsForATaskQueuedBehindIt() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        Future<Integer> outer = pool.submit(() -> pool.submit(() -> 1).get() + 1);
        outer.get();
    }

    /** Results travel through async stages on the common pool; join waits for them. */
    public static void asyncStagesCompose() {
        Count c = new Count();
        CompletableFuture<Integer> a = CompletableFuture.supplyAsync(() -> 20);
        CompletableFuture<Integer> b = a.thenApplyAsync(x -> x + 1);
        CompletableFuture<Void> side = CompletableFuture.runAsync(() -> c.value = 1);
        int sum = b.thenCombineAsync(side, (x, v) -> x * 2).join();
        if (sum != 42 || c.value != 1) {
            throw new AssertionError("got " + sum + ", side effect " + c.value);
        }
    }

    /** Two async tasks on the common pool increment a plain field: an increment can be lost. */
    public static void lostUpdateOnTheCommonPool() {
        Count c = new Count();
        CompletableFuture<Void> a = CompletableFuture.runAsync(() -> c.value++);
        CompletableFuture<Void> b = CompletableFuture.runAsync(() -> c.value++);
        CompletableFuture.allOf(a, b).join();
        if (c.value != 2) {
            throw new AssertionError("lost an update: count is " + c.value);
        }
    }

    /**
     * invokeAll returns when every task is done, invokeAny with the result of one that succeeded; shutdown then
     * awaitTermination waits for the workers.
     */
    public static void invokeAllThenTerminate() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        Callable<Integer> one = () -> 1;
        List<Future<Integer>> results = pool.invokeAll(List.of(one, one, one));
        int sum = 0;
        for (Future<Integer> f : results) {
            if (!f.isDone()) {
                throw new AssertionError("invokeAll returned before a task was done");
            }
            sum += f.get();
        }
        Callable<Integer> fails = () -> {
            throw new IllegalStateException("no result");
        };
        sum += pool.invokeAny(List.of(fails, one));
        pool.shutdown();
        if (sum != 4 || !pool.awaitTermination(1, TimeUnit.SECONDS)) {
            throw new AssertionError("sum " + sum + ", terminated " + pool.isTerminated());
        }
    }

    /** shutdownNow interrupts a task that waits; the task sees the interrupt. */
    public static void shutdownNowInterruptsARunningTask() throws Exception {
        ExecutorService pool = Executors.newCachedThreadPool();
        CountDownLatch never = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        Future<Boolean> waiter = pool.submit(() -> {
            started.countDown();
            try {
                never.await();
                return false;
            } catch (InterruptedException e) {
                return true;
            }
        });
        started.await();
        pool.shutdownNow();
        if (!waiter.get()) {
            throw new AssertionError("the task was not interrupted");
        }
    }

    /** A timed get of a task that never finishes times out (only once nothing else can run). */
    public static void timedGetTimesOut() throws Exception {
        ExecutorService pool = Executors.newCachedThreadPool();
        CountDownLatch never = new CountDownLatch(1);
        Future<?> stuck = pool.submit(() -> {
            never.await();
            return null;
        });
        try {
            stuck.get(10, TimeUnit.MILLISECONDS);
            throw new AssertionError("the get did not time out");
        } catch (TimeoutException expected) {
            stuck.cancel(true);
        }
    }

    /**
     * A user's pool that audits its tasks in {@code beforeExecute}/{@code afterExecute}, and notes its termination:
     * the agent makes it extend the runtime's pool, so its hooks run on the controlled workers.
     */
    static final class AuditedPool extends ThreadPoolExecutor {
        int started;
        int finished;
        boolean terminated;

        AuditedPool(int threads) {
            super(threads, threads, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
        }

        @Override
        protected void beforeExecute(Thread t, Runnable r) {
            started++;
        }

        @Override
        protected void afterExecute(Runnable r, Throwable t) {
            finished++;
        }

        @Override
        protected void terminated() {
            terminated = true;
        }
    }

    private static void audit(AuditedPool pool) throws Exception {
        Future<?> a = pool.submit(() -> { });
        Future<?> b = pool.submit(() -> { });
        a.get();
        b.get();
        pool.shutdown();
        if (!pool.awaitTermination(1, TimeUnit.SECONDS) || !pool.terminated) {
            throw new AssertionError("terminated() was not called");
        }
        if (pool.started != 2 || pool.finished != 2) {
            throw new AssertionError("audited " + pool.started + " started, " + pool.finished + " finished of 2");
        }
    }

    /** With two workers, the audit's plain counters race. */
    public static void auditedPoolOfTwoLosesACount() throws Exception {
        audit(new AuditedPool(2));
    }

    /** With one worker, the hooks run one after the other. */
    public static void auditedPoolOfOneCountsEveryTask() throws Exception {
        audit(new AuditedPool(1));
    }

    /** A subclass that wraps each task (as pools that carry a logging context do) and calls super.execute. */
    public static void wrappingPoolLosesAnUpdate() throws Exception {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(2, 2, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>()) {
            @Override
            public void execute(Runnable command) {
                super.execute(() -> {
                    command.run();
                });
            }
        };
        lostUpdate(pool);
        pool.shutdown();
    }
}
