package dev.smpcheck.linearizability;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.apiguardian.api.API;

/**
 * The evidence that a history is not linearizable: a 1-minimal non-linearizable sub-history (drop any one of its
 * operations and the rest is linearizable) with the operation in it that has no legal linearization point, and where
 * the search of the whole history (or of its failing partition) got stuck.
 *
 * <p>Both are shown because deleting operations can change the story: when a read returned a value that an earlier
 * write put there, the 1-minimal core may be that read alone (without the write its value comes from nowhere), while
 * the whole history's dead end shows the order that the read contradicts. Shrinking keeps the whole history's blocked
 * operation until last, so the core contains it whenever some 1-minimal core does.
 *
 * @param operations the 1-minimal sub-history, in invocation order, never {@code null}
 * @param deadEnd where the search of {@code operations} got furthest, never {@code null}
 * @param minimal whether 1-minimality was established (it is not when shrinking ran out of budget)
 * @param history the operations of the failing partition (the whole history when not partitioned), never
 *     {@code null}
 * @param historyDeadEnd where the search of {@code history} got furthest, never {@code null}
 * @param key the failing partition's key, or {@code null} when the history was checked whole
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Counterexample(List<Operation> operations, DeadEnd deadEnd, boolean minimal, List<Operation> history,
        DeadEnd historyDeadEnd, Object key) {

    /** Histories up to this size are shown in full; longer ones around their dead end. */
    static final int CONTEXT_LIMIT = 24;

    /** Shown orders are cut to their last operations beyond this length. */
    private static final int PREFIX_LIMIT = 12;

    /**
     * Where a search got furthest: the longest legal order of operations it found, after which one operation had
     * to take effect before its return but could not.
     *
     * @param prefix the longest legal order found, oldest first, never {@code null}
     * @param blocked the operation with no legal linearization point, never {@code null}
     * @param expected what the specification gives {@code blocked} right after {@code prefix}, or {@code null} when
     *     that is what was recorded (the dead end then lies in what {@code blocked} would force later)
     * @since 0.1
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.1")
    public record DeadEnd(List<Operation> prefix, Operation blocked, String expected) {
        /** Copies the prefix. */
        public DeadEnd {
            prefix = List.copyOf(prefix);
            Objects.requireNonNull(blocked, "blocked");
        }

        /** @return the explanation in words, lines indented by four spaces */
        String explain() {
            StringBuilder sb = new StringBuilder("(!) ").append(blocked).append(" has no legal linearization point: "
                    + "no order of the operations, consistent with real time, lets it take effect before it "
                    + "returns.\n");
            if (prefix.isEmpty()) {
                sb.append("    Not even first: ");
            } else {
                int skip = Math.max(0, prefix.size() - PREFIX_LIMIT);
                sb.append("    The longest legal order found before it: ")
                        .append(skip > 0 ? "(" + skip + " earlier) " : "")
                        .append(prefix.stream().skip(skip).map(Operation::toString).collect(Collectors.joining("; ")))
                        .append(".\n    ");
            }
            if (expected != null) {
                sb.append(prefix.isEmpty() ? "in the initial state" : "There").append(" the specification gives ")
                        .append(blocked.call()).append(" -> ").append(expected).append(".\n");
            } else {
                sb.append(prefix.isEmpty() ? "every order of the others is a dead end.\n"
                        : "Every way to go on from there is a dead end.\n");
            }
            return sb.toString();
        }
    }

    /** Copies the lists. */
    public Counterexample {
        operations = List.copyOf(operations);
        history = List.copyOf(history);
        Objects.requireNonNull(deadEnd, "deadEnd");
        Objects.requireNonNull(historyDeadEnd, "historyDeadEnd");
    }

    /** @return the sub-history as a per-thread timeline with why it has no linearization, then the same for the whole */
    public String render() {
        String where = key == null ? "" : " on key " + Operation.show(key);
        StringBuilder sb = new StringBuilder();
        sb.append(minimal ? "A 1-minimal non-linearizable sub-history" : "A non-linearizable sub-history")
                .append(where).append(": ").append(operations.size()).append(" of ").append(history.size())
                .append(" operation(s)")
                .append(minimal ? " (drop any one and the rest is linearizable)"
                        : " (1-minimality not established: shrinking ran out of budget)")
                .append('\n')
                .append(Timeline.render(operations, deadEnd.blocked()))
                .append(deadEnd.explain());
        if (history.size() > operations.size()) {
            List<Operation> shown = history.size() <= CONTEXT_LIMIT ? history : around(historyDeadEnd);
            sb.append(shown.size() == history.size()
                    ? "The whole history" + where + " (" + history.size() + " operations):\n"
                    : "Around the dead end of the whole history" + where + " (" + shown.size() + " of "
                            + history.size() + " operations):\n")
                    .append(Timeline.render(shown, historyDeadEnd.blocked()))
                    .append(historyDeadEnd.explain());
        }
        return sb.toString();
    }

    /** The end of the dead end's prefix, its blocked operation and every operation overlapping that one. */
    private List<Operation> around(DeadEnd end) {
        List<Operation> recent = end.prefix().subList(Math.max(0, end.prefix().size() - PREFIX_LIMIT),
                end.prefix().size());
        Operation b = end.blocked();
        return history.stream()
                .filter(op -> op.equals(b) || recent.contains(op) || !op.precedes(b) && !b.precedes(op))
                .toList();
    }
}
