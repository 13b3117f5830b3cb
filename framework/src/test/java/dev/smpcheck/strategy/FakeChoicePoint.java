package dev.smpcheck.strategy;

/** A scripted {@link ChoicePoint}: run choices for threads 0..n-1, some of them flagged as preemptions. */
final class FakeChoicePoint implements ChoicePoint {
    private final boolean[] preemption;
    private final int preemptions;
    private final long step;

    FakeChoicePoint(boolean[] preemption, int preemptions, long step) {
        this.preemption = preemption.clone();
        this.preemptions = preemptions;
        this.step = step;
    }

    /** @return {@code size} options, none a preemption, no preemptions taken */
    static FakeChoicePoint of(int size) {
        return new FakeChoicePoint(new boolean[size], 0, 0);
    }

    /** @return options flagged as given, with {@code preemptions} already taken */
    static FakeChoicePoint flagged(int preemptions, boolean... preemption) {
        return new FakeChoicePoint(preemption, preemptions, 0);
    }

    @Override
    public int size() {
        return preemption.length;
    }

    @Override
    public Choice get(int index) {
        return Choice.run(index, index);
    }

    @Override
    public int continueIndex() {
        for (int i = 0; i < preemption.length; i++) {
            if (!preemption[i]) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public boolean isPreemption(int index) {
        return preemption[index];
    }

    @Override
    public int preemptions() {
        return preemptions;
    }

    @Override
    public long step() {
        return step;
    }
}
