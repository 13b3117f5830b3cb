package dev.smpcheck.schedule;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apiguardian.api.API;

/**
 * Platform daemon threads, pooled across the schedules of one search and handed control with park/unpark.
 *
 * <p>All workers live in one {@link ThreadGroup}; a thread created by code running on a worker joins that group by
 * default, which is how {@link #strangers()} spots threads the code under test started behind the engine's back.
 *
 * @since 0.1
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class PlatformThreadBackend implements Backend {
    private static final long CLOSE_WAIT_MILLIS = 2_000;

    private final ThreadGroup group;
    private final ConcurrentLinkedDeque<Worker> idle = new ConcurrentLinkedDeque<>();
    private final Set<Worker> workers = ConcurrentHashMap.newKeySet();
    private int created;

    /** @param label names the thread group and workers, such as the test's name */
    public PlatformThreadBackend(String label) {
        this.group = new ThreadGroup("smpcheck " + label);
        this.group.setDaemon(false);
    }

    @Override
    public Thread start(String name, Runnable body) {
        Worker w = idle.pollFirst();
        if (w == null) {
            w = new Worker(group, "smpcheck-worker-" + (++created));
            workers.add(w);
            w.assign(body);
            w.start();
        } else {
            w.assign(body);
        }
        return w;
    }

    @Override
    public void abandon(Thread thread) {
        if (thread instanceof Worker w && workers.remove(w)) {
            w.abandoned = true;
            idle.remove(w);
            w.interrupt();
        }
    }

    @Override
    public List<Thread> strangers() {
        Thread[] all = new Thread[group.activeCount() + 8];
        int n = group.enumerate(all, true);
        List<Thread> result = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (!(all[i] instanceof Worker)) {
                result.add(all[i]);
            }
        }
        return result;
    }

    @Override
    public void close() {
        List<Worker> toJoin = new ArrayList<>(workers);
        for (Worker w : toJoin) {
            w.closed = true;
            LockSupport.unpark(w);
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_WAIT_MILLIS);
        for (Worker w : toJoin) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            try {
                w.join(Math.max(1, left));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        workers.clear();
        idle.clear();
    }

    /** @return how many workers are alive (for tests that check nothing outlives a search) */
    public int liveWorkers() {
        int n = 0;
        for (Worker w : workers) {
            if (w.isAlive()) {
                n++;
            }
        }
        return n;
    }

    private final class Worker extends Thread {
        private volatile Runnable task;
        volatile boolean closed;
        volatile boolean abandoned;

        Worker(ThreadGroup group, String name) {
            super(group, name);
            setDaemon(true);
        }

        void assign(Runnable body) {
            task = body;
            LockSupport.unpark(this);
        }

        @Override
        public void run() {
            for (;;) {
                Runnable t;
                while ((t = task) == null) {
                    if (closed) {
                        return;
                    }
                    LockSupport.park(this);
                }
                try {
                    t.run();
                } catch (Throwable ignored) {
                    // The engine reports failures of logical threads itself; a worker only has to survive them.
                }
                task = null;
                Thread.interrupted();
                if (abandoned || closed) {
                    return;
                }
                idle.addFirst(this);
            }
        }
    }
}
