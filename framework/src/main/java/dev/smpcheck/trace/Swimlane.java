package dev.smpcheck.trace;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.apiguardian.api.API;

/**
 * Renders a {@link Trace} as a text table with one column per logical thread that did something, in the order
 * things happened, so a reader follows each CPU down its own column.
 *
 * <pre>
 *  step | CPU0                     | CPU1                     | where
 *     3 | send ipi to CPU1         |                          | Demo.lambda$run$0:41
 *     4 |                          | irq ipi                  | Demo.lambda$run$1:44
 * </pre>
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Swimlane {
    private static final int MAX_WIDTH = 34;

    private Swimlane() {}

    /**
     * @param trace the trace, never {@code null}
     * @param maxRows the most rows to print; earlier events beyond it are summarized in one line
     * @return the table, lines separated by {@code \n}
     */
    public static String render(Trace trace, int maxRows) {
        List<Event> events = trace.events();
        BitSet used = new BitSet();
        for (Event e : events) {
            used.set(e.actor());
        }
        List<Integer> columns = new ArrayList<>();
        for (int i = used.nextSetBit(0); i >= 0; i = used.nextSetBit(i + 1)) {
            columns.add(i);
        }
        int[] width = new int[trace.actors().size()];
        for (int c : columns) {
            width[c] = Math.min(MAX_WIDTH, trace.actors().get(c).length());
        }
        int from = Math.max(0, events.size() - maxRows);
        for (int i = from; i < events.size(); i++) {
            Event e = events.get(i);
            width[e.actor()] = Math.min(MAX_WIDTH, Math.max(width[e.actor()], e.text().length()));
        }
        StringBuilder sb = new StringBuilder();
        row(sb, " step", columns, width, c -> trace.actors().get(c), "where");
        StringBuilder rule = new StringBuilder("------");
        for (int c : columns) {
            rule.append("+").append("-".repeat(width[c] + 2));
        }
        sb.append(rule).append("+------\n");
        if (from > 0) {
            sb.append("  ... ").append(from).append(" earlier events not shown\n");
        }
        for (int i = from; i < events.size(); i++) {
            Event e = events.get(i);
            row(sb, String.format("%5d", e.step()), columns, width, c -> c == e.actor() ? e.text() : "", e.location());
        }
        return sb.toString();
    }

    private interface Cell {
        String text(int column);
    }

    private static void row(StringBuilder sb, String step, List<Integer> columns, int[] width, Cell cell,
            String where) {
        sb.append(step).append(' ');
        for (int c : columns) {
            sb.append("| ").append(pad(cell.text(c), width[c])).append(' ');
        }
        sb.append("| ").append(where);
        int end = sb.length();
        while (end > 0 && sb.charAt(end - 1) == ' ') {
            end--;
        }
        sb.setLength(end);
        sb.append('\n');
    }

    private static String pad(String s, int width) {
        if (s.length() > width) {
            return s.substring(0, width - 1) + "~";
        }
        return s + " ".repeat(width - s.length());
    }
}
