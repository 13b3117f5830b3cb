package dev.smpcheck.samples;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import dev.smpcheck.check.Violation;
import dev.smpcheck.junit.SmpTest;
import dev.smpcheck.junit.lincheck.LincheckTest;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The main job: runs every sample, prints the violations the broken designs produce (each report is printed by the
 * test as it passes), then a table of documented versus actual verdicts, and where the reports are. Exits 0 only when
 * every verdict is as documented: each {@code expect = ...} sample found its violation, every other sample was clean.
 */
public final class Demo {
    private Demo() {}

    /** A sample and how it ended. */
    private record Row(String name, String documented, boolean asDocumented, String detail) {}

    /** @return the violations a sample method documents with {@code expect}, or {@code null} if it is no sample */
    private static Violation[] expected(Method m) {
        SmpTest smp = m.getAnnotation(SmpTest.class);
        if (smp != null) {
            return smp.expect();
        }
        LincheckTest lincheck = m.getAnnotation(LincheckTest.class);
        return lincheck == null ? null : lincheck.expect();
    }

    public static void main(String[] args) {
        LauncherDiscoveryRequestBuilder builder = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectPackage("dev.smpcheck.samples"));
        if (System.getProperty("smpcheck.slow") == null) {
            // As in the test run: the slow proofs (seed 001 within two preemptions, about a minute) only on request.
            builder.filters(TagFilter.excludeTags("slow"));
        }
        LauncherDiscoveryRequest request = builder.build();
        List<Row> rows = new ArrayList<>();
        TestExecutionListener listener = new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                if (!id.isTest()) {
                    return;
                }
                Optional<Method> method = id.getSource().filter(MethodSource.class::isInstance)
                        .map(s -> ((MethodSource) s).getJavaMethod());
                String name = method.map(m -> m.getDeclaringClass().getSimpleName() + "." + m.getName())
                        .orElse(id.getDisplayName());
                String documented = method.map(Demo::expected)
                        .map(e -> e.length == 0 ? "no violation" : "finds " + Arrays.toString(e))
                        .orElse("passes");
                boolean ok = result.getStatus() == TestExecutionResult.Status.SUCCESSFUL;
                String detail = result.getThrowable().map(t -> t.getMessage() == null ? t.toString()
                        : t.getMessage().lines().findFirst().orElse("")).orElse("");
                rows.add(new Row(name, documented, ok, detail));
            }
        };
        Launcher launcher = LauncherFactory.create();
        launcher.execute(request, listener);

        rows.sort(java.util.Comparator.comparing(Row::name));
        Path reports = Paths.get(System.getProperty("smpcheck.reports", "target/smpcheck-reports"))
                .toAbsolutePath().normalize();
        System.out.println();
        System.out.println("smpcheck demo: documented verdicts of the samples");
        int width = rows.stream().mapToInt(r -> r.name().length()).max().orElse(10);
        int wrong = 0;
        int violations = 0;
        for (Row r : rows) {
            if (!r.asDocumented()) {
                wrong++;
            } else if (r.documented().startsWith("finds")) {
                violations++;
            }
            System.out.printf("  %-" + width + "s  %-34s %s%n", r.name(), r.documented(),
                    r.asDocumented() ? "as documented" : "NOT AS DOCUMENTED: " + r.detail());
        }
        System.out.printf("%d samples: %d violations found as documented, %d clean as documented, %d not as "
                + "documented%n", rows.size(), violations, rows.size() - violations - wrong, wrong);
        System.out.println("Violation reports: " + reports.resolve("index.html"));
        // Exit either way: Lincheck leaves its worker threads (not daemons) parked, and exec:java would wait for them.
        System.exit(rows.isEmpty() || wrong > 0 ? 1 : 0);
    }
}
