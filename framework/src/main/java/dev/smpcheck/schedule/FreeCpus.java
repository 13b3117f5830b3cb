package dev.smpcheck.schedule;

import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.BooleanSupplier;

/**
 * Simulated CPUs that real threads act as, unscheduled: the machinery a {@link FreeRun} (which starts one thread per
 * CPU itself) and a {@link CpuSession} (to which threads it did not start bind themselves) share.
 *
 * <p>A real thread acts for the machine through a {@link Binding}, found in a thread-local. A CPU has at most one
 * binding at a time ({@link #owners}). Interrupts are a pending bit per CPU and vector, set atomically by
 * {@link IrqVector#raise}; only the thread bound to the target clears them, at its schedule points while irqs are
 * enabled, running the handler nested on the CPU as the kernel does.
 */
final class FreeCpus implements CpuHost {

    private static final ThreadLocal<Binding> CURRENT = new ThreadLocal<>();
    private static final int SPINS_BEFORE_YIELD = 64;

    /** One real thread acting for a machine: as a CPU (with {@code cpu} set) or as a plain thread. */
    static final class Binding {
        final FreeCpus machine;
        final String name;
        final Cpu cpu;
        volatile Thread thread;
        volatile String waitingFor;
        /** A free run's CPU whose tasks are done; read by other threads (isIdle, hang reports). */
        volatile boolean idle;
        /** The thread no longer acts for the machine (unbound, or its session closed); its thread-local is stale. */
        volatile boolean ended;

        Binding(FreeCpus machine, String name, Cpu cpu) {
            this.machine = machine;
            this.name = name;
            this.cpu = cpu;
        }
    }

    final Cpu[] cpus;
    /** {@code run} or {@code session}, for messages. */
    final String scope;
    final AtomicLongArray pending;
    final List<IrqVector> vectors = new CopyOnWriteArrayList<>();
    final List<String> warnings = Collections.synchronizedList(new ArrayList<>());
    /** Handlers running now. */
    final AtomicInteger busy = new AtomicInteger();
    /** Counts handler starts, so a quiescence check can tell that something happened while it looked. */
    final AtomicLong epoch = new AtomicLong();
    final AtomicLong interrupts = new AtomicLong();
    /** The binding acting as each CPU now, or {@code null}. */
    private final AtomicReferenceArray<Binding> owners;
    /** The {@link Smp#afterAll} checks registered so far; the owner decides when they run. */
    final List<Smp.Check> checks = new CopyOnWriteArrayList<>();
    /** The handle code of this machine gets from {@link Sched#smp()}; set once by the owner. */
    Smp smp;
    /** Set by a free run that is over: every thread of it stops at its next schedule point. */
    volatile boolean stop;

    FreeCpus(int nrCpus, String scope) {
        this.scope = scope;
        this.cpus = new Cpu[nrCpus];
        this.pending = new AtomicLongArray(nrCpus);
        this.owners = new AtomicReferenceArray<>(nrCpus);
        for (int i = 0; i < nrCpus; i++) {
            cpus[i] = new Cpu(i, this);
        }
    }

    /** @return whether {@code binding} now acts as its CPU, which was free before */
    boolean claim(Binding binding) {
        return owners.compareAndSet(binding.cpu.id(), null, binding);
    }

    /** Ends {@code binding}'s claim on its CPU, if it still holds it. */
    void release(Binding binding) {
        owners.compareAndSet(binding.cpu.id(), binding, null);
    }

    /** @return the binding acting as CPU {@code id} now, or {@code null} */
    Binding owner(int id) {
        return owners.get(id);
    }

    /**
     * What an {@link Smp} handle on this machine does the same whoever owns it: CPU lookup, interrupt vectors and
     * after-all checks. The owner says how tasks and threads start.
     */
    abstract static class Facade implements Smp {
        final FreeCpus machine;

        Facade(FreeCpus machine) {
            this.machine = machine;
        }

        @Override
        public int cpus() {
            return machine.cpus.length;
        }

        @Override
        public Cpu cpu(int id) {
            return Cpu.select(machine.cpus, id, machine.scope);
        }

        @Override
        public IrqVector registerIrq(String name, IrqHandler handler) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(handler, "handler");
            return machine.registerIrq(name, handler);
        }

