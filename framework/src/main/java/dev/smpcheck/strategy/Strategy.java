package dev.smpcheck.strategy;

import org.apiguardian.api.API;

/**
 * Decides, schedule after schedule, which option runs at each schedule point and which value each data choice takes.
 *
 * <h2>Lifecycle</h2>
 * The engine calls {@link #nextSchedule()} before every schedule; {@code false} ends the search. During the schedule it
 * calls {@link #pick} at every schedule point that has more than one option and {@link #pickData} for every data
 * choice a model makes, all from one thread at a time. After the schedule it calls {@link #scheduleEnded()}.
 *
 * <h2>Determinism</h2>
 * An implementation must make its decisions from its seed and from what it was shown, never from time, identity hash
 * codes or iteration order of hashed collections: the same seed must give the same schedules on every JDK.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface Strategy {

    /** @return {@code false} to end the search (budget spent or space covered), {@code true} to run one more schedule */
    boolean nextSchedule();

    /**
     * @param point the options, never {@code null}, with at least two of them
     * @return the index of the chosen option, in {@code [0, point.size())}
     */
    int pick(ChoicePoint point);

    /**
     * @param bound the number of possible values, at least 2
     * @return a value in {@code [0, bound)}; 0 is the model's "usual" outcome
     */
    int pickData(int bound);

    /**
     * Observes every step, for strategies that reason about the whole execution (partial-order reduction). Called at
     * each schedule point once the choice is made, including points with a single option (which {@link #pick} never
     * sees), with the index taken; and once more when nothing can run, with an empty point and {@code index = -1}. A
     * schedule cut short by a failure ends without that last call. The default does nothing.
     *
     * @param point the options, valid only during the call; {@code size()} is 0 when {@code index} is -1
     * @param index the option taken, or -1
     */
    default void stepped(ChoicePoint point, int index) {}

    /**
     * Told that the step now running touches shared state that its schedule point did not announce (instrumented code
     * called into code that announces nothing, such as the JDK), so that a strategy reducing the search must treat the
     * step as {@link Access#ANY}. Called at most once per step, after {@link #stepped} for it. The default does
     * nothing.
     */
    default void widened() {}

    /** Called after each schedule, whatever its outcome. */
    default void scheduleEnded() {}

    /**
     * @return whether the schedule just run is this strategy's to count and report; {@code false} only for a sharded
     *     depth-first search that had to run another shard's schedule to learn where the search tree splits (the
     *     default is {@code true})
     */
    default boolean ownsSchedule() {
        return true;
    }

    /** @return whether the search has provably covered its whole bounded space; only exhaustive strategies say yes */
    default boolean exhausted() {
        return false;
    }

    /** @return the seed that, with this strategy, regenerates the current schedule */
    long scheduleSeed();

    /** @return a short name for summaries and replay tokens, such as {@code random} */
    String name();

    /** @return a human description with its parameters, such as {@code random walk (seed 0x2a, preemptions <= 2)} */
    String describe();

    /**
     * @return a description of what made the current schedule, for a report of a violation found in it; differs
     *     from {@link #describe()} for a strategy that combines others (the default returns {@code describe()})
     */
    default String describeSchedule() {
        return describe();
    }
}
