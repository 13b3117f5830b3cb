package dev.smpcheck.instrument;

import dev.smpcheck.instrument.CallRewrites.Rewrite;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.TransferQueue;
import net.bytebuddy.jar.asm.Type;

/**
 * The call rewrites for blocking queues ({@link JucRewrites} asks here). Replaced by {@link QueueHooks}: the methods
 * of a {@code BlockingQueue} that wait or that a model answers ({@code put}, {@code take}, {@code offer},
 * {@code poll}, timed or not, and {@code add}), those of a {@code BlockingDeque} that wait at either end, and those of
 * a {@code TransferQueue} that hand an item over or ask for waiting consumers. A point before every other call on a
 * JDK blocking queue: it is an atomic JDK call on shared state.
 */
final class QueueRewrites {
    private static final String QUEUE_HOOKS = Type.getInternalName(QueueHooks.class);
    private static final String OBJECT = "Ljava/lang/Object;";
    private static final String TIMEOUT = "JLjava/util/concurrent/TimeUnit;";

    /** Keys are name + descriptor. */
    private static final Map<String, String> QUEUE_METHODS = Map.of(
            "put(" + OBJECT + ")V", "put",
            "take()" + OBJECT, "take",
            "offer(" + OBJECT + TIMEOUT + ")Z", "offer",
            "poll(" + TIMEOUT + ")" + OBJECT, "poll",
            "offer(" + OBJECT + ")Z", "offer",
            "add(" + OBJECT + ")Z", "add",
            "poll()" + OBJECT, "poll");

    private static final Map<String, String> DEQUE_METHODS = Map.of(
            "putFirst(" + OBJECT + ")V", "putFirst",
            "putLast(" + OBJECT + ")V", "putLast",
            "takeFirst()" + OBJECT, "takeFirst",
            "takeLast()" + OBJECT, "takeLast",
            "offerFirst(" + OBJECT + TIMEOUT + ")Z", "offerFirst",
            "offerLast(" + OBJECT + TIMEOUT + ")Z", "offerLast",
            "pollFirst(" + TIMEOUT + ")" + OBJECT, "pollFirst",
            "pollLast(" + TIMEOUT + ")" + OBJECT, "pollLast");

    private static final Map<String, String> TRANSFER_METHODS = Map.of(
            "transfer(" + OBJECT + ")V", "transfer",
            "tryTransfer(" + OBJECT + ")Z", "tryTransfer",
            "tryTransfer(" + OBJECT + TIMEOUT + ")Z", "tryTransfer",
            "hasWaitingConsumer()Z", "hasWaitingConsumer",
            "getWaitingConsumerCount()I", "getWaitingConsumerCount");

    /**
     * The calls of a {@code DelayQueue} that take or add an element, which the model refuses
     * ({@link QueueHooks#delayQueue}). Erased to {@code Delayed}, their descriptors are not those of
     * {@link #QUEUE_METHODS}. {@code drainTo} asks the real clock which elements expired.
     */
    private static final Set<String> DELAY_QUEUE_METHODS = Set.of("put", "take", "offer", "poll", "add", "drainTo");
    private static final Rewrite DELAY_QUEUE = new Rewrite(QUEUE_HOOKS, "delayQueue", "(I)V", true);

    private QueueRewrites() {}

    /**
     * @param owner the internal name of the class or interface an instance call names, in {@code java.util.concurrent}
     * @return how to rewrite the call, or {@code null} when {@code owner} is no blocking queue
     */
    static Rewrite find(String owner, String name, String descriptor, TypeFacts facts) {
        if (!facts.isSubtype(owner, BlockingQueue.class)) {
            return null;
        }
        String key = name + descriptor;
        if (DELAY_QUEUE_METHODS.contains(name) && facts.isSubtype(owner, DelayQueue.class)) {
            return DELAY_QUEUE;
        }
        if (DEQUE_METHODS.containsKey(key) && facts.isSubtype(owner, BlockingDeque.class)) {
            return replace(DEQUE_METHODS.get(key), BlockingDeque.class, descriptor);
        }
        if (TRANSFER_METHODS.containsKey(key) && facts.isSubtype(owner, TransferQueue.class)) {
            return replace(TRANSFER_METHODS.get(key), TransferQueue.class, descriptor);
        }
        return QUEUE_METHODS.containsKey(key) ? replace(QUEUE_METHODS.get(key), BlockingQueue.class, descriptor)
                : CallRewrites.POINT_BEFORE;
    }

    private static Rewrite replace(String hook, Class<?> receiver, String descriptor) {
        return CallRewrites.replace(QUEUE_HOOKS, hook, Type.getDescriptor(receiver), descriptor);
    }
}
