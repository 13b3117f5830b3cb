package dev.smpcheck.instrument;

import dev.smpcheck.run.ConfigurationException;
import dev.smpcheck.run.Fixture;
import dev.smpcheck.schedule.ScheduleBody;
import java.util.List;
import org.apiguardian.api.API;

/**
 * How one test uses instrumentation: its scope (the global rules, then its own) and whether the agent is active for
 * it. Front ends such as {@code @SmpTest} make one per test before its search and wrap the test's fixture with it.
 *
 * <h2>When the agent is needed</h2>
 * A test that drives <em>plain Java</em> threads (it has no {@code Smp} handle, so its concurrency can only come from
 * {@code java.lang.Thread} and friends) needs the agent: without it no thread would be controlled and the search would
 * pass without testing anything. For such a test the agent attaches itself if it was not loaded at start-up, and if
 * it cannot be active the test fails at once, saying why. A test that uses the {@code Smp} API is instrumented when
 * the agent is active, and otherwise runs on its explicit schedule points alone. A test whose rules exclude everything
 * ({@code -*}) is never instrumented.
 *
 * @since 0.1
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class TestInstrumentation {
    private final InstrumentScope scope;
    private final boolean active;
    private final StaticFields statics;

    private TestInstrumentation(InstrumentScope scope, boolean active, StaticFields statics) {
        this.scope = scope;
        this.active = active;
        this.statics = statics;
    }

    /**
     * As {@link #prepare(String, List, boolean, boolean)}, without resetting static fields.
     *
     * @param testId names the test in errors
     * @param rules the test's own rules, each {@code +name} or {@code -name}; may be empty
     * @param plainJava whether the test drives plain Java threads, so that it needs the agent
     * @return how the test is instrumented
     */
    public static TestInstrumentation prepare(String testId, List<String> rules, boolean plainJava) {
        return prepare(testId, rules, plainJava, false);
    }

    /**
     * As {@link #prepare(String, List, boolean, Isolation)}, with {@link Isolation#RESET_STATICS} or
     * {@link Isolation#NONE}.
     *
     * @param resetStatics whether every schedule starts by setting the static fields of the test's instrumented
     *     classes back to their values after class initialisation
     */
    public static TestInstrumentation prepare(String testId, List<String> rules, boolean plainJava,
            boolean resetStatics) {
        return prepare(testId, rules, plainJava, resetStatics ? Isolation.RESET_STATICS : Isolation.NONE);
    }

    /**
     * @param testId names the test in errors
     * @param rules the test's own rules, each {@code +name} or {@code -name}; may be empty
     * @param plainJava whether the test drives plain Java threads, so that it needs the agent
     * @param isolation how the test's schedules are kept apart; with {@link Isolation#NONE} a static field that one
     *     schedule leaves for the next is warned about. With {@link Isolation#CLASSES} the caller's fixture loads
     *     the classes afresh ({@link ClassIsolation}); this only stops the warnings
     * @return how the test is instrumented
     * @throws ConfigurationException for a bad rule, naming it
     * @throws IllegalStateException when the test needs the agent and it cannot be active, saying why and what to do
     */
    public static TestInstrumentation prepare(String testId, List<String> rules, boolean plainJava,
            Isolation isolation) {
        StaticFields statics = new StaticFields(testId, isolation);
        InstrumentScope scope;
        try {
            scope = SmpAgent.globalScope().with(rules, "");
        } catch (IllegalArgumentException e) {
            throw new ConfigurationException("instrument", "{" + String.join(", ", rules.stream()
                    .map(r -> "\"" + r + "\"").toList()) + "}", "is not valid: " + e.getMessage());
        }
        if (scope.excludesEverything()) {
            return new TestInstrumentation(scope, SmpAgent.status().active(), statics);
        }
        AgentStatus status = SmpAgent.activate(plainJava);
        if (!status.active()) {
            if (plainJava) {
                throw new IllegalStateException(testId + " starts plain Java threads, which smpcheck controls only "
                        + "through its instrumentation agent, and the agent is not active: " + status.problem()
                        + ". Add -javaagent:${dev.smpcheck:smpcheck-framework:jar} to the Surefire argLine (see "
                        + "docs/instrumentation.md). Without the agent this test would pass without exploring any "
                        + "interleaving.");
            }
            return new TestInstrumentation(scope, false, statics);
        }
        if (!rules.isEmpty()) {
            SmpAgent.include(scope);
        }
        return new TestInstrumentation(scope, true, statics);
    }

    /** @return whether the test's classes get schedule points */
    public boolean active() {
        return active && !scope.excludesEverything();
    }

    /** @return the static fields (as {@code com.acme.Config.count}) warned about so far, in order */
    public List<String> staticFieldWarnings() {
        return statics.warned();
    }

    /** @return the test's scope */
    public InstrumentScope scope() {
        return scope;
    }

    /**
     * @param fixture the test's fixture
     * @return a fixture whose bodies first set this test's scope for their schedule (when the agent is active)
     */
    public Fixture wrap(Fixture fixture) {
        if (!active) {
            return fixture;
        }
        return new Fixture() {
            @Override
            public ScheduleBody setUp() throws Throwable {
                ScheduleBody body = fixture.setUp();
                return smp -> {
                    JvmState.begin(scope, statics);
                    body.run(smp);
                };
            }

            @Override
            public void tearDown() throws Throwable {
                fixture.tearDown();
            }
        };
    }
}
