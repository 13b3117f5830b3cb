package dev.smpcheck.ipi;

import java.util.function.IntConsumer;
import org.apiguardian.api.API;

/**
 * A set of CPU numbers: the kernel's {@code struct cpumask} ({@code include/linux/cpumask.h}), for up to 64 CPUs.
 *
 * <p>Mutable, like the kernel's: a caller may pass a mask that another CPU changes meanwhile (as with
 * {@code mm_cpumask}), and {@code smp_call_function_many} copies it once, in one step. The methods keep the kernel's
 * meaning under Java names: {@link #set} is {@code cpumask_set_cpu}, {@link #test} is {@code cpumask_test_cpu},
 * {@link #weight} is {@code cpumask_weight}, {@link #and} is {@code cpumask_and} into a new mask, and so on.
 *
 * <p>Not synchronized: under the engine one CPU runs at a time; on plain threads, share a mask only read-only.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class CpuMask {

    /** The most CPUs a mask holds (the engine's limit, too). */
    public static final int MAX_CPUS = Long.SIZE;

    private long bits;

    private CpuMask(long bits) {
        this.bits = bits;
    }

    /** @return an empty mask */
    public static CpuMask none() {
        return new CpuMask(0);
    }

    /**
     * @param cpus CPU numbers, each 0 to {@value #MAX_CPUS} - 1
     * @return a mask with exactly those CPUs
     */
    public static CpuMask of(int... cpus) {
        CpuMask mask = none();
        for (int cpu : cpus) {
            mask.set(cpu);
        }
        return mask;
    }

    /**
     * @param nrCpus how many CPUs, 0 to {@value #MAX_CPUS}
     * @return CPUs {@code 0 .. nrCpus - 1}
     */
    public static CpuMask all(int nrCpus) {
        if (nrCpus < 0 || nrCpus > MAX_CPUS) {
            throw new IllegalArgumentException("a mask holds 0 to " + MAX_CPUS + " CPUs, not " + nrCpus);
        }
        return new CpuMask(nrCpus == MAX_CPUS ? -1L : (1L << nrCpus) - 1);
    }

    /** @return an independent copy ({@code cpumask_copy}) */
    public CpuMask copy() {
        return new CpuMask(bits);
    }

    /**
     * {@code cpumask_set_cpu}.
     *
     * @param cpu 0 to {@value #MAX_CPUS} - 1
     * @return this mask
     */
    public CpuMask set(int cpu) {
        bits |= bit(cpu);
        return this;
    }

    /**
     * {@code cpumask_clear_cpu}.
     *
     * @param cpu 0 to {@value #MAX_CPUS} - 1
     * @return this mask
     */
    public CpuMask clear(int cpu) {
        bits &= ~bit(cpu);
        return this;
    }

    /**
     * {@code cpumask_test_cpu}.
     *
     * @param cpu any number; those outside the mask's range are never in it
     * @return whether {@code cpu} is in the mask
     */
    public boolean test(int cpu) {
        return cpu >= 0 && cpu < MAX_CPUS && (bits & (1L << cpu)) != 0;
    }

    /** @return {@code cpumask_weight}: how many CPUs are in the mask */
    public int weight() {
        return Long.bitCount(bits);
    }

    /** @return {@code cpumask_empty} */
    public boolean isEmpty() {
        return bits == 0;
    }

    /** @return {@code cpumask_first}: the lowest CPU in the mask, or -1 when empty */
    public int firstCpu() {
        return bits == 0 ? -1 : Long.numberOfTrailingZeros(bits);
    }

    /**
     * @param other another mask, never {@code null}
     * @return a new mask of the CPUs in both ({@code cpumask_and})
     */
    public CpuMask and(CpuMask other) {
        return new CpuMask(bits & other.bits);
    }

    /**
     * @param other another mask, never {@code null}
     * @return a new mask of the CPUs in this one but not in {@code other} ({@code cpumask_andnot})
     */
    public CpuMask andNot(CpuMask other) {
        return new CpuMask(bits & ~other.bits);
    }

    /**
     * {@code for_each_cpu}: calls {@code action} for each CPU in the mask, lowest first, as the mask is when each
     * next CPU is looked up.
     *
     * @param action the body, never {@code null}
     */
    public void forEach(IntConsumer action) {
        for (int cpu = firstCpu(); cpu >= 0; cpu = nextAfter(cpu)) {
            action.accept(cpu);
        }
    }

    private int nextAfter(int cpu) {
        if (cpu + 1 >= MAX_CPUS) {
            return -1;
        }
        long rest = bits & (-1L << (cpu + 1));
        return rest == 0 ? -1 : Long.numberOfTrailingZeros(rest);
    }

    private static long bit(int cpu) {
        if (cpu < 0 || cpu >= MAX_CPUS) {
            throw new IllegalArgumentException("no CPU" + cpu + " in a cpumask: CPUs are 0.." + (MAX_CPUS - 1));
        }
        return 1L << cpu;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CpuMask m && m.bits == bits;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(bits);
    }

    /** @return the kernel's list format ({@code %*pbl}), such as {@code 0-2,5}, or the empty string */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        int cpu = firstCpu();
        while (cpu >= 0) {
            int end = cpu;
            while (test(end + 1)) {
                end++;
            }
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(cpu);
            if (end > cpu) {
                sb.append('-').append(end);
            }
            cpu = nextAfter(end);
        }
        return sb.toString();
    }
}
