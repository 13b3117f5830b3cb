package dev.smpcheck.instrument;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.apiguardian.api.API;

/**
 * Which classes get schedule points: an immutable list of rules applied after a default.
 *
 * <h2>The default</h2>
 * Every class is instrumented except
 * <ul>
 *   <li>the JDK ({@code java.}, {@code javax.}, {@code jdk.}, {@code sun.}, {@code com.sun.}, and anything loaded by
 *       the bootstrap or platform loader): JDK code runs atomically between points, and this cannot be changed;</li>
 *   <li>smpcheck's own runtime ({@code dev.smpcheck.schedule}, {@code .strategy}, {@code .run}, {@code .trace},
 *       {@code .check}, {@code .instrument}, {@code .ipi} and their subpackages, and the classes of the package
 *       {@code dev.smpcheck.junit} itself), which cannot be changed either; the samples and tests under
 *       {@code dev.smpcheck} are instrumented like any user code;</li>
 *   <li>test tooling: {@value #TOOLING_LIST}; a rule can include these.</li>
 * </ul>
 * Third-party libraries are instrumented by default: bugs live where a library meets the code that uses it.
 *
 * <h2>Rules</h2>
 * A rule is {@code +name} (instrument) or {@code -name} (leave alone), where {@code name} is a package or class name
 * and covers that class, its nested classes and every class in that package and its subpackages ({@code com.acme}
 * covers {@code com.acme.Pool} and {@code com.acme.pool.Idle}; a trailing {@code .*} means the same). {@code *} covers
 * every class. Rules apply in order and the last one that covers a class decides, so {@code -*,+com.acme} instruments
 * only {@code com.acme}. A rule that asks to instrument the JDK or smpcheck's runtime is an error.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class InstrumentScope {

    /** The system property with global rules, comma-separated: {@code -Dsmpcheck.instrument=-com.acme.gen,+org.foo}. */
    public static final String PROPERTY = "smpcheck.instrument";

    static final String TOOLING_LIST = "org.junit, org.opentest4j, org.apiguardian, org.assertj, org.hamcrest, "
            + "org.mockito, net.bytebuddy, org.objectweb.asm, org.jetbrains.kotlinx.lincheck, org.jetbrains.lincheck, "
            + "kotlin, org.apache.maven.surefire, org.apache.maven.plugin.surefire, org.jacoco, org.gradle, "
            + "com.intellij.rt, org.openjdk.jmh";

    private static final List<String> JDK = List.of("java", "javax", "jdk", "sun", "com.sun");
    private static final List<String> RUNTIME = List.of("dev.smpcheck.schedule", "dev.smpcheck.strategy",
            "dev.smpcheck.run", "dev.smpcheck.trace", "dev.smpcheck.check", "dev.smpcheck.instrument",
            "dev.smpcheck.ipi", "dev.smpcheck.linearizability");
    private static final String RUNTIME_PACKAGE = "dev.smpcheck.junit";
    private static final List<String> TOOLING = List.of(TOOLING_LIST.split(", "));
    private static final String IDENTIFIER = "[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*";
    private static final Pattern NAME = Pattern.compile("\\*|" + IDENTIFIER + "(\\." + IDENTIFIER + ")*(\\.\\*)?");
    private static final InstrumentScope DEFAULTS = new InstrumentScope(List.of());

    private final List<Rule> rules;
    private final ConcurrentHashMap<String, Boolean> verdicts = new ConcurrentHashMap<>();

    /** One rule: {@code include} or not, for the classes {@code name} covers ({@code *}: all). */
    private record Rule(boolean include, String name) {
        boolean covers(String className) {
            return name.equals("*") || InstrumentScope.covers(name, className);
        }

        @Override
        public String toString() {
            return (include ? "+" : "-") + name;
        }
    }

    private InstrumentScope(List<Rule> rules) {
        this.rules = rules;
    }

    /** @return the default scope, with no rules */
    public static InstrumentScope defaults() {
        return DEFAULTS;
    }

    /**
     * @return the default scope with the rules of the {@value #PROPERTY} system property, if set
     * @throws IllegalArgumentException naming the property and the bad rule
     */
    public static InstrumentScope fromSystemProperty() {
        String value = System.getProperty(PROPERTY);
        if (value == null || value.isBlank()) {
            return DEFAULTS;
        }
        return DEFAULTS.with(List.of(value.split(",", -1)), "-D" + PROPERTY + "=" + value);
    }

    /**
     * @param more rules to apply after this scope's own, each {@code +name} or {@code -name}
     * @param source where the rules come from, named at the start of errors; empty when the caller names it
     * @return a scope with the rules appended
     * @throws IllegalArgumentException naming {@code source}, the bad rule and what is allowed
     */
    public InstrumentScope with(List<String> more, String source) {
        Objects.requireNonNull(source, "source");
        List<Rule> all = new ArrayList<>(rules);
        for (String text : more) {
            all.add(parse(text == null ? "" : text.strip(), source));
        }
        return new InstrumentScope(Collections.unmodifiableList(all));
    }

    private static Rule parse(String text, String source) {
        String problem;
        if (text.isEmpty()) {
            problem = "is empty";
        } else if (text.charAt(0) != '+' && text.charAt(0) != '-') {
            problem = "must start with + (instrument) or - (leave alone)";
        } else {
            boolean include = text.charAt(0) == '+';
            String name = text.substring(1).strip();
            if (!NAME.matcher(name).matches()) {
                problem = "is not a package or class name (nor *)";
            } else {
                if (name.endsWith(".*")) {
                    name = name.substring(0, name.length() - 2);
                }
                if (include && !name.equals("*") && isJdk(name)) {
                    problem = "names JDK classes, which smpcheck never instruments: JDK code runs atomically between "
                            + "schedule points (see docs/instrumentation.md)";
                } else if (include && !name.equals("*") && isRuntime(name)) {
                    problem = "names smpcheck's own runtime, which is never instrumented";
                } else {
                    return new Rule(include, name);
                }
            }
        }
        throw new IllegalArgumentException((source.isEmpty() ? "" : source + ": ") + "rule \"" + text + "\" "
                + problem + "; a rule is +name or -name, where name is a package, a class or *");
    }

    /**
     * @param className a binary class name, such as {@code com.acme.Pool$Idle}
     * @return whether this scope instruments that class
     */
    public boolean includes(String className) {
        Boolean known = verdicts.get(className);
        if (known == null) {
            known = decide(className);
            verdicts.put(className, known);
        }
        return known;
    }

    private boolean decide(String className) {
        if (isJdk(className) || isRuntime(className)) {
            return false;
        }
        boolean verdict = !isTooling(className);
        for (Rule r : rules) {
            if (r.covers(className)) {
                verdict = r.include();
            }
        }
        return verdict;
    }

    /** @return whether this scope certainly instruments nothing: its last rule covering everything excludes */
    public boolean excludesEverything() {
        for (int i = rules.size() - 1; i >= 0; i--) {
            Rule r = rules.get(i);
            if (r.include()) {
                return false;
            }
            if (r.name().equals("*")) {
                return true;
            }
        }
        return false;
    }

    static boolean isJdk(String className) {
        return JDK.stream().anyMatch(p -> covers(p, className));
    }

    static boolean isRuntime(String className) {
        if (RUNTIME.stream().anyMatch(p -> covers(p, className))) {
            return true;
        }
        // The extension's own classes, but not the packages below it (tests and fixtures of users and of smpcheck).
        return className.startsWith(RUNTIME_PACKAGE + ".")
                && className.indexOf('.', RUNTIME_PACKAGE.length() + 1) < 0;
    }

    static boolean isTooling(String className) {
        return TOOLING.stream().anyMatch(p -> covers(p, className));
    }

    private static boolean covers(String name, String className) {
        return className.startsWith(name) && (className.length() == name.length()
                || className.charAt(name.length()) == '.' || className.charAt(name.length()) == '$');
    }

    @Override
    public String toString() {
        return rules.isEmpty() ? "default scope" : "default scope then " + rules;
    }
}
