package dev.smpcheck.ipi;

import org.apiguardian.api.API;

/**
 * The function of the 2014 pending-flag queue: seed 003's {@code smp_queue_func_t},
 * {@code void (*)(struct queue_single_data *qsd)}. It runs on the target CPU in its flush, with irqs disabled, and
 * must be fast and non-blocking.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@FunctionalInterface
public interface SmpQueueFunc {

    /** @param qsd the queue data the function was queued with, never {@code null} */
    void run(QueueSingleData qsd);
}
