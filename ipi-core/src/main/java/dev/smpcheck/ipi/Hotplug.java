package dev.smpcheck.ipi;

import dev.smpcheck.check.Violation;
import dev.smpcheck.check.ViolationException;
import dev.smpcheck.schedule.Cpu;
import dev.smpcheck.schedule.IrqVector;
import dev.smpcheck.schedule.Sched;
import dev.smpcheck.schedule.Smp;
import java.util.ArrayList;
import java.util.List;

/**
 * CPU hotplug as the cross-call code depends on it ({@code kernel/cpu.c} and {@code kernel/stop_machine.c}, v6.17;
 * the invariant is spelled out in ipi-spec §A.9 and the 2025 "smp: Document preemption and stop_machine() mutual
 * exclusion" comments).
 *
 * <h2>The invariant</h2>
 * A sender checks {@code cpu_online(target)} and queues with preemption disabled. Taking a CPU down runs
 * {@code stop_machine}, which needs every online CPU to run its stopper thread, so it cannot start while any CPU is
 * inside such a region. On the outgoing CPU the stopper runs {@code take_cpu_down} with irqs disabled: the CPU leaves
 * {@code cpu_online_mask} (DYING) and {@code smpcfd_dying_cpu()} flushes its queue and irq_works, so whatever a sender
 * queued before is run, and whatever comes later gets {@code -ENXIO}. Then the CPU dies (OFFLINE).
 *
 * <h2>How the model does it</h2>
 * {@link #cpuDown} waits until every online CPU is preemptible (preempt count 0, irqs enabled, not in a handler), then
 * marks {@code stop_machine} active: from then on a CPU entering a preempt-disabled region of the model waits, as it
 * would behind its stopper. The outgoing CPU's stopper is an interrupt vector ({@code CPU_STOP}), so it preempts that
 * CPU's task like the stopper thread would, but runs with {@code in_task()} false; that difference does not matter to
 * the flush. A dead CPU takes no IPIs: one delivered to it is lost. The model cannot migrate tasks, so a task that keeps
 * running model code on a CPU after it went OFFLINE is reported as {@link Violation#OFFLINE_EXECUTION}.
 */
final class Hotplug {

    /** The name of the vector that runs the outgoing CPU's stopper work. */
    static final String CPU_STOP = "CPU_STOP";

    private final IpiSystem system;
    private final Smp smp;
    private final CpuState[] state;
    private final IrqVector stopper;
    /** The CPU {@code stop_machine} is taking down, or -1 when no {@code stop_machine} is in progress. */
    private int dying = -1;

    Hotplug(IpiSystem system, Smp smp, CpuMask offline) {
        this.system = system;
        this.smp = smp;
        this.state = new CpuState[system.nrCpus()];
        for (int cpu = 0; cpu < state.length; cpu++) {
            state[cpu] = offline.test(cpu) ? CpuState.OFFLINE : CpuState.ONLINE;
        }
        this.stopper = smp.registerIrq(CPU_STOP, this::takeCpuDown);
    }

    CpuState state(int cpu) {
        return state[cpu];
    }

    boolean isOnline(int cpu) {
        return cpu >= 0 && cpu < state.length && state[cpu] == CpuState.ONLINE;
    }

    /**
     * {@code preempt_disable()} at the start of a cross-call: a task that is still preemptible while
     * {@code stop_machine} runs would be held behind its stopper, so it waits until {@code stop_machine} is over.
     * Afterwards the CPU must still be alive.
     */
    void enterNonPreemptible(Cpu me, String function) {
        if (!enterIfAlive(me)) {
            checkAlive(me, function);
        }
    }

    /**
     * As {@link #enterNonPreemptible}, for a caller that models a task able to migrate (the stress driver's invokers):
     * if the CPU died while the task waited behind {@code stop_machine}, that is not a violation but the moment the
     * task would have migrated.
     *
     * @return whether the CPU is alive, so the caller may disable preemption on it
     */
    boolean enterIfAlive(Cpu me) {
        if (dying >= 0 && me.inTask() && me.preemptCount() == 0) {
            Sched.awaitUntil("stop_machine (held behind the stopper)", null, () -> dying < 0,
                    () -> "stop_machine is taking CPU" + dying + " down");
        }
        return state[me.id()] != CpuState.OFFLINE;
    }

