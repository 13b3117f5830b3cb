package dev.smpcheck.schedule;

import org.apiguardian.api.API;

/**
 * A modelled sleeping lock ({@code mutex_lock}/{@code mutex_unlock}). Not reentrant, like the kernel's.
 *
 * <p>Waiting is modelled as for {@link SpinLock}. The difference is where it may be taken: a mutex may sleep, so,
 * like the kernel's {@code might_sleep()}, locking it on a CPU with irqs disabled, with a non-zero preempt count or
 * in an interrupt handler throws {@link IllegalStateException} ("sleeping function called from invalid context").
 * Plain controlled threads and uncontrolled threads may always take it.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Mutex extends OwnedLock {

    /** @param name shown in traces and deadlock reports, never {@code null} */
    public Mutex(String name) {
        super(name, "mutex_lock", "mutex_unlock");
    }

    @Override
    void checkContext(Context self) {
        Cpu cpu = self.cpu;
        if (cpu == null) {
            return;
        }
        String why = cpu.inInterrupt() ? "in an interrupt handler"
                : cpu.irqsDisabled() ? "with irqs disabled"
                : cpu.preemptCount() > 0 ? "with preempt count " + cpu.preemptCount()
                : null;
        if (why != null) {
            throw new IllegalStateException("BUG: sleeping function called from invalid context: mutex_lock(" + this
                    + ") on " + cpu + " " + why);
        }
    }
}
