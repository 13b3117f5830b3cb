package dev.smpcheck.linearizability;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders operations as a text table with one column per thread and one row per invocation or return, in logical
 * time, so an operation reads down its thread's column from its call to its outcome:
 *
 * <pre>
 *  time | A        | B
 *     0 | enq(1)   |
 *     1 | '-> null |
 *     2 |          | enq(2)
 *     3 | deq()    | |
 *     4 | |        | '-> null
 *     5 | '-> 2 (!)|
 * </pre>
 *
 * A {@code |} marks an operation in flight; {@code (!)} marks the operation that has no legal linearization point.
 */
final class Timeline {
    private static final int MAX_CELL = 48;

    private Timeline() {}

    private record Point(long time, Operation op, boolean call) {}

    /**
     * @param ops the operations, never {@code null}
     * @param marked the operation to mark with {@code (!)}, or {@code null}
     * @return the table, lines ending in {@code \n}
     */
    static String render(List<Operation> ops, Operation marked) {
        Map<String, Integer> column = new LinkedHashMap<>();
        List<Point> points = new ArrayList<>();
        ops.stream().sorted(Comparator.comparingLong(Operation::invokedAt)).forEach(op -> {
            column.putIfAbsent(op.thread(), column.size());
            points.add(new Point(op.invokedAt(), op, true));
            if (!op.isPending()) {
                points.add(new Point(op.returnedAt(), op, false));
            }
        });
        points.sort(Comparator.comparingLong(Point::time).thenComparing(p -> !p.call()));

        int[] open = new int[column.size()];
        List<String[]> rows = new ArrayList<>();
        for (Point p : points) {
            String[] row = inFlight(open);
            int c = column.get(p.op().thread());
            if (p.call()) {
                row[c] = p.op().call();
                open[c]++;
            } else {
                // Two operations open on one thread (a handler nested in a task) need the name to tell them apart.
                String which = open[c] > 1 ? "  [" + p.op().call() + "]" : "";
                row[c] = "'-> " + p.op().outcome() + which + (p.op().equals(marked) ? " (!)" : "");
                open[c]--;
            }
            rows.add(withTime(Long.toString(p.time()), row));
        }
        String[] end = new String[open.length];
        boolean pending = false;
        for (int c = 0; c < open.length; c++) {
            end[c] = open[c] == 0 ? "" : open[c] == 1 ? "'-- pending" : "'-- " + open[c] + " pending";
            pending |= open[c] > 0;
        }
        if (pending) {
            rows.add(withTime("end", end));
        }
        List<String> header = new ArrayList<>(List.of("time"));
        header.addAll(column.keySet());
        return table(header.toArray(String[]::new), rows);
    }

    private static String[] inFlight(int[] open) {
        String[] row = new String[open.length];
        for (int c = 0; c < open.length; c++) {
            row[c] = open[c] > 0 ? "|" : "";
        }
        return row;
    }

    private static String[] withTime(String time, String[] cells) {
        String[] row = new String[cells.length + 1];
        row[0] = time;
        System.arraycopy(cells, 0, row, 1, cells.length);
        return row;
    }

    private static String table(String[] header, List<String[]> rows) {
        int[] width = new int[header.length];
        for (int c = 0; c < header.length; c++) {
            width[c] = clip(header[c]).length();
            for (String[] row : rows) {
                width[c] = Math.max(width[c], clip(row[c]).length());
            }
        }
        StringBuilder sb = new StringBuilder();
        line(sb, header, width);
        StringBuilder rule = new StringBuilder("-".repeat(width[0] + 2));
        for (int c = 1; c < width.length; c++) {
            rule.append('+').append("-".repeat(width[c] + 2));
        }
        sb.append(rule).append('\n');
        for (String[] row : rows) {
            line(sb, row, width);
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, String[] cells, int[] width) {
        int start = sb.length();
        sb.append(' ').append(" ".repeat(width[0] - cells[0].length())).append(cells[0]).append(' ');
        for (int c = 1; c < cells.length; c++) {
            String cell = clip(cells[c]);
            sb.append("| ").append(cell).append(" ".repeat(width[c] - cell.length() + 1));
        }
        int end = sb.length();
        while (end > start && sb.charAt(end - 1) == ' ') {
            end--;
        }
        sb.setLength(end);
        sb.append('\n');
    }

    private static String clip(String s) {
        return s.length() <= MAX_CELL ? s : s.substring(0, MAX_CELL - 3) + "...";
    }
}
