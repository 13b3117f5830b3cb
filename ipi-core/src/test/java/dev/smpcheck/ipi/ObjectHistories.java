package dev.smpcheck.ipi;

import dev.smpcheck.linearizability.History;
import dev.smpcheck.linearizability.Specifications;
import dev.smpcheck.schedule.ScheduleBody;
import dev.smpcheck.schedule.SpinLock;

/**
 * Schedule bodies that record a history of one of ipi-core's concurrent objects ({@link Llist}, {@link CsdClaim},
 * {@link IrqWorkClaim}, {@link PendingRequests}) on simulated CPUs and check it, once the schedule is over, against the
 * object's specification in {@link Specifications}: a non-linearizable history fails the schedule with
 * {@code NOT_LINEARIZABLE}.
 */
final class ObjectHistories {
    private ObjectHistories() {}

    /** CPU0 adds 1 and 2, CPU1 adds 3, CPU2 takes everything twice. */
    static ScheduleBody llist() {
        return smp -> {
            History h = new History();
            Llist list = new Llist();
            smp.onCpu(0, cpu -> {
                h.call("add", 1, () -> list.add(1));
                h.call("add", 2, () -> list.add(2));
            });
            smp.onCpu(1, cpu -> h.call("add", 3, () -> list.add(3)));
            smp.onCpu(2, cpu -> {
                h.call("delAll", list::delAll);
                h.call("delAll", list::delAll);
            });
            smp.afterAll(() -> h.check(Specifications.llist()));
        };
    }

    /** CPU0 claims, then releases (as the flush would); CPU1 claims twice. */
    static ScheduleBody csdClaim(Variant variant) {
        return smp -> {
            History h = new History();
            CsdClaim lock = CsdClaim.of(variant);
            smp.onCpu(0, cpu -> {
                h.call("tryLock", lock::tryLock);
                h.run("unlock", lock::unlock);
            });
            smp.onCpu(1, cpu -> {
                h.call("tryLock", lock::tryLock);
                h.call("tryLock", lock::tryLock);
            });
            smp.afterAll(() -> h.check(Specifications.tryLock()));
        };
    }

    /**
     * {@link #csdClaim} as the kernel asks callers to use {@code _async}: every use of the csd serialised, here by a
     * lock around each claim and release.
     */
    static ScheduleBody serialisedCsdClaim(Variant variant) {
        return smp -> {
            History h = new History();
            CsdClaim lock = CsdClaim.of(variant);
            SpinLock callers = new SpinLock("the csd owner's lock");
            for (int cpu = 0; cpu < 2; cpu++) {
                smp.onCpu(cpu, c -> {
                    callers.lock();
                    boolean mine = h.call("tryLock", lock::tryLock);
                    callers.unlock();
                    if (mine) {
                        callers.lock();
                        h.run("unlock", lock::unlock);
                        callers.unlock();
                    }
                });
            }
            smp.afterAll(() -> h.check(Specifications.tryLock()));
        };
    }

    /** CPU0 claims twice, CPU1 once; CPU2, whose raised_list would hold the work, runs it twice. */
    static ScheduleBody irqWork() {
        return smp -> {
            History h = new History();
            IrqWorkClaim work = new IrqWorkClaim();
            smp.onCpu(0, cpu -> {
                h.call("claim", work::claim);
                h.call("claim", work::claim);
            });
            smp.onCpu(1, cpu -> h.call("claim", work::claim));
            smp.onCpu(2, cpu -> {
                h.call("run", work::run);
                h.call("run", work::run);
            });
            smp.afterAll(() -> h.check(Specifications.irqWork()));
        };
    }

    /**
     * CPU0 and CPU1 each request once, once CPU2, the target, has disabled its irqs. CPU2 flushes once a request has
     * returned (so the other may race with the run), waits until both returned, and flushes again: every token must
     * have been taken by then. The history's check is registered
     * before the system boots, so it runs before the model's own after-all oracles (which report the wrong order as
     * {@code LOST_UPDATE}).
     */
    static ScheduleBody pendingQueue(Variant variant) {
        return smp -> {
            History h = new History();
            smp.afterAll(() -> h.check(Specifications.pendingQueue()));
            PendingRequests work = new PendingRequests(IpiSystem.boot(smp, variant), 2);
            int[] returned = {0};
            for (int sender = 0; sender < 2; sender++) {
                smp.onCpu(sender, cpu -> {
                    // The target starts polling first; an IPI taken before that would run the work outside a flush.
                    smp.awaitUntil("CPU2 polls with irqs disabled", () -> smp.cpu(2).irqsDisabled());
                    h.call("request", work::request);
                    returned[0]++;
                });
            }
            smp.onCpu(2, cpu -> {
                cpu.localIrqDisable();
                smp.awaitUntil("a request returned", () -> returned[0] >= 1);
                h.call("flush", work::flush);
                smp.awaitUntil("both requests returned", () -> returned[0] == 2);
                h.call("flush", work::flush);
                cpu.localIrqEnable();
            });
        };
    }
}