        @Override
        public void afterAll(Check check) {
            machine.checks.add(Objects.requireNonNull(check, "check"));
        }
    }

    IrqVector registerIrq(String name, IrqHandler handler) {
        synchronized (vectors) {
            if (vectors.size() == Long.SIZE) {
                throw new IllegalStateException("at most 64 interrupt vectors per " + scope);
            }
            IrqVector v = new IrqVector(vectors.size(), name, handler, this);
            vectors.add(v);
            return v;
        }
    }

    /** @return whether no CPU has an interrupt pending */
    boolean nothingPending() {
        for (int i = 0; i < cpus.length; i++) {
            if (pending.get(i) != 0) {
                return false;
            }
        }
        return true;
    }

    /** @return the names of the vectors pending on {@code cpu} */
    String pendingNames(int cpu) {
        long bits = pending.get(cpu);
        List<String> names = new ArrayList<>();
        for (IrqVector v : vectors) {
            if ((bits & v.bit()) != 0) {
                names.add(v.name());
            }
        }
        return String.join(", ", names);
    }

    /** A schedule point of a thread of this machine: stop if the run is over, take pending interrupts if on a CPU. */
    void poll(Binding self) {
        if (stop) {
            throw new ExecutionAborted();
        }
        VarHandle.fullFence();
        Cpu cpu = self.cpu;
        if (cpu == null) {
            return;
        }
        int id = cpu.id();
        while (!cpu.irqsDisabled) {
            long bits = pending.get(id);
            if (bits == 0) {
                return;
            }
            long bit = Long.lowestOneBit(bits);
            busy.incrementAndGet();
            epoch.incrementAndGet();
            // Only the thread bound to the target clears its bits, so this claim cannot fail.
            pending.getAndUpdate(id, p -> p & ~bit);
            try {
                runHandler(cpu, vectors.get(Long.numberOfTrailingZeros(bit)));
            } finally {
                busy.decrementAndGet();
            }
        }
    }

    private void runHandler(Cpu cpu, IrqVector vector) {
        cpu.irqEnter();
        try {
            vector.handler().handle(cpu);
            interrupts.incrementAndGet();
        } finally {
            cpu.irqExit();
        }
    }

    void await(Binding self, String what, BooleanSupplier condition) {
        self.waitingFor = what;
        int spins = 0;
        try {
            for (;;) {
                poll(self);
                if (condition.getAsBoolean()) {
                    return;
                }
                spins = pause(spins);
            }
        } finally {
            self.waitingFor = null;
        }
    }

    /** Spins politely: this machine may have fewer cores than there are CPUs. */
    static int pause(int spins) {
        if (++spins % SPINS_BEFORE_YIELD == 0) {
            Thread.yield();
        } else {
            Thread.onSpinWait();
        }
        return spins;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The calling thread's binding, and the entry points for Sched and OwnedLock on threads no Execution controls.

    /** @return the calling thread's live binding, or {@code null} */
    static Binding current() {
        Binding b = CURRENT.get();
        return b == null || b.ended ? null : b;
    }

    /** Makes {@code b} the calling thread's binding ({@code null}: none). */
    static void enter(Binding b) {
        if (b == null) {
            CURRENT.remove();
        } else {
            b.thread = Thread.currentThread();
            CURRENT.set(b);
        }
    }

    /** A schedule point on an uncontrolled thread: take pending interrupts if it acts as a CPU; elsewhere nothing. */
    static void pollCurrent() {
        Binding b = current();
        if (b != null) {
            b.machine.poll(b);
        }
    }

    /** {@code awaitUntil} on an uncontrolled thread: spin, taking interrupts if it acts as a CPU. */
    static void awaitCurrent(String what, BooleanSupplier condition) {
        Binding b = current();
        if (b != null) {
            b.machine.await(b, what, condition);
            return;
        }
        while (!condition.getAsBoolean()) {
            Thread.onSpinWait();
        }
    }

    static void warnCurrent(String message) {
        Binding b = current();
        if (b != null) {
            b.machine.warnings.add(b.name + ": " + message);
        }
    }

    static Cpu currentCpu() {
        Binding b = current();
        return b == null ? null : b.cpu;
    }

    static Smp currentSmp() {
        Binding b = current();
        return b == null ? null : b.machine.smp;
    }

    static String currentName() {
        Binding b = current();
        return b == null ? null : b.name;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // CpuHost: this machine's side of Cpu and IrqVector.

    @Override
    public void checkOnCpu(Cpu cpu) {
        Binding b = current();
        if (b == null || b.cpu != cpu) {
            throw cpu.notRunningHere(b == null ? Thread.currentThread().getName() : b.name);
        }
    }

    @Override
    public void cpuPoint(Cpu cpu, String what) {
        checkOnCpu(cpu);
        poll(current());
    }

    @Override
    public boolean isIdle(Cpu cpu) {
        Binding b = owners.get(cpu.id());
        return b == null || b.idle;
    }

    @Override
    public boolean isPending(Cpu cpu, long bit) {
        return (pending.get(cpu.id()) & bit) != 0;
    }

    @Override
    public void raise(IrqVector vector, Cpu target) {
        pending.getAndAccumulate(target.id(), vector.bit(), (p, bit) -> p | bit);
        Binding b = current();
        if (b != null) {
            b.machine.poll(b);
        }
    }
}
