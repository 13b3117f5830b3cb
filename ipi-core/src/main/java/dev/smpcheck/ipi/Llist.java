package dev.smpcheck.ipi;

import java.util.ArrayList;
import java.util.List;
import org.apiguardian.api.API;

/**
 * An {@code llist} of numbered nodes on its own: the model's {@link LlistHead} ({@code llist_add} and
 * {@code llist_del_all}, v6.17), the list under every CPU's {@code call_single_queue}, with a fresh node for each add.
 * Checked against {@code Specifications.llist()}: {@code add} reports whether the list was empty (which decides
 * whether {@code __smp_call_single_queue} sends an IPI) and {@code delAll} hands out every node exactly once, newest
 * first.
 *
 * <pre>{@code
 * Llist list = new Llist();
 * list.add(1);      // true: the list was empty, the consumer is owed an interrupt
 * list.add(2);      // false
 * list.delAll();    // [2, 1]
 * }</pre>
 *
 * <p>Any number of threads may add and take at once. Each operation is one atomic step of the model, with the
 * model's schedule point before it, and the corruption oracle runs as in the model (it cannot fire here, since every
 * add uses a new node). Outside a controlled execution it works on plain threads too.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Llist {

    /** A node that carries a number, so that what {@code delAll} hands out can be compared with what was added. */
    private static final class Numbered extends CallSingleNode {
        final int value;

        Numbered(int value) {
            super(0);
            this.value = value;
        }

        @Override
        public String toString() {
            return "node " + value;
        }
    }

    private final LlistHead head = new LlistHead("llist", LlistHead.EnqueueHook.NONE);

    /** Makes an empty list. */
    public Llist() {}

    /**
     * {@code llist_add} of a new node carrying {@code value}.
     *
     * @param value the node's number
     * @return whether the list was empty before the add
     */
    public boolean add(int value) {
        return head.add(new Numbered(value), "llist_add");
    }

    /**
     * {@code llist_del_all}: takes every node at once.
     *
     * @return the numbers of the nodes taken, newest first; empty when the list was empty
     */
    public List<Integer> delAll() {
        List<Integer> taken = new ArrayList<>();
        for (CallSingleNode n = head.delAll(); n != null; n = n.next) {
            n.unlinked();
            taken.add(((Numbered) n).value);
        }
        return taken;
    }

    /** @return whether the list is empty now ({@code llist_empty}, a racy peek) */
    public boolean isEmpty() {
        return head.isEmpty();
    }

    @Override
    public String toString() {
        return "Llist[" + head.size() + " nodes]";
    }
}
