package dev.smpcheck.linearizability;

import org.apiguardian.api.API;

/**
 * Thrown by {@link LinearizabilityChecker#assertLinearizable} when the state budget ran out before a verdict. It is an
 * {@link AssertionError}, so a schedule fails with it rather than passing on an unproven history; raise the budget
 * with {@link LinearizabilityChecker#withStateBudget} or accept undecided histories with
 * {@link LinearizabilityChecker#allowingUnknown()}.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public class UndecidedException extends AssertionError {
    private static final long serialVersionUID = 1L;

    private final transient Verdict verdict;

    /** @param verdict the {@link Verdict.Kind#UNKNOWN} verdict, never {@code null} */
    public UndecidedException(Verdict verdict) {
        super("linearizability " + verdict.summary() + ". Raise the budget with "
                + "LinearizabilityChecker.withStateBudget(n), or accept undecided histories with allowingUnknown().");
        this.verdict = verdict;
    }

    /** @return the undecided verdict */
    public Verdict verdict() {
        return verdict;
    }
}
