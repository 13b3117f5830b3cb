package dev.smpcheck.ipi;

import dev.smpcheck.ipi.ScfTortureConfig.Primitive;
import org.apiguardian.api.API;

/**
 * The counters of an {@link ScfTorture} run, printed in the shape of scftorture's statistics line (ipi-spec §D.3):
 *
 * <pre>
 * scftorture: scf_invoked_count VER: 412 single: 20/18 single_ofl: 2/1 single_rpc: 9 single_rpc_ofl: 0 many: 6/7
 *     all: 3/4 onoff: 5/5 ste: 0 stnmie: 0 stnmoe: 0 staf: 0 stdup: 0
 * </pre>
 *
 * {@code x/y} pairs are no-wait/wait; {@code *_ofl} count single calls refused with {@code -ENXIO} because the target
 * was offline; {@code onoff} is offlines/onlines. Errors: {@code ste} a handler on the wrong CPU, {@code stnmie} a
 * handler that did not see the invoker's "in" store, {@code stnmoe} a wait that returned before the handler's "out"
 * store ("Memory-ordering failure"), {@code staf} allocation failures (not modelled, always 0), and {@code stdup} (ours,
 * KASAN's job in the kernel) a handler that ran on a check object already freed: a duplicate or late call. Any error
 * puts {@code !!!} in front of the line.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ScfStats {
    private final long[] done = new long[Primitive.values().length];
    private final long[] offline = new long[Primitive.values().length];
    long invoked;
    long offlines;
    long onlines;
    long wrongCpu;
    long inErrors;
    long outErrors;
    long duplicates;

    void done(Primitive p) {
        done[p.ordinal()]++;
    }

    void offline(Primitive p) {
        offline[p.ordinal()]++;
    }

    /** Adds another run's counters to these. */
    void add(ScfStats other) {
        for (int i = 0; i < done.length; i++) {
            done[i] += other.done[i];
            offline[i] += other.offline[i];
        }
        invoked += other.invoked;
        offlines += other.offlines;
        onlines += other.onlines;
        wrongCpu += other.wrongCpu;
        inErrors += other.inErrors;
        outErrors += other.outErrors;
        duplicates += other.duplicates;
    }

    /**
     * @param p a primitive, never {@code null}
     * @return the number of times {@code p} was invoked and accepted
     */
    public long count(Primitive p) {
        return done[p.ordinal()];
    }

    /**
     * @param p a primitive, never {@code null}
     * @return the number of times {@code p} was refused because its target was offline
     */
    public long offlineCount(Primitive p) {
        return offline[p.ordinal()];
    }

    /** @return {@code scf_invoked_count}: handler runs, summed over CPUs */
    public long invoked() {
        return invoked;
    }

    /** @return the sum of the error counters ({@code ste}, {@code stnmie}, {@code stnmoe}, {@code stdup}) */
    public long errors() {
        return wrongCpu + inErrors + outErrors + duplicates;
    }

    /**
     * @param last whether this is the final report ({@code VER}) or a periodic one ({@code ver})
     * @return the statistics line
     */
    public String line(boolean last) {
        return "scftorture: " + (errors() > 0 ? "!!! " : "") + "scf_invoked_count " + (last ? "VER" : "ver") + ": "
                + invoked
                + " single: " + pair(Primitive.SINGLE, Primitive.SINGLE_WAIT, done)
                + " single_ofl: " + pair(Primitive.SINGLE, Primitive.SINGLE_WAIT, offline)
                + " single_rpc: " + count(Primitive.SINGLE_RPC)
                + " single_rpc_ofl: " + offlineCount(Primitive.SINGLE_RPC)
                + " many: " + pair(Primitive.MANY, Primitive.MANY_WAIT, done)
                + " all: " + pair(Primitive.ALL, Primitive.ALL_WAIT, done)
                + " onoff: " + offlines + "/" + onlines
                + " ste: " + wrongCpu + " stnmie: " + inErrors + " stnmoe: " + outErrors + " staf: 0 stdup: "
                + duplicates;
    }

    private static String pair(Primitive noWait, Primitive wait, long[] counts) {
        return counts[noWait.ordinal()] + "/" + counts[wait.ordinal()];
    }

    @Override
    public String toString() {
        return line(false);
    }
}
