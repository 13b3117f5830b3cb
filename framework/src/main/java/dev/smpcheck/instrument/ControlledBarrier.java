package dev.smpcheck.instrument;

import java.util.concurrent.CyclicBarrier;
import org.apiguardian.api.API;

/**
 * The {@code CyclicBarrier} that instrumented code gets from {@code new CyclicBarrier(...)} (see
 * {@link ConstructorSwaps}): the JDK's barrier, which also keeps its barrier action where the model can run it. Under
 * control the model ({@link BarrierModel}) replaces the barrier's state; outside control it is the JDK's barrier.
 *
 * @since 0.1
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class ControlledBarrier extends CyclicBarrier {
    /** Run by the thread that trips the barrier; may be {@code null}. */
    final Runnable action;

    /** As {@code new CyclicBarrier(parties)}. */
    public ControlledBarrier(int parties) {
        this(parties, null);
    }

    /** As {@code new CyclicBarrier(parties, action)}. */
    public ControlledBarrier(int parties, Runnable action) {
        super(parties, action);
        this.action = action;
    }
}
