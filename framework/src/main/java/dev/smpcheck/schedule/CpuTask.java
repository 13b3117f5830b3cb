package dev.smpcheck.schedule;

import org.apiguardian.api.API;

/**
 * Work put on a simulated CPU with {@link Smp#onCpu}. It runs in task context (irqs enabled, preempt count 0).
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@FunctionalInterface
public interface CpuTask {
    /** @param cpu the CPU this task runs on, never {@code null} */
    void run(Cpu cpu) throws Exception;
}
