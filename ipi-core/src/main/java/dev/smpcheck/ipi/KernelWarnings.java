package dev.smpcheck.ipi;

import dev.smpcheck.check.Violation;
import dev.smpcheck.check.ViolationException;
import dev.smpcheck.schedule.Sched;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The kernel's {@code WARN_ON} and {@code WARN_ON_ONCE}: a warning is recorded (in the trace and in
 * {@link IpiSystem#warnings()}) and execution goes on, as in the kernel, unless the system was booted with
 * {@link IpiOptions#withFailOnWarn}, which turns it into a {@link Violation#KERNEL_WARN}.
 */
final class KernelWarnings {
    private final boolean failOnWarn;
    private final List<String> messages = new ArrayList<>();
    private final Set<String> firedOnce = new HashSet<>();

    KernelWarnings(boolean failOnWarn) {
        this.failOnWarn = failOnWarn;
    }

    /** {@code WARN_ON}: records the warning every time. */
    void warn(String message) {
        synchronized (messages) {
            messages.add(message);
        }
        Sched.warn("WARN " + message);
        if (failOnWarn) {
            throw new ViolationException(Violation.KERNEL_WARN, message);
        }
    }

    /** {@code WARN_ON_ONCE}: records the warning the first time {@code site} fires in this system. */
    void warnOnce(String site, String message) {
        synchronized (messages) {
            if (!firedOnce.add(site)) {
                return;
            }
        }
        warn(message);
    }

    /** @return the warnings so far, oldest first (a copy) */
    List<String> messages() {
        synchronized (messages) {
            return List.copyOf(messages);
        }
    }
}
