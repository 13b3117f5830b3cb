package dev.smpcheck.ipi;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.apiguardian.api.API;

/**
 * The 2014 pending-flag queue's descriptor: seed 003's {@code struct queue_single_data} (Frederic Weisbecker, "smp:
 * Non busy-waiting IPI queue", Apr 2014; never merged in this form, it became irq_work's remote queueing in v3.16).
 * Embed one in the object whose work it queues, and queue it with {@link IpiSystem#queueFunctionSingle}.
 *
 * <p>It holds a csd ({@code data}), the function, and a {@code pending} flag: set with a {@code cmpxchg} by the
 * request that queues the csd, cleared by the handler. A request that finds it set is coalesced: not queued again,
 * with the promise that the pending run sees what the requester wrote before asking.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class QueueSingleData {
    private final String name;
    /** {@code qsd->data}: the csd queued to the target; its func is the model's handler, its info this qsd. */
    final Csd data;
    /** {@code qsd->pending}: 1 from the request that queued {@code data} until the handler clears it. */
    final AtomicInteger pending = new AtomicInteger();
    /** {@code qsd->func}: written by the request that won {@code pending}, read by the handler. */
    volatile SmpQueueFunc func;

    QueueSingleData(String name) {
        this.name = Objects.requireNonNull(name, "name");
        this.data = Csd.embedded(name + ".data");
    }

    /** @return whether a run is pending now ({@code qsd->pending}) */
    public boolean isPending() {
        return pending.get() != 0;
    }

    /** @return the name, used in traces and reports */
    @Override
    public String toString() {
        return name;
    }
}
