package dev.smpcheck.schedule;

/**
 * What a {@link Cpu} and an {@link IrqVector} need from whatever runs them: the controlled {@link Execution}, where one
 * logical thread runs at a time and interrupt delivery is a strategy's choice, or {@link FreeCpus} (behind a
 * {@link FreeRun} or a {@link CpuSession}), where each CPU is whichever real thread acts as it and takes its interrupts
 * by polling at schedule points.
 */
interface CpuHost {

    /** Throws {@link IllegalStateException} unless the caller runs on {@code cpu} (its task or a handler on it). */
    void checkOnCpu(Cpu cpu);

    /** A schedule point made by code running on {@code cpu}, such as {@code local_irq_enable}. */
    void cpuPoint(Cpu cpu, String what);

    /** @return whether {@code cpu} has finished its tasks and waits only for interrupts */
    boolean isIdle(Cpu cpu);

    /** @return whether the vector with bit {@code bit} is pending on {@code cpu} */
    boolean isPending(Cpu cpu, long bit);

    /** Makes {@code vector} pending on {@code target}; a schedule point of the sender. */
    void raise(IrqVector vector, Cpu target);
}
