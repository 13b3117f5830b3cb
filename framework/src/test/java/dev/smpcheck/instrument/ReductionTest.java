package dev.smpcheck.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smpcheck.check.Violation;
import dev.smpcheck.plain.Counters;
import dev.smpcheck.plain.Handles;
import dev.smpcheck.plain.Reductions;
import dev.smpcheck.plain.Spins;
import dev.smpcheck.run.Finding;
import dev.smpcheck.run.SearchConfig;
import dev.smpcheck.run.SearchResult;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Partial-order reduction on plain Java code: instrumented accesses announce their locations, so unbounded
 * {@code dfs} explores one schedule per class of equivalent ones. Main's steps between starting and joining the
 * threads are local, and a thread's start is ordered after the step that started it, so the counts below are those
 * of the threads' own steps.
 */
class ReductionTest {

    private static SearchResult reduced(String name, PlainPrograms.Program program) throws Throwable {
        return PlainPrograms.search(SearchConfig.defaults(name).withStrategy("dfs").withPreemptions(-1)
                .withSchedules(1_000_000), program);
    }

    /** Every schedule: DFS with a preemption bound no program here can reach. */
    private static SearchResult unreduced(String name, PlainPrograms.Program program) throws Throwable {
        return PlainPrograms.search(SearchConfig.defaults(name).withStrategy("dfs").withPreemptions(50)
                .withSchedules(1_000_000), program);
    }

    private static void assertCount(SearchResult r, int schedules) {
        assertThat(r.finding()).isNull();
        assertThat(r.exhausted()).isTrue();
        assertThat(r.schedules()).as(r.summary()).isEqualTo(schedules);
    }

    @Test
    void threadsWritingDifferentFieldsNeedOneSchedule() throws Throwable {
        assertCount(reduced("disjoint", Reductions::disjointFields), 1);
        assertThat(unreduced("disjoint", Reductions::disjointFields).schedules()).isGreaterThan(1);
    }

    @Test
    void threadsThatOnlyReadNeedOneSchedule() throws Throwable {
        assertCount(reduced("onlyReads", Reductions::onlyReads), 1);
    }

    /** Two threads' k writes to one field: the C(2k, k) orders of the writes, and nothing else. */
    @Test
    void writesToOneFieldGiveEveryOrderOfTheWrites() throws Throwable {
        assertCount(reduced("shared1", () -> Reductions.sharedWrites(1)), 2);
        assertCount(reduced("shared2", () -> Reductions.sharedWrites(2)), 6);
        assertCount(reduced("shared3", () -> Reductions.sharedWrites(3)), 20);
    }

    /** Atomics announce their receiver: increments of different atomics commute, of one atomic they do not. */
    @Test
    void atomicsAreLocationsToo() throws Throwable {
        assertCount(reduced("ownAtomics", () -> Reductions.atomicIncrements(false)), 1);
        assertCount(reduced("sharedAtomic", () -> Reductions.atomicIncrements(true)), 2);
    }

    /**
     * Field updaters and {@code VarHandle}s announce the field, element or static field they touch, under the name a
     * plain access of it has: increments of different ones commute, of the same one they do not, and a CAS conflicts
     * with a plain read of its field. The CAS programs pass {@code long} and {@code double} values.
     */
    @Test
    void updatersAndVarHandlesAreLocationsToo() throws Throwable {
        assertCount(reduced("ownUpdaters", () -> Handles.updaterIncrements(false)), 1);
        assertCount(reduced("sharedUpdater", () -> Handles.updaterIncrements(true)), 2);
        assertCount(reduced("ownHandles", () -> Handles.handleIncrements(false)), 1);
        assertCount(reduced("sharedHandle", () -> Handles.handleIncrements(true)), 2);
        assertCount(reduced("ownElements", () -> Handles.elementIncrements(false)), 1);
        assertCount(reduced("sharedElement", () -> Handles.elementIncrements(true)), 2);
        assertCount(reduced("ownStatics", () -> Handles.staticIncrements(false)), 1);
        assertCount(reduced("sharedStatic", () -> Handles.staticIncrements(true)), 2);
        assertCount(reduced("casAndRead", Handles::handleAndPlainReadShareTheField), 2);
        assertCount(reduced("wideCas", Handles::wideCasRace), 2);
    }

