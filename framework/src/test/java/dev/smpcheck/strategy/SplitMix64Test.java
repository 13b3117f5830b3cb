package dev.smpcheck.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SplitMix64Test {

    // These values are part of the replay contract: a seed printed by one smpcheck must replay the same schedule on
    // every later version and JDK. They must never change.

    @Test
    void seedZeroGivesTheReferenceSplitMix64Sequence() {
        SplitMix64 r = new SplitMix64(0);

        assertThat(r.nextLong()).isEqualTo(0xe220a8397b1dcdafL);
        assertThat(r.nextLong()).isEqualTo(0x6e789e6aa1b965f4L);
        assertThat(r.nextLong()).isEqualTo(0x06c45d188009454fL);
    }

    @Test
    void seed42IsPinned() {
        SplitMix64 r = new SplitMix64(42);

        assertThat(r.nextLong()).isEqualTo(0xbdd732262feb6e95L);
        assertThat(r.nextLong()).isEqualTo(0x28efe333b266f103L);
        assertThat(r.nextLong()).isEqualTo(0x47526757130f9f52L);
    }

    @Test
    void boundedDrawsForSeed42ArePinned() {
        SplitMix64 r = new SplitMix64(42);
        int[] draws = new int[10];
        for (int i = 0; i < draws.length; i++) {
            draws[i] = r.nextInt(10);
        }

        assertThat(draws).containsExactly(7, 1, 2, 3, 0, 8, 2, 8, 3, 6);
    }

    @Test
    void mixIsPinned() {
        assertThat(SplitMix64.mix(0)).isZero();
        assertThat(SplitMix64.mix(42)).isEqualTo(0xa759ea27d4727622L);
        // nextLong is mix of the state advanced by the golden gamma
        assertThat(new SplitMix64(42).nextLong()).isEqualTo(SplitMix64.mix(42 + 0x9E3779B97F4A7C15L));
    }

    @Test
    void equalSeedsGiveEqualSequencesAndDifferentSeedsDifferentOnes() {
        SplitMix64 a = new SplitMix64(-7);
        SplitMix64 b = new SplitMix64(-7);
        SplitMix64 c = new SplitMix64(-6);
        boolean differs = false;
        for (int i = 0; i < 100; i++) {
            long x = a.nextLong();
            assertThat(b.nextLong()).isEqualTo(x);
            differs |= c.nextLong() != x;
        }
        assertThat(differs).isTrue();
    }

    @Test
    void nextIntStaysInRangeForManyBounds() {
        int[] bounds = {1, 2, 3, 5, 6, 7, 10, 64, 100, 127, 1000, 65_537, 1 << 30, (1 << 30) + 1, 1_500_000_000,
                Integer.MAX_VALUE};
        SplitMix64 r = new SplitMix64(2024);
        for (int bound : bounds) {
            int max = -1;
            for (int i = 0; i < 2_000; i++) {
                int v = r.nextInt(bound);
                assertThat(v).as("bound %d", bound).isBetween(0, bound - 1);
                max = Math.max(max, v);
            }
            if (bound <= 10) {
                assertThat(max).as("largest value reached for bound %d", bound).isEqualTo(bound - 1);
            }
        }
    }

    @Test
    void boundOneAlwaysGivesZero() {
        SplitMix64 r = new SplitMix64(1);
        for (int i = 0; i < 100; i++) {
            assertThat(r.nextInt(1)).isZero();
        }
    }

    @Test
    void nextIntIsRoughlyUniform() {
        int bound = 6;
        int draws = 60_000;
        int[] counts = new int[bound];
        SplitMix64 r = new SplitMix64(42);
        for (int i = 0; i < draws; i++) {
            counts[r.nextInt(bound)]++;
        }

        double expected = (double) draws / bound;
        double chiSquare = 0;
        for (int c : counts) {
            chiSquare += (c - expected) * (c - expected) / expected;
        }
        // 5 degrees of freedom: P(chi2 > 30) is about 1.5e-5, so this only fails on real bias
        assertThat(chiSquare).as("chi-square of %s", java.util.Arrays.toString(counts)).isLessThan(30.0);
        for (int c : counts) {
            assertThat(c).isBetween(9_000, 11_000);
        }
    }

    @Test
    void nextIntIsBalancedForABoundWhereManyDrawsAreRejected() {
        // 2^32 % bound is about 30% of 2^32 here, so many raw draws are rejected; the halves must stay balanced
        int bound = 1_500_000_000;
        int draws = 100_000;
        int low = 0;
        SplitMix64 r = new SplitMix64(7);
        for (int i = 0; i < draws; i++) {
            if (r.nextInt(bound) < bound / 2) {
                low++;
            }
        }
        assertThat(low).isBetween(draws / 2 - 1_500, draws / 2 + 1_500);
    }

    @Test
    void rejectsNonPositiveBounds() {
        SplitMix64 r = new SplitMix64(0);

        assertThatThrownBy(() -> r.nextInt(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bound must be positive: 0");
        assertThatThrownBy(() -> r.nextInt(-5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bound must be positive: -5");
        assertThatThrownBy(() -> r.nextInt(Integer.MIN_VALUE))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
