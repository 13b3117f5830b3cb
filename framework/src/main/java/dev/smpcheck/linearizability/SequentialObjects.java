package dev.smpcheck.linearizability;

import java.util.List;
import org.apiguardian.api.API;

/**
 * The {@link Specifications} of ipi-core's concurrent objects as {@link SequentialObject}s: classes with one method per
 * operation, to name as Lincheck's {@code sequentialSpecification} so that Lincheck checks against the same
 * specification as {@link LinearizabilityChecker}. Each has a public no-argument constructor, as Lincheck requires.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class SequentialObjects {
    private SequentialObjects() {}

    /** {@link Specifications#llist()}: {@code add(int) -> wasEmpty}, {@code delAll() -> elements, newest first}. */
    public static class Llist extends SequentialObject {
        /** An empty list. */
        public Llist() {
            super(Specifications.llist());
        }

        /** @param value the element @return whether the list was empty */
        public boolean add(int value) {
            return (Boolean) apply("add", value);
        }

        /** @return every element, newest first */
        public List<?> delAll() {
            return (List<?>) apply("delAll");
        }
    }

    /** {@link Specifications#tryLock()}: {@code tryLock() -> acquired}, {@code unlock()}. */
    public static class TryLock extends SequentialObject {
        /** A free lock. */
        public TryLock() {
            super(Specifications.tryLock());
        }

        /** @return whether the lock was free and is now held */
        public boolean tryLock() {
            return (Boolean) apply("tryLock");
        }

        /** Frees the lock. */
        public void unlock() {
            apply("unlock");
        }
    }

    /** {@link Specifications#irqWork()}: {@code claim() -> claimed}, {@code run() -> ran}. */
    public static class IrqWork extends SequentialObject {
        /** An idle work. */
        public IrqWork() {
            super(Specifications.irqWork());
        }

        /** @return whether the work was not pending and is now claimed */
        public boolean claim() {
            return (Boolean) apply("claim");
        }

        /** @return whether a pending work ran */
        public boolean run() {
            return (Boolean) apply("run");
        }
    }

    /** {@link Specifications#pendingQueue()}: {@code request() -> 0}, {@code flush() -> tokens taken, or null}. */
    public static class PendingQueue extends SequentialObject {
        /** No request yet. */
        public PendingQueue() {
            super(Specifications.pendingQueue());
        }

        /** @return 0 */
        public int request() {
            return (Integer) apply("request");
        }

        /** @return the tokens the run took, or {@code null} when none */
        public Integer flush() {
            return (Integer) apply("flush");
        }
    }
}
