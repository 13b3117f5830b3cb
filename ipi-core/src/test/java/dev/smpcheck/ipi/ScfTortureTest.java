package dev.smpcheck.ipi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smpcheck.check.Violation;
import dev.smpcheck.ipi.ScfTortureConfig.Primitive;
import dev.smpcheck.run.SearchConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The scftorture-style stress driver, searched under the controlled scheduler and free-running on real threads. */
class ScfTortureTest {

    private static SearchConfig search(String id, int cpus, int schedules) {
        return SearchConfig.defaults("ipi-core/scftorture/" + id).withCpus(cpus).withSchedules(schedules)
                .withStrategy("random");
    }

    @Test
    void theBaselineSurvivesEveryPrimitiveWithHotplugAndReportsSuccess() throws Throwable {
        ScfTortureResult r = ScfTorture.run(ScfTortureConfig.defaults().withOnoff(1), search("baseline", 3, 300));

        assertThat(r.success()).as(r.toString()).isTrue();
        assertThat(r.schedules()).isEqualTo(300);
        ScfStats s = r.stats();
        for (Primitive p : Primitive.values()) {
            assertThat(s.count(p)).as(p.parameter()).isPositive();
        }
        assertThat(s.offlineCount(Primitive.SINGLE) + s.offlineCount(Primitive.SINGLE_WAIT)
                + s.offlineCount(Primitive.SINGLE_RPC)).as("single calls to a CPU being hotplugged").isPositive();
        assertThat(s.invoked()).isPositive();
        assertThat(s.errors()).isZero();
        assertThat(r.lines().get(0)).startsWith("scftorture: scf_invoked_count VER: " + s.invoked() + " single: ")
                .contains(" onoff: 300/300 ").endsWith(" ste: 0 stnmie: 0 stnmoe: 0 staf: 0 stdup: 0");
        assertThat(r.lines().get(1)).startsWith("scftorture: --- End of test: SUCCESS: nthreads=3 variant=V6_17 "
                + "ops=3 onoff=1 weight_single=6 weight_single_rpc=6 weight_single_wait=6 weight_many=2 "
                + "weight_many_wait=2 weight_all=1 weight_all_wait=1 schedules=300");
        assertThat(r.lines()).hasSize(2);
    }

    @Test
    void theSameSeedGivesTheSameCounters() throws Throwable {
        ScfTortureConfig config = ScfTortureConfig.defaults().withOnoff(1);
        String first = ScfTorture.run(config, search("determinism", 3, 50)).lines().get(0);
        String second = ScfTorture.run(config, search("determinism", 3, 50)).lines().get(0);

        assertThat(second).isEqualTo(first);
    }

    @Test
    void aWaitThatReturnsEarlyFailsTheRunWithAReplayableSchedule() throws Throwable {
        ScfTortureConfig config = ScfTortureConfig.defaults().withVariant(Variant.MANY_COND_WAIT_IF_IPI_SENT)
                .withWeight(Primitive.SINGLE, 1).withWeight(Primitive.MANY_WAIT, 1);
        ScfTortureResult r = ScfTorture.run(config, search("c18", 2, 2_000));

        assertThat(r.success()).isFalse();
        assertThat(r.search().finding().kind()).isEqualTo(Violation.WAIT_RETURNED_EARLY);
        assertThat(r.lines()).hasSize(3);
        assertThat(r.lines().get(1)).startsWith("scftorture: --- End of test: FAILURE: nthreads=2 "
                + "variant=MANY_COND_WAIT_IF_IPI_SENT");
        assertThat(r.lines().get(2)).startsWith("WAIT_RETURNED_EARLY in schedule ");
        assertThat(r.schedules()).isEqualTo(r.search().finding().schedule() + 1);
    }

    @Test
    void aTimeBudgetRunsSearchAfterSearch() throws Throwable {
        ScfTortureResult r = ScfTorture.runFor(ScfTortureConfig.defaults(), search("budget", 2, 20),
                Duration.ofMillis(1));

        assertThat(r.success()).isTrue();
        assertThat(r.schedules()).as("at least one whole search").isGreaterThanOrEqualTo(20);
        assertThat(r.schedules() % 20).isZero();
    }

