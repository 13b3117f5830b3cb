package dev.smpcheck.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.smpcheck.schedule.Execution;
import dev.smpcheck.schedule.Outcome;
import dev.smpcheck.schedule.PlatformThreadBackend;
import dev.smpcheck.schedule.Sched;
import dev.smpcheck.schedule.ScheduleBody;
import dev.smpcheck.schedule.SpinLock;
import dev.smpcheck.trace.ChoiceLog;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Exact schedule counts for the bounded DFS, derived for this engine's decision structure and checked three ways: a
 * literal table, a closed form, and a brute-force enumeration that does not use the DFS.
 *
 * <h2>The decision structure of two CPUs with a and b schedule points</h2>
 * CPU0 runs {@code a} points, CPU1 {@code b}. Cut each task at its points: CPU0 runs {@code m = a + 1} segments
 * {@code A0..Aa} (start to its first point, point to point, last point to the end), CPU1 {@code n = b + 1} segments.
 * When the body returns both CPUs become runnable at once and nobody is running, so who starts is a decision with two
 * options and neither is a preemption. At each point of a task, while the other task has not finished, there are two
 * options: continue (free) or switch (a preemption). At the end of a task there is at most one option, which is not a
 * decision. So the schedules are exactly the interleavings of the two segment sequences, each a distinct sequence of
 * decisions:
 * <pre>
 *   unbounded:  C(m + n, m) = C(a + b + 2, a + 1)
 * </pre>
 * (the C(a+b, a) with a and b counting segments, the steps between points). A schedule whose interleaving has
 * {@code k} runs (maximal blocks of one CPU) switches {@code k - 1} times; exactly one switch is free, the one after
 * the last segment of the CPU that finishes first; so it takes {@code p = k - 2} preemptions. Interleavings with k
 * runs: {@code 2 C(a, r-1) C(b, r-1)} for {@code k = 2r}, and {@code C(a, r) C(b, r-1) + C(b, r) C(a, r-1)} for
 * {@code k = 2r + 1}. Summing over {@code p <= c}:
 * <pre>
 *   bound 0:  2                    (one order per CPU to start, then no switch until it ends)
 *   bound 1:  2 + a + b            (k = 3: start with CPU0, preempt at one of its a points, or the mirror)
 *   bound 2:  2 + a + b + 2ab      (k = 4: one preemption on each side)
 * </pre>
 */
class BoundedDfsStrategyTest {
    static final int UNBOUNDED = -1;

    /** Rows {a, b, unbounded, bound 0, bound 1, bound 2, bound 3}, worked out by hand from the formulas above. */
    static final int[][] COUNTS = {
        {1, 1, 6, 2, 4, 6, 6},
        {2, 1, 10, 2, 5, 9, 10},
        {2, 2, 20, 2, 6, 14, 18},
        {3, 2, 35, 2, 7, 19, 28},
        {3, 3, 70, 2, 8, 26, 44},
    };

    static ScheduleBody points(int a, int b) {
        return smp -> {
            smp.onCpu(0, c -> {
                for (int i = 0; i < a; i++) {
                    Sched.point("a" + i);
                }
            });
            smp.onCpu(1, c -> {
                for (int i = 0; i < b; i++) {
                    Sched.point("b" + i);
                }
            });
        };
    }

    /** What a whole search did: each schedule's decisions as text, and how it ended. */
    record Search(List<String> schedules, List<Outcome> outcomes, boolean exhausted) {
        long failures() {
            return outcomes.stream().filter(Outcome::failed).count();
        }
    }

    static Search search(Strategy strategy, int cpus, ScheduleBody body) {
        List<String> schedules = new ArrayList<>();
        List<Outcome> outcomes = new ArrayList<>();
        try (PlatformThreadBackend backend = new PlatformThreadBackend("dfs")) {
            ChoiceLog log = new ChoiceLog();
            while (strategy.nextSchedule()) {
                assertThat(strategy.scheduleSeed()).isEqualTo(schedules.size());
                outcomes.add(new Execution(new Execution.Settings(cpus, 10_000, 5_000, false), strategy, backend, log)
                        .run(body));
                strategy.scheduleEnded();
                schedules.add(format(log));
            }
        }
        return new Search(schedules, outcomes, strategy.exhausted());
    }

