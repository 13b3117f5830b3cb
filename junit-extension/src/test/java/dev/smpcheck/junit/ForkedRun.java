package dev.smpcheck.junit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.lang.reflect.Method;
import java.util.Arrays;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * Runs fixture methods in a JVM of its own (see {@link AgentLoadingTest}) and prints one line per method:
 * {@code RESULT Class#method SUCCESSFUL} or {@code RESULT Class#method FAILED ExceptionType: first line}.
 */
public final class ForkedRun {
    private ForkedRun() {}

    public static void main(String[] args) throws Exception {
        for (String test : args) {
            String[] parts = test.split("#");
            Class<?> type = Class.forName(parts[0]);
            Method m = Arrays.stream(type.getDeclaredMethods()).filter(d -> d.getName().equals(parts[1])).findFirst()
                    .orElseThrow();
            EngineExecutionResults results = EngineTestKit.engine("junit-jupiter").selectors(selectMethod(type, m))
                    .execute();
            Event failed = results.testEvents().failed().stream().findFirst().orElse(null);
            if (failed == null) {
                System.out.println("RESULT " + test + " SUCCESSFUL");
            } else {
                Throwable t = failed.getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow();
                System.out.println("RESULT " + test + " FAILED " + t.getClass().getSimpleName() + ": "
                        + t.getMessage().lines().findFirst().orElse(""));
            }
        }
        System.exit(0);
    }
}
