package dev.smpcheck.instrument;

import static org.assertj.core.api.Assertions.assertThat;

import dev.smpcheck.check.Violation;
import dev.smpcheck.plain.Counters;
import dev.smpcheck.run.SearchResult;
import org.junit.jupiter.api.Test;

class FieldAndMonitorTest {

    @Test
    void agentIsActiveFromTheCommandLine() {
        assertThat(SmpAgent.status().active()).isTrue();
        assertThat(SmpAgent.status().how()).isEqualTo("-javaagent");
    }

    @Test
    void lostUpdateOnAPlainFieldIsFound() throws Throwable {
        SearchResult r = PlainPrograms.search("lostUpdate", Counters::lostUpdate);

        assertThat(r.finding()).isNotNull();
        assertThat(r.finding().kind()).isEqualTo(Violation.ASSERTION_FAILED);
        System.out.println(r.finding().report());
    }

    @Test
    void synchronizedIncrementPassesExhaustively() throws Throwable {
        SearchResult r = PlainPrograms.exhaust("synchronizedIncrement", Counters::synchronizedIncrement);

        assertThat(r.finding()).isNull();
        assertThat(r.exhausted()).isTrue();
        System.out.println(r.summary());
    }
}
