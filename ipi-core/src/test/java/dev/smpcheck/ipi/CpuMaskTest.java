package dev.smpcheck.ipi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CpuMaskTest {

    @Test
    void setClearTestAndWeightFollowTheKernelsMeaning() {
        CpuMask mask = CpuMask.of(0, 2, 5).set(3).clear(0);
        assertThat(mask.test(2)).isTrue();
        assertThat(mask.test(0)).isFalse();
        assertThat(mask.test(-1)).isFalse();
        assertThat(mask.test(64)).isFalse();
        assertThat(mask.weight()).isEqualTo(3);
        assertThat(mask.firstCpu()).isEqualTo(2);
        assertThat(CpuMask.none().firstCpu()).isEqualTo(-1);
        assertThat(CpuMask.none().isEmpty()).isTrue();
    }

    @Test
    void printsInTheKernelsListFormat() {
        assertThat(CpuMask.of(0, 1, 2, 5, 7, 8)).hasToString("0-2,5,7-8");
        assertThat(CpuMask.none()).hasToString("");
        assertThat(CpuMask.all(64)).hasToString("0-63");
        assertThat(CpuMask.all(3)).isEqualTo(CpuMask.of(0, 1, 2));
    }

    @Test
    void andAndAndNotMakeNewMasks() {
        CpuMask a = CpuMask.of(0, 1, 2);
        CpuMask b = CpuMask.of(1, 2, 3);
        assertThat(a.and(b)).isEqualTo(CpuMask.of(1, 2));
        assertThat(a.andNot(b)).isEqualTo(CpuMask.of(0));
        assertThat(a).isEqualTo(CpuMask.of(0, 1, 2));
        CpuMask copy = a.copy().clear(0);
        assertThat(a.test(0)).isTrue();
        assertThat(copy.test(0)).isFalse();
    }

    @Test
    void forEachVisitsLowestFirstAndUpTo63() {
        List<Integer> seen = new ArrayList<>();
        CpuMask.of(63, 4, 0).forEach(seen::add);
        assertThat(seen).containsExactly(0, 4, 63);
    }

    @Test
    void aCpuOutsideTheMaskRangeIsRejectedWithTheRange() {
        assertThatThrownBy(() -> CpuMask.of(64)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no CPU64 in a cpumask: CPUs are 0..63");
        assertThatThrownBy(() -> CpuMask.all(65)).hasMessage("a mask holds 0 to 64 CPUs, not 65");
    }
}
