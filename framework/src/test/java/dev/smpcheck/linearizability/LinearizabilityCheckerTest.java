package dev.smpcheck.linearizability;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Known linearizable and non-linearizable histories, built by hand; times are the order of the lines. */
class LinearizabilityCheckerTest {

    static Verdict check(History h, SequentialSpec<?> spec) {
        return LinearizabilityChecker.defaults().check(h, spec);
    }

    @Test
    void aStaleReadAfterACompletedWriteIsNotLinearizable() {
        History h = new History();
        h.invokeBy("A", "write", 1).ret(null);
        h.invokeBy("B", "read").ret(0);

        Verdict v = check(h, Specs.REGISTER);

        assertThat(v.kind()).isEqualTo(Verdict.Kind.NOT_LINEARIZABLE);
        assertThat(v.report()).isEqualTo("""
                not linearizable: the 2 operation(s) have no legal linearization (1 search state)
                A 1-minimal non-linearizable sub-history: 2 of 2 operation(s) (drop any one and the rest is linearizable)
                 time | A        | B
                ------+----------+-----------
                    0 | write(1) |
                    1 | '-> null |
                    2 |          | read()
                    3 |          | '-> 0 (!)
                (!) B: read() -> 0 has no legal linearization point: no order of the operations, consistent with real \
                time, lets it take effect before it returns.
                    The longest legal order found before it: A: write(1) -> null.
                    There the specification gives read() -> 1.
                """);
    }

    @Test
    void aReadOverlappingTheWriteMaySeeEitherValue() {
        for (int seen : new int[] {0, 1}) {
            History h = new History();
            Invocation write = h.invokeBy("A", "write", 1);
            h.invokeBy("B", "read").ret(seen);
            write.ret(null);

            assertThat(check(h, Specs.REGISTER).kind()).isEqualTo(Verdict.Kind.LINEARIZABLE);
        }
    }

    /**
     * New/old inversion: both reads overlap the write, but once B has seen the new value, C (starting later) may not
     * see the old one. Each read alone would be fine.
     */
    @Test
    void aNewOldInversionIsNotLinearizable() {
        History h = new History();
        Invocation write = h.invokeBy("A", "write", 1);
        h.invokeBy("B", "read").ret(1);
        h.invokeBy("C", "read").ret(0);
        write.ret(null);

        Verdict v = check(h, Specs.REGISTER);

        assertThat(v.kind()).isEqualTo(Verdict.Kind.NOT_LINEARIZABLE);
        // Without the write, B's read of 1 is wrong on its own: that is the 1-minimal core. The whole history's
        // dead end tells the real story: after the write and B's read, C's read of the old value has no place.
        Counterexample cx = v.counterexample();
        assertThat(cx.operations()).extracting(Operation::toString).containsExactly("B: read() -> 1");
        assertThat(cx.historyDeadEnd().prefix()).extracting(Operation::toString)
                .containsExactly("A: write(1) -> null", "B: read() -> 1");
        assertThat(cx.historyDeadEnd().blocked().toString()).isEqualTo("C: read() -> 0");
        assertThat(cx.historyDeadEnd().expected()).isEqualTo("1");

        History inOrder = new History();
        Invocation w2 = inOrder.invokeBy("A", "write", 1);
        inOrder.invokeBy("C", "read").ret(0);
        inOrder.invokeBy("B", "read").ret(1);
        w2.ret(null);
        assertThat(check(inOrder, Specs.REGISTER).kind()).isEqualTo(Verdict.Kind.LINEARIZABLE);
    }

    /** A enqueues 1 and B enqueues 2, one after the other or overlapping; then A dequeues 2. */
    static History herlihyWing(boolean overlapping) {
        History h = new History();
        Invocation one = h.invokeBy("A", "enq", 1);
        if (!overlapping) {
            one.ret(null);
        }
        h.invokeBy("B", "enq", 2).ret(null);
        if (overlapping) {
            one.ret(null);
        }
        h.invokeBy("A", "deq").ret(2);
        return h;
    }

    /**
     * C's read of 1 is stale: 2 was written before it began. Any read of a written value is, without its write, a
     * violation on its own, so plain greedy deletion would end at B's innocent last read; keeping the operation where
     * the whole history got stuck until last makes the core C's read.
     */
    @Test
    void theCoreIsAboutTheOperationWhereTheWholeHistoryGotStuck() {
        History h = new History();
        h.invokeBy("A", "write", 1).ret(null);
        h.invokeBy("B", "read").ret(1);
        h.invokeBy("A", "write", 2).ret(null);
        h.invokeBy("C", "read").ret(1);
        h.invokeBy("B", "read").ret(2);

        Counterexample cx = check(h, Specs.REGISTER).counterexample();

        assertThat(cx.historyDeadEnd().blocked().toString()).isEqualTo("C: read() -> 1");
        assertThat(cx.historyDeadEnd().expected()).isEqualTo("2");
        assertThat(cx.operations()).extracting(Operation::toString).containsExactly("C: read() -> 1");
    }

