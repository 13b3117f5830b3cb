package dev.smpcheck.junit;

import dev.smpcheck.instrument.Isolation;
import dev.smpcheck.instrument.TestInstrumentation;
import dev.smpcheck.run.ConfigurationException;
import dev.smpcheck.run.SearchConfig;
import dev.smpcheck.schedule.Smp;
import dev.smpcheck.trace.ReplayToken;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;

/**
 * Turns an {@link SmpTest} annotation (and the {@code smpcheck.replay} and {@code smpcheck.shard} properties) into a
 * validated search config.
 */
final class SmpTestConfig {
    static final String REPLAY_PROPERTY = "smpcheck.replay";
    /** {@code -Dsmpcheck.shard=i/n}: run shard {@code i} (from 0) of {@code n} of every search, for a CI matrix. */
    static final String SHARD_PROPERTY = "smpcheck.shard";

    private SmpTestConfig() {}

    /**
     * @throws SmpConfigurationError naming the attribute, the value and what is allowed
     */
    static SearchConfig from(SmpTest test, String testId) {
        SearchConfig config;
        try {
            config = new SearchConfig(testId, test.cpus(), test.schedules(), test.preemptions(), test.strategy(),
                    test.seed(), test.replay(), test.maxSteps(), test.watchdogMillis());
            config.replayToken();
        } catch (ConfigurationException e) {
            throw new SmpConfigurationError("@SmpTest(" + e.setting() + " = " + e.value() + ") on " + testId + " "
                    + e.problem(), e);
        }
        if (test.exhaustive() && !"dfs".equals(test.strategy())) {
            throw new SmpConfigurationError("@SmpTest(exhaustive = true) on " + testId + " needs strategy = \"dfs\", "
                    + "the only strategy that can cover a space; got strategy = \"" + test.strategy() + "\"", null);
        }
        String property = System.getProperty(REPLAY_PROPERTY);
        if (config.replay() == null && property != null && !property.isBlank()) {
            ReplayToken token;
            try {
                token = ReplayToken.decode(property);
            } catch (IllegalArgumentException e) {
                throw new SmpConfigurationError("-D" + REPLAY_PROPERTY + " is not valid: " + e.getMessage(), e);
            }
            if (config.appliesTo(token)) {
                config = config.withReplay(property.strip());
            }
        }
        String shard = System.getProperty(SHARD_PROPERTY);
        if (shard != null && !shard.isBlank()) {
            try {
                config = config.withShard(shard);
            } catch (ConfigurationException e) {
                throw new SmpConfigurationError("-D" + SHARD_PROPERTY + "=" + shard + " " + e.problem(), e);
            }
        }
        return config;
    }

    /**
     * @return how the test's schedules are kept apart, from {@code isolation} and the older {@code resetStatics}
     * @throws SmpConfigurationError when the two ask for different things
     */
    static Isolation isolation(SmpTest test, String testId) {
        if (!test.resetStatics()) {
            return test.isolation();
        }
        if (test.isolation() != Isolation.NONE && test.isolation() != Isolation.RESET_STATICS) {
            throw new SmpConfigurationError("@SmpTest(resetStatics = true, isolation = " + test.isolation() + ") on "
                    + testId + " asks for two kinds of isolation: resetStatics = true is isolation = RESET_STATICS; "
                    + "give only isolation", null);
        }
        return Isolation.RESET_STATICS;
    }

    /**
     * Prepares the test's instrumentation: a test without an {@link Smp} parameter drives plain Java threads, so it
     * needs the agent, which attaches itself if it was not loaded at start-up.
     *
     * @throws SmpConfigurationError for a bad {@code instrument} rule
     * @throws IllegalStateException when the test needs the agent and it cannot be active
     */
    static TestInstrumentation instrumentation(SmpTest test, Method method, String testId, Isolation isolation) {
        boolean plainJava = Arrays.stream(method.getParameterTypes()).noneMatch(t -> t == Smp.class);
        try {
            return TestInstrumentation.prepare(testId, List.of(test.instrument()), plainJava, isolation);
        } catch (ConfigurationException e) {
            throw new SmpConfigurationError("@SmpTest(" + e.setting() + " = " + e.value() + ") on " + testId + " "
                    + e.problem(), e);
        }
    }
}
