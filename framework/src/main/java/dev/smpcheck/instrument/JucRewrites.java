package dev.smpcheck.instrument;

import dev.smpcheck.instrument.CallRewrites.Rewrite;
import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Exchanger;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.Future;
import java.util.concurrent.Phaser;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.locks.StampedLock;
import net.bytebuddy.jar.asm.Opcodes;
import net.bytebuddy.jar.asm.Type;

/**
 * The call rewrites for executors, futures and the blocking primitives beyond locks, latches and buffering queues, and
 * the points before JDK collection calls; {@link CallRewrites} asks here first.
 *
 * <p>Replaced by {@link ExecutorHooks}: {@code CompletableFuture.supplyAsync}/{@code runAsync} and the {@code *Async}
 * methods of a {@code CompletionStage} (tasks without an executor go to the schedule's common pool); {@code execute},
 * {@code submit}, {@code invokeAll} and {@code invokeAny} of an executor (to refuse a pool the model does not run);
 * {@code get} and {@code join} of a {@code Future} (pools themselves are made by {@link CreationSwaps}). Replaced by
 * {@link ForkJoinHooks}: {@code ForkJoinPool.commonPool()}, a {@code ForkJoinPool}'s hand-offs, and a
 * {@code ForkJoinTask}'s {@code fork}, {@code invokeAll}, {@code quietlyJoin}, {@code tryUnfork}, {@code helpQuiesce},
 * {@code getPool} and {@code inForkJoinPool}, also where the call names a user's subclass. Replaced by
 * {@link BlockingHooks}: {@code StampedLock}, {@code CyclicBarrier}, the waits of {@code Phaser} and
 * {@code Exchanger}. Blocking queues have their own rules ({@link QueueRewrites}). A point before: every other call on
 * a JDK future, executor or phaser, and every call on a {@code java.util} collection or map, whose JDK code runs as
 * one atomic step.
 */
final class JucRewrites {
    private static final String EXECUTOR_HOOKS = Type.getInternalName(ExecutorHooks.class);
    private static final String BLOCKING_HOOKS = Type.getInternalName(BlockingHooks.class);
    private static final String EXECUTOR = "Ljava/util/concurrent/Executor;";
    private static final String EXECUTOR_SERVICE = "Ljava/util/concurrent/ExecutorService;";
    private static final String FUTURE = "Ljava/util/concurrent/Future;";
    private static final String OBJECT = "Ljava/lang/Object;";
    private static final String COMPLETABLE_FUTURE = "Ljava/util/concurrent/CompletableFuture;";
    private static final String COMPLETION_STAGE = "Ljava/util/concurrent/CompletionStage;";
    private static final String FORK_JOIN_HOOKS = Type.getInternalName(ForkJoinHooks.class);
    private static final String FORK_JOIN_TASK = "Ljava/util/concurrent/ForkJoinTask;";
    private static final String FORK_JOIN_POOL = "Ljava/util/concurrent/ForkJoinPool;";

    private static final Map<String, String> ASYNC_STATICS = Map.of(
            "supplyAsync(Ljava/util/function/Supplier;)" + COMPLETABLE_FUTURE, "supplyAsync",
            "supplyAsync(Ljava/util/function/Supplier;" + EXECUTOR + ")" + COMPLETABLE_FUTURE, "supplyAsync",
            "runAsync(Ljava/lang/Runnable;)" + COMPLETABLE_FUTURE, "runAsync",
            "runAsync(Ljava/lang/Runnable;" + EXECUTOR + ")" + COMPLETABLE_FUTURE, "runAsync");

