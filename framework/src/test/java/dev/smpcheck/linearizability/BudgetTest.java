package dev.smpcheck.linearizability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smpcheck.check.Violation;
import dev.smpcheck.check.ViolationException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The state budget: exact state counts where the math is known, UNKNOWN when it runs out, never a false pass. */
class BudgetTest {
    private static final int WRITERS = 10;

    /**
     * Ten writes of 1..10, all overlapping, then a read of 99 that no order explains. Every (non-empty set of writes,
     * last of them) pair is a distinct search state, so refuting it takes exactly sum over s of C(10,s)*s = 10 * 2^9
     * = 5,120 states.
     */
    static History concurrentWritesThenAnImpossibleRead() {
        return concurrentWritesThenRead(99);
    }

    static History concurrentWritesThenRead(int seen) {
        History h = new History();
        List<Invocation> writes = new ArrayList<>();
        for (int v = 1; v <= WRITERS; v++) {
            writes.add(h.invokeBy("W" + v, "write", v));
        }
        writes.forEach(w -> w.ret(null));
        h.invokeBy("R", "read").ret(seen);
        return h;
    }

    @Test
    void refutingTakesExactlyTheCountedStatesAndOneLessIsUnknown() {
        History h = concurrentWritesThenAnImpossibleRead();
        int expected = WRITERS << (WRITERS - 1);

        Verdict enough = LinearizabilityChecker.defaults().withStateBudget(expected).check(h, Specs.REGISTER);
        assertThat(enough.kind()).isEqualTo(Verdict.Kind.NOT_LINEARIZABLE);
        assertThat(enough.states()).isEqualTo(5_120);

        Verdict short1 = LinearizabilityChecker.defaults().withStateBudget(expected - 1).check(h, Specs.REGISTER);
        assertThat(short1.kind()).isEqualTo(Verdict.Kind.UNKNOWN);
        assertThat(short1.counterexample()).isNull();
        assertThat(short1.summary()).isEqualTo("undecided within budget: the budget of 5,119 search states ran out on "
                + "11 operation(s), with 0 of 1 partition(s) decided");
    }

    @Test
    void anUnknownVerdictFailsTheAssertionUnlessAllowed() {
        History h = concurrentWritesThenAnImpossibleRead();
        LinearizabilityChecker small = LinearizabilityChecker.defaults().withStateBudget(100);

        assertThatThrownBy(() -> small.assertLinearizable(h, Specs.REGISTER))
                .isInstanceOf(UndecidedException.class)
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("linearizability undecided within budget: the budget of 100 search states")
                .hasMessageEndingWith("Raise the budget with LinearizabilityChecker.withStateBudget(n), or accept "
                        + "undecided histories with allowingUnknown().");
        assertThatCode(() -> small.allowingUnknown().assertLinearizable(h, Specs.REGISTER)).doesNotThrowAnyException();
        // With the default budget the same history is decided, and the verdict is a violation, not a pass.
        assertThatThrownBy(() -> h.check(Specs.REGISTER))
                .isInstanceOfSatisfying(ViolationException.class,
                        e -> assertThat(e.kind()).isEqualTo(Violation.NOT_LINEARIZABLE))
                .hasMessageStartingWith("NOT_LINEARIZABLE: not linearizable: the 11 operation(s) have no legal "
                        + "linearization (5,120 search states)")
                .hasMessageContaining("R: read() -> 99 has no legal linearization point");
    }

    /** The same writes with a read of 7: linearizable, and an unknown verdict on a small budget is not a pass. */
    @Test
    void aLinearizableHistoryIsNeverPassedOnASmallBudget() {
        History h = concurrentWritesThenRead(7);

        Verdict full = LinearizabilityChecker.defaults().check(h, Specs.REGISTER);
        assertThat(full.kind()).isEqualTo(Verdict.Kind.LINEARIZABLE);
        for (long budget = 1; budget < full.states(); budget++) {
            assertThat(LinearizabilityChecker.defaults().withStateBudget(budget).check(h, Specs.REGISTER).kind())
                    .as("budget %d", budget).isEqualTo(Verdict.Kind.UNKNOWN);
        }
        assertThat(LinearizabilityChecker.defaults().withStateBudget(full.states()).check(h, Specs.REGISTER).kind())
                .isEqualTo(Verdict.Kind.LINEARIZABLE);
    }

    /**
     * Shrinking the ten writes and the impossible read on a budget of 50: its first candidate (without five of the
     * writes) needs 5 * 2^4 = 80 states, so shrinking stops there, keeps the whole proven violation and says that it
     * is not proven minimal. With enough budget it ends at the read alone.
     */
    @Test
    void shrinkingThatRunsOutOfBudgetKeepsAProvenViolationNotProvenMinimal() {
        List<Operation> ops = concurrentWritesThenAnImpossibleRead().operations();
        Counterexample.DeadEnd end = WingGongSearch.run(ops, Specs.REGISTER, 1_000_000).deadEnd();

        SubHistoryMinimizer.Minimal small = SubHistoryMinimizer.minimize(ops, end, Specs.REGISTER, 50);

        assertThat(small.minimal()).isFalse();
        assertThat(small.operations()).isEqualTo(ops);
        Counterexample cx = new Counterexample(small.operations(), small.deadEnd(), false, ops, end, null);
        assertThat(cx.render()).startsWith("A non-linearizable sub-history: 11 of 11 operation(s) (1-minimality not "
                + "established: shrinking ran out of budget)");

        SubHistoryMinimizer.Minimal enough = SubHistoryMinimizer.minimize(ops, end, Specs.REGISTER, 1_000_000);
        assertThat(enough.minimal()).isTrue();
        assertThat(enough.operations()).extracting(Operation::toString).containsExactly("R: read() -> 99");
    }

    @Test
    void aBudgetBelowOneIsRejected() {
        assertThatThrownBy(() -> LinearizabilityChecker.defaults().withStateBudget(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("stateBudget = 0 is out of range: the state budget must be at least 1");
    }
}
