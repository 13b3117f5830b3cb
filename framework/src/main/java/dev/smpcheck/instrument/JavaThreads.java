package dev.smpcheck.instrument;

import dev.smpcheck.schedule.JvmControl;
import dev.smpcheck.schedule.Sched;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The {@code java.lang.Thread}s of one schedule. A {@code Thread} that instrumented code starts under control never
 * runs as a JVM thread: its {@code run()} runs on a controlled logical thread (as {@code Smp.thread} would), and every
 * instrumented use of the object ({@code join}, {@code interrupt}, {@code Thread.currentThread()} in it, ...) is
 * answered from the model. A thread object the model does not know (never started under control) gets Java's own
 * behaviour.
 */
final class JavaThreads {
    private static final Pattern DEFAULT_NAME = Pattern.compile("Thread-\\d+");

    private final Map<Thread, JavaThread> byThread = new IdentityHashMap<>();
    private final Consumer<Thread> ended;
    /** The JVM thread each logical thread runs on, mapped to the logical thread. */
    private final Map<Thread, JavaThread> byCarrier = new IdentityHashMap<>();
    private int unnamed;

    /** @param ended told when a started thread ends, on that thread (Java notifies the thread's monitor then) */
    JavaThreads(Consumer<Thread> ended) {
        this.ended = ended;
    }

    /** @return the logical thread that is running; the body and CPUs are known by their carrier */
    JavaThread current() {
        Thread carrier = Thread.currentThread();
        JavaThread t = byCarrier.get(carrier);
        if (t == null) {
            t = new JavaThread(carrier, Sched.currentThreadName());
            byCarrier.put(carrier, t);
            byThread.put(carrier, t);
        }
        return t;
    }

    /** @return the model of {@code thread}, or {@code null} when it was not started in this schedule */
    JavaThread of(Thread thread) {
        return byThread.get(thread);
    }

    /**
     * Starts {@code thread}'s {@code run()} on a new controlled logical thread (a schedule point if {@code point}).
     * Java's default names
     * ({@code Thread-17}) count across the whole JVM, so such a thread is named {@code thread-1}, {@code thread-2}, ...
     * in the order of starts in this schedule instead, which keeps traces of the same schedule identical.
     *
     * @throws IllegalThreadStateException when it was started before
     */
    void start(Thread thread, boolean point) {
        if (byThread.containsKey(thread) || thread.getState() != Thread.State.NEW) {
            throw new IllegalThreadStateException(thread.getName() + " was already started");
        }
        String name = DEFAULT_NAME.matcher(thread.getName()).matches() ? "thread-" + (++unnamed) : thread.getName();
        JavaThread model = new JavaThread(thread, name);
        byThread.put(thread, model);
        // The thread's first step runs instrumented code up to its first hook, which announces or widens whatever it
        // touches, so its start is local; partial-order reduction orders it after this step, which enabled it.
        JvmControl.spawn(name, () -> {
            byCarrier.put(Thread.currentThread(), model);
            try {
                long resumes = JvmControl.resumes();
                thread.run();
                if (JvmControl.resumes() == resumes) {
                    // It never reached a hook: its body was uninstrumented code (Thread::start of a method reference
                    // to the JDK, such as counter::incrementAndGet), so its one step touched what it did not announce.
                    JvmControl.widen();
                }
            } finally {
                model.finished = true;
                ended.accept(thread);
            }
        }, point, true);
    }
}