    /** {@code ForkJoinPool} hand-offs that {@link ForkJoinHooks} has, under the JDK's descriptors. */
    private static final Set<String> POOL_HAND_OFFS = Set.of(
            "execute(" + FORK_JOIN_TASK + ")V",
            "execute(Ljava/lang/Runnable;)V",
            "submit(" + FORK_JOIN_TASK + ")" + FORK_JOIN_TASK,
            "submit(Ljava/util/concurrent/Callable;)" + FORK_JOIN_TASK,
            "submit(Ljava/lang/Runnable;)" + FORK_JOIN_TASK,
            "submit(Ljava/lang/Runnable;" + OBJECT + ")" + FORK_JOIN_TASK,
            "invoke(" + FORK_JOIN_TASK + ")" + OBJECT,
            "invokeAll(Ljava/util/Collection;)Ljava/util/List;",
            "invokeAll(Ljava/util/Collection;JLjava/util/concurrent/TimeUnit;)Ljava/util/List;",
            "invokeAny(Ljava/util/Collection;)" + OBJECT,
            "invokeAny(Ljava/util/Collection;JLjava/util/concurrent/TimeUnit;)" + OBJECT);

    /** {@code ForkJoinPool} methods of later JDKs that hand work on and that the model does not run. */
    private static final Set<String> POOL_UNMODELLED = Set.of("externalSubmit", "lazySubmit", "schedule",
            "scheduleAtFixedRate", "scheduleWithFixedDelay", "submitWithTimeout", "invokeAllUninterruptibly");
    private static final Rewrite UNMODELLED = new Rewrite(FORK_JOIN_HOOKS, "unmodelled", "(I)V", true);

    /** A fork/join task's methods that {@link ForkJoinHooks} has, instance ones and static ones. */
    private static final Set<String> TASK_METHODS = Set.of(
            "fork()" + FORK_JOIN_TASK,
            "quietlyJoin()V",
            "tryUnfork()Z");
    private static final Set<String> TASK_STATICS = Set.of(
            "invokeAll(" + FORK_JOIN_TASK + FORK_JOIN_TASK + ")V",
            "invokeAll([" + FORK_JOIN_TASK + ")V",
            "invokeAll(Ljava/util/Collection;)Ljava/util/Collection;",
            "helpQuiesce()V",
            "getPool()" + FORK_JOIN_POOL,
            "inForkJoinPool()Z");

    /** Hand-offs to an executor, whose receiver the hook checks; keys are name + descriptor. */
    private static final Map<String, String> HAND_OFFS = Map.of(
            "execute(Ljava/lang/Runnable;)V", "execute",
            "submit(Ljava/util/concurrent/Callable;)" + FUTURE, "submit",
            "submit(Ljava/lang/Runnable;)" + FUTURE, "submit",
            "submit(Ljava/lang/Runnable;Ljava/lang/Object;)" + FUTURE, "submit",
            "invokeAll(Ljava/util/Collection;)Ljava/util/List;", "invokeAll",
            "invokeAll(Ljava/util/Collection;JLjava/util/concurrent/TimeUnit;)Ljava/util/List;", "invokeAll",
            "invokeAny(Ljava/util/Collection;)" + OBJECT, "invokeAny",
            "invokeAny(Ljava/util/Collection;JLjava/util/concurrent/TimeUnit;)" + OBJECT, "invokeAny");

    private static final Map<String, String> FUTURE_WAITS = Map.of(
            "get()" + OBJECT, "get",
            "get(JLjava/util/concurrent/TimeUnit;)" + OBJECT, "get",
            "join()" + OBJECT, "join");

    private static final Map<String, String> STAMPED_LOCK_METHODS = Map.ofEntries(
            Map.entry("writeLock()J", "writeLock"),
            Map.entry("writeLockInterruptibly()J", "writeLockInterruptibly"),
            Map.entry("tryWriteLock()J", "tryWriteLock"),
            Map.entry("tryWriteLock(JLjava/util/concurrent/TimeUnit;)J", "tryWriteLock"),
            Map.entry("readLock()J", "readLock"),
            Map.entry("readLockInterruptibly()J", "readLockInterruptibly"),
            Map.entry("tryReadLock()J", "tryReadLock"),
            Map.entry("tryReadLock(JLjava/util/concurrent/TimeUnit;)J", "tryReadLock"),
            Map.entry("tryOptimisticRead()J", "tryOptimisticRead"),
            Map.entry("validate(J)Z", "validate"),
            Map.entry("unlockWrite(J)V", "unlockWrite"),
            Map.entry("unlockRead(J)V", "unlockRead"),
            Map.entry("unlock(J)V", "unlock"),
            Map.entry("tryConvertToWriteLock(J)J", "tryConvertToWriteLock"),
            Map.entry("tryConvertToReadLock(J)J", "tryConvertToReadLock"),
            Map.entry("tryConvertToOptimisticRead(J)J", "tryConvertToOptimisticRead"),
            Map.entry("tryUnlockWrite()Z", "tryUnlockWrite"),
            Map.entry("tryUnlockRead()Z", "tryUnlockRead"),
            Map.entry("isWriteLocked()Z", "isWriteLocked"),
            Map.entry("isReadLocked()Z", "isReadLocked"),
            Map.entry("getReadLockCount()I", "getReadLockCount"));

