package dev.smpcheck.ipi.torture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smpcheck.ipi.Variant;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ScfTortureTest {

    @Test
    void theBaselineSurvivesASearchAndEveryPrimitiveIsExercised() {
        ScfTorture.Report r = ScfTorture.of(Variant.V6_17, 3).search("pct", 300, 1);
        System.out.println(r);

        assertThat(r.success()).as(r.toString()).isTrue();
        assertThat(r.endOfTest()).isEqualTo("End of test: SUCCESS");
        for (ScfOp op : ScfOp.values()) {
            assertThat(r.stats().calls(op)).as(op + " in " + r.stats().line(true)).isPositive();
        }
        assertThat(r.stats().line(true))
                .startsWith("scftorture: scf_invoked_count VER: ")
                .endsWith(" ste: 0 stnmie: 0 stnmoe: 0 stdup: 0 stlost: 0");
        assertThat(r.mode()).contains("300 schedules").contains("no violation");
    }

    /** C18: many_cond that waits only when it sent an IPI returns early when the target's queue was not empty. */
    @Test
    void theSearchFindsTheWaitThatReturnsEarlyInTheC18Variant() {
        ScfTorture.Report r = ScfTorture.of(Variant.MANY_COND_WAIT_IF_IPI_SENT, 3)
                .withWeight(ScfOp.MANY_WAIT, 1).withWeight(ScfOp.SINGLE, 1).search("pct", 2_000, 1);
        System.out.println(r);

        assertThat(r.success()).isFalse();
        assertThat(r.endOfTest()).isEqualTo("End of test: FAILURE");
        assertThat(r.failure()).contains("WAIT_RETURNED_EARLY").contains("Replay:");
    }

    @Test
    void theBaselineRunsFreeOnRealThreadsAndSucceeds() {
        ScfTorture.Report r = ScfTorture.of(Variant.V6_17, 4).runFree(Duration.ofMillis(500), 7);
        System.out.println(r);

        assertThat(r.success()).as(r.toString()).isTrue();
        assertThat(r.stats().invoked()).isPositive();
        for (ScfOp op : ScfOp.values()) {
            assertThat(r.stats().calls(op)).as(op + " in " + r.stats().line(true)).isPositive();
        }
        assertThat(r.toString()).contains("free run on 4 real threads").endsWith("End of test: SUCCESS");
    }

    @Test
    void freeRunningTheC18VariantFailsToo() {
        ScfTorture.Report r = ScfTorture.of(Variant.MANY_COND_WAIT_IF_IPI_SENT, 3)
                .withWeight(ScfOp.MANY_WAIT, 1).withWeight(ScfOp.SINGLE, 1).runFree(Duration.ofSeconds(5), 7);
        System.out.println(r);

        assertThat(r.success()).as(r.toString()).isFalse();
        assertThat(r.failure()).startsWith("WAIT_RETURNED_EARLY: CPU");
        assertThat(r.toString()).endsWith("End of test: FAILURE");
    }

    @Test
    void weightsFollowScftortureRules() {
        ScfTorture t = ScfTorture.of(Variant.V6_17, 4);
        assertThat(t.effectiveWeights()).containsEntry(ScfOp.SINGLE, 8).containsEntry(ScfOp.SINGLE_WAIT, 8)
                .containsEntry(ScfOp.SINGLE_RPC, 8).containsEntry(ScfOp.MANY, 2).containsEntry(ScfOp.MANY_WAIT, 2)
                .containsEntry(ScfOp.ALL, 1).containsEntry(ScfOp.ALL_WAIT, 1);
        assertThat(t.withWeight(ScfOp.ALL, 3).effectiveWeights()).containsEntry(ScfOp.ALL, 3)
                .containsEntry(ScfOp.SINGLE, 0);
        assertThatThrownBy(() -> t.withWeight(ScfOp.ALL, 0).effectiveWeights())
                .hasMessageContaining("every scftorture weight is 0");
        assertThatThrownBy(() -> t.withWeight(ScfOp.MANY, -1))
                .hasMessage("weight_many = -1 is out of range: weights are 0 or more");
        assertThatThrownBy(() -> ScfTorture.of(Variant.V6_17, 1)).hasMessage("scftorture needs 2 to 64 CPUs, got 1");
        assertThatThrownBy(() -> t.withOpsPerCpu(0)).hasMessage("opsPerCpu = 0 is out of range: 1 to 1000");
    }
}
