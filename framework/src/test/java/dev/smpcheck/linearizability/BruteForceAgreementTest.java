package dev.smpcheck.linearizability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smpcheck.linearizability.RandomHistories.Kind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The checker against linearizability by definition ({@link BruteForce}) on 1,000 random histories of up to 8
 * operations per specification. Where the history is not linearizable, the counterexample is checked by brute force
 * too: it must be non-linearizable and 1-minimal. A small budget must give UNKNOWN or the right answer, never the
 * wrong one.
 */
class BruteForceAgreementTest {
    private static final int SEEDS = 1_000;

    @ParameterizedTest
    @EnumSource(Kind.class)
    void theCheckerAgreesWithBruteForce(Kind kind) {
        // The map is checked partitioned by key; brute force sees it whole, so this also tests P-compositionality.
        SequentialSpec<?> checked = switch (kind) {
            case REGISTER -> Specs.REGISTER;
            case QUEUE -> Specs.QUEUE;
            case MAP -> Specs.KEYED_MAP;
        };
        SequentialSpec<?> whole = kind == Kind.MAP ? Specs.MAP : checked;
        int linearizable = 0;
        int not = 0;
        int pending = 0;
        for (long seed = 0; seed < SEEDS; seed++) {
            List<Operation> ops = RandomHistories.generate(seed, kind, whole, 8);
            boolean expected = BruteForce.linearizable(ops, whole);
            Verdict v = LinearizabilityChecker.defaults().check(ops, checked);
            String why = kind + " seed " + seed + "\n" + Timeline.render(ops, null);

            assertThat(v.kind()).as(why).isEqualTo(expected ? Verdict.Kind.LINEARIZABLE : Verdict.Kind.NOT_LINEARIZABLE);
            Verdict small = LinearizabilityChecker.defaults().withStateBudget(1 + seed % 8).check(ops, checked);
            assertThat(small.kind()).as(why).isIn(v.kind(), Verdict.Kind.UNKNOWN);
            if (expected) {
                linearizable++;
            } else {
                not++;
                assertOneMinimal(v.counterexample(), ops, whole, why);
            }
            pending += ops.stream().anyMatch(Operation::isPending) ? 1 : 0;
        }
        // Both verdicts, and pending operations, must be well represented for the agreement to mean anything.
        assertThat(linearizable).isGreaterThan(SEEDS / 5);
        assertThat(not).isGreaterThan(SEEDS / 5);
        assertThat(pending).isGreaterThan(SEEDS / 10);
    }

    private static void assertOneMinimal(Counterexample cx, List<Operation> ops, SequentialSpec<?> spec, String why) {
        assertThat(cx.minimal()).as(why).isTrue();
        assertThat(ops).as(why).containsAll(cx.operations());
        assertThat(cx.operations()).as(why).contains(cx.deadEnd().blocked());
        assertThat(cx.history()).as(why).contains(cx.historyDeadEnd().blocked());
        assertThat(BruteForce.linearizable(cx.operations(), spec)).as(why).isFalse();
        for (int i = 0; i < cx.operations().size(); i++) {
            List<Operation> fewer = new ArrayList<>(cx.operations());
            Operation dropped = fewer.remove(i);
            assertThat(BruteForce.linearizable(fewer, spec)).as(why + "\nwithout " + dropped).isTrue();
        }
    }
}
