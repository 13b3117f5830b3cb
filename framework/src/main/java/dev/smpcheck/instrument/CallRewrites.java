package dev.smpcheck.instrument;

import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import net.bytebuddy.jar.asm.Handle;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * Which calls of instrumented code the runtime takes over, and how. A call is either <em>replaced</em> by a static
 * method of {@link Hooks} with the receiver as first parameter and a site number as last (so the stack the call
 * consumes is the same), or gets a schedule point <em>before</em> it and runs as is.
 *
 * <p>Replaced: {@code Object.wait/notify/notifyAll}; {@code Thread.start/join/isAlive/interrupt/isInterrupted} and the
 * static {@code currentThread/sleep/yield/interrupted}; {@code LockSupport.park*}/{@code unpark}; the methods of
 * {@code Lock}, {@code ReentrantLock} and {@code Condition}; {@code readLock()}/{@code writeLock()} of read-write locks
 * (to learn which lock a side belongs to); the blocking and releasing methods of
 * {@code CountDownLatch} and {@code Semaphore}. A point before: every method of {@code java.util.concurrent.atomic}
 * and {@code VarHandle} (whose points announce the location where {@link AtomicAccesses} can name it). Executors,
 * futures, the other synchronizers, blocking queues and collections have their own rules ({@link JucRewrites},
 * {@link QueueRewrites}), asked first.
 */
final class CallRewrites {
    private static final String OBJECT = "Ljava/lang/Object;";
    private static final String THREAD = "Ljava/lang/Thread;";
    private static final String LOCK = "Ljava/util/concurrent/locks/Lock;";
    private static final String REENTRANT_LOCK = "Ljava/util/concurrent/locks/ReentrantLock;";
    private static final String CONDITION = "Ljava/util/concurrent/locks/Condition;";

    /**
     * A call to the static method {@code hook} of the class {@code owner} (an internal name) with that descriptor:
     * either in place of the call, or (if {@code before}) just before it, taking only the site.
     */
    record Rewrite(String owner, String hook, String descriptor, boolean before) {
        Rewrite(String owner, String hook, String descriptor) {
            this(owner, hook, descriptor, false);
        }

        boolean pointBefore() {
            return before;
        }
    }

    /** A schedule point before the call, which runs as is. */
    static final Rewrite POINT_BEFORE = new Rewrite(HookMethodVisitor.HOOKS, "call", "(I)V", true);

    /** Object's final methods: any receiver. Keys are name + descriptor. */
    private static final Map<String, String> OBJECT_METHODS = Map.of(
            "wait()V", "wait",
            "wait(J)V", "wait",
            "wait(JI)V", "wait",
            "notify()V", "notify",
            "notifyAll()V", "notifyAll");

    private static final Map<String, String> THREAD_METHODS = Map.of(
            "start()V", "start",
            "join()V", "join",
            "join(J)V", "join",
            "join(JI)V", "join",
            "isAlive()Z", "isAlive",
            "interrupt()V", "interrupt",
            "isInterrupted()Z", "isInterrupted");

    private static final Map<String, String> THREAD_STATICS = Map.of(
            "currentThread()Ljava/lang/Thread;", "currentThread",
            "sleep(J)V", "sleep",
            "sleep(JI)V", "sleep",
            "yield()V", "threadYield",
            "interrupted()Z", "interrupted");

    private static final Map<String, String> LOCK_SUPPORT_STATICS = Map.of(
            "park()V", "park",
            "park(Ljava/lang/Object;)V", "park",
            "parkNanos(J)V", "parkNanos",
            "parkNanos(Ljava/lang/Object;J)V", "parkNanos",
            "parkUntil(J)V", "parkUntil",
            "parkUntil(Ljava/lang/Object;J)V", "parkUntil",
            "unpark(Ljava/lang/Thread;)V", "unpark");

    private static final Map<String, String> LOCK_METHODS = Map.of(
            "lock()V", "lock",
            "lockInterruptibly()V", "lockInterruptibly",
            "tryLock()Z", "tryLock",
            "tryLock(JLjava/util/concurrent/TimeUnit;)Z", "tryLock",
            "unlock()V", "unlock",
            "newCondition()Ljava/util/concurrent/locks/Condition;", "newCondition");

