package dev.smpcheck.strategy;

import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;

/**
 * Follows a schedule given as the <em>entities</em> chosen at each decision (which thread ran, which interrupt was
 * delivered, which data value was picked) rather than option indices, and records what it actually took.
 *
 * <p>This is what minimization needs: after one decision of a failing schedule is changed, the options at later
 * decisions shift, but "let CPU1 run" still means the same thing. At decision {@code j} it takes the {@code j}-th
 * wanted choice if it is among the options, else (and for {@link #CONTINUE}, and past the end of the guide) the
 * running thread's continuation when it can continue, else the first option.
 *
 * @since 0.1
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class GuidedStrategy implements Strategy {

    /** A guide entry meaning "let the running thread continue": it removes a preemption. */
    public static final Object CONTINUE = new Object() {
        @Override
        public String toString() {
            return "continue";
        }
    };

    /**
     * One decision as taken.
     *
     * @param wanted what was chosen: a {@link Choice} for a scheduling pick, an {@link Integer} for a data choice
     * @param preemption whether the pick was a preemption
     * @param owner the thread that could have continued (whose claim a preemption overrode), or {@code -1}
     */
    public record Taken(Object wanted, boolean preemption, int owner) {}

    private final List<Object> guide;
    private final String originalName;
    private final long seed;
    private final List<Taken> taken = new ArrayList<>();
    private int cursor;
    private boolean started;

    /**
     * @param guide per decision: a {@link Choice}, an {@link Integer} data value, or {@link #CONTINUE}
     * @param originalName the name of the strategy whose schedule is being followed
     * @param seed that strategy's schedule seed
     */
    public GuidedStrategy(List<Object> guide, String originalName, long seed) {
        this.guide = List.copyOf(guide);
        this.originalName = originalName;
        this.seed = seed;
    }

    @Override
    public boolean nextSchedule() {
        boolean first = !started;
        started = true;
        return first;
    }

    @Override
    public int pick(ChoicePoint point) {
        Object want = cursor < guide.size() ? guide.get(cursor) : CONTINUE;
        cursor++;
        int index = -1;
        if (want instanceof Choice c) {
            for (int i = 0; i < point.size() && index < 0; i++) {
                if (point.get(i).equals(c)) {
                    index = i;
                }
            }
        }
        if (index < 0) {
            index = Math.max(0, point.continueIndex());
        }
        recordPick(point, index);
        return index;
    }

    @Override
    public int pickData(int bound) {
        Object want = cursor < guide.size() ? guide.get(cursor) : null;
        cursor++;
        int value = want instanceof Integer v && v < bound ? v : 0;
        recordData(value);
        return value;
    }

    /** Records that option {@code index} of {@code point} was taken (also used to record another strategy's run). */
    public void recordPick(ChoicePoint point, int index) {
        int owner = point.continueIndex() >= 0 ? point.get(point.continueIndex()).thread() : -1;
        taken.add(new Taken(point.get(index), point.isPreemption(index), owner));
    }

    /** Records that a data choice took {@code value}. */
    public void recordData(int value) {
        taken.add(new Taken(value, false, -1));
    }

    /** @return the decisions taken in the schedule run so far */
    public List<Taken> taken() {
        return List.copyOf(taken);
    }

    @Override
    public long scheduleSeed() {
        return seed;
    }

    @Override
    public String name() {
        return originalName;
    }

    @Override
    public String describe() {
        return "guided replay of a " + originalName + " schedule";
    }
}
