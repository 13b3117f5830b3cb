package dev.smpcheck.linearizability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smpcheck.linearizability.RandomHistories.Kind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The reported sub-history of longer histories is non-linearizable and 1-minimal, re-checked independently. */
class MinimalityTest {

    @ParameterizedTest
    @EnumSource(value = Kind.class, names = {"REGISTER", "QUEUE"})
    void everyReportedSubHistoryIsOneMinimal(Kind kind) {
        SequentialSpec<?> spec = kind == Kind.REGISTER ? Specs.REGISTER : Specs.QUEUE;
        int violations = 0;
        for (long seed = 0; seed < 40; seed++) {
            List<Operation> ops = RandomHistories.generate(seed, kind, spec, 80);
            Verdict v = LinearizabilityChecker.defaults().check(ops, spec);
            if (v.kind() != Verdict.Kind.NOT_LINEARIZABLE) {
                continue;
            }
            violations++;
            Counterexample cx = v.counterexample();
            String why = kind + " seed " + seed + "\n" + cx.render();
            assertThat(cx.minimal()).as(why).isTrue();
            assertThat(cx.operations().size()).as(why).isLessThan(ops.size());
            assertThat(BruteForce.linearizable(cx.operations(), spec)).as(why).isFalse();
            for (int i = 0; i < cx.operations().size(); i++) {
                List<Operation> fewer = new ArrayList<>(cx.operations());
                fewer.remove(i);
                assertThat(BruteForce.linearizable(fewer, spec)).as(why + " without #" + i).isTrue();
            }
        }
        assertThat(violations).isGreaterThan(20);
    }
}