    /**
     * Herlihy and Wing's FIFO example: enq(x) completes before enq(y) starts, so a later deq() must return x. The
     * 1-minimal core is deq() -> y alone (nothing else enqueued y in it), so the report shows the whole history too.
     */
    @Test
    void herlihyWingQueueDequeuingTheSecondValueFirstIsNotLinearizable() {
        History h = herlihyWing(false);

        Verdict v = check(h, Specs.QUEUE);

        assertThat(v.kind()).isEqualTo(Verdict.Kind.NOT_LINEARIZABLE);
        assertThat(v.counterexample().operations()).extracting(Operation::toString).containsExactly("A: deq() -> 2");
        assertThat(v.counterexample().render())
                .contains("Not even first: in the initial state the specification gives deq() -> null.")
                .contains("""
                        The whole history (3 operations):
                         time | A         | B
                        ------+-----------+----------
                            0 | enq(1)    |
                            1 | '-> null  |
                            2 |           | enq(2)
                            3 |           | '-> null
                            4 | deq()     |
                            5 | '-> 2 (!) |
                        """)
                .endsWith("""
                            The longest legal order found before it: A: enq(1) -> null; B: enq(2) -> null.
                            There the specification gives deq() -> 1.
                        """);
    }

    @Test
    void herlihyWingQueueWithOverlappingEnqueuesMayDequeueEitherFirst() {
        History h = herlihyWing(true);
        h.invokeBy("B", "deq").ret(1);

        assertThat(check(h, Specs.QUEUE).kind()).isEqualTo(Verdict.Kind.LINEARIZABLE);
    }

    @Test
    void aQueueThatLooksEmptyAfterACompletedEnqueueIsNotLinearizable() {
        History h = new History();
        h.invokeBy("A", "enq", 7).ret(null);
        h.invokeBy("B", "deq").ret(null);

        Verdict v = check(h, Specs.QUEUE);

        assertThat(v.kind()).isEqualTo(Verdict.Kind.NOT_LINEARIZABLE);
        assertThat(v.counterexample().operations()).hasSize(2);
        assertThat(v.counterexample().deadEnd().expected()).isEqualTo("7");
    }

    /** Two increments that both return 1: the lost update seen through the operations' results. */
    @Test
    void twoIncrementsReturningTheSameValueAreNotLinearizable() {
        History h = new History();
        Invocation a = h.invokeBy("CPU0", "inc");
        Invocation b = h.invokeBy("CPU1", "inc");
        a.ret(1);
        b.ret(1);

        Verdict v = check(h, Specs.COUNTER);

        assertThat(v.kind()).isEqualTo(Verdict.Kind.NOT_LINEARIZABLE);
        assertThat(v.counterexample().operations()).hasSize(2);
        // The search linearizes CPU0's increment first (it was invoked first); CPU1's then finds the counter at 1.
        assertThat(v.counterexample().deadEnd().blocked().thread()).isEqualTo("CPU1");
        assertThat(v.counterexample().deadEnd().expected()).isEqualTo("2");
    }

    @Test
    void aPendingWriteMayOrMayNotHaveTakenEffectButNotBoth() {
        for (int seen : new int[] {0, 1}) {
            History h = new History();
            h.invokeBy("A", "write", 1);                       // never returns
            h.invokeBy("B", "read").ret(seen);
            assertThat(check(h, Specs.REGISTER).kind()).as("read %d", seen).isEqualTo(Verdict.Kind.LINEARIZABLE);
        }
        History h = new History();
        h.invokeBy("A", "write", 1);
        h.invokeBy("B", "read").ret(1);
        h.invokeBy("B", "read").ret(0);

        Verdict v = check(h, Specs.REGISTER);

        assertThat(v.kind()).isEqualTo(Verdict.Kind.NOT_LINEARIZABLE);
        assertThat(v.counterexample().render()).contains("""
                    0 | write(1)    |
                    1 | |           | read()
                    2 | |           | '-> 1
                    3 | |           | read()
                    4 | |           | '-> 0 (!)
                  end | '-- pending |
                """);
    }

