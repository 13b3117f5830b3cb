package dev.smpcheck.linearizability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** P-compositionality: a map checked key by key. */
class PartitioningTest {

    /**
     * Twelve overlapping puts, four per key with values 1..4, then a get per key that returns 1 (or a wrong 9 on
     * key 2). The get forces put(k, 1) to be linearized last on its key, which the search tries last, so it must
     * backtrack; unpartitioned, it backtracks through every combination of the three keys' orders.
     */
    static History threeKeys(boolean breakKey2) {
        History h = new History();
        List<Invocation> puts = new ArrayList<>();
        for (int key = 0; key < 3; key++) {
            for (int v = 1; v <= 4; v++) {
                puts.add(h.invokeBy("T" + key + v, "put", key, v));
            }
        }
        puts.forEach(p -> p.ret(null));
        for (int key = 0; key < 3; key++) {
            h.invokeBy("T" + key, "get", key).ret(breakKey2 && key == 2 ? 9 : 1);
        }
        return h;
    }

    @Test
    void eachKeyIsCheckedAloneAndThatTakesFewerStates() {
        History h = threeKeys(false);

        Verdict byKey = h.verdict(Specs.KEYED_MAP);
        Verdict whole = h.verdict(Specs.MAP);

        assertThat(byKey.kind()).isEqualTo(Verdict.Kind.LINEARIZABLE);
        assertThat(byKey.partitions()).isEqualTo(3);
        assertThat(whole.kind()).isEqualTo(Verdict.Kind.LINEARIZABLE);
        assertThat(whole.partitions()).isEqualTo(1);
        // 60 states key by key against 16,878 for the whole history (measured; the search order fixes both).
        assertThat(byKey.states()).isLessThan(whole.states() / 100);
    }

    @Test
    void aViolationIsReportedWithinItsKey() {
        Verdict v = threeKeys(true).verdict(Specs.KEYED_MAP);

        assertThat(v.kind()).isEqualTo(Verdict.Kind.NOT_LINEARIZABLE);
        Counterexample cx = v.counterexample();
        assertThat(cx.key()).isEqualTo(2);
        assertThat(cx.history()).hasSize(5).allSatisfy(op -> assertThat(op.arg(0)).isEqualTo(2));
        assertThat(cx.operations()).extracting(Operation::toString).containsExactly("T2: get(2) -> 9");
        assertThat(v.summary()).startsWith("not linearizable: the 5 operation(s) on key 2 have no legal linearization");
        assertThat(cx.render()).startsWith("A 1-minimal non-linearizable sub-history on key 2: 1 of 5 operation(s)");
    }

    @Test
    void oneOperationWithoutAKeyMakesTheCheckerCheckTheWholeHistory() {
        SequentialSpec<Specs.KeyValueModel> spec = Specs.MAP.partitionedBy(
                op -> op.name().equals("size") ? null : op.arg(0));
        History h = threeKeys(false);
        h.invokeBy("T0", "size").ret(3);

        Verdict v = h.verdict(spec);

        assertThat(v.kind()).isEqualTo(Verdict.Kind.LINEARIZABLE);
        assertThat(v.partitions()).isEqualTo(1);
    }

    @Test
    void theBudgetIsSharedAndTheSmallestPartitionsAreDecidedFirst() {
        History h = threeKeys(false);
        h.invokeBy("T0", "get", 7).ret(null);                 // a fourth key with one operation: decided first
        List<Operation> ops = h.operations();
        long key7 = 1;                                          // one get of an absent key: one state
        long key0 = LinearizabilityChecker.defaults().check(
                ops.stream().filter(op -> op.arg(0).equals(0)).toList(), Specs.MAP).states();

        // Exactly enough for key 7 and all but one state of key 0, the first of the three equal keys.
        Verdict v = LinearizabilityChecker.defaults().withStateBudget(key7 + key0 - 1).check(h, Specs.KEYED_MAP);

        assertThat(v.kind()).isEqualTo(Verdict.Kind.UNKNOWN);
        assertThat(v.summary()).isEqualTo("undecided within budget: the budget of " + (key0) + " search states ran "
                + "out on 5 operation(s) on key 0, with 1 of 4 partition(s) decided");
        assertThat(LinearizabilityChecker.defaults().withStateBudget(key7 + 3 * key0).check(h, Specs.KEYED_MAP)
                .kind()).isEqualTo(Verdict.Kind.LINEARIZABLE);
    }
}
