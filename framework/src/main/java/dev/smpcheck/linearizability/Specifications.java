package dev.smpcheck.linearizability;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apiguardian.api.API;

/**
 * Ready-made sequential specifications of common objects. Values may be any objects with value equality, including
 * {@code null}; record operations under the names listed for each.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Specifications {
    private Specifications() {}

    /**
     * A read/write register: {@code write(v)} (void) and {@code read() -> v}.
     *
     * @param initial the value before any write, may be {@code null}
     * @return the specification; its state is the current value
     */
    public static SequentialSpec<Optional<Object>> register(Object initial) {
        return SequentialSpec.of(Optional.ofNullable(initial), (v, op) -> switch (op.name()) {
            case "write" -> Transition.returns(Optional.ofNullable(op.arg(0)), null);
            case "read" -> Transition.returns(v, v.orElse(null));
            default -> throw unknown("register", op, "write, read");
        });
    }

    /**
     * A FIFO queue, initially empty: {@code enq(x)} (void) and {@code deq() -> head}, or {@code null} when empty; or,
     * as {@link java.util.Queue} names them, {@code offer(x) -> true} and {@code poll()}.
     *
     * @return the specification; its state is the queue's content, head first
     */
    public static SequentialSpec<List<Object>> queue() {
        return SequentialSpec.of(List.of(), (q, op) -> switch (op.name()) {
            case "enq", "offer" -> Transition.returns(append(q, op.arg(0)), op.name().equals("offer") ? true : null);
            case "deq", "poll" -> q.isEmpty() ? Transition.returns(q, null)
                    : Transition.returns(q.subList(1, q.size()), q.get(0));
            default -> throw unknown("queue", op, "enq, deq, offer, poll");
        });
    }

    /**
     * A map with {@link java.util.Map}'s results, initially empty: {@code put(k, v) -> previous value},
     * {@code get(k) -> value}, {@code remove(k) -> previous value}, each {@code null} when the key was absent.
     * Operations on different keys are independent, so check large histories per key:
     * {@code Specifications.map().partitionedBy(op -> op.arg(0))}.
     *
     * @return the specification; its state is the map's content
     */
    public static SequentialSpec<Map<Object, Object>> map() {
        return SequentialSpec.of(Map.of(), (m, op) -> switch (op.name()) {
            case "put" -> Transition.returns(with(m, op.arg(0), op.arg(1), true), m.get(op.arg(0)));
            case "get" -> Transition.returns(m, m.get(op.arg(0)));
            case "remove" -> Transition.returns(with(m, op.arg(0), null, false), m.get(op.arg(0)));
            default -> throw unknown("map", op, "put, get, remove");
        });
    }

    /**
     * A lock-free stack that is emptied all at once, the kernel's {@code llist}, initially empty: {@code add(x) ->
     * wasEmpty} ({@code llist_add} returns whether the list was empty, which tells the caller it owes the consumer an
     * interrupt) and {@code delAll() -> elements}, the whole content newest first ({@code llist_del_all}), an empty list
     * when empty.
     *
     * @return the specification; its state is the content, newest first
     */
    public static SequentialSpec<List<Object>> llist() {
        return SequentialSpec.of(List.of(), (s, op) -> switch (op.name()) {
            case "add" -> Transition.returns(prepend(op.arg(0), s), s.isEmpty());
            case "delAll" -> Transition.returns(List.of(), s);
            default -> throw unknown("llist", op, "add, delAll");
        });
    }

    /**
     * A lock that is only ever tried, never waited for, initially free: {@code tryLock() -> acquired} takes it if it is
     * free, and {@code unlock()} (void) frees it, held or not. It is the claim of a csd's {@code CSD_FLAG_LOCK} by
     * {@code smp_call_function_single_async} (which returns -EBUSY when the claim fails) and its release by
     * {@code csd_unlock}; any claim flag with a release fits.
     *
     * @return the specification; its state is whether the lock is held
     */
    public static SequentialSpec<Boolean> tryLock() {
        return SequentialSpec.of(false, (held, op) -> switch (op.name()) {
            case "tryLock" -> Transition.returns(true, !held);
            case "unlock" -> Transition.returns(false, null);
            default -> throw unknown("tryLock", op, "tryLock, unlock");
        });
    }

    /** irq_work's {@code IRQ_WORK_PENDING}. */
    private static final int IRQ_WORK_PENDING = 0x01;
    /** irq_work's {@code IRQ_WORK_BUSY}. */
    private static final int IRQ_WORK_BUSY = 0x02;

    /**
     * The flags of a kernel {@code irq_work} with one runner, initially 0: {@code claim() -> claimed} is
     * {@code irq_work_claim}, an {@code atomic_fetch_or} of {@code PENDING | BUSY} that succeeds unless {@code PENDING}
     * was set (a failed claim is coalesced into the pending run); {@code run() -> ran} is the runner taking a pending
     * work and running it to the end ({@code irq_work_single}: clear {@code PENDING}, call the function, clear
     * {@code BUSY}), or finding nothing pending.
     *
     * <p>The run is one atomic step here. A claim during the function finds {@code PENDING} clear, succeeds, and
     * queues the next run, which is what this order says: the run, then the claim.
     *
     * @return the specification; its state is the flags word, {@code 0} or {@code PENDING | BUSY}
     */
    public static SequentialSpec<Integer> irqWork() {
        return SequentialSpec.of(0, (flags, op) -> switch (op.name()) {
            case "claim" -> Transition.returns(flags | IRQ_WORK_PENDING | IRQ_WORK_BUSY,
                    (flags & IRQ_WORK_PENDING) == 0);
            case "run" -> Transition.returns(0, (flags & IRQ_WORK_PENDING) != 0);
            default -> throw unknown("irqWork", op, "claim, run");
        });
    }

    /**
     * A work item that any number of requesters ask one consumer to run, coalescing requests while a run is pending:
     * the 2014 pending-flag queue ({@code smp_queue_function_single}), and irq_work queued on another CPU. Its promise
     * is that every request is followed by a run that sees what the requester wrote before asking. Here each requester
     * writes a token and each run takes every token there is, so the promise reads: every token is taken, exactly
     * once, by a run.
     *
     * <ul>
     *   <li>{@code request() -> 0}: leaves a token and makes a run pending (queued, or coalesced into the pending
     *       run; the caller cannot tell which, and the kernel function returns 0 either way).</li>
     *   <li>{@code flush() -> taken}: the consumer runs what is queued; the run takes every token and reports how many,
     *       or {@code null} when it took none (nothing was queued, or a run queued by a request whose token an earlier
     *       run already took). The object must flush only while no request is half-done: a request coalesced into a
     *       run that another request, still in flight, has not queued yet returns before that run can be found.</li>
     * </ul>
     * A design whose run reads the tokens before it stops coalescing loses the tokens of requests coalesced in between:
     * a later {@code flush} finds nothing queued, yet a completed request's token was never taken.
     *
     * @return the specification; its state is the number of tokens not yet taken
     */
    public static SequentialSpec<Integer> pendingQueue() {
        return SequentialSpec.of(0, (tokens, op) -> switch (op.name()) {
            case "request" -> Transition.returns(tokens + 1, 0);
            case "flush" -> Transition.returns(0, tokens == 0 ? null : tokens);
            default -> throw unknown("pendingQueue", op, "request, flush");
        });
    }

    private static List<Object> prepend(Object x, List<Object> s) {
        List<Object> next = new ArrayList<>(s.size() + 1);
        next.add(x);
        next.addAll(s);
        return Collections.unmodifiableList(next);
    }

    private static List<Object> append(List<Object> q, Object x) {
        List<Object> next = new ArrayList<>(q.size() + 1);
        next.addAll(q);
        next.add(x);
        return Collections.unmodifiableList(next);
    }

    private static Map<Object, Object> with(Map<Object, Object> m, Object key, Object value, boolean present) {
        Map<Object, Object> next = new HashMap<>(m);
        if (present) {
            next.put(key, value);
        } else {
            next.remove(key);
        }
        return Collections.unmodifiableMap(next);
    }

    private static IllegalArgumentException unknown(String object, Operation op, String known) {
        return new IllegalArgumentException("the " + object + " specification has no operation " + op.call()
                + "; it has " + known);
    }
}
