package dev.smpcheck.ipi;

import static dev.smpcheck.ipi.Searches.expectViolation;
import static dev.smpcheck.ipi.Searches.search;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smpcheck.check.Violation;
import dev.smpcheck.run.Finding;
import org.junit.jupiter.api.Test;

class IpiOptionsTest {

    @Test
    void eachWithChangesOneSettingOfACopy() {
        IpiOptions d = IpiOptions.defaults();
        IpiOptions o = d.withOfflineCpus(2, 3).withDroppedIpis(1).withCsdLockWaitDebug(true).withFailOnWarn(true);

        assertThat(d.offlineCpus().isEmpty()).isTrue();
        assertThat(d.droppedIpis()).isZero();
        assertThat(d.csdLockWaitDebug()).isFalse();
        assertThat(d.failOnWarn()).isFalse();
        assertThat(o.offlineCpus()).isEqualTo(CpuMask.of(2, 3));
        assertThat(o.droppedIpis()).isEqualTo(1);
        assertThat(o.csdLockWaitDebug()).isTrue();
        assertThat(o.failOnWarn()).isTrue();
        assertThat(o).isEqualTo(IpiOptions.defaults().withFailOnWarn(true).withCsdLockWaitDebug(true)
                .withDroppedIpis(1).withOfflineCpus(3, 2)).isNotEqualTo(d);
        assertThat(o).hasToString("IpiOptions[offline=2-3, droppedIpis=1, csdLockWaitDebug=true, failOnWarn=true]");
    }

    @Test
    void badValuesAreRejectedWithWhatIsAllowed() throws Throwable {
        assertThatThrownBy(() -> IpiOptions.defaults().withDroppedIpis(-1))
                .hasMessage("droppedIpis must be at least 0, got -1");
        Finding f = expectViolation(search("options/offlineRange", 2, 1,
                smp -> IpiSystem.boot(smp, Variant.V6_17, 1, 5)), Violation.UNCAUGHT_EXCEPTION);
        assertThat(f.outcome().message()).isEqualTo("java.lang.IllegalArgumentException: cannot boot CPUs 5 offline: "
                + "this schedule has CPUs 0..1");
    }

    @Test
    void failOnWarnTurnsAKernelWarningIntoAViolation() throws Throwable {
        Finding f = expectViolation(search("options/failOnWarn", 2, 10, smp -> {
            IpiSystem ipi = IpiSystem.boot(smp, Variant.V6_17, IpiOptions.defaults().withFailOnWarn(true));
            smp.onCpu(0, cpu -> {
                cpu.localIrqDisable();
                ipi.callFunctionSingle(1, info -> { }, false);
                cpu.localIrqEnable();
            });
        }), Violation.KERNEL_WARN);
        assertThat(f.outcome().message())
                .isEqualTo("smp_call_function_single on CPU0 with irqs disabled: can deadlock");
    }
}
