package dev.smpcheck.ipi;

import org.apiguardian.api.API;

/**
 * A CPU's hotplug state, as far as the cross-call subsystem sees it ({@code kernel/cpu.c}, v6.17, reduced to the
 * states that matter here). A CPU goes {@link #ONLINE} → {@link #DYING} → {@link #OFFLINE} when it is taken down, and
 * straight back to {@link #ONLINE} when it is brought up.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum CpuState {

    /** In {@code cpu_online_mask}: calls to it are queued and it takes IPIs. */
    ONLINE,

    /**
     * Inside {@code stop_machine}, running {@code take_cpu_down} with irqs disabled: already removed from
     * {@code cpu_online_mask} (new calls get {@code -ENXIO}), flushing its queue in {@code smpcfd_dying_cpu()}. The only
     * state in which callbacks run on a CPU that is not online.
     */
    DYING,

    /** Dead: nothing runs on it, and an IPI sent to it is lost. */
    OFFLINE
}
