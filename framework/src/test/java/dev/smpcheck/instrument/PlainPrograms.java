package dev.smpcheck.instrument;

import dev.smpcheck.run.Explorer;
import dev.smpcheck.run.Fixture;
import dev.smpcheck.run.SearchConfig;
import dev.smpcheck.run.SearchResult;

/** Runs plain-Java programs (under {@code dev.smpcheck.plain}, which the agent instruments) through the Explorer. */
final class PlainPrograms {
    private PlainPrograms() {}

    /** A program with no parameters that throws on a violation. */
    @FunctionalInterface
    interface Program {
        void run() throws Throwable;
    }

    static SearchResult search(String name, Program program) throws Throwable {
        return search(SearchConfig.defaults(name), program);
    }

    /** The bounded exhaustive search the correct twins must pass: DFS with at most 2 preemptions. */
    static SearchResult exhaust(String name, Program program) throws Throwable {
        return search(SearchConfig.defaults(name).withStrategy("dfs").withSchedules(1_000_000), program);
    }

    static SearchResult search(SearchConfig config, Program program) throws Throwable {
        TestInstrumentation instrumentation = TestInstrumentation.prepare(config.testId(), java.util.List.of(), true);
        return new Explorer(config, null).explore(instrumentation.wrap(Fixture.of(smp -> program.run())));
    }
}
