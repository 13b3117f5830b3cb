package dev.smpcheck.instrument;

import java.util.concurrent.Callable;
import java.util.concurrent.FutureTask;

/**
 * The future of a task submitted to a {@link ControlledPool}. While a controlled worker runs it, {@code cancel(true)}
 * interrupts that logical thread: the JDK's {@code FutureTask} would interrupt the JVM thread beneath it, which belongs
 * to the engine.
 */
final class PoolTask<V> extends FutureTask<V> {
    /** The logical thread running the task under control, else {@code null}; set and cleared by {@link PoolModel}. */
    JavaThread runner;

    PoolTask(Callable<V> callable) {
        super(callable);
    }

    PoolTask(Runnable runnable, V value) {
        super(runnable, value);
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        JavaThread running = runner;
        if (!mayInterruptIfRunning || running == null) {
            return super.cancel(mayInterruptIfRunning);
        }
        boolean cancelled = super.cancel(false);
        if (cancelled) {
            running.interrupted = true;
        }
        return cancelled;
    }
}