    private static final Map<String, String> BARRIER_METHODS = Map.of(
            "await()I", "await",
            "await(JLjava/util/concurrent/TimeUnit;)I", "await",
            "reset()V", "reset",
            "isBroken()Z", "isBroken",
            "getNumberWaiting()I", "getNumberWaiting");

    private static final Map<String, String> PHASER_WAITS = Map.of(
            "arriveAndAwaitAdvance()I", "arriveAndAwaitAdvance",
            "awaitAdvance(I)I", "awaitAdvance",
            "awaitAdvanceInterruptibly(I)I", "awaitAdvanceInterruptibly",
            "awaitAdvanceInterruptibly(IJLjava/util/concurrent/TimeUnit;)I", "awaitAdvanceInterruptibly");

    private static final Map<String, String> EXCHANGER_METHODS = Map.of(
            "exchange(Ljava/lang/Object;)Ljava/lang/Object;", "exchange",
            "exchange(Ljava/lang/Object;JLjava/util/concurrent/TimeUnit;)Ljava/lang/Object;", "exchange");

    private JucRewrites() {}

    /**
     * @return how to rewrite the call, or {@code null} when these rules have nothing to say about it (the other rules
     *     of {@link CallRewrites} then apply)
     * @see CallRewrites#find
     */
    static Rewrite find(int opcode, String owner, String name, String descriptor, TypeFacts facts) {
        String key = name + descriptor;
        if (opcode == Opcodes.INVOKESTATIC) {
            if (owner.equals("java/util/concurrent/CompletableFuture") && ASYNC_STATICS.containsKey(key)) {
                return CallRewrites.replace(EXECUTOR_HOOKS, ASYNC_STATICS.get(key), null, descriptor);
            }
            if (key.equals("commonPool()" + FORK_JOIN_POOL) && facts.isSubtype(owner, ForkJoinPool.class)
                    || TASK_STATICS.contains(key) && facts.isSubtype(owner, ForkJoinTask.class)) {
                return CallRewrites.replace(FORK_JOIN_HOOKS, name, null, descriptor);
            }
            return null;
        }
        if (opcode != Opcodes.INVOKEVIRTUAL && opcode != Opcodes.INVOKEINTERFACE || name.equals("<init>")) {
            return null;
        }
        // Fork/join calls, whether they name the JDK's class or a user's subclass (a RecursiveTask's fork()).
        Rewrite forkJoin = forkJoin(owner, name, descriptor, key, facts);
        if (forkJoin != null) {
            return forkJoin;
        }
        if (!owner.startsWith("java/util/")) {
            // A user's subclass of a JDK pool: its hand-offs are refused under control, as the JDK pool's are.
            boolean jdkPool = facts.isSubtype(owner, ThreadPoolExecutor.class);
            return jdkPool && HAND_OFFS.containsKey(key) ? handOff(name, descriptor, key) : null;
        }
        if (owner.startsWith("java/util/concurrent/")) {
            Rewrite r = concurrent(owner, name, descriptor, key, facts);
            if (r != null) {
                return r;
            }
        }
        // A collection's or map's JDK code runs atomically; without a point before it, two threads' calls
        // (containsKey, then put) could never interleave. Blocking queues have their own rules.
        boolean collection = facts.isSubtype(owner, Collection.class) || facts.isSubtype(owner, Map.class);
        return collection && !facts.isSubtype(owner, BlockingQueue.class) ? CallRewrites.POINT_BEFORE : null;
    }