    private static final Map<String, String> REENTRANT_LOCK_METHODS = Map.of(
            "isLocked()Z", "isLocked",
            "isHeldByCurrentThread()Z", "isHeldByCurrentThread",
            "getHoldCount()I", "getHoldCount");

    private static final Map<String, String> CONDITION_METHODS = Map.of(
            "await()V", "await",
            "await(JLjava/util/concurrent/TimeUnit;)Z", "await",
            "awaitNanos(J)J", "awaitNanos",
            "awaitUninterruptibly()V", "awaitUninterruptibly",
            "awaitUntil(Ljava/util/Date;)Z", "awaitUntil",
            "signal()V", "signal",
            "signalAll()V", "signalAll");

    /**
     * Owner, name and descriptor of every public hook, to find the site-less overloads that method references can
     * use.
     */
    private static final Set<String> HOOK_METHODS = Stream.of(Hooks.class, ExecutorHooks.class, ForkJoinHooks.class,
            BlockingHooks.class, QueueHooks.class)
            .flatMap(c -> Arrays.stream(c.getDeclaredMethods()))
            .filter(m -> Modifier.isPublic(m.getModifiers()))
            .map(m -> Type.getInternalName(m.getDeclaringClass()) + "." + m.getName() + Type.getMethodDescriptor(m))
            .collect(Collectors.toUnmodifiableSet());

    private static final Map<String, String> LATCH_METHODS = Map.of(
            "countDown()V", "countDown",
            "await()V", "await",
            "await(JLjava/util/concurrent/TimeUnit;)Z", "await");

    private static final Map<String, String> SEMAPHORE_METHODS = Map.of(
            "acquire()V", "acquire",
            "acquire(I)V", "acquire",
            "acquireUninterruptibly()V", "acquireUninterruptibly",
            "acquireUninterruptibly(I)V", "acquireUninterruptibly",
            "tryAcquire()Z", "tryAcquire",
            "tryAcquire(I)Z", "tryAcquire",
            "tryAcquire(JLjava/util/concurrent/TimeUnit;)Z", "tryAcquire",
            "tryAcquire(IJLjava/util/concurrent/TimeUnit;)Z", "tryAcquire",
            "release()V", "release",
            "release(I)V", "release");

    private CallRewrites() {}

    /**
     * For a method reference ({@code Thread::start}, {@code lock::unlock}) whose target the runtime takes over: the
     * handle of the site-less hook overload to use as the lambda's implementation instead.
     *
     * @param target the implementation handle the lambda factory was given
     * @return a handle on {@link Hooks}, or {@code null} to keep {@code target}
     */
    static Handle reference(Handle target, TypeFacts facts) {
        Rewrite r = find(target, facts);
        if (r == null || r.pointBefore()) {
            return null;
        }
        // The hook's descriptor without its trailing int site parameter.
        String siteless = r.descriptor().replace("I)", ")");
        return HOOK_METHODS.contains(r.owner() + "." + r.hook() + siteless)
                ? new Handle(Opcodes.H_INVOKESTATIC, r.owner(), r.hook(), siteless, false) : null;
    }

    /**
     * @param target a method reference's implementation handle
     * @return whether a call of it gets a point before it (an atomic, a collection, a future), which a method reference
     *     only gets through a {@link ReferenceBridges bridge}
     */
    static boolean needsPointBefore(Handle target, TypeFacts facts) {
        Rewrite r = find(target, facts);
        return r != null && r.pointBefore();
    }

    /** @return the rewrite a call of a method reference's target would get, or {@code null} */
    private static Rewrite find(Handle target, TypeFacts facts) {
        int opcode = switch (target.getTag()) {
            case Opcodes.H_INVOKEVIRTUAL -> Opcodes.INVOKEVIRTUAL;
            case Opcodes.H_INVOKESTATIC -> Opcodes.INVOKESTATIC;
            case Opcodes.H_INVOKEINTERFACE -> Opcodes.INVOKEINTERFACE;
            default -> -1;
        };
        return opcode < 0 ? null : find(opcode, target.getOwner(), target.getName(), target.getDesc(), facts);
    }