    /**
     * The oracle of "nothing runs while OFFLINE".
     *
     * @throws ViolationException {@link Violation#OFFLINE_EXECUTION} when {@code me} is offline
     */
    void checkAlive(Cpu me, String function) {
        if (state[me.id()] == CpuState.OFFLINE) {
            throw new ViolationException(Violation.OFFLINE_EXECUTION, function + " runs on CPU" + me.id()
                    + ", which is offline (a dead CPU runs nothing; the model cannot migrate a task off it)");
        }
    }

    /** {@code remove_cpu(cpu)}; see {@link IpiSystem#cpuDown}. */
    int cpuDown(int cpu) {
        checkCpu(cpu, "cpu_down");
        Cpu caller = Sched.currentCpu();
        if (caller != null && caller.id() == cpu) {
            throw new IllegalStateException("cpu_down(CPU" + cpu + ") called from CPU" + cpu + " itself: the model "
                    + "cannot migrate the caller off the CPU it takes down; call it from another CPU or from a plain "
                    + "thread (Smp.thread)");
        }
        if (caller != null && (caller.preemptCount() != 0 || caller.irqsDisabled() || caller.inInterrupt())) {
            system.warnOnce("cpu_down:might_sleep", "cpu_down called from CPU" + caller.id()
                    + " in atomic context: it sleeps (and waits for every CPU to be preemptible)");
        }
        Sched.point("cpu_down CPU" + cpu);
        if (state[cpu] != CpuState.ONLINE) {
            return 0;
        }
        if (system.cpuOnlineMask().weight() == 1) {
            return -Errno.EBUSY;
        }
        // stop_machine(): every online CPU must be able to run its stopper, so none may be inside a region with
        // preemption or irqs disabled, which is exactly where senders check cpu_online() and queue.
        Sched.awaitUntil("stop_machine: every CPU preemptible", null, this::allPreemptible, this::whoIsNot);
        dying = cpu;
        stopper.raise(smp.cpu(cpu));
        Sched.awaitUntil("stop_machine: take_cpu_down on CPU" + cpu, null, () -> state[cpu] == CpuState.OFFLINE,
                () -> "CPU" + cpu + " has not run its stopper (irqs " + (smp.cpu(cpu).irqsDisabled() ? "disabled"
                        : "enabled") + ")");
        dying = -1;
        return 0;
    }

    /** {@code add_cpu(cpu)}; see {@link IpiSystem#cpuUp}. */
    int cpuUp(int cpu) {
        checkCpu(cpu, "cpu_up");
        Sched.point("cpu_up CPU" + cpu);
        state[cpu] = CpuState.ONLINE;
        return 0;
    }

    /**
     * {@code take_cpu_down()}, run by the outgoing CPU's stopper with irqs disabled: leave {@code cpu_online_mask}
     * ({@code __cpu_disable}), run the DYING callbacks ({@code smpcfd_dying_cpu}: flush the queue without the offline
     * warning, then run irq_works), and die.
     */
    private void takeCpuDown(Cpu cpu) {
        int me = cpu.id();
        if (dying != me || state[me] != CpuState.ONLINE) {
            return;
        }
        Sched.point("take_cpu_down: __cpu_disable", cpu);
        state[me] = CpuState.DYING;
        if (system.variant().has(Design.DyingFlush.FLUSH)) {
            system.flush().flush(cpu, false);
            system.irqWorks().run(cpu);
        }
        Sched.point("cpuhp: dead", cpu);
        state[me] = CpuState.OFFLINE;
    }

    private boolean allPreemptible() {
        for (int cpu = 0; cpu < state.length; cpu++) {
            Cpu c = smp.cpu(cpu);
            if (state[cpu] == CpuState.ONLINE && (c.preemptCount() != 0 || c.irqsDisabled() || c.inInterrupt())) {
                return false;
            }
        }
        return true;
    }

    private String whoIsNot() {
        List<String> busy = new ArrayList<>();
        for (int cpu = 0; cpu < state.length; cpu++) {
            Cpu c = smp.cpu(cpu);
            if (state[cpu] == CpuState.ONLINE && c.preemptCount() != 0) {
                busy.add("CPU" + cpu + " has preemption disabled");
            } else if (state[cpu] == CpuState.ONLINE && (c.irqsDisabled() || c.inInterrupt())) {
                busy.add("CPU" + cpu + " has irqs disabled");
            }
        }
        return String.join(", ", busy);
    }

    private void checkCpu(int cpu, String function) {
        if (cpu < 0 || cpu >= state.length) {
            throw new IllegalArgumentException(function + "(CPU" + cpu + "): CPUs are 0.." + (state.length - 1));
        }
    }
}