    @Test
    void aPendingEnqueueNeedNotHaveTakenEffect() {
        for (Integer seen : new Integer[] {null, 5}) {
            History h = new History();
            h.invokeBy("A", "enq", 5);
            h.invokeBy("B", "deq").ret(seen);
            assertThat(check(h, Specs.QUEUE).kind()).as("deq %s", seen).isEqualTo(Verdict.Kind.LINEARIZABLE);
        }
    }

    /** B's dequeue never returned, but it must have taken the 1, since C later finds the queue empty. */
    @Test
    void aPendingDequeueMayHaveTakenEffectThoughItsResultIsUnknown() {
        History h = new History();
        h.invokeBy("A", "enq", 1).ret(null);
        h.invokeBy("B", "deq");
        h.invokeBy("C", "deq").ret(null);

        assertThat(check(h, Specs.QUEUE).kind()).isEqualTo(Verdict.Kind.LINEARIZABLE);
    }

    @Test
    void aHistoryOfOnlyPendingOperationsIsLinearizableWithoutSearching() {
        History h = new History();
        h.invokeBy("A", "deq");
        h.invokeBy("B", "deq");

        Verdict v = check(h, Specs.QUEUE);

        assertThat(v.kind()).isEqualTo(Verdict.Kind.LINEARIZABLE);
        assertThat(v.states()).isZero();
    }

    /** A sequential history explores exactly one state per operation. */
    @Test
    void aSequentialHistoryTakesOneStatePerOperation() {
        History h = new History();
        for (int i = 1; i <= 50; i++) {
            h.invokeBy("A", "inc").ret(i);
        }
        Verdict v = check(h, Specs.COUNTER);

        assertThat(v.kind()).isEqualTo(Verdict.Kind.LINEARIZABLE);
        assertThat(v.states()).isEqualTo(50);
        assertThat(v.summary()).isEqualTo("linearizable: 50 operation(s) in 1 partition(s), 50 search states");
    }

    @Test
    void anExceptionIsAnOutcomeTheSpecificationCanExpect() {
        SequentialSpec<List<Integer>> strict = SequentialSpec.of(List.of(), (q, op) -> q.isEmpty()
                ? Transition.throwing(q, java.util.NoSuchElementException.class)
                : Transition.returns(q.subList(1, q.size()), q.get(0)));
        History h = new History();
        h.invokeBy("A", "remove").threw(new java.util.NoSuchElementException("empty"));
        assertThat(check(h, strict).kind()).isEqualTo(Verdict.Kind.LINEARIZABLE);

        History wrong = new History();
        wrong.invokeBy("A", "remove").threw(new IllegalStateException("empty"));
        Verdict v = check(wrong, strict);
        assertThat(v.kind()).isEqualTo(Verdict.Kind.NOT_LINEARIZABLE);
        assertThat(v.report()).contains("'-> threw IllegalStateException (!)")
                .contains("the specification gives remove() -> threw NoSuchElementException");
    }

    /** A set whose {@code poll} may return any element: the specification accepts the recorded one if present. */
    @Test
    void aSpecificationMayAcceptSeveralResults() {
        SequentialSpec<java.util.Set<Integer>> bag = SequentialSpec.of(java.util.Set.of(), (s, op) -> {
            if (op.name().equals("add")) {
                java.util.Set<Integer> next = new java.util.HashSet<>(s);
                next.add((Integer) op.arg(0));
                return Transition.returns(java.util.Set.copyOf(next), null);
            }
            if (!s.contains(op.result())) {
                return Transition.illegal();
            }
            java.util.Set<Integer> next = new java.util.HashSet<>(s);
            next.remove(op.result());
            return Transition.returns(java.util.Set.copyOf(next), op.result());
        });
        History h = new History();
        h.invokeBy("A", "add", 1).ret(null);
        h.invokeBy("A", "add", 2).ret(null);
        h.invokeBy("B", "poll").ret(2);
        h.invokeBy("B", "poll").ret(1);
        assertThat(check(h, bag).kind()).isEqualTo(Verdict.Kind.LINEARIZABLE);

        h.invokeBy("B", "poll").ret(1);
        Verdict v = check(h, bag);
        assertThat(v.kind()).isEqualTo(Verdict.Kind.NOT_LINEARIZABLE);
        assertThat(v.counterexample().deadEnd().expected()).isEqualTo("impossible");
    }

    @Test
    void theReportRendersArgumentsAndResultsReadably() {
        History h = new History();
        h.invokeBy("T", "put", "k", new int[] {1, 2}).ret(List.of("a"));
        assertThat(h.operations().get(0).toString()).isEqualTo("T: put(\"k\", [1, 2]) -> [a]");
    }
}
