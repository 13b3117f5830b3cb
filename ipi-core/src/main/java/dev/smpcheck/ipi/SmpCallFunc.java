package dev.smpcheck.ipi;

import org.apiguardian.api.API;

/**
 * The function a cross-call runs on the target CPU: the kernel's {@code smp_call_func_t}, {@code void (*)(void *info)}.
 *
 * <p>It runs in the flush of the target CPU, normally from the {@code CALL_FUNCTION_SINGLE} interrupt handler, with
 * irqs disabled; when the caller targets its own CPU it runs right away, also with irqs disabled. It must be fast and
 * must not wait for anything the calling CPU does after the call. Use {@link dev.smpcheck.schedule.Sched#currentCpu()}
 * for the CPU it runs on ({@code smp_processor_id()}).
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
@FunctionalInterface
public interface SmpCallFunc {

    /** @param info the csd's {@code info} pointer, may be {@code null} */
    void call(Object info);
}
