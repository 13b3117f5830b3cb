package dev.smpcheck.ipi;

import org.apiguardian.api.API;

/**
 * The function of an irq_work: the kernel's {@code void (*func)(struct irq_work *)}. It runs in hard interrupt
 * context with irqs disabled, on the CPU the work was queued on. It must not free its work: the runner still writes
 * the work's flags after the function returns (catalogue C20).
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@FunctionalInterface
public interface IrqWorkFunc {

    /** @param work the work being run, never {@code null} */
    void run(IrqWork work);
}