    /**
     * @param opcode the call's opcode
     * @param owner the internal name of the class or interface the call names
     * @param name the method's name
     * @param descriptor the method's descriptor
     * @param facts answers subtype questions about {@code owner}
     * @return how to rewrite the call, or {@code null} to leave it alone
     */
    static Rewrite find(int opcode, String owner, String name, String descriptor, TypeFacts facts) {
        String key = name + descriptor;
        boolean instance = opcode == Opcodes.INVOKEVIRTUAL || opcode == Opcodes.INVOKEINTERFACE;
        if (instance && OBJECT_METHODS.containsKey(key)) {
            return replace(OBJECT_METHODS.get(key), OBJECT, descriptor);
        }
        // Executors, futures, the other blocking primitives and collections.
        Rewrite juc = JucRewrites.find(opcode, owner, name, descriptor, facts);
        if (juc != null) {
            return juc;
        }
        if (opcode == Opcodes.INVOKESTATIC) {
            if (owner.equals("java/lang/Thread") && THREAD_STATICS.containsKey(key)) {
                return replace(THREAD_STATICS.get(key), null, descriptor);
            }
            if (owner.equals("java/util/concurrent/locks/LockSupport") && LOCK_SUPPORT_STATICS.containsKey(key)) {
                return replace(LOCK_SUPPORT_STATICS.get(key), null, descriptor);
            }
            return null;
        }
        if (opcode == Opcodes.INVOKESPECIAL) {
            // super.start() in a Thread subclass that overrides start(): Hooks.start called that override.
            return owner.equals("java/lang/Thread") && key.equals("start()V")
                    ? replace("startSuper", THREAD, descriptor) : null;
        }
        if (!instance) {
            return null;
        }
        if (owner.startsWith("java/util/concurrent/atomic/") || owner.equals("java/lang/invoke/VarHandle")) {
            return POINT_BEFORE;
        }
        if (THREAD_METHODS.containsKey(key) && facts.isSubtype(owner, Thread.class)) {
            return replace(THREAD_METHODS.get(key), THREAD, descriptor);
        }
        if (owner.equals("java/util/concurrent/locks/Condition") && CONDITION_METHODS.containsKey(key)) {
            return replace(CONDITION_METHODS.get(key), CONDITION, descriptor);
        }
        if (LOCK_METHODS.containsKey(key) && (owner.equals("java/util/concurrent/locks/Lock")
                || facts.isSubtype(owner, ReentrantLock.class)
                || owner.startsWith("java/util/concurrent/locks/") && facts.isSubtype(owner, Lock.class))) {
            return replace(LOCK_METHODS.get(key), LOCK, descriptor);
        }
        if ((name.equals("readLock") || name.equals("writeLock")) && descriptor.startsWith("()")) {
            if (owner.equals("java/util/concurrent/locks/ReadWriteLock")) {
                return replace(name, "Ljava/util/concurrent/locks/ReadWriteLock;", descriptor);
            }
            if (facts.isSubtype(owner, ReentrantReadWriteLock.class)) {
                return replace(name, "Ljava/util/concurrent/locks/ReentrantReadWriteLock;", descriptor);
            }
        }
        if (REENTRANT_LOCK_METHODS.containsKey(key) && facts.isSubtype(owner, ReentrantLock.class)) {
            return replace(REENTRANT_LOCK_METHODS.get(key), REENTRANT_LOCK, descriptor);
        }
        if (LATCH_METHODS.containsKey(key) && facts.isSubtype(owner, CountDownLatch.class)) {
            return replace(LATCH_METHODS.get(key), "Ljava/util/concurrent/CountDownLatch;", descriptor);
        }
        if (SEMAPHORE_METHODS.containsKey(key) && facts.isSubtype(owner, Semaphore.class)) {
            return replace(SEMAPHORE_METHODS.get(key), "Ljava/util/concurrent/Semaphore;", descriptor);
        }
        return null;
    }

    /** The hook takes the receiver (if any) first, then the call's arguments, then the site; it returns the same. */
    private static Rewrite replace(String hook, String receiver, String descriptor) {
        return replace(HookMethodVisitor.HOOKS, hook, receiver, descriptor);
    }

    /** As {@link #replace(String, String, String)}, with a hook of the class {@code owner} (an internal name). */
    static Rewrite replace(String owner, String hook, String receiver, String descriptor) {
        int close = descriptor.indexOf(')');
        String args = descriptor.substring(1, close);
        String result = descriptor.substring(close + 1);
        return new Rewrite(owner, hook, "(" + (receiver == null ? "" : receiver) + args + "I)" + result);
    }
}