    /**
     * A handle whose location cannot be named (a byte array view) keeps a point that announces nothing, so its writes
     * of disjoint ints are not taken to commute, as the same calls on disjoint fields are.
     */
    @Test
    void aHandleOfUnknownLocationIsTakenToTouchAnything() throws Throwable {
        SearchResult r = reduced("byteView", Handles::byteViewWrites);
        assertThat(r.finding()).isNull();
        assertThat(r.exhausted()).isTrue();
        assertThat(r.schedules()).as(r.summary()).isGreaterThan(1);
    }

    /** A racy read-then-write through a {@code VarHandle} is found by the default search too. */
    @Test
    void aLostUpdateThroughAVarHandleIsFound() throws Throwable {
        SearchResult r = JavaSemanticsTest.finds("handleLostUpdate", Handles::handleLostUpdate,
                Violation.ASSERTION_FAILED);
        assertThat(r.finding().outcome().message()).contains("lost an update: a is 1");
    }

    /**
     * The corpus: on each program the reduced and the unreduced search find the same violation, or none. The programs
     * include shared state the announcements cannot name (a JDK list, a thread's end seen through {@code isAlive}),
     * which only widening keeps sound.
     */
    @Test
    void reducedAndUnreducedSearchesFindTheSameViolations() throws Throwable {
        Map<String, PlainPrograms.Program> corpus = new LinkedHashMap<>();
        corpus.put("lost update", Counters::lostUpdate);
        corpus.put("synchronized increment", Counters::synchronizedIncrement);
        corpus.put("disjoint fields", Reductions::disjointFields);
        corpus.put("shared writes", () -> Reductions.sharedWrites(2));
        corpus.put("list seen early", Reductions::listSeenEarly);
        corpus.put("array lost update", Reductions::arrayLostUpdate);
        corpus.put("static lost update", Reductions::staticLostUpdate);
        corpus.put("isAlive race", Reductions::isAliveRace);
        corpus.put("atomic by method reference", Reductions::atomicsByMethodReference);
        corpus.put("handshake", Spins::handshake);
        corpus.put("handshake, broken order", Spins::handshakeBrokenOrder);
        corpus.put("VarHandle lost update", Handles::handleLostUpdate);
        corpus.put("updater lost update", Handles::updaterLostUpdate);
        corpus.put("byte view lost update", Handles::byteViewLostUpdate);
        Map<String, Violation> expected = new LinkedHashMap<>();
        expected.put("lost update", Violation.ASSERTION_FAILED);
        expected.put("list seen early", Violation.ASSERTION_FAILED);
        expected.put("array lost update", Violation.ASSERTION_FAILED);
        expected.put("static lost update", Violation.ASSERTION_FAILED);
        expected.put("isAlive race", Violation.ASSERTION_FAILED);
        expected.put("handshake, broken order", Violation.ASSERTION_FAILED);
        expected.put("atomic by method reference", Violation.ASSERTION_FAILED);
        expected.put("VarHandle lost update", Violation.ASSERTION_FAILED);
        expected.put("updater lost update", Violation.ASSERTION_FAILED);
        expected.put("byte view lost update", Violation.ASSERTION_FAILED);
        for (Map.Entry<String, PlainPrograms.Program> e : corpus.entrySet()) {
            SearchResult r = reduced(e.getKey(), e.getValue());
            SearchResult u = unreduced(e.getKey(), e.getValue());
            System.out.printf("%-26s unreduced %5d schedules, reduced %4d; %s%n", e.getKey(), u.schedules(),
                    r.schedules(), kind(r));
            assertThat(kind(r)).as(e.getKey()).isEqualTo(kind(u)).isEqualTo(expected.get(e.getKey()));
            if (r.finding() == null) {
                assertThat(r.exhausted()).isTrue();
                assertThat(u.exhausted()).isTrue();
                assertThat(r.schedules()).as(e.getKey()).isLessThanOrEqualTo(u.schedules());
            }
        }
    }

    private static Violation kind(SearchResult r) {
        Finding f = r.finding();
        return f == null ? null : f.kind();
    }
}
