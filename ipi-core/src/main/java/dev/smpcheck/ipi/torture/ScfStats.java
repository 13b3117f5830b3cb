package dev.smpcheck.ipi.torture;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import org.apiguardian.api.API;

/**
 * The counters of a torture run, named as scftorture names them, and its statistics line. Thread-safe: a free run
 * updates them from every CPU at once.
 *
 * <p>Error counters: {@code ste} (a single call ran on the wrong CPU), {@code stnmie} (a handler did not see the
 * sender's stores made before the call), {@code stnmoe} (a wait returned before the function's stores were visible),
 * and two that scftorture leaves to KASAN and hang reports: {@code stdup} (a call ran twice, or after its check was
 * released) and {@code stlost} (an accepted no-wait call never ran). scftorture's {@code staf} (allocation failures)
 * is left out: the torture's allocations do not fail in the model.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ScfStats {
    private final AtomicLongArray invoked;
    private final Map<ScfOp, AtomicLong> calls = new EnumMap<>(ScfOp.class);
    private final Map<ScfOp, AtomicLong> offline = new EnumMap<>(ScfOp.class);
    final AtomicLong wrongCpu = new AtomicLong();
    final AtomicLong inErrors = new AtomicLong();
    final AtomicLong outErrors = new AtomicLong();
    final AtomicLong duplicates = new AtomicLong();
    final AtomicLong lost = new AtomicLong();
    private final AtomicReference<String> firstError = new AtomicReference<>();

    ScfStats(int nrCpus) {
        this.invoked = new AtomicLongArray(nrCpus);
        for (ScfOp op : ScfOp.values()) {
            calls.put(op, new AtomicLong());
            offline.put(op, new AtomicLong());
        }
    }

    void invokedOn(int cpu) {
        invoked.incrementAndGet(cpu);
    }

    void called(ScfOp op) {
        calls.get(op).incrementAndGet();
    }

    void calledOffline(ScfOp op) {
        offline.get(op).incrementAndGet();
    }

    /** Counts an error and keeps the first one's description. @return the description */
    String error(AtomicLong counter, String what) {
        counter.incrementAndGet();
        firstError.compareAndSet(null, what);
        return what;
    }

    /** Adds another run's counters to these (the totals of a search). */
    void add(ScfStats other) {
        for (int i = 0; i < invoked.length(); i++) {
            invoked.addAndGet(i, other.invoked.get(i));
        }
        for (ScfOp op : ScfOp.values()) {
            calls.get(op).addAndGet(other.calls.get(op).get());
            offline.get(op).addAndGet(other.offline.get(op).get());
        }
        wrongCpu.addAndGet(other.wrongCpu.get());
        inErrors.addAndGet(other.inErrors.get());
        outErrors.addAndGet(other.outErrors.get());
        duplicates.addAndGet(other.duplicates.get());
        lost.addAndGet(other.lost.get());
        if (other.firstError.get() != null) {
            firstError.compareAndSet(null, other.firstError.get());
        }
    }

    /** @return the sum of the error counters */
    public long errors() {
        return wrongCpu.get() + inErrors.get() + outErrors.get() + duplicates.get() + lost.get();
    }

    /** @return the first error seen, or {@code null} */
    public String firstError() {
        return firstError.get();
    }

    /** @return how many times {@code op} was called on online targets */
    public long calls(ScfOp op) {
        return calls.get(op).get();
    }

    /** @return handler runs on all CPUs ({@code scf_invoked_count} summed) */
    public long invoked() {
        long sum = 0;
        for (int i = 0; i < invoked.length(); i++) {
            sum += invoked.get(i);
        }
        return sum;
    }

    /**
     * @param last whether this is the final report ({@code VER} rather than {@code ver})
     * @return the line, shaped like scftorture's; it starts with {@code !!!} when any error counter is non-zero
     */
    public String line(boolean last) {
        return "scftorture: " + (errors() != 0 ? "!!! " : "") + "scf_invoked_count " + (last ? "VER" : "ver") + ": "
                + invoked()
                + " single: " + pair(ScfOp.SINGLE, ScfOp.SINGLE_WAIT, calls)
                + " single_ofl: " + pair(ScfOp.SINGLE, ScfOp.SINGLE_WAIT, offline)
                + " single_rpc: " + calls(ScfOp.SINGLE_RPC) + " single_rpc_ofl: " + offline.get(ScfOp.SINGLE_RPC).get()
                + " many: " + pair(ScfOp.MANY, ScfOp.MANY_WAIT, calls)
                + " all: " + pair(ScfOp.ALL, ScfOp.ALL_WAIT, calls)
                + " ste: " + wrongCpu.get() + " stnmie: " + inErrors.get() + " stnmoe: " + outErrors.get()
                + " stdup: " + duplicates.get() + " stlost: " + lost.get();
    }

    private static String pair(ScfOp noWait, ScfOp wait, Map<ScfOp, AtomicLong> counts) {
        return counts.get(noWait).get() + "/" + counts.get(wait).get();
    }
}
