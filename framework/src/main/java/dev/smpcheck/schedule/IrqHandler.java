package dev.smpcheck.schedule;

import org.apiguardian.api.API;

/**
 * The handler of an interrupt vector. It runs nested on the interrupted CPU, with that CPU's irqs disabled and
 * {@link Cpu#inInterrupt()} true, exactly like a hard interrupt handler in the kernel.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@FunctionalInterface
public interface IrqHandler {
    /** @param cpu the CPU the interrupt was delivered to, never {@code null} */
    void handle(Cpu cpu);
}
