package dev.smpcheck.ipi;

import org.apiguardian.api.API;

/**
 * The per-CPU condition of {@code on_each_cpu_cond}: the kernel's {@code smp_cond_func_t},
 * {@code bool (*)(int cpu, void *info)}. It runs on the <em>calling</em> CPU, once per candidate CPU, before anything
 * is sent; only CPUs for which it returns true are called.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@FunctionalInterface
public interface SmpCondFunc {

    /**
     * @param cpu a candidate target CPU
     * @param info the call's {@code info}, may be {@code null}
     * @return whether to run the function on {@code cpu}
     */
    boolean test(int cpu, Object info);
}
