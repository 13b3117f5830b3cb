package dev.smpcheck.linearizability;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * What the {@link LinearizabilityChecker} decided about a history.
 *
 * @param kind the decision, never {@code null}
 * @param summary one line saying what was decided and why, never {@code null}
 * @param states search states explored (the unit of the checker's budget)
 * @param operations operations in the history
 * @param partitions partitions the history was checked in (1 unless the specification is partitioned)
 * @param counterexample for {@link Kind#NOT_LINEARIZABLE}, the evidence; otherwise {@code null}
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Verdict(Kind kind, String summary, long states, int operations, int partitions,
        Counterexample counterexample) {

    /** The three possible decisions. */
    public enum Kind {
        /** Some order of the operations, consistent with real time, is legal for the specification. */
        LINEARIZABLE,
        /** No such order exists; the {@link Verdict#counterexample()} shows why. */
        NOT_LINEARIZABLE,
        /** The state budget ran out before a decision. This never means "probably linearizable". */
        UNKNOWN
    }

    /** Checks that a counterexample comes with, and only with, a negative verdict. */
    public Verdict {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(summary, "summary");
        if ((kind == Kind.NOT_LINEARIZABLE) != (counterexample != null)) {
            throw new IllegalArgumentException("a counterexample comes with NOT_LINEARIZABLE and only with it");
        }
    }

    /** @return whether the history was proven linearizable */
    public boolean isLinearizable() {
        return kind == Kind.LINEARIZABLE;
    }

    /** @return the summary and, for a violation, the rendered counterexample */
    public String report() {
        return counterexample == null ? summary : summary + "\n" + counterexample.render();
    }

    @Override
    public String toString() {
        return report();
    }
}