    @Test
    void weightsFollowScftortureDefaultingRules() {
        ScfTortureConfig d = ScfTortureConfig.defaults();
        assertThat(d.effectiveWeights(4)).isEqualTo(Map.of(Primitive.SINGLE, 8, Primitive.SINGLE_RPC, 8,
                Primitive.SINGLE_WAIT, 8, Primitive.MANY, 2, Primitive.MANY_WAIT, 2, Primitive.ALL, 1,
                Primitive.ALL_WAIT, 1));
        assertThat(d.withWeight(Primitive.ALL, 3).effectiveWeights(4))
                .containsEntry(Primitive.ALL, 3).containsEntry(Primitive.SINGLE, 0).containsEntry(Primitive.MANY, 0);
        assertThatThrownBy(() -> d.withWeight(Primitive.ALL, 0).effectiveWeights(4))
                .hasMessage("scftorture: every weight is 0 (-EINVAL): give at least one primitive a positive weight");
        assertThatThrownBy(() -> d.withWeight(Primitive.MANY, -1))
                .hasMessage("weight_many must be at least 0, got -1");
        assertThatThrownBy(() -> ScfTorture.run(d.withOnoff(1), search("oneCpu", 1, 1)))
                .hasMessage("scftorture with hotplug needs at least 2 CPUs: CPU0 stays online");
    }

    @Test
    void theBaselineRunsFreeOnRealThreadsAndEveryPrimitiveRuns() {
        ScfTortureResult r = ScfTorture.runFree(ScfTortureConfig.defaults(), 4, Duration.ofMillis(500), 7);
        System.out.println(r);

        assertThat(r.success()).as(r.toString()).isTrue();
        assertThat(r.search()).isNull();
        for (Primitive p : Primitive.values()) {
            assertThat(r.stats().count(p)).as(p + " in " + r.stats().line(true)).isPositive();
        }
        assertThat(r.stats().invoked()).isPositive();
        assertThat(r.lines().get(1)).startsWith("scftorture: --- End of test: SUCCESS: nthreads=4 ")
                .contains(" free_run_ms=");
    }

    /** C18 on real threads: the early return is hit within milliseconds when three CPUs hammer many_wait. */
    @Test
    void freeRunningTheC18VariantFails() {
        ScfTortureConfig config = ScfTortureConfig.defaults().withVariant(Variant.MANY_COND_WAIT_IF_IPI_SENT)
                .withWeight(Primitive.SINGLE, 1).withWeight(Primitive.MANY_WAIT, 1);
        ScfTortureResult r = ScfTorture.runFree(config, 3, Duration.ofSeconds(5), 7);
        System.out.println(r);

        assertThat(r.success()).as(r.toString()).isFalse();
        assertThat(r.freeRun().kind()).isEqualTo(Violation.WAIT_RETURNED_EARLY);
        assertThat(r.lines().get(1)).startsWith("scftorture: --- End of test: FAILURE: nthreads=3 ");
        assertThat(r.lines().get(2)).startsWith("WAIT_RETURNED_EARLY: CPU");
    }

    @Test
    void aFreeRunRejectsWhatItCannotDo() {
        assertThatThrownBy(() -> ScfTorture.runFree(ScfTortureConfig.defaults().withOnoff(1), 3, Duration.ofSeconds(1),
                1)).hasMessage("onoff = 1 is not supported in a free run yet: hotplug runs only under the controlled "
                        + "scheduler (run or runFor)");
        assertThatThrownBy(() -> ScfTorture.runFree(ScfTortureConfig.defaults(), 1, Duration.ofSeconds(1), 1))
                .hasMessage("a free scftorture run needs 2 to 64 CPUs, got 1");
        assertThatThrownBy(() -> ScfTorture.runFree(ScfTortureConfig.defaults(), 2, Duration.ZERO, 1))
                .hasMessage("the time budget must be positive, got PT0S");
    }
}