    private static Rewrite concurrent(String owner, String name, String descriptor, String key, TypeFacts facts) {
        if (FUTURE_WAITS.containsKey(key) && facts.isSubtype(owner, Future.class)) {
            return CallRewrites.replace(EXECUTOR_HOOKS, FUTURE_WAITS.get(key), FUTURE, descriptor);
        }
        if (name.endsWith("Async") && facts.isSubtype(owner, CompletionStage.class)) {
            return async(descriptor);
        }
        if (facts.isSubtype(owner, Future.class) || facts.isSubtype(owner, CompletionStage.class)) {
            return CallRewrites.POINT_BEFORE;
        }
        if (facts.isSubtype(owner, Executor.class)) {
            return HAND_OFFS.containsKey(key) ? handOff(name, descriptor, key) : CallRewrites.POINT_BEFORE;
        }
        if (STAMPED_LOCK_METHODS.containsKey(key) && facts.isSubtype(owner, StampedLock.class)) {
            return blocking(STAMPED_LOCK_METHODS.get(key), StampedLock.class, descriptor);
        }
        if (BARRIER_METHODS.containsKey(key) && facts.isSubtype(owner, CyclicBarrier.class)) {
            return blocking(BARRIER_METHODS.get(key), CyclicBarrier.class, descriptor);
        }
        if (facts.isSubtype(owner, Phaser.class)) {
            return PHASER_WAITS.containsKey(key) ? blocking(PHASER_WAITS.get(key), Phaser.class, descriptor)
                    : CallRewrites.POINT_BEFORE;
        }
        if (EXCHANGER_METHODS.containsKey(key) && facts.isSubtype(owner, Exchanger.class)) {
            return blocking(EXCHANGER_METHODS.get(key), Exchanger.class, descriptor);
        }
        return QueueRewrites.find(owner, name, descriptor, facts);
    }

    private static Rewrite forkJoin(String owner, String name, String descriptor, String key, TypeFacts facts) {
        if (facts.isSubtype(owner, ForkJoinTask.class)) {
            if (TASK_METHODS.contains(key)) {
                return CallRewrites.replace(FORK_JOIN_HOOKS, name, FORK_JOIN_TASK, descriptor);
            }
            return FUTURE_WAITS.containsKey(key)
                    ? CallRewrites.replace(EXECUTOR_HOOKS, FUTURE_WAITS.get(key), FUTURE, descriptor) : null;
        }
        if (facts.isSubtype(owner, ForkJoinPool.class)) {
            if (POOL_HAND_OFFS.contains(key)) {
                return CallRewrites.replace(FORK_JOIN_HOOKS, name, FORK_JOIN_POOL, descriptor);
            }
            return POOL_UNMODELLED.contains(name) ? UNMODELLED : null;
        }
        return null;
    }

    private static Rewrite handOff(String name, String descriptor, String key) {
        String receiver = name.equals("execute") ? EXECUTOR : EXECUTOR_SERVICE;
        return CallRewrites.replace(EXECUTOR_HOOKS, HAND_OFFS.get(key), receiver, descriptor);
    }

    private static Rewrite blocking(String hook, Class<?> receiver, String descriptor) {
        return CallRewrites.replace(BLOCKING_HOOKS, hook, Type.getDescriptor(receiver), descriptor);
    }

    /**
     * A {@code *Async} method of a stage, with or without an executor: one generic hook per number of arguments,
     * which takes them all as objects ({@link ExecutorHooks#async1} and its kin) and returns the type the call does.
     */
    private static Rewrite async(String descriptor) {
        Type[] args = Type.getArgumentTypes(descriptor);
        String result = Type.getReturnType(descriptor).getDescriptor();
        boolean future = result.equals(COMPLETABLE_FUTURE);
        boolean objects = Arrays.stream(args).allMatch(a -> a.getSort() == Type.OBJECT);
        if (args.length < 1 || args.length > 3 || !objects || !future && !result.equals(COMPLETION_STAGE)) {
            return CallRewrites.POINT_BEFORE;
        }
        return new Rewrite(EXECUTOR_HOOKS, (future ? "async" : "asyncStage") + args.length,
                "(" + OBJECT.repeat(args.length + 1) + "I)" + result);
    }
}
