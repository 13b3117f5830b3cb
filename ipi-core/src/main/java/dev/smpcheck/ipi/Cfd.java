package dev.smpcheck.ipi;

/**
 * One CPU's {@code call_function_data} ({@code cfd_data}, {@code kernel/smp.c} v6.17): the csds it uses for
 * {@code smp_call_function_many_cond}, one per destination CPU, and the two masks of the call in progress.
 *
 * <p>Private to its CPU: only that CPU's calls lock, fill and send these csds (the destination's flush unlocks them).
 * A csd is reused by the next call to the same destination, which first waits in {@code csd_lock} until the previous
 * use was unlocked.
 */
final class Cfd {
    private final Csd[] csd;
    /** {@code cfd->cpumask}: the destinations of the call in progress (mask ∩ online − self, minus cond rejects). */
    CpuMask cpumask = CpuMask.none();
    /** {@code cfd->cpumask_ipi}: those whose queue was empty, so they are owed an IPI. */
    CpuMask cpumaskIpi = CpuMask.none();

    Cfd(int cpu, int nrCpus) {
        this.csd = new Csd[nrCpus];
        for (int dst = 0; dst < nrCpus; dst++) {
            csd[dst] = Csd.perCpu("cfd_data[CPU" + cpu + "].csd[CPU" + dst + "]");
        }
    }

    /** @return the csd for destination {@code dst} ({@code per_cpu_ptr(cfd->csd, dst)}) */
    Csd csd(int dst) {
        return csd[dst];
    }
}
