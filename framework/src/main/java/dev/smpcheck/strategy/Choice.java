package dev.smpcheck.strategy;

import org.apiguardian.api.API;

/**
 * One option at a schedule point: let a logical thread run, or deliver a pending interrupt to a CPU.
 *
 * <p>Strategies see ids, never {@link Thread} objects. Thread ids are given in creation order (the body is 0, then
 * the CPUs, then threads the body starts), so they are the same in every run of the same schedule.
 *
 * @param kind what the option does, never {@code null}
 * @param thread the logical thread that runs: for {@link Kind#RUN} the thread itself, for {@link Kind#INTERRUPT} the
 *     thread of the interrupted CPU
 * @param cpu the CPU of that thread, or {@code -1} for a plain thread
 * @param vector the interrupt vector for {@link Kind#INTERRUPT}, else {@code -1}
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Choice(Kind kind, int thread, int cpu, int vector) {

    /** What a choice does. */
    public enum Kind {
        /** Let the thread continue from its schedule point. */
        RUN,
        /** Run the handler of a pending interrupt vector, nested on the CPU's current context. */
        INTERRUPT
    }

    /** @return a run choice for the given thread */
    public static Choice run(int thread, int cpu) {
        return new Choice(Kind.RUN, thread, cpu, -1);
    }

    /** @return an interrupt-delivery choice */
    public static Choice interrupt(int thread, int cpu, int vector) {
        return new Choice(Kind.INTERRUPT, thread, cpu, vector);
    }

    /**
     * @return who takes the step, as one number that stays the same from step to step: the thread id for
     *     {@link Kind#RUN}, {@code -(1 + cpu * 64 + vector)} for {@link Kind#INTERRUPT}, so a thread and each of its
     *     CPU's deliveries are different entities
     */
    public int entity() {
        return kind == Kind.RUN ? thread : -(1 + cpu * 64 + vector);
    }
}
