package dev.smpcheck.junit;

import dev.smpcheck.run.Finding;
import dev.smpcheck.run.SearchResult;
import dev.smpcheck.trace.Event;
import dev.smpcheck.trace.Trace;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apiguardian.api.API;
import org.junit.jupiter.api.MediaType;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Writes a report per violation: {@code <dir>/<TestClass>/<method>.txt} (the failure message) and {@code .html} (a
 * self-contained page with the swimlane as a table), refreshes {@code <dir>/index.html}, and attaches both files to
 * the test with {@code publishFile}, where JUnit's Open Test Reporting keeps them.
 *
 * <p>Public only so that adapters in sub-packages (the Lincheck one) write their reports to the same place in the same
 * layout; not for users.
 *
 * @since 0.1
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class Reports {
    static final String DIR_PROPERTY = "smpcheck.reports";
    static final String DEFAULT_DIR = "target/smpcheck-reports";

    private Reports() {}

    static Path directory() {
        return Paths.get(System.getProperty(DIR_PROPERTY, DEFAULT_DIR));
    }

    /** @return the text report's path */
    static Path write(ExtensionContext context, SearchResult result, Finding finding, String verdict) {
        String className = context.getRequiredTestClass().getName();
        String method = context.getRequiredTestMethod().getName();
        String text = verdict + "\n" + finding.report() + "\n\n" + result.summary() + "\n";
        return store(context, text, html(className + "#" + method, verdict, result, finding));
    }

    /**
     * Writes a report whose body is already formatted text, such as a failure message of another checker, in the same
     * place and layout as {@link SmpTest}'s reports.
     *
     * @param context the test's context, never {@code null}
     * @param verdict the first line, such as {@code FAILED: NOT_LINEARIZABLE}, never {@code null}
     * @param body the report after the verdict line, never {@code null}
     * @return the text report's path
     */
    public static Path writeText(ExtensionContext context, String verdict, String body) {
        String test = context.getRequiredTestClass().getName() + "#" + context.getRequiredTestMethod().getName();
        String html = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + escape(test) + "</title>" + STYLE
                + "</head><body><h1>" + escape(test) + "</h1><p class=\"verdict\">" + escape(verdict) + "</p><pre>"
                + escape(body) + "</pre></body></html>\n";
        return store(context, verdict + "\n" + body + "\n", html);
    }

    private static Path store(ExtensionContext context, String text, String html) {
        String method = context.getRequiredTestMethod().getName();
        Path dir = directory().resolve(context.getRequiredTestClass().getName());
        try {
            Files.createDirectories(dir);
            Path txt = dir.resolve(method + ".txt");
            Files.writeString(txt, text, StandardCharsets.UTF_8);
            Files.writeString(dir.resolve(method + ".html"), html, StandardCharsets.UTF_8);
            writeIndex();
            publish(context, method + ".txt", MediaType.TEXT_PLAIN_UTF_8, text);
            publish(context, method + ".html", MediaType.create("text", "html", StandardCharsets.UTF_8), html);
            return txt.toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException("smpcheck could not write its report under " + dir.toAbsolutePath(), e);
        }
    }

    private static void publish(ExtensionContext context, String name, MediaType type, String content) {
        try {
            context.publishFile(name, type, path -> Files.writeString(path, content, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            // Attaching is a convenience for Open Test Reporting; the files under the report directory are the record.
        }
    }

    private static void writeIndex() throws IOException {
        Path root = directory();
        List<String> rows = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root, 2)) {
            for (Path txt : files.filter(p -> p.toString().endsWith(".txt")).sorted().toList()) {
                List<String> lines = Files.readAllLines(txt, StandardCharsets.UTF_8);
                String rel = root.relativize(txt).toString().replace('\\', '/');
                String page = rel.substring(0, rel.length() - 4) + ".html";
                rows.add("<tr><td><a href=\"" + escape(page) + "\">" + escape(rel.substring(0, rel.length() - 4))
                        + "</a></td><td>" + escape(lines.isEmpty() ? "" : lines.get(0)) + "</td><td><code>"
                        + escape(lines.size() > 1 ? lines.get(1) : "") + "</code></td></tr>");
            }
        }
        String page = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>smpcheck reports</title>" + STYLE
                + "</head><body><h1>smpcheck reports</h1><table><tr><th>test</th><th>verdict</th><th>finding</th></tr>"
                + String.join("\n", rows) + "</table></body></html>\n";
        Files.writeString(root.resolve("index.html"), page, StandardCharsets.UTF_8);
    }

    private static String html(String test, String verdict, SearchResult result, Finding finding) {
        StringBuilder sb = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>")
                .append(escape(test)).append("</title>").append(STYLE).append("</head><body>");
        sb.append("<h1>").append(escape(test)).append("</h1>");
        sb.append("<p class=\"verdict\">").append(escape(verdict)).append("</p>");
        sb.append("<p><b>").append(escape(finding.headline())).append("</b></p>");
        sb.append("<pre>").append(escape(finding.outcome().message())).append("</pre>");
        sb.append("<p>").append(escape(result.summary())).append("</p>");
        Trace trace = finding.trace();
        if (trace != null) {
            sb.append("<table class=\"lane\"><tr><th>step</th>");
            for (String actor : trace.actors()) {
                sb.append("<th>").append(escape(actor)).append("</th>");
            }
            sb.append("<th>where</th></tr>");
            List<Event> events = trace.events();
            int from = Math.max(0, events.size() - 2_000);
            for (Event e : events.subList(from, events.size())) {
                sb.append("<tr class=\"").append(e.kind().name().toLowerCase(java.util.Locale.ROOT)).append("\"><td>")
                        .append(e.step()).append("</td>");
                for (int a = 0; a < trace.actors().size(); a++) {
                    sb.append("<td>").append(a == e.actor() ? escape(e.text()) : "").append("</td>");
                }
                sb.append("<td class=\"where\">").append(escape(e.location())).append("</td></tr>");
            }
            sb.append("</table>");
        }
        sb.append("<p>Replay: <code>@SmpTest(replay = \"").append(escape(finding.token()))
                .append("\")</code> or <code>-Dsmpcheck.replay=").append(escape(finding.token()))
                .append("</code></p></body></html>\n");
        return sb.toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static final String STYLE = "<style>body{font-family:sans-serif;margin:1.5em}"
            + "table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px;font-size:13px;"
            + "font-family:monospace;vertical-align:top}th{background:#eee}.verdict{font-weight:bold}"
            + "tr.fail td{background:#fdd}tr.irq_enter td,tr.irq_exit td{background:#eef}tr.wait td{color:#a60}"
            + "tr.warn td{background:#ffd}.where{color:#777}</style>";
}
