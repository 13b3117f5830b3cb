package dev.smpcheck.instrument;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class InstrumentScopeTest {
    private static final InstrumentScope DEFAULTS = InstrumentScope.defaults();

    @Test
    void byDefaultApplicationCodeLibrariesAndSmpchecksSamplesAndTestsAreInstrumented() {
        assertThat(List.of("com.acme.Pool", "com.acme.Pool$Idle", "org.apache.commons.pool2.impl.GenericObjectPool",
                "dev.smpcheck.samples.Api01_FirstSmpTest", "dev.smpcheck.junit.fixtures.plain.LostUpdateFixture",
                "com.sunny.Day", "javafx.Thing", "javaxx.Y", "Unpackaged"))
                .allMatch(DEFAULTS::includes);
    }

    @Test
    void byDefaultTheJdkSmpchecksRuntimeAndTestToolingAreNot() {
        assertThat(List.of("java.util.ArrayList", "javax.swing.JFrame", "jdk.internal.misc.Unsafe", "sun.misc.Unsafe",
                "com.sun.proxy.$Proxy12", "dev.smpcheck.schedule.Execution", "dev.smpcheck.instrument.Hooks",
                "dev.smpcheck.ipi.Csd", "dev.smpcheck.run.Explorer", "dev.smpcheck.junit.SmpExtension",
                "dev.smpcheck.junit.SmpExtension$1", "org.junit.jupiter.api.Test", "org.assertj.core.api.Assertions",
                "net.bytebuddy.ByteBuddy", "kotlin.collections.ArraysKt", "org.jetbrains.kotlinx.lincheck.LinChecker",
                "org.apache.maven.surefire.booter.ForkedBooter"))
                .noneMatch(DEFAULTS::includes);
    }

    @Test
    void theLastRuleThatCoversAClassDecides() {
        InstrumentScope onlyAcme = DEFAULTS.with(List.of("-*", "+com.acme"), "test");
        assertThat(onlyAcme.includes("com.acme.Pool")).isTrue();
        assertThat(onlyAcme.includes("com.acme.pool.Idle")).isTrue();
        assertThat(onlyAcme.includes("org.foo.Bar")).isFalse();

        InstrumentScope withTooling = DEFAULTS.with(List.of("+org.assertj.*", " -com.acme.Pool "), "test");
        assertThat(withTooling.includes("org.assertj.core.api.Assertions")).isTrue();
        assertThat(withTooling.includes("com.acme.Pool")).isFalse();
        assertThat(withTooling.includes("com.acme.Pool$Idle")).isFalse();
        assertThat(withTooling.includes("com.acme.PoolFactory")).isTrue();

        assertThat(DEFAULTS.with(List.of("+*"), "test").includes("java.util.ArrayList"))
                .as("* never reaches the JDK").isFalse();
    }

    @Test
    void excludesEverythingOnlyWhenTheLastWordIsMinusStar() {
        assertThat(DEFAULTS.with(List.of("-*"), "t").excludesEverything()).isTrue();
        assertThat(DEFAULTS.with(List.of("+com.acme", "-*"), "t").excludesEverything()).isTrue();
        assertThat(DEFAULTS.with(List.of("-*", "+com.acme"), "t").excludesEverything()).isFalse();
        assertThat(DEFAULTS.with(List.of("-com.acme"), "t").excludesEverything()).isFalse();
        assertThat(DEFAULTS.excludesEverything()).isFalse();
    }

    @Test
    void aBadRuleIsRejectedWithItsSourceAndWhatIsAllowed() {
        String allowed = "; a rule is +name or -name, where name is a package, a class or *";
        assertThatThrownBy(() -> DEFAULTS.with(List.of("com.acme"), "-Dsmpcheck.instrument=com.acme"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("-Dsmpcheck.instrument=com.acme: rule \"com.acme\" must start with + (instrument) or - "
                        + "(leave alone)" + allowed);
        assertThatThrownBy(() -> DEFAULTS.with(List.of(""), "src"))
                .hasMessage("src: rule \"\" is empty" + allowed);
        assertThatThrownBy(() -> DEFAULTS.with(List.of("+com..acme"), "src"))
                .hasMessage("src: rule \"+com..acme\" is not a package or class name (nor *)" + allowed);
        assertThatThrownBy(() -> DEFAULTS.with(List.of("+java.util.concurrent"), "src"))
                .hasMessage("src: rule \"+java.util.concurrent\" names JDK classes, which smpcheck never instruments: "
                        + "JDK code runs atomically between schedule points (see docs/instrumentation.md)" + allowed);
        assertThatThrownBy(() -> DEFAULTS.with(List.of("+dev.smpcheck.run"), "src"))
                .hasMessage("src: rule \"+dev.smpcheck.run\" names smpcheck's own runtime, which is never "
                        + "instrumented" + allowed);
        assertThat(DEFAULTS.with(List.of("-java.util"), "src").includes("java.util.List"))
                .as("leaving the JDK alone is allowed, if pointless").isFalse();
    }
}
