package dev.smpcheck.ipi;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * How to boot an {@link IpiSystem} besides its {@link Variant}: CPUs that start offline, faults the search may inject,
 * and kernel debug switches. Immutable; each {@code withX} returns a changed copy, and {@link #defaults()} is a plain
 * system with every CPU online, no faults and no debug options.
 *
 * <pre>{@code
 * IpiSystem ipi = IpiSystem.boot(smp, Variant.V6_17,
 *         IpiOptions.defaults().withDroppedIpis(1).withCsdLockWaitDebug(true));
 * }</pre>
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class IpiOptions {
    private static final IpiOptions DEFAULTS = new IpiOptions(CpuMask.none(), 0, false, false);

    private final CpuMask offlineCpus;
    private final int droppedIpis;
    private final boolean csdLockWaitDebug;
    private final boolean failOnWarn;

    private IpiOptions(CpuMask offlineCpus, int droppedIpis, boolean csdLockWaitDebug, boolean failOnWarn) {
        this.offlineCpus = offlineCpus;
        this.droppedIpis = droppedIpis;
        this.csdLockWaitDebug = csdLockWaitDebug;
        this.failOnWarn = failOnWarn;
    }

    /** @return every CPU online, no faults, no debug options */
    public static IpiOptions defaults() {
        return DEFAULTS;
    }

    /**
     * @param cpus CPUs that stay offline from boot on (calls to them return {@code -ENXIO})
     * @return a copy with those CPUs offline
     */
    public IpiOptions withOfflineCpus(int... cpus) {
        return new IpiOptions(CpuMask.of(cpus), droppedIpis, csdLockWaitDebug, failOnWarn);
    }

    /**
     * Fault injection for catalogue C16 (lost IPIs under KVM/Xen): each IPI sent becomes a data choice of the search,
     * delivered or lost, until {@code max} have been lost in a schedule.
     *
     * @param max how many IPIs a schedule may lose, at least 0
     * @return a copy with that budget
     */
    public IpiOptions withDroppedIpis(int max) {
        if (max < 0) {
            throw new IllegalArgumentException("droppedIpis must be at least 0, got " + max);
        }
        return new IpiOptions(offlineCpus, max, csdLockWaitDebug, failOnWarn);
    }

    /**
     * {@code CONFIG_CSD_LOCK_WAIT_DEBUG}: a {@code csd_lock_wait} that is stuck while its target holds queued work,
     * has no IPI pending and is not in a flush re-sends the target its IPI ("Re-sending CSD lock ... IPI"), the
     * re-send that rescued the lost-IPI hangs of C16. The model re-sends when it would help, not after a timeout.
     *
     * @param on whether the debug code is on
     * @return a copy with it on or off
     */
    public IpiOptions withCsdLockWaitDebug(boolean on) {
        return new IpiOptions(offlineCpus, droppedIpis, on, failOnWarn);
    }

    /**
     * @param on whether a kernel {@code WARN} fails the schedule ({@code KERNEL_WARN}) instead of being recorded
     * @return a copy with that setting
     */
    public IpiOptions withFailOnWarn(boolean on) {
        return new IpiOptions(offlineCpus, droppedIpis, csdLockWaitDebug, on);
    }

    /** @return the CPUs that start offline (a copy) */
    public CpuMask offlineCpus() {
        return offlineCpus.copy();
    }

    /** @return how many IPIs a schedule may lose */
    public int droppedIpis() {
        return droppedIpis;
    }

    /** @return whether {@code CONFIG_CSD_LOCK_WAIT_DEBUG}'s re-send is on */
    public boolean csdLockWaitDebug() {
        return csdLockWaitDebug;
    }

    /** @return whether a kernel {@code WARN} fails the schedule */
    public boolean failOnWarn() {
        return failOnWarn;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IpiOptions other && other.offlineCpus.equals(offlineCpus)
                && other.droppedIpis == droppedIpis && other.csdLockWaitDebug == csdLockWaitDebug
                && other.failOnWarn == failOnWarn;
    }

    @Override
    public int hashCode() {
        return Objects.hash(offlineCpus, droppedIpis, csdLockWaitDebug, failOnWarn);
    }

    @Override
    public String toString() {
        return "IpiOptions[offline=" + offlineCpus + ", droppedIpis=" + droppedIpis + ", csdLockWaitDebug="
                + csdLockWaitDebug + ", failOnWarn=" + failOnWarn + "]";
    }
}