    /** A log as text: option indices of picks, {@code d}-prefixed values of data choices. */
    static String format(ChoiceLog log) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < log.size(); i++) {
            sb.append(i == 0 ? "" : " ").append(log.isData(i) ? "d" : "").append(log.value(i));
        }
        return sb.toString();
    }

    /**
     * Brute force, independent of the DFS: runs the program once for every tuple in {@code {0,1}^length}, taking digit
     * i at decision i, and returns every distinct decision sequence seen with its preemption count. Every decision of
     * the programs used here has at most two options, and {@code length} is at least their number of decisions.
     */
    static Map<String, Integer> bruteForce(int cpus, ScheduleBody body, int length) {
        Map<String, Integer> seen = new HashMap<>();
        try (PlatformThreadBackend backend = new PlatformThreadBackend("brute")) {
            ChoiceLog log = new ChoiceLog();
            for (int tuple = 0; tuple < 1 << length; tuple++) {
                int bits = tuple;
                int[] at = new int[1];
                Strategy digits = new Strategy() {
                    @Override
                    public boolean nextSchedule() {
                        return true;
                    }

                    @Override
                    public int pick(ChoicePoint point) {
                        return digit(point.size());
                    }

                    @Override
                    public int pickData(int bound) {
                        return digit(bound);
                    }

                    private int digit(int options) {
                        assertThat(options).isEqualTo(2);
                        assertThat(at[0]).as("decisions within the tuple length").isLessThan(length);
                        return bits >> at[0]++ & 1;
                    }

                    @Override
                    public long scheduleSeed() {
                        return bits;
                    }

                    @Override
                    public String name() {
                        return "brute";
                    }

                    @Override
                    public String describe() {
                        return "brute force";
                    }
                };
                Outcome o = new Execution(new Execution.Settings(cpus, 10_000, 5_000, false), digits, backend, log)
                        .run(body);
                assertThat(o.failed()).as("brute-force run %s", o.message()).isFalse();
                seen.put(format(log), o.preemptions());
            }
        }
        return seen;
    }

    static long choose(int n, int k) {
        if (k < 0 || k > n) {
            return 0;
        }
        long c = 1;
        for (int i = 0; i < k; i++) {
            c = c * (n - i) / (i + 1);
        }
        return c;
    }

    /** The closed form: interleavings of a + 1 and b + 1 segments with at most c + 2 runs (c < 0: any number). */
    static long closedForm(int a, int b, int c) {
        if (c < 0) {
            return choose(a + b + 2, a + 1);
        }
        long total = 0;
        for (int k = 2; k <= c + 2; k++) {
            int r = k / 2;
            total += k % 2 == 0 ? 2 * choose(a, r - 1) * choose(b, r - 1)
                    : choose(a, r) * choose(b, r - 1) + choose(b, r) * choose(a, r - 1);
        }
        return total;
    }

    @Test
    void countsMatchTheTableTheClosedFormAndBruteForce() {
        int[] bounds = {UNBOUNDED, 0, 1, 2, 3};
        for (int[] row : COUNTS) {
            int a = row[0];
            int b = row[1];
            Map<String, Integer> all = bruteForce(2, points(a, b), a + b + 1);
            assertThat((long) all.size()).as("brute force, a=%d b=%d", a, b).isEqualTo(closedForm(a, b, UNBOUNDED));
            for (int i = 0; i < bounds.length; i++) {
                int c = bounds[i];
                String what = "a=" + a + " b=" + b + " preemptions<=" + (c < 0 ? "inf" : c);
                assertThat(closedForm(a, b, c)).as("closed form, %s", what).isEqualTo(row[2 + i]);
                Search s = search(new BoundedDfsStrategy(10_000, c), 2, points(a, b));
                assertThat(s.schedules()).as("DFS, %s", what).hasSize(row[2 + i]).doesNotHaveDuplicates();
                assertThat(s.exhausted()).as("exhausted, %s", what).isTrue();
                assertThat(s.failures()).isZero();
                assertThat(new HashSet<>(s.schedules())).as("DFS = brute force with <= c preemptions, %s", what)
                        .isEqualTo(all.entrySet().stream().filter(e -> c < 0 || e.getValue() <= c)
                                .map(Map.Entry::getKey).collect(java.util.stream.Collectors.toSet()));
                for (Outcome o : s.outcomes()) {
                    assertThat(o.preemptions()).isLessThanOrEqualTo(c < 0 ? Integer.MAX_VALUE : c);
                }
            }
        }
    }

    /**
     * a = b = 1: the six interleavings of A0 A1 with B0 B1, in DFS order. Decisions are option indices: at the start
     * [CPU0, CPU1] (neither a preemption), at a point [CPU0, CPU1] with the running CPU's continuation tried first.
     * <pre>
     *   "0 0"    A0 A1 B0 B1   0 preemptions  (schedule 0 has the fewest)
     *   "0 1 1"  A0 B0 B1 A1   1
     *   "0 1 0"  A0 B0 A1 B1   2
     *   "1 1"    B0 B1 A0 A1   0
     *   "1 0 0"  B0 A0 A1 B1   1
     *   "1 0 1"  B0 A0 B1 A1   2
     * </pre>
     */
    @Test
    void enumeratesTheSixInterleavingsOfOnePointEachInDfsOrder() {
        Search s = search(new BoundedDfsStrategy(100, UNBOUNDED), 2, points(1, 1));
        assertThat(s.schedules()).containsExactly("0 0", "0 1 1", "0 1 0", "1 1", "1 0 0", "1 0 1");
        assertThat(s.outcomes().stream().map(Outcome::preemptions)).containsExactly(0, 1, 2, 0, 1, 2);
        assertThat(search(new BoundedDfsStrategy(100, 1), 2, points(1, 1)).schedules())
                .containsExactly("0 0", "0 1 1", "1 1", "1 0 0");
        assertThat(search(new BoundedDfsStrategy(100, 0), 2, points(1, 1)).schedules()).containsExactly("0 0", "1 1");
    }

    @Test
    void aSmallerBudgetStopsEarlyWithoutClaimingExhaustion() {
        Search full = search(new BoundedDfsStrategy(1_000, UNBOUNDED), 2, points(2, 2));
        assertThat(full.schedules()).hasSize(20);
        assertThat(full.exhausted()).isTrue();

        Search cut = search(new BoundedDfsStrategy(7, UNBOUNDED), 2, points(2, 2));
        assertThat(cut.schedules()).containsExactlyElementsOf(full.schedules().subList(0, 7));
        assertThat(cut.exhausted()).isFalse();

        // A budget of exactly the size of the space covers it, and says so.
        Search exact = search(new BoundedDfsStrategy(20, UNBOUNDED), 2, points(2, 2));
        assertThat(exact.schedules()).hasSize(20);
        assertThat(exact.exhausted()).isTrue();

        BoundedDfsStrategy none = new BoundedDfsStrategy(0, UNBOUNDED);
        assertThat(none.nextSchedule()).isFalse();
        assertThat(none.exhausted()).isFalse();
    }

    /** Read, then write a shared counter, with a point before the read and one between read and write. */
    static ScheduleBody increments(boolean locked) {
        return smp -> {
            int[] counter = new int[1];
            SpinLock lock = new SpinLock("counter_lock");
            for (int cpu = 0; cpu < 2; cpu++) {
                smp.onCpu(cpu, c -> {
                    if (locked) {
                        lock.lock();
                    }
                    Sched.point("read");
                    int v = counter[0];
                    Sched.point("write");
                    counter[0] = v + 1;
                    if (locked) {
                        lock.unlock();
                    }
                });
            }
            smp.afterAll(() -> assertThat(counter[0]).as("counter after two increments").isEqualTo(2));
        };
    }

    /**
     * Lost update, a = b = 2 points, segments X0 (start), X1 (read), X2 (write). The update is lost iff both reads
     * come before both writes. Bound 0: 2 serial schedules, none lost. Bound 1 (2 + a + b = 6): the two schedules that
     * preempt a CPU between its read and its write (A0 A1 | B0 B1 B2 | A2 and the mirror) lose it. Unbounded
     * (C(6, 3) = 20): it survives only if one CPU writes before the other reads: A0 A1 A2 before B1 with B0 in any of
     * 4 places, or the mirror, 8 schedules; so 12 lose it.
     *
     * <p>Locked twin: the lock adds an await before the read and a point after the unlock, so 4 points and 5
     * segments X0 (to the lock) X1 (take it) X2 (read) X3 (write, unlock) X4 (to the end); the critical sections
     * X1..X3 cannot overlap. With CPU0 first: A0..A3 before B1, B0 in one of 5 gaps before B1, A4 in one of 5 gaps
     * after A3, and both in the gap between A3 and B1 in 2 orders: 5 * 5 + 1 = 26; with the mirror, 52 schedules.
     */
    @Test
    void findsTheLostUpdateWithOnePreemptionAndExhaustsTheLockedTwin() {
        Search none = search(new BoundedDfsStrategy(1_000, 0), 2, increments(false));
        assertThat(none.schedules()).hasSize(2);
        assertThat(none.failures()).isZero();
        assertThat(none.exhausted()).isTrue();

        Search one = search(new BoundedDfsStrategy(1_000, 1), 2, increments(false));
        assertThat(one.schedules()).hasSize(6);
        assertThat(one.failures()).isEqualTo(2);
        assertThat(one.outcomes().stream().filter(Outcome::failed).map(Outcome::preemptions)).containsOnly(1);

        Search all = search(new BoundedDfsStrategy(1_000, UNBOUNDED), 2, increments(false));
        assertThat(all.schedules()).hasSize(20);
        assertThat(all.failures()).isEqualTo(12);

        Search locked = search(new BoundedDfsStrategy(1_000, UNBOUNDED), 2, increments(true));
        assertThat(locked.schedules()).hasSize(52).doesNotHaveDuplicates();
        assertThat(locked.failures()).isZero();
        assertThat(locked.exhausted()).isTrue();
        Search lockedOne = search(new BoundedDfsStrategy(1_000, 1), 2, increments(true));
        assertThat(lockedOne.failures()).isZero();
        assertThat(lockedOne.exhausted()).isTrue();
    }

    @Test
    void dataChoicesAreBranchPoints() {
        Search two = search(new BoundedDfsStrategy(100, 0), 1, smp -> smp.onCpu(0, c -> {
            smp.chooseBoolean("x");
            smp.chooseBoolean("y");
        }));
        assertThat(two.schedules()).containsExactly("d0 d0", "d0 d1", "d1 d0", "d1 d1");
        assertThat(two.exhausted()).isTrue();

        // The second choice is made only when the first is true: 1 + 2 = 3 leaves.
        Search nested = search(new BoundedDfsStrategy(100, 0), 1, smp -> smp.onCpu(0, c -> {
            if (smp.chooseBoolean("x")) {
                smp.choose("y", 2);
            }
        }));
        assertThat(nested.schedules()).containsExactly("d0", "d1 d0", "d1 d1");
    }

    @Test
    void theSameProgramGivesTheSameSchedules() {
        Search first = search(new BoundedDfsStrategy(1_000, 2), 2, points(3, 2));
        Search second = search(new BoundedDfsStrategy(1_000, 2), 2, points(3, 2));
        assertThat(second.schedules()).hasSize(19).isEqualTo(first.schedules());
    }

    @Test
    void aReplayedDecisionWithOtherOptionsIsReportedAsNondeterminism() {
        AtomicInteger runs = new AtomicInteger();
        ScheduleBody body = smp -> {
            int run = runs.getAndIncrement();
            smp.onCpu(0, c -> smp.choose("x", run == 0 ? 2 : 3));
        };
        BoundedDfsStrategy dfs = new BoundedDfsStrategy(100, 2);
        List<Outcome> outcomes = runTwo(dfs, body);
        assertThat(outcomes.get(0).failed()).isFalse();
        // The strategy throws inside the schedule; the engine ends it as a divergence, never as a bug of the code ...
        assertThat(outcomes.get(1).failed()).isFalse();
        assertThat(outcomes.get(1).divergence())
                .startsWith("nondeterministic program: decision 0 of schedule 1 changed under the same "
                        + "earlier choices (it was a data choice among 2 values, now a data choice among 3 values)");
        // ... and the search refuses to go on.
        assertThatThrownBy(dfs::nextSchedule).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("nondeterministic program: decision 0 of schedule 1");
        assertThat(dfs.exhausted()).isFalse();
    }

    @Test
    void aScheduleEndingInsideTheReplayedPrefixIsReportedAsNondeterminism() {
        AtomicInteger runs = new AtomicInteger();
        ScheduleBody body = smp -> {
            boolean first = runs.getAndIncrement() == 0;
            smp.onCpu(0, c -> {
                if (first) {
                    smp.chooseBoolean("x");
                    smp.chooseBoolean("y");
                }
            });
        };
        BoundedDfsStrategy dfs = new BoundedDfsStrategy(100, 2);
        assertThat(runTwo(dfs, body)).noneMatch(Outcome::failed);
        assertThatThrownBy(dfs::nextSchedule).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("nondeterministic program: schedule 1 ended after 0 decisions, but the same "
                        + "choices led to at least 2 decisions before");
        assertThat(dfs.exhausted()).isFalse();
    }

    /** Runs exactly two schedules on one CPU and returns their outcomes. */
    private static List<Outcome> runTwo(BoundedDfsStrategy dfs, ScheduleBody body) {
        List<Outcome> outcomes = new ArrayList<>();
        try (PlatformThreadBackend backend = new PlatformThreadBackend("dfs")) {
            ChoiceLog log = new ChoiceLog();
            for (int i = 0; i < 2; i++) {
                assertThat(dfs.nextSchedule()).isTrue();
                outcomes.add(new Execution(new Execution.Settings(1, 1_000, 5_000, false), dfs, backend, log)
                        .run(body));
                dfs.scheduleEnded();
            }
        }
        return outcomes;
    }

    @Test
    void triesTheContinuationFirstAndSkipsPreemptionsOverTheBound() {
        // Option 1 continues the running thread; options 0 and 2 preempt it.
        BoundedDfsStrategy free = new BoundedDfsStrategy(100, 1);
        List<Integer> order = new ArrayList<>();
        while (free.nextSchedule()) {
            order.add(free.pick(FakeChoicePoint.flagged(0, true, false, true)));
        }
        assertThat(order).containsExactly(1, 0, 2);
        assertThat(free.exhausted()).isTrue();

        BoundedDfsStrategy spent = new BoundedDfsStrategy(100, 1);
        order.clear();
        while (spent.nextSchedule()) {
            order.add(spent.pick(FakeChoicePoint.flagged(1, true, false, true)));
        }
        assertThat(order).containsExactly(1);
        assertThat(spent.exhausted()).isTrue();
    }

    @Test
    void namesAndDescribesItself() {
        assertThat(new BoundedDfsStrategy(1, 2).name()).isEqualTo("dfs");
        assertThat(new BoundedDfsStrategy(1, 2).describe()).isEqualTo("bounded DFS (preemptions <= 2)");
        assertThat(new BoundedDfsStrategy(1, -1).describe()).isEqualTo("DFS (unbounded)");
        assertThat(new BoundedDfsStrategy(1, Integer.MAX_VALUE).describe()).isEqualTo("DFS (unbounded)");
    }
}
