package dev.smpcheck.plain;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CountedCompleter;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.RecursiveAction;
import java.util.concurrent.RecursiveTask;
import java.util.concurrent.TimeUnit;

/** Plain-Java programs on fork/join pools: the common pool, pools made with {@code new ForkJoinPool}, forked tasks. */
public final class ForkJoins {
    private ForkJoins() {}

    static final class Count {
        int value;
    }

    /** Made in a class initialiser, which the agent does not rewrite: the JDK's own common pool. */
    private static final ForkJoinPool JDK_COMMON_POOL = ForkJoinPool.commonPool();

    /** Counts its leaves into a shared plain field, forking the left half: two leaves can lose an increment. */
    static final class CountLeaves extends RecursiveAction {
        private final Count count;
        private final int leaves;
        private final boolean viaInvokeAll;

        CountLeaves(Count count, int leaves, boolean viaInvokeAll) {
            this.count = count;
            this.leaves = leaves;
            this.viaInvokeAll = viaInvokeAll;
        }

        @Override
        protected void compute() {
            if (leaves == 1) {
                count.value++;
                return;
            }
            CountLeaves left = new CountLeaves(count, leaves / 2, viaInvokeAll);
            CountLeaves right = new CountLeaves(count, leaves - leaves / 2, viaInvokeAll);
            if (viaInvokeAll) {
                invokeAll(left, right);
            } else {
                left.fork();
                right.compute();
                left.join();
            }
        }
    }

    /** Sums a range by fork/join with no shared state: the correct twin of {@link CountLeaves}. */
    static final class Sum extends RecursiveTask<Integer> {
        private final int from;
        private final int to;

        Sum(int from, int to) {
            this.from = from;
            this.to = to;
        }

        @Override
        protected Integer compute() {
            if (to - from == 1) {
                return from;
            }
            int mid = (from + to) / 2;
            Sum left = new Sum(from, mid);
            left.fork();
            int right = new Sum(mid, to).compute();
            return right + left.join();
        }
    }

    private static void expectLeaves(Count c, int leaves) {
        if (c.value != leaves) {
            throw new AssertionError("lost an update: " + c.value + " of " + leaves + " leaves counted");
        }
    }

    /** {@code fork()} outside a pool sends the left half to the common pool, whose worker races the caller. */
    public static void forkedLeavesLoseAnUpdate() {
        Count c = new Count();
        new CountLeaves(c, 2, false).invoke();
        expectLeaves(c, 2);
    }

    /** The same race through {@code ForkJoinTask.invokeAll(left, right)}, on a pool of two. */
    public static void invokeAllLeavesLoseAnUpdate() {
        Count c = new Count();
        new ForkJoinPool(2).invoke(new CountLeaves(c, 2, true));
        expectLeaves(c, 2);
    }

    /** A fork/join sum of 0..3 on the common pool, with results passed by join: always 6. */
    public static void forkJoinSumIsExact() {
        int sum = ForkJoinPool.commonPool().invoke(new Sum(0, 4));
        if (sum != 6) {
            throw new AssertionError("sum " + sum);
        }
    }

    /**
     * On a pool of parallelism 1 a worker that joins the task it forked takes it back and runs it itself, so the
     * racy count is never raced and the tree never waits for a second worker.
     */
    public static void parallelismOneRunsTheTreeOnOneWorker() {
        Count c = new Count();
        ForkJoinPool pool = new ForkJoinPool(1);
        pool.invoke(new CountLeaves(c, 4, false));
        expectLeaves(c, 4);
        pool.shutdown();
    }

    /** A user's subclass of {@code ForkJoinPool}, which the agent makes extend the runtime's pool. */
    static final class OwnPool extends ForkJoinPool {
        OwnPool() {
            super(2);
        }
    }

    /** Two tasks on a user's subclass of {@code ForkJoinPool} increment a plain field. */
    public static void lostUpdateOnASubclassedPool() {
        Count c = new Count();
        ForkJoinPool pool = new OwnPool();
        ForkJoinTask<?> a = pool.submit(() -> {
            c.value++;
        });
        ForkJoinTask<?> b = pool.submit(() -> {
            c.value++;
        });
        a.join();
        b.join();
        expectLeaves(c, 2);
    }

    /** Two tasks submitted to {@code ForkJoinPool.commonPool()} increment a plain field. */
    public static void lostUpdateOnTheCommonForkJoinPool() throws Exception {
        Count c = new Count();
        ForkJoinPool pool = ForkJoinPool.commonPool();
        ForkJoinTask<?> a = pool.submit(() -> {
            c.value++;
        });
        ForkJoinTask<?> b = pool.submit(() -> {
            c.value++;
        });
        a.get();
        b.join();
        expectLeaves(c, 2);
    }

    /** A task that waits for a latch only a task queued behind it counts down: on one worker, a deadlock. */
    public static void taskWaitsForALatchQueuedBehindIt() {
        ForkJoinPool pool = new ForkJoinPool(1);
        CountDownLatch latch = new CountDownLatch(1);
        ForkJoinTask<?> waiter = pool.submit(() -> {
            latch.await();
            return null;
        });
        pool.execute(latch::countDown);
        waiter.join();
    }

    /** Inside a task, {@code getPool()} and {@code inForkJoinPool()} answer for the pool the task runs on. */
    public static void aTaskKnowsItsPool() {
        ForkJoinPool pool = new ForkJoinPool(2);
        boolean[] seen = new boolean[2];
        pool.submit(() -> {
            seen[0] = ForkJoinTask.getPool() == pool;
            seen[1] = ForkJoinTask.inForkJoinPool();
        }).join();
        if (!seen[0] || !seen[1] || ForkJoinTask.inForkJoinPool() || ForkJoinTask.getPool() != null) {
            throw new AssertionError("getPool " + seen[0] + ", inForkJoinPool " + seen[1]);
        }
        pool.shutdown();
        if (!pool.awaitQuiescence(1, TimeUnit.SECONDS) || !pool.isShutdown()) {
            throw new AssertionError("not quiescent after the task was joined");
        }
    }

    /** {@code awaitQuiescence} on the common pool waits for a task executed without a future to wait on. */
    public static void quiescenceWaitsForAnExecutedTask() {
        Count c = new Count();
        ForkJoinPool.commonPool().execute(() -> c.value = 1);
        if (!ForkJoinPool.commonPool().awaitQuiescence(1, TimeUnit.SECONDS) || c.value != 1) {
            throw new AssertionError("quiescent before the task ran: " + c.value);
        }
    }

    /** A {@code CountedCompleter} is not modelled: forking one fails under control. */
    public static void countedCompleter() {
        new CountedCompleter<Void>() {
            @Override
            public void compute() {
                tryComplete();
            }
        }.fork().join();
    }

    /** The JDK's common pool, kept in a static field before the test: handing it work fails under control. */
    public static void commonPoolKeptBeforeTheTest() throws Exception {
        JDK_COMMON_POOL.submit(() -> 1).get();
    }
}
