package dev.smpcheck.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smpcheck.instrument.SmpAgent;
import dev.smpcheck.junit.fixtures.VerdictFixture;
import dev.smpcheck.junit.fixtures.plain.LostUpdateFixture;
import dev.smpcheck.junit.fixtures.plain.SelfAttachedProgram;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * How the agent gets loaded. This module's tests run with {@code -javaagent} (see the pom); the cases without it run
 * in a JVM of their own, started with this JVM's class path and no agent.
 */
class AgentLoadingTest {
    private static final String RACY = LostUpdateFixture.class.getName() + "#racyIncrement";
    private static final String TWIN = LostUpdateFixture.class.getName() + "#synchronizedIncrement";
    private static final String SMP_API = VerdictFixture.class.getName() + "#singleIncrementPasses";

    record Forked(String out, String err) {
        String result(String test) {
            return out.lines().filter(l -> l.startsWith("RESULT " + test + " ")).findFirst()
                    .map(l -> l.substring(("RESULT " + test + " ").length()))
                    .orElseThrow(() -> new AssertionError("no result for " + test + "; stdout:\n" + out + "\nstderr:\n"
                            + err));
        }
    }

    static Forked fork(List<String> options, String... tests) throws IOException, InterruptedException {
        return forkMain(options, ForkedRun.class, tests);
    }

    static Forked forkMain(List<String> options, Class<?> main, String... args) throws IOException,
            InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(options);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(List.of(args));
        Path out = Files.createTempFile("smpcheck-forked", ".out");
        Path err = Files.createTempFile("smpcheck-forked", ".err");
        try {
            Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("the forked JVM did not finish in 120 s");
            }
            return new Forked(Files.readString(out, StandardCharsets.UTF_8), Files.readString(err,
                    StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    @Test
    void thisModulesTestsRunWithTheAgentFromTheCommandLine() {
        assertThat(SmpAgent.status().active()).isTrue();
        assertThat(SmpAgent.status().how()).isEqualTo("-javaagent");
    }

    @Test
    void withoutTheAgentAndWithoutSelfAttachAPlainJavaTestFailsLoudly() throws Exception {
        Forked f = fork(List.of("-Dsmpcheck.selfAttach=false"), RACY, TWIN, SMP_API);

        String expected = "FAILED IllegalStateException: " + LostUpdateFixture.class.getName()
                + "#racyIncrement starts plain Java threads, which smpcheck controls only through its instrumentation "
                + "agent, and the agent is not active: it was not given with -javaagent, and "
                + "-Dsmpcheck.selfAttach=false forbids attaching it at run time. Add "
                + "-javaagent:${dev.smpcheck:smpcheck-framework:jar} to the Surefire argLine";
        assertThat(f.result(RACY)).startsWith(expected);
        assertThat(f.result(TWIN)).as("a correct twin fails too: nothing would be explored")
                .startsWith("FAILED IllegalStateException: ");
        assertThat(f.result(SMP_API)).as("a test of the Smp API needs no agent").isEqualTo("SUCCESSFUL");
    }

    @Test
    void withoutTheAgentItAttachesItselfOnceAndSaysSo() throws Exception {
        Forked f = fork(List.of(), RACY, TWIN);

        assertThat(f.result(RACY)).startsWith("FAILED SmpViolation: ASSERTION_FAILED in schedule ");
        // The twin's class was loaded before the agent attached: its synchronized method is retransformed, so it
        // runs atomically; the exhaustive search still passes and no thread blocks in the JVM.
        assertThat(f.result(TWIN)).isEqualTo("SUCCESSFUL");
        assertThat(f.err().split("smpcheck: the instrumentation agent was not given with -javaagent, so it attached "
                + "itself to this JVM", -1)).hasSize(2);
    }

    /**
     * Retransforming a loaded class when the agent attaches makes Byte Buddy list its methods, which loads the classes
     * their signatures name while the transformer is busy, and such a class is not rewritten. The agent rewrites them
     * afterwards; without that, this racy counter would have no schedule points and pass.
     */
    @Test
    void aClassLoadedWhileTheAgentAttachesStillGetsItsPoints() throws Exception {
        Forked f = forkMain(List.of(), SelfAttachedProgram.class);

        assertThat(f.out()).as(f.err()).contains("RESULT NOT_LINEARIZABLE");
    }
}
