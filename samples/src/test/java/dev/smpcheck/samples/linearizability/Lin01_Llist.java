package dev.smpcheck.samples.linearizability;

import dev.smpcheck.check.Violation;
import dev.smpcheck.ipi.Llist;
import dev.smpcheck.junit.SmpTest;
import dev.smpcheck.junit.lincheck.LincheckTest;
import dev.smpcheck.linearizability.History;
import dev.smpcheck.linearizability.SequentialObjects;
import dev.smpcheck.linearizability.Specifications;
import dev.smpcheck.schedule.Sched;
import dev.smpcheck.schedule.Smp;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.jetbrains.lincheck.datastructures.Operation;

/*
 * Linearizability 01: the llist under every CPU's call_single_queue, checked by both linearizability checkers.
 *
 * An llist is a stack that is emptied all at once: llist_add pushes with a compare-and-set and returns whether the
 * list was empty (the sender then owes the target an IPI), llist_del_all takes everything with one exchange. Its
 * sequential specification is Specifications.llist(). Both checkers check against it: our checker on the history an
 * @SmpTest records in every schedule, Lincheck on the scenarios it generates (SequentialObjects.Llist is the same
 * specification as the class Lincheck wants).
 *
 * The broken twin takes the list with a load and a separate store, as if llist_del_all were not an exchange: an add
 * between the two is lost, and the next add finds the list "empty" although a node went missing.
 *
 * How to run:   mvn -pl samples -am verify -Dtest=Lin01_Llist -Dsurefire.failIfNoSpecifiedTests=false
 *
 * Observed: the twin is NOT_LINEARIZABLE for both checkers (ours: within a few schedules of the bounded search;
 * Lincheck: within its first scenarios); ipi-core's llist is exhausted clean by ours and passes Lincheck.
 */
class Lin01_Llist {

    /** llist_del_all written as a load and a separate store, with a schedule point between them. */
    static final class LoadThenStoreLlist {
        private record Node(int value, Node next) {}

        private final AtomicReference<Node> first = new AtomicReference<>();

        boolean add(int value) {
            Sched.point("llist_add");
            for (;;) {
                Node head = first.get();
                if (first.compareAndSet(head, new Node(value, head))) {
                    return head == null;
                }
            }
        }

        List<Integer> delAll() {
            Sched.point("load first");
            Node taken = first.get();
            Sched.point("store null");
            first.set(null); // an add since the load is lost
            List<Integer> values = new ArrayList<>();
            for (Node n = taken; n != null; n = n.next()) {
                values.add(n.value());
            }
            return values;
        }
    }

    // ---- our checker: CPU0 and CPU1 add, CPU2 takes everything, in every schedule within 2 preemptions

    @SmpTest(cpus = 3, strategy = "dfs", schedules = 10_000, exhaustive = true)
    void ipiCoreLlistIsLinearizable(Smp smp) {
        Llist list = new Llist();
        record(smp, list::add, list::delAll);
    }

    @SmpTest(cpus = 3, strategy = "dfs", schedules = 10_000, expect = Violation.NOT_LINEARIZABLE)
    void brokenDelAllIsNotLinearizable(Smp smp) {
        LoadThenStoreLlist list = new LoadThenStoreLlist();
        record(smp, list::add, list::delAll);
    }

    interface Add {
        boolean add(int value);
    }

    interface DelAll {
        List<Integer> delAll();
    }

    private static void record(Smp smp, Add add, DelAll delAll) {
        History h = new History();
        smp.onCpu(0, cpu -> h.call("add", 1, () -> add.add(1)));
        smp.onCpu(1, cpu -> h.call("add", 2, () -> add.add(2)));
        smp.onCpu(2, cpu -> {
            h.call("delAll", delAll::delAll);
            h.call("add", 3, () -> add.add(3));
            h.call("delAll", delAll::delAll);
        });
        smp.afterAll(() -> h.check(Specifications.llist()));
    }

    // ---- Lincheck: its threads add and take in scenarios it generates

    /** An llist as Lincheck's operations class: any thread adds and takes. */
    public abstract static class Ops {
        private final Add add;
        private final DelAll delAll;

        Ops(Add add, DelAll delAll) {
            this.add = add;
            this.delAll = delAll;
        }

        @Operation
        public boolean add(int value) {
            return add.add(value);
        }

        @Operation
        public List<Integer> delAll() {
            return delAll.delAll();
        }
    }

    public static class LlistOps extends Ops {
        public LlistOps() {
            this(new Llist());
        }

        private LlistOps(Llist list) {
            super(list::add, list::delAll);
        }
    }

    public static class BrokenOps extends Ops {
        public BrokenOps() {
            this(new LoadThenStoreLlist());
        }

        private BrokenOps(LoadThenStoreLlist list) {
            super(list::add, list::delAll);
        }
    }

    @LincheckTest(operations = LlistOps.class, sequentialSpecification = SequentialObjects.Llist.class, iterations = 5,
            invocations = 200)
    void ipiCoreLlistPassesLincheck() {}

    @LincheckTest(operations = BrokenOps.class, sequentialSpecification = SequentialObjects.Llist.class,
            expect = Violation.NOT_LINEARIZABLE)
    void brokenDelAllFailsLincheck() {}
}
