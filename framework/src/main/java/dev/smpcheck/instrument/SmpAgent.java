package dev.smpcheck.instrument;

import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import net.bytebuddy.agent.ByteBuddyAgent;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.utility.JavaModule;
import org.apiguardian.api.API;

/**
 * The instrumentation agent: the framework jar is a Java agent whose transformer gives the classes in scope
 * ({@link InstrumentScope}) their schedule points.
 *
 * <h2>Loading</h2>
 * <ul>
 *   <li>At start-up, as Surefire's {@code <argLine>-javaagent:${dev.smpcheck:smpcheck-framework:jar}</argLine>} (the
 *       path from {@code maven-dependency-plugin:properties}): every class is rewritten as it loads, and JDK 21+ does
 *       not warn. This is the supported way.</li>
 *   <li>Started with Byte Buddy's own agent jar instead ({@code -javaagent:byte-buddy-agent.jar}): the transformer is
 *       installed on its instrumentation when first needed; classes loaded before that are retransformed.</li>
 *   <li>Otherwise, when a test needs it ({@link #activate}), the agent attaches itself to the running JVM and says
 *       so once on standard error; loaded classes are retransformed. {@code -Dsmpcheck.selfAttach=false} forbids
 *       this, so that a build without the argLine fails instead.</li>
 * </ul>
 * A retransformed class keeps its methods' modifiers, so its {@code synchronized} methods are modelled less exactly
 * (see {@link SynchronizedMethodVisitor}).
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class SmpAgent {

    /** {@code -Dsmpcheck.selfAttach=false} forbids attaching the agent at run time. */
    public static final String SELF_ATTACH_PROPERTY = "smpcheck.selfAttach";

    private static AgentStatus status = AgentStatus.inactive("it was not given with -javaagent");
    private static Instrumentation instrumentation;
    /** The scope of {@code -Dsmpcheck.instrument}, read once it parses; {@code null} until then. */
    private static InstrumentScope globalScope;
    /** Test scopes that asked for classes the global scope leaves alone; they are instrumented too from then on. */
    private static final List<InstrumentScope> WIDENINGS = new CopyOnWriteArrayList<>();
    /** Rounds of {@link #retransformMissed()}: each loads fewer new classes; a handful always sufficed. */
    private static final int MISSED_ROUNDS = 8;

    private SmpAgent() {}

    /**
     * Entry point for {@code -javaagent}.
     *
     * @param arguments ignored
     * @param inst the JVM's instrumentation
     */
    public static void premain(String arguments, Instrumentation inst) {
        install(inst, "-javaagent");
    }

    /**
     * Entry point for an agent attached at run time.
     *
     * @param arguments ignored
     * @param inst the JVM's instrumentation
     */
    public static void agentmain(String arguments, Instrumentation inst) {
        install(inst, "attached at run time");
    }

    /** @return whether the agent is active, and how, or why not */
    public static synchronized AgentStatus status() {
        return status;
    }

    /**
     * Makes the agent active if it is not: on an instrumentation given at start-up by Byte Buddy's agent jar or, if
     * {@code mayAttach}, by attaching to this JVM.
     *
     * @param mayAttach whether to attach at run time when no instrumentation was given at start-up
     * @return the resulting status
     */
    public static synchronized AgentStatus activate(boolean mayAttach) {
        if (status.active() || instrumentation != null) {
            return status;
        }
        Instrumentation inst;
        try {
            inst = ByteBuddyAgent.getInstrumentation();
            install(inst, "on Byte Buddy's agent given with -javaagent");
            return status;
        } catch (IllegalStateException notGiven) {
            // No instrumentation from start-up: attach, if allowed.
        }
        if (!mayAttach) {
            return status;
        }
        if ("false".equalsIgnoreCase(System.getProperty(SELF_ATTACH_PROPERTY))) {
            status = AgentStatus.inactive("it was not given with -javaagent, and -D" + SELF_ATTACH_PROPERTY
                    + "=false forbids attaching it at run time");
            return status;
        }
        try {
            inst = ByteBuddyAgent.install();
        } catch (RuntimeException | LinkageError e) {
            status = AgentStatus.inactive("it was not given with -javaagent, and attaching it at run time failed: "
                    + e);
            return status;
        }
        System.err.println("smpcheck: the instrumentation agent was not given with -javaagent, so it attached itself "
                + "to this JVM. Classes loaded before now are retransformed (their synchronized methods are modelled "
                + "less exactly), and JDK 21+ warns about agents attached this way. Add -javaagent:"
                + "${dev.smpcheck:smpcheck-framework:jar} to the Surefire argLine; see docs/instrumentation.md.");
        install(inst, "attached itself at run time");
        return status;
    }

    private static synchronized void install(Instrumentation inst, String how) {
        if (instrumentation != null) {
            return;
        }
        instrumentation = inst;
        try {
            globalScope();
            builder().installOn(inst);
            retransformMissed();
            status = AgentStatus.active(how);
        } catch (IllegalArgumentException badScope) {
            status = AgentStatus.inactive(badScope.getMessage());
            System.err.println("smpcheck: " + status);
        } catch (RuntimeException | LinkageError e) {
            status = AgentStatus.inactive("installing its transformer failed: " + e);
            System.err.println("smpcheck: " + status);
        }
    }

    private static AgentBuilder builder() {
        ClassLoader platform = ClassLoader.getPlatformClassLoader();
        // A class an isolating loader defines from bytes rewritten already must not get a second set of hooks.
        AgentBuilder.RawMatcher inScope = (type, loader, module, redefined, domain) ->
                loader != null && loader != platform && transforms(type.getName())
                && !(loader instanceof IsolatingClassLoader isolated && isolated.definesRewritten(type.getName()));
        return new AgentBuilder.Default()
                .disableClassFormatChanges()
                .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
                .with(new Reporter())
                .ignore((type, loader, module, redefined, domain) -> !inScope.matches(type, loader, module, redefined,
                        domain))
                .type((type, loader, module, redefined, domain) -> redefined == null)
                .transform((builder, type, loader, module, domain) -> builder.visit(HookClassVisitor.wrapper(true)))
                .type((type, loader, module, redefined, domain) -> redefined != null)
                .transform((builder, type, loader, module, domain) -> builder.visit(HookClassVisitor.wrapper(false)));
    }

    /** @return whether the transformer rewrites the class: it is in the global scope or in a widening */
    private static boolean transforms(String className) {
        // Installed only once the global scope parsed, so it is set here.
        if (globalScope.includes(className)) {
            return true;
        }
        for (InstrumentScope s : WIDENINGS) {
            if (s.includes(className)) {
                return true;
            }
        }
        return false;
    }

    /**
     * @return the scope from {@code -Dsmpcheck.instrument}, which a test without rules of its own uses
     * @throws IllegalArgumentException when the property has a bad rule
     */
    public static synchronized InstrumentScope globalScope() {
        if (globalScope == null) {
            globalScope = InstrumentScope.fromSystemProperty();
        }
        return globalScope;
    }

    /**
     * Makes sure every class {@code testScope} includes is instrumented, retransforming loaded classes that the
     * global scope left alone. Does nothing when the agent is not active.
     *
     * @param testScope a test's scope, never {@code null}
     */
    public static synchronized void include(InstrumentScope testScope) {
        if (!status.active() || WIDENINGS.contains(testScope)) {
            return;
        }
        List<Class<?>> newlyIncluded = loadedApplicationClasses(name -> !transforms(name) && testScope.includes(name));
        WIDENINGS.add(testScope);
        if (!newlyIncluded.isEmpty()) {
            try {
                instrumentation.retransformClasses(newlyIncluded.toArray(Class<?>[]::new));
                retransformMissed();
            } catch (Exception | LinkageError e) {
                System.err.println("smpcheck: could not instrument " + newlyIncluded.size() + " loaded class(es) for "
                        + testScope + ": " + e);
            }
        }
    }

    /**
     * Rewrites the classes in scope that a retransformation loaded but left alone. To retransform a loaded class, Byte
     * Buddy lists its methods, which loads every class their signatures name (a lambda's captured types among them);
     * a class loaded while the transformer is busy passes through it unchanged, and would run with no schedule point.
     * Each round can load more such classes, so rounds repeat until one finds none.
     */
    private static void retransformMissed() {
        for (int round = 0; round < MISSED_ROUNDS; round++) {
            List<Class<?>> missed = loadedApplicationClasses(name -> !Transformed.contains(name)
                    && !Reporter.FAILED.contains(name) && transforms(name));
            if (missed.isEmpty()) {
                return;
            }
            try {
                instrumentation.retransformClasses(missed.toArray(Class<?>[]::new));
            } catch (Exception | LinkageError e) {
                System.err.println("smpcheck: could not instrument " + missed.size() + " class(es) loaded while "
                        + "others were being instrumented: " + e);
                return;
            }
        }
    }

    /**
     * @param wanted picks classes by name
     * @return the loaded classes the agent could rewrite (neither the JDK's boot or platform classes nor
     *     unmodifiable ones) that {@code wanted} picks
     */
    private static List<Class<?>> loadedApplicationClasses(Predicate<String> wanted) {
        ClassLoader platform = ClassLoader.getPlatformClassLoader();
        List<Class<?>> picked = new ArrayList<>();
        for (Class<?> c : instrumentation.getAllLoadedClasses()) {
            ClassLoader loader = c.getClassLoader();
            if (loader != null && loader != platform && wanted.test(c.getName())
                    && instrumentation.isModifiableClass(c)) {
                picked.add(c);
            }
        }
        return picked;
    }

    /** Records what was rewritten and reports, on standard error, what could not be. */
    private static final class Reporter extends AgentBuilder.Listener.Adapter {
        /** Classes whose rewriting failed: they are reported once and not tried again. */
        static final Set<String> FAILED = ConcurrentHashMap.newKeySet();

        @Override
        public void onTransformation(TypeDescription type, ClassLoader loader, JavaModule module, boolean loaded,
                DynamicType dynamicType) {
            Transformed.add(type.getName());
            if (!loaded && loader instanceof IsolatingClassLoader isolated) {
                isolated.rewrote(type.getName(), dynamicType.getBytes());
            }
        }

        @Override
        public void onError(String typeName, ClassLoader loader, JavaModule module, boolean loaded,
                Throwable error) {
            FAILED.add(typeName);
            System.err.println("smpcheck: could not instrument " + typeName + "; it runs without schedule points: "
                    + error);
        }
    }
}
