package dev.smpcheck.ipi;

import dev.smpcheck.check.Violation;
import dev.smpcheck.check.ViolationException;
import dev.smpcheck.schedule.Sched;
import java.util.concurrent.atomic.AtomicReference;
import org.apiguardian.api.API;

/**
 * A lock-free singly linked list of {@link CallSingleNode}s: the kernel's {@code struct llist_head} ({@code lib/llist.c},
 * {@code include/linux/llist.h}, v6.17). Used for each CPU's {@code call_single_queue} ({@link CallSingleQueue}) and
 * irq_work's per-CPU {@code raised_list}.
 *
 * <h2>Operations and their steps</h2>
 * <ul>
 *   <li>{@code llist_add}: push one node with a compare-and-set loop; <b>returns whether the list was empty</b>, which
 *       tells the caller it owes the owner an interrupt. One atomic step.</li>
 *   <li>{@code llist_del_all}: take the whole chain with one exchange, newest first. One atomic step.</li>
 *   <li>{@code llist_reverse_order}: reverse a detached chain, so a consumer can run it oldest first. Local, no
 *       step.</li>
 * </ul>
 * Both atomic operations are fully ordered in the kernel; here they are a volatile compare-and-set and a volatile
 * exchange on the head, which pair with each other.
 *
 * <h2>Oracle</h2>
 * {@code llist_add} of a node that is still on a list (this one or another, and not yet unlinked by its consumer)
 * throws a {@link Violation#LIST_CORRUPTION} naming both enqueuers: in the kernel it would make a cycle or lose
 * entries.
 *
 * <p>The list works outside a controlled execution too: the schedule points are then no-ops and the operations are
 * real lock-free atomics.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public class LlistHead {

    /**
     * Ghost bookkeeping run inside {@code llist_add}'s atomic step, after the check that the node is on no list and
     * before the push. It may refuse the add by throwing a {@link ViolationException}; the list is then unchanged.
     */
    interface EnqueueHook {
        /** The hook of a list nobody audits. */
        EnqueueHook NONE = (list, node, via) -> { };

        void beforePublish(LlistHead list, CallSingleNode node, String via);
    }

    private final String name;
    private final EnqueueHook hook;
    /** The {@code llist_head}'s first pointer. */
    private final AtomicReference<CallSingleNode> first = new AtomicReference<>();

    LlistHead(String name, EnqueueHook hook) {
        this.name = name;
        this.hook = hook;
    }

    /**
     * {@code llist_empty()}: a racy peek, as in the kernel (no schedule point, no ordering). Safe to call from a
     * wait condition.
     *
     * @return whether the list is empty now
     */
    public final boolean isEmpty() {
        return first.get() == null;
    }

    /** @return the number of nodes on the list now (a model-side count, for tests and reports) */
    public final int size() {
        int n = 0;
        for (CallSingleNode p = first.get(); p != null; p = p.next) {
            n++;
        }
        return n;
    }

    /**
     * {@code llist_add(node, head)}: one atomic step.
     *
     * @param node the node to push, not on any list
     * @param via the kernel function doing the add, for reports
     * @return whether the list was empty before the push
     * @throws ViolationException {@link Violation#LIST_CORRUPTION} when {@code node} is still on a list
     */
    final boolean add(CallSingleNode node, String via) {
        Sched.point("llist_add", this, node);
        String me = describeCaller(via);
        LlistHead already = node.onList();
        if (already == null) {
            // The hook's own checks run before the node is marked as ours, so a refused add leaves no trace.
            hook.beforePublish(this, node, me);
            already = node.claimList(this, me);
        }
        if (already != null) {
            throw new ViolationException(Violation.LIST_CORRUPTION, "llist_add of " + node + " to " + this + " by "
                    + me + ", but " + node + " is still on " + already + ", added there by " + node.enqueuer()
                    + " and not yet unlinked by a flush; the second add would link the node to itself or lose the "
                    + "entries behind it");
        }
        for (;;) {
            CallSingleNode head = first.get();
            node.next = head;
            // Volatile compare-and-set: publishes node.next and everything the enqueuer wrote before (func, info,
            // flags); pairs with the exchange in delAll().
            if (first.compareAndSet(head, node)) {
                return head == null;
            }
        }
    }

    /**
     * {@code llist_del_all(head)}: one atomic step that detaches the whole chain.
     *
     * @return the chain, newest first, or {@code null}
     */
    final CallSingleNode delAll() {
        Sched.point("llist_del_all", this);
        // Volatile exchange: pairs with the compare-and-set of every add it takes, so all the enqueuers' stores
        // before their adds are visible to the consumer.
        return first.getAndSet(null);
    }

    /**
     * {@code llist_reverse_order()}: reverses a detached chain in place. Local to the caller; no step.
     *
     * @param head a chain that no other thread can reach, may be {@code null}
     * @return the reversed chain, oldest first
     */
    static CallSingleNode reverseOrder(CallSingleNode head) {
        CallSingleNode reversed = null;
        while (head != null) {
            CallSingleNode rest = head.next;
            head.next = reversed;
            reversed = head;
            head = rest;
        }
        return reversed;
    }

    private static String describeCaller(String via) {
        String who = Sched.currentThreadName();
        if (who == null) {
            who = Thread.currentThread().getName();
        }
        var cpu = Sched.currentCpu();
        String context = cpu != null && cpu.inInterrupt() ? " in irq" : "";
        return who + context + " (" + via + ")";
    }

    @Override
    public final String toString() {
        return name;
    }
}
