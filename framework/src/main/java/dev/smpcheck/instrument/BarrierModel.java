package dev.smpcheck.instrument;

import dev.smpcheck.schedule.JvmControl;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.TimeoutException;

/**
 * A {@code CyclicBarrier} as the model keeps it, made by instrumented code ({@link ControlledBarrier}, which knows the
 * barrier action). As in the JDK, each trip starts a new generation; an interrupt or a timeout of one waiter, a
 * failing barrier action, or {@code reset()} breaks the generation, and everyone waiting in it gets a
 * {@code BrokenBarrierException}.
 */
final class BarrierModel {
    /** One round of the barrier; waiters tell a trip from a break by their generation. */
    private static final class Generation {
        boolean broken;
    }

    private final ControlledBarrier barrier;
    private final JvmState state;
    private Generation generation = new Generation();
    private int count;

    BarrierModel(ControlledBarrier barrier, JvmState state) {
        this.barrier = barrier;
        this.state = state;
        this.count = barrier.getParties();
    }

    /**
     * {@code await()} and, if {@code timed}, {@code await(timeout)} (which times out only when no other thread can
     * run): the arrival index, {@code parties - 1} for the first to arrive and 0 for the last.
     */
    int await(int site, boolean timed) throws InterruptedException, BrokenBarrierException, TimeoutException {
        state.point(site, state.label(barrier));
        Generation g = generation;
        if (g.broken) {
            throw new BrokenBarrierException();
        }
        JavaThread me = state.threads.current();
        if (me.takeInterrupt()) {
            breakBarrier();
            throw new InterruptedException();
        }
        int index = --count;
        if (index == 0) {
            trip();
            return 0;
        }
        JvmControl.await("trip of", state.label(barrier), () -> g != generation || g.broken || me.interrupted,
                () -> count + " of " + barrier.getParties() + " part(ies) still to arrive", null,
                timed ? () -> true : null);
        if (me.interrupted && g == generation && !g.broken) {
            me.interrupted = false;
            breakBarrier();
            throw new InterruptedException();
        }
        if (g.broken) {
            throw new BrokenBarrierException();
        }
        if (g != generation) {
            return index;
        }
        breakBarrier();
        throw new TimeoutException();
    }

    /** The last arrival runs the action, then opens the barrier; an action that throws breaks it instead. */
    private void trip() {
        boolean ran = false;
        try {
            if (barrier.action != null) {
                barrier.action.run();
            }
            ran = true;
            nextGeneration();
        } finally {
            if (!ran) {
                breakBarrier();
            }
        }
    }

    void reset(int site) {
        state.point(site, state.label(barrier));
        breakBarrier();
        nextGeneration();
    }

    boolean isBroken() {
        return generation.broken;
    }

    int waiting() {
        return barrier.getParties() - count;
    }

    private void nextGeneration() {
        generation = new Generation();
        count = barrier.getParties();
    }

    private void breakBarrier() {
        generation.broken = true;
        count = barrier.getParties();
    }
}
