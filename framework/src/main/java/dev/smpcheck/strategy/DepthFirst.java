package dev.smpcheck.strategy;

/**
 * What the depth-first strategies share: a {@link DecisionStack} walked one schedule at a time, the schedule's index
 * in the search order as its seed, and the claim of exhaustion when the stack has nothing left to try.
 *
 * @param <D> what one decision holds
 */
abstract class DepthFirst<D extends DecisionStack.Decision> implements Strategy {
    final DecisionStack<D> stack;
    private final int schedules;

    DepthFirst(int schedules, Shard shard) {
        this.schedules = schedules;
        this.stack = new DecisionStack<>(shard);
    }

    @Override
    public final boolean nextSchedule() {
        boolean more = stack.next(schedules);
        startSchedule();
        return more;
    }

    /** Resets what a subclass keeps per schedule; called whenever {@link #nextSchedule()} is. */
    void startSchedule() {}

    @Override
    public final boolean ownsSchedule() {
        return stack.owned();
    }

    @Override
    public final boolean exhausted() {
        return stack.exhausted();
    }

    /** @return the index of the current schedule in the search order */
    @Override
    public final long scheduleSeed() {
        return stack.index();
    }

    @Override
    public final String name() {
        return "dfs";
    }
}
