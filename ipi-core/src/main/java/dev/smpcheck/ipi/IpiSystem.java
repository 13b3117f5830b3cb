package dev.smpcheck.ipi;

import dev.smpcheck.schedule.Cpu;
import dev.smpcheck.schedule.Sched;
import dev.smpcheck.schedule.Smp;
import java.util.List;
import java.util.Objects;
import org.apiguardian.api.API;

/**
 * The cross-call subsystem of one schedule: the model of {@code kernel/smp.c} at the pinned <b>v6.17</b> baseline, or
 * of one of the historical designs in {@link Variant}. Boot a fresh one inside every schedule's body.
 *
 * <pre>{@code
 * IpiSystem ipi = IpiSystem.boot(smp, Variant.V6_17);
 * smp.onCpu(0, cpu -> ipi.callFunctionSingle(1, info -> done[0] = true, true));
 * }</pre>
 *
 * <h2>What boot sets up</h2>
 For every CPU: its {@code call_single_queue} ({@link CallSingleQueue}), its {@code csd_data} (the csd of no-wait
 * single calls), its {@code cfd_data} (one csd per destination, for many-calls), its irq_work {@code raised_list}, and
 * four interrupt vectors: {@code CALL_FUNCTION_SINGLE} and {@code CALL_FUNCTION}, whose handlers run the flush,
 * {@code IRQ_WORK} (irq_work's self-IPI) and {@code CPU_STOP} (the stopper of a CPU being taken down). It also
 * registers after-all checks that every enqueued csd ran ({@code LOST_CALL}) and every coalesced request was served
 * ({@code LOST_UPDATE}). The other oracles run inside the model's steps; see the package documentation.
 *
 * <h2>The API, by kernel function</h2>
 * <ul>
 *   <li>one CPU: {@link #callFunctionSingle} ({@code smp_call_function_single}), {@link #callFunctionSingleAsync}
 *       ({@code smp_call_function_single_async}), {@link #callFunctionAny} ({@code smp_call_function_any});</li>
 *   <li>many CPUs: {@link #callFunctionMany} ({@code smp_call_function_many}), {@link #callFunction}
 *       ({@code smp_call_function}), {@link #onEachCpu}, {@link #onEachCpuMask}, {@link #onEachCpuCond},
 *       {@link #onEachCpuCondMask} ({@code on_each_cpu*});</li>
 *   <li>the 2014 pending-flag queue (seed 003): {@link #queueFunctionSingle};</li>
 *   <li>irq_work: {@link #newIrqWork}, {@link #irqWorkQueue}, {@link #irqWorkQueueOn}, {@link #irqWorkSync};</li>
 *   <li>the receive side from task context: {@link #flushSmpCallFunctionQueue};</li>
 *   <li>CPU hotplug: {@link #cpuDown}, {@link #cpuUp}, {@link #cpuState}.</li>
 * </ul>
 *
 * <h2>Requirements</h2>
 * Call {@link #boot} from a schedule's body (or any controlled code) and the call functions from code running on a
 * simulated CPU: a task put with {@link Smp#onCpu} or an interrupt handler. The same body also runs on real threads,
 * one per CPU, with {@link dev.smpcheck.schedule.FreeRun} (the stress mode {@link ScfTorture#runFree} uses); the
 * model's read-modify-write steps are real atomics for that reason. {@link Csd} and {@link CallSingleQueue} work on
 * any plain threads too.
 *
 * <h2>Warnings</h2>
 * The kernel's {@code WARN_ON} / {@code WARN_ON_ONCE} conditions are recorded in the trace and in {@link #warnings()}
 * and execution goes on, as in the kernel; {@link IpiOptions#withFailOnWarn} turns them into {@code KERNEL_WARN}
 * violations.
 *
 * <h2>Boot options</h2>
 * {@link #boot(Smp, Variant, IpiOptions)} takes CPUs to keep offline, the lost-IPI fault of catalogue C16, and
 * {@code CONFIG_CSD_LOCK_WAIT_DEBUG}'s IPI re-send; see {@link IpiOptions}.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class IpiSystem {

    /** The name of the single-target IPI vector, after x86's {@code CALL_FUNCTION_SINGLE_VECTOR}. */
    public static final String CALL_FUNCTION_SINGLE = "CALL_FUNCTION_SINGLE";

    /**
     * The name of the IPI vector {@code smp_call_function_many} sends when more than one CPU is owed an IPI, after
     * x86's {@code CALL_FUNCTION_VECTOR}. Its handler runs the same flush.
     */
    public static final String CALL_FUNCTION = "CALL_FUNCTION";

    private final Smp smp;
    private final Variant variant;
    private final int nrCpus;
    private final IpiOptions options;
    private final Hotplug hotplug;
    private final CallSingleQueue[] queues;
    private final Csd[] csdData;
    private final Csd[] destinationSlots;
    private final CallLedger ledger = new CallLedger();
    private final RequestLedger requests = new RequestLedger();
    private final CsdLock csdLock = new CsdLock(this);
    private final CallLock callLock = new CallLock(this);
    private final Flush flush;
    private final SingleCall single = new SingleCall(this);
    private final ManyCall many;
    private final PendingQueue pendingQueue = new PendingQueue(this);
    private final IrqWorks irqWorks;
    private final ArchIpi arch;
    private final KernelWarnings warnings;
    private int stackCsds;
    private int allocatedCsds;

    private IpiSystem(Smp smp, Variant variant, IpiOptions options) {
        this.smp = smp;
        this.variant = variant;
        this.nrCpus = smp.cpus();
        this.options = options;
        CpuMask offline = options.offlineCpus();
        if (offline.and(CpuMask.all(nrCpus)).weight() != offline.weight()) {
            throw new IllegalArgumentException("cannot boot CPUs " + offline.andNot(CpuMask.all(nrCpus))
                    + " offline: this schedule has CPUs 0.." + (nrCpus - 1));
        }
        this.warnings = new KernelWarnings(options.failOnWarn());
        this.queues = new CallSingleQueue[nrCpus];
        this.csdData = new Csd[nrCpus];
        this.destinationSlots = new Csd[nrCpus];
        for (int i = 0; i < nrCpus; i++) {
            queues[i] = new CallSingleQueue(i, ledger::enqueued);
            csdData[i] = Csd.perCpu("csd_data[CPU" + i + "]");
            destinationSlots[i] = Csd.perCpu("call_single_data[CPU" + i + "] (per destination)");
        }
        this.many = new ManyCall(this);
        this.flush = new Flush(this);
        this.arch = new ArchIpi(smp, flush, options.droppedIpis());
        this.irqWorks = new IrqWorks(this, smp);
        this.hotplug = new Hotplug(this, smp, offline);
        smp.afterAll(() -> ledger.checkAllRan(this::whyNotFlushed));
        smp.afterAll(requests::checkAllServed);
    }

    /**
     * Boots the model on this schedule's CPUs.
     *
     * @param smp the schedule's handle, never {@code null}
     * @param variant the design to run, never {@code null}
     * @param options offline CPUs, faults and debug switches, never {@code null}
     * @return the booted system
     * @throws IllegalArgumentException when an offline CPU is not a CPU of this schedule
     */
    public static IpiSystem boot(Smp smp, Variant variant, IpiOptions options) {
        Objects.requireNonNull(smp, "smp");
        Objects.requireNonNull(variant, "variant");
        return new IpiSystem(smp, variant, Objects.requireNonNull(options, "options"));
    }

    /**
     * Boots the model on this schedule's CPUs, with {@link IpiOptions#defaults()} but for the offline CPUs.
     *
     * @param smp the schedule's handle, never {@code null}
     * @param variant the design to run, never {@code null}
     * @param offlineCpus CPUs that stay offline (calls to them return {@code -ENXIO}); none by default
     * @return the booted system
     */
    public static IpiSystem boot(Smp smp, Variant variant, int... offlineCpus) {
        return boot(smp, variant, IpiOptions.defaults().withOfflineCpus(offlineCpus));
    }

    /**
     * {@code smp_call_function_single(cpu, func, info, wait)}: runs {@code func(info)} on {@code cpu}.
     *
     * <ul>
     *   <li>{@code cpu} is the calling CPU: {@code func} runs right away with irqs disabled.</li>
     *   <li>{@code cpu} is offline or not a CPU: nothing runs; returns {@code -ENXIO}.</li>
     *   <li>{@code wait}: an on-stack SYNC csd is queued, and the call returns only after {@code func} completed on
     *       {@code cpu} (everything it wrote is then visible).</li>
     *   <li>no wait: this CPU's {@code csd_data} is locked (waiting, if needed, until the previous no-wait call from
     *       this CPU was unlocked by its target) and queued; {@code func} runs later.</li>
     * </ul>
     * WARNs (once) when called with irqs disabled, which can deadlock, or from interrupt context.
     *
     * @param cpu the target CPU
     * @param func the function, never {@code null}
     * @param info its argument, may be {@code null}
     * @param wait whether to wait until {@code func} completed
     * @return 0 or {@code -Errno.ENXIO}
     */
    public int callFunctionSingle(int cpu, SmpCallFunc func, Object info, boolean wait) {
        Objects.requireNonNull(func, "func");
        return single.callFunctionSingle(cpu, func, info, wait);
    }

    /**
     * As {@link #callFunctionSingle(int, SmpCallFunc, Object, boolean)} with {@code info = null}.
     *
     * @param cpu the target CPU
     * @param func the function, never {@code null}
     * @param wait whether to wait until {@code func} completed
     * @return 0 or {@code -Errno.ENXIO}
     */
    public int callFunctionSingle(int cpu, SmpCallFunc func, boolean wait) {
        return callFunctionSingle(cpu, func, null, wait);
    }

    /**
     * {@code smp_call_function_single_async(cpu, csd)}: queues the caller's own csd (made with {@link #newCsd}) to
     * {@code cpu} without waiting; allowed with irqs disabled.
     *
     * <p>Claims the csd by setting {@code LOCK}. In the baseline this is a plain test and a plain store, not atomic, so
     * the caller must serialise all uses of one csd; if the csd is still locked the call returns {@code -EBUSY}, which
     * promises that its pending run happens after this call returned. {@link Variant#PRE_5_7_ASYNC_WARN_WAIT} instead
     * WARNs and waits, {@link Variant#ATOMIC_ASYNC} claims atomically.
     *
     * @param cpu the target CPU
     * @param csd the caller's csd, never {@code null}
     * @return 0, {@code -Errno.EBUSY} or {@code -Errno.ENXIO}
     */
    public int callFunctionSingleAsync(int cpu, Csd csd) {
        Objects.requireNonNull(csd, "csd");
        return single.callFunctionSingleAsync(cpu, csd);
    }

    /**
     * {@code smp_call_function_many(mask, func, info, wait)}: runs {@code func(info)} on every <em>other</em> online
     * CPU in {@code mask}, never on the calling CPU even if it is in the mask.
     *
     * <p>The destinations are {@code mask ∩ online − this CPU}, read once (in one step) at the start; CPUs added to the
     * mask later are not called. Each destination gets this CPU's csd for it, locked with {@code csd_lock} (which
     * waits until this CPU's previous call to that destination was unlocked there). With {@code wait}, returns only
     * after {@code func} completed everywhere. The kernel requires the caller to have preemption disabled; the model
     * disables it itself. WARNs (once) with irqs disabled or from interrupt context.
     *
     * @param mask the candidate CPUs, never {@code null}; may be changed by other CPUs meanwhile
     * @param func the function, never {@code null}
     * @param info its argument, may be {@code null}
     * @param wait whether to wait until {@code func} completed on every destination
     */
    public void callFunctionMany(CpuMask mask, SmpCallFunc func, Object info, boolean wait) {
        many.manyCond(Objects.requireNonNull(mask, "mask"), Objects.requireNonNull(func, "func"), info,
                wait ? ManyCall.SCF_WAIT : 0, null, "smp_call_function_many");
    }

    /**
     * {@code smp_call_function(func, info, wait)}: {@link #callFunctionMany} to every online CPU but this one.
     *
     * @param func the function, never {@code null}
     * @param info its argument, may be {@code null}
     * @param wait whether to wait until {@code func} completed everywhere
     */
    public void callFunction(SmpCallFunc func, Object info, boolean wait) {
        many.manyCond(cpuOnlineMask(), Objects.requireNonNull(func, "func"), info, wait ? ManyCall.SCF_WAIT : 0,
                null, "smp_call_function");
    }

    /**
     * {@code on_each_cpu_cond_mask(cond, func, info, wait, mask)}: runs {@code func(info)} on every online CPU in
     * {@code mask} for which {@code cond} holds, <em>including</em> the calling CPU (with irqs disabled, after the
     * IPIs to the others were sent). The other forms of {@code on_each_cpu} are this one with defaults.
     *
     * @param cond which CPUs to call, evaluated on the calling CPU; {@code null} for all
     * @param func the function, never {@code null}
     * @param info its argument, may be {@code null}
     * @param wait whether to wait until {@code func} completed on the other CPUs
     * @param mask the candidate CPUs, never {@code null}
     */
    public void onEachCpuCondMask(SmpCondFunc cond, SmpCallFunc func, Object info, boolean wait, CpuMask mask) {
        many.manyCond(Objects.requireNonNull(mask, "mask"), Objects.requireNonNull(func, "func"), info,
                ManyCall.SCF_RUN_LOCAL | (wait ? ManyCall.SCF_WAIT : 0), cond, "on_each_cpu_cond_mask");
    }

    /**
     * {@code on_each_cpu(func, info, wait)}: {@link #onEachCpuCondMask} on every online CPU.
     *
     * @param func the function, never {@code null}
     * @param info its argument, may be {@code null}
     * @param wait whether to wait until {@code func} completed on the other CPUs
     */
    public void onEachCpu(SmpCallFunc func, Object info, boolean wait) {
        onEachCpuCondMask(null, func, info, wait, cpuOnlineMask());
    }

    /**
     * {@code on_each_cpu_mask(mask, func, info, wait)}: {@link #onEachCpuCondMask} with no condition.
     *
     * @param mask the candidate CPUs, never {@code null}
     * @param func the function, never {@code null}
     * @param info its argument, may be {@code null}
     * @param wait whether to wait until {@code func} completed on the other CPUs
     */
    public void onEachCpuMask(CpuMask mask, SmpCallFunc func, Object info, boolean wait) {
        onEachCpuCondMask(null, func, info, wait, mask);
    }

    /**
     * {@code on_each_cpu_cond(cond, func, info, wait)}: {@link #onEachCpuCondMask} on every online CPU.
     *
     * @param cond which CPUs to call, evaluated on the calling CPU; {@code null} for all
     * @param func the function, never {@code null}
     * @param info its argument, may be {@code null}
     * @param wait whether to wait until {@code func} completed on the other CPUs
     */
    public void onEachCpuCond(SmpCondFunc cond, SmpCallFunc func, Object info, boolean wait) {
        onEachCpuCondMask(cond, func, info, wait, cpuOnlineMask());
    }

    /**
     * {@code smp_call_function_any(mask, func, info, wait)}: runs {@code func(info)} on one online CPU of
     * {@code mask}: the calling CPU if it is in the mask, else the nearest (v6.17: NUMA-nearest; the model has one
     * node, so the lowest-numbered online CPU of the mask).
     *
     * @param mask the candidate CPUs, never {@code null}
     * @param func the function, never {@code null}
     * @param info its argument, may be {@code null}
     * @param wait whether to wait until {@code func} completed
     * @return 0, or {@code -Errno.ENXIO} when no CPU of the mask is online
     */
    public int callFunctionAny(CpuMask mask, SmpCallFunc func, Object info, boolean wait) {
        Objects.requireNonNull(mask, "mask");
        Cpu me = thisCpu("smp_call_function_any");
        getCpu(me);
        try {
            int target = mask.test(me.id()) ? me.id() : mask.and(cpuOnlineMask()).firstCpu();
            return callFunctionSingle(target < 0 ? nrCpus : target, func, info, wait);
        } finally {
            putCpu(me);
        }
    }

    /**
     * Seed 003's {@code smp_queue_function_single(cpu, func, qsd)}: queues {@code func(qsd)} to run on {@code cpu},
     * unless a run is already pending, without waiting for anything; callers need not serialise their requests.
     *
     * <p>A request that finds {@code qsd} pending returns 0 at once and is <em>coalesced</em>: the pending run starts
     * after it and so sees everything the caller wrote before the request. The model checks that promise
     * ({@code LOST_UPDATE} otherwise). Never merged in this form; it became irq_work's remote queueing in v3.16.
     *
     * @param cpu the target CPU; not offline ("this must not be called on offline CPUs")
     * @param func the function, never {@code null}
     * @param qsd the queue data, made with {@link #newQueueSingleData}, never {@code null}
     * @return 0 when queued or already pending, or {@code -Errno.ENXIO}
     */
    public int queueFunctionSingle(int cpu, SmpQueueFunc func, QueueSingleData qsd) {
        Objects.requireNonNull(func, "func");
        Objects.requireNonNull(qsd, "qsd");
        return pendingQueue.queueFunctionSingle(cpu, func, qsd);
    }

    /**
     * @param name shown in traces and reports, never {@code null}
     * @return a queue descriptor for {@link #queueFunctionSingle}, not pending
     */
    public QueueSingleData newQueueSingleData(String name) {
        return new QueueSingleData(name);
    }

    /**
     * {@code init_irq_work(work, func)}.
     *
     * @param name shown in traces and reports, never {@code null}
     * @param func the function, never {@code null}
     * @return an idle work
     */
    public IrqWork newIrqWork(String name, IrqWorkFunc func) {
        return new IrqWork(name, func);
    }

    /**
     * {@code irq_work_queue(work)}: queues {@code work} on the calling CPU, where an {@code IRQ_WORK} self-interrupt
     * runs it once irqs are enabled. Allowed in any context, irqs disabled included.
     *
     * @param work the work, never {@code null}
     * @return true if queued; false if it was already pending (coalesced: the pending run sees the caller's earlier
     *     writes)
     */
    public boolean irqWorkQueue(IrqWork work) {
        return irqWorks.queue(Objects.requireNonNull(work, "work"));
    }

    /**
     * {@code irq_work_queue_on(work, cpu)}: queues {@code work} on {@code cpu}; on another CPU it travels on that
     * CPU's {@code call_single_queue}. WARNs (once) if {@code cpu} is offline: the work then waits until the CPU comes
     * back.
     *
     * @param work the work, never {@code null}
     * @param cpu the target CPU, 0 to {@code nrCpus() - 1}
     * @return true if queued; false if it was already pending (coalesced)
     */
    public boolean irqWorkQueueOn(IrqWork work, int cpu) {
        return irqWorks.queueOn(Objects.requireNonNull(work, "work"), cpu);
    }

    /**
     * {@code irq_work_sync(work)}: waits until {@code work} is not busy (not queued, not running), so that it may be
     * freed. Call with irqs enabled (WARNs otherwise).
     *
     * @param work the work, never {@code null}
     */
    public void irqWorkSync(IrqWork work) {
        irqWorks.sync(Objects.requireNonNull(work, "work"));
    }

    /**
     * {@code remove_cpu(cpu)}: takes {@code cpu} down with {@code stop_machine}. Waits until no online CPU is inside a
     * preempt- or irq-disabled region (where senders check {@code cpu_online()} and queue), then the outgoing CPU leaves
     * the online mask, flushes its queue and irq_works (DYING), and dies (OFFLINE). Later calls to it get
     * {@code -ENXIO}; anything that still runs there is an {@code OFFLINE_EXECUTION}.
     *
     * <p>Call it from another CPU's task or from a plain controlled thread ({@link Smp#thread}), not from {@code cpu}
     * itself: the model cannot migrate the caller.
     *
     * @param cpu the CPU to take down, 0 to {@code nrCpus() - 1}
     * @return 0 (also when it was offline already), or {@code -Errno.EBUSY} when it is the last online CPU
     */
    public int cpuDown(int cpu) {
        return hotplug.cpuDown(cpu);
    }

    /**
     * {@code add_cpu(cpu)}: brings an offline CPU back online; calls to it are queued again.
     *
     * @param cpu the CPU, 0 to {@code nrCpus() - 1}
     * @return 0
     */
    public int cpuUp(int cpu) {
        return hotplug.cpuUp(cpu);
    }

    /**
     * @param cpu a CPU, 0 to {@code nrCpus() - 1}
     * @return its hotplug state now
     */
    public CpuState cpuState(int cpu) {
        return hotplug.state(cpu);
    }

    /** @return the options this system was booted with */
    public IpiOptions options() {
        return options;
    }

    /**
     * {@code flush_smp_call_function_queue()}: the calling CPU flushes its own queue from task context, as the idle
     * loop and the stopper do; nothing happens if the queue is empty.
     */
    public void flushSmpCallFunctionQueue() {
        flush.fromTask(thisCpu("flush_smp_call_function_queue"));
    }

    /**
     * {@code INIT_CSD(csd, func, info)}: a csd owned by the caller, for {@link #callFunctionSingleAsync}.
     *
     * @param name shown in traces and reports, never {@code null}
     * @param func the function, never {@code null}
     * @param info its argument, may be {@code null}
     * @return an unlocked csd
     */
    public Csd newCsd(String name, SmpCallFunc func, Object info) {
        return Csd.init(name, func, info);
    }

    /**
     * As {@link #newCsd(String, SmpCallFunc, Object)} with {@code info = null}.
     *
     * @param name shown in traces and reports, never {@code null}
     * @param func the function, never {@code null}
     * @return an unlocked csd
     */
    public Csd newCsd(String name, SmpCallFunc func) {
        return newCsd(name, func, null);
    }

    /** @return the design this system runs */
    public Variant variant() {
        return variant;
    }

    /** @return {@code nr_cpu_ids}: the number of CPUs */
    public int nrCpus() {
        return nrCpus;
    }

    /**
     * @param cpu a CPU number
     * @return {@code cpu_online(cpu)}; false for a number that is not a CPU
     */
    public boolean cpuOnline(int cpu) {
        return hotplug.isOnline(cpu);
    }

    /** @return {@code cpu_online_mask}: a copy of the set of online CPUs now */
    public CpuMask cpuOnlineMask() {
        CpuMask mask = CpuMask.none();
        for (int cpu = 0; cpu < nrCpus; cpu++) {
            if (hotplug.isOnline(cpu)) {
                mask.set(cpu);
            }
        }
        return mask;
    }

    /**
     * @param cpu a CPU, 0 to {@code nrCpus() - 1}
     * @return its {@code call_single_queue}
     */
    public CallSingleQueue callSingleQueue(int cpu) {
        return queues[cpu];
    }

    /**
     * @param cpu a CPU, 0 to {@code nrCpus() - 1}
     * @return its {@code csd_data}
     */
    public Csd csdData(int cpu) {
        return csdData[cpu];
    }

    /** @return the kernel warnings recorded so far, oldest first (a copy) */
    public List<String> warnings() {
        return warnings.messages();
    }

    /** @return how many csds were added to a {@code call_single_queue} so far */
    public int enqueuedCalls() {
        return ledger.enqueuedCount();
    }

    /** @return how many of those ran to completion so far */
    public int completedCalls() {
        return ledger.completedCount();
    }

    /**
     * @return how many {@link #queueFunctionSingle} and irq_work requests found their work pending and were coalesced
     *     into the pending run so far (ghost state)
     */
    public int coalescedRequests() {
        return requests.coalescedCount();
    }

    /**
     * @return the most csds that were ever enqueued and not yet started at one time (ghost state): 1 under
     *     {@link Variant#GENERIC_IPI_2008_GLOBAL_LOCK}, which lets one call proceed at a time
     */
    public int maxCallsInFlight() {
        return ledger.maxInFlight();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // For the model's own classes.

    CsdLock csdLock() {
        return csdLock;
    }

    CallLock callLock() {
        return callLock;
    }

    Cfd cfd(int cpu) {
        return many.cfd(cpu);
    }

    /** The shared per-destination csd of {@link Variant#PER_DESTINATION_LOCK_2009}. */
    Csd destinationSlot(int cpu) {
        return destinationSlots[cpu];
    }

    /**
     * {@code get_cpu()} / {@code preempt_disable()} around a cross-call: not while {@code stop_machine} runs (the task
     * would be held behind its stopper), and never on a dead CPU.
     */
    void getCpu(Cpu me) {
        hotplug.enterNonPreemptible(me, "preempt_disable");
        me.preemptDisable();
    }

    /**
     * {@code preempt_disable()} for a task that could migrate: false, and nothing disabled, if this CPU died while the
     * task waited behind {@code stop_machine}.
     */
    boolean tryGetCpu(Cpu me) {
        if (!hotplug.enterIfAlive(me)) {
            return false;
        }
        me.preemptDisable();
        return true;
    }

    /** {@code put_cpu()} / {@code preempt_enable()}. */
    void putCpu(Cpu me) {
        me.preemptEnable();
    }

    Flush flush() {
        return flush;
    }

    CallLedger ledger() {
        return ledger;
    }

    RequestLedger requests() {
        return requests;
    }

    IrqWorks irqWorks() {
        return irqWorks;
    }

    int genericExecSingle(Cpu me, int cpu, Csd csd, String via) {
        return single.genericExecSingle(me, cpu, csd, via);
    }

    /**
     * {@code __smp_call_single_queue(cpu, node)}: the IPI is owed only when {@code llist_add} found the queue empty;
     * otherwise an IPI is already on its way (or the target is flushing) and will find this entry too. The arch IPI
     * must make the add visible to the handler, which the engine's hand-off does.
     */
    void smpCallSingleQueue(int cpu, CallSingleNode node, String via) {
        boolean wasEmpty = queues[cpu].add(node, via);
        if (variant.has(Design.QueueTrace.AFTER_ADD) && node instanceof Csd csd) {
            // The tracepoint reads func after the add, when the target may already have run and unlocked the csd
            // (a polling idle CPU flushes without an IPI) and its owner may have reused it (C22). v6.4+ reads it
            // before the add, while the csd is still the sender's.
            CallLedger.Ticket enqueue = csd.ticket;
            Sched.point("trace_csd_queue_cpu", csd);
            CallLedger.checkAccess(enqueue, csd, "CPU" + Sched.currentCpu().id() + " in trace_csd_queue_cpu",
                    "read func");
        }
        if (wasEmpty) {
            sendCallFunctionSingleIpi(cpu);
        }
    }

    Cpu cpu(int id) {
        return smp.cpu(id);
    }

    /** @return the CPU the caller runs on ({@code smp_processor_id()}) */
    Cpu thisCpu(String function) {
        Cpu me = Sched.currentCpu();
        if (me == null) {
            throw new IllegalStateException(function + " must be called on a simulated CPU (a task put with "
                    + "Smp.onCpu, an interrupt handler, or a thread bound with CpuSession), not from "
                    + (Sched.isControlled() ? Sched.currentThreadName() : "an uncontrolled thread"));
        }
        if (me.id() >= nrCpus || smp.cpu(me.id()) != me) {
            throw new IllegalStateException(function + " called on " + me + " of another schedule, run or session "
                    + "than the one " + this + " was booted on");
        }
        hotplug.checkAlive(me, function);
        return me;
    }

    /** Why an entry is still on {@code cpu}'s queue after the schedule, for the {@code LOST_CALL} report. */
    private String whyNotFlushed(int cpu) {
        if (hotplug.state(cpu) == CpuState.OFFLINE) {
            return "CPU" + cpu + " is offline";
        }
        int lost = arch.lostTo(cpu);
        return lost > 0 ? lost + " IPI(s) to CPU" + cpu + " were lost (fault injection)"
                : "no IPI is pending to flush it";
    }

    Csd newStackCsd(int src, int dst, SmpCallFunc func, Object info) {
        return Csd.onStack("stack csd #" + (++stackCsds) + " of CPU" + src + " for CPU" + dst, func, info);
    }

    Csd newAllocatedCsd(int src, int dst, SmpCallFunc func, Object info) {
        return Csd.allocated("kmalloc csd #" + (++allocatedCsds) + " of CPU" + src + " for CPU" + dst, func, info);
    }

    /** {@code send_call_function_single_ipi(cpu)}. */
    void sendCallFunctionSingleIpi(int cpu) {
        arch.sendSingle(cpu);
    }

    /** {@code send_call_function_ipi_mask(mask)}. */
    void sendCallFunctionIpiMask(CpuMask mask) {
        arch.sendMask(mask);
    }

    /** @return whether a cross-call IPI is pending on {@code cpu} now */
    boolean ipiPending(int cpu) {
        return arch.pending(cpu);
    }

    /** {@code WARN_ON}: records the warning every time. */
    void warn(String message) {
        warnings.warn(message);
    }

    /** {@code WARN_ON_ONCE}: records the warning the first time {@code site} fires in this system. */
    void warnOnce(String site, String message) {
        warnings.warnOnce(site, message);
    }

    @Override
    public String toString() {
        return "IpiSystem[" + variant + ", " + nrCpus + " CPUs]";
    }
}
