package dev.smpcheck.strategy;

import org.apiguardian.api.API;

/**
 * The options a strategy chooses from at one schedule point.
 *
 * <h2>Contract</h2>
 * <ul>
 *   <li>{@link #size()} is at least 1 (0 only in the last {@link Strategy#stepped} call of a schedule), and the
 *       options come in a canonical order (run choices by thread id, then interrupt choices by CPU and vector), the
 *       same in every run that reaches the same state.</li>
 *   <li>A <em>preemption</em> is a choice that switches away from the thread that was running although it could have
 *       continued. Delivering an interrupt to another CPU is not a preemption (the CPUs run in parallel); delivering
 *       it to the running CPU is. While a handler delivered that way runs, the interrupted thread keeps its claim: when
 *       the handler returns, continuing that thread is again free.</li>
 *   <li>The object is valid only during the call that received it.</li>
 *   <li>{@link #access(int)} is what the option's next step touches, as announced (see {@link Access}); strategies that
 *       reduce the search use it, others may ignore it.</li>
 * </ul>
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface ChoicePoint {

    /** @return the number of options, at least 1 */
    int size();

    /**
     * @param index in {@code [0, size())}
     * @return the option, never {@code null}
     */
    Choice get(int index);

    /** @return the index of the option that lets the running thread continue, or {@code -1} if it cannot */
    int continueIndex();

    /**
     * @param index in {@code [0, size())}
     * @return whether choosing this option counts as a preemption
     */
    boolean isPreemption(int index);

    /** @return the preemptions already taken in this schedule */
    int preemptions();

    /** @return the number of schedule points already passed in this schedule */
    long step();

    /**
     * @param index in {@code [0, size())}
     * @return what the option's next step touches; {@link Access#ANY} when it was not announced (the default)
     */
    default Access access(int index) {
        return Access.ANY;
    }

    /**
     * @return how many logical threads and pending interrupts exist but cannot take a step now (threads waiting on a
     *     condition that does not hold, interrupts pending on a CPU with irqs disabled); 0 by default
     */
    default int blocked() {
        return 0;
    }
}
