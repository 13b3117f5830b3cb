package dev.smpcheck.junit;

import dev.smpcheck.schedule.Cpu;
import dev.smpcheck.schedule.CpuTask;
import dev.smpcheck.schedule.IrqHandler;
import dev.smpcheck.schedule.IrqVector;
import dev.smpcheck.schedule.Sched;
import dev.smpcheck.schedule.Smp;
import dev.smpcheck.schedule.ThreadHandle;

/**
 * The {@link Smp} a test method receives. JUnit resolves parameters once, but each schedule has its own CPUs, so
 * this handle forwards every call to the schedule the calling thread belongs to.
 */
enum CurrentSmp implements Smp {
    INSTANCE;

    private static Smp current() {
        Smp smp = Sched.smp();
        if (smp == null) {
            throw new IllegalStateException("the Smp handle of an @SmpTest can be used only by controlled code of a "
                    + "running schedule (the test body, its CPU tasks, handlers and started threads), not from "
                    + Thread.currentThread().getName());
        }
        return smp;
    }

    @Override
    public int cpus() {
        return current().cpus();
    }

    @Override
    public Cpu cpu(int id) {
        return current().cpu(id);
    }

    @Override
    public void onCpu(int cpu, CpuTask task) {
        current().onCpu(cpu, task);
    }

    @Override
    public ThreadHandle thread(String name, Runnable body) {
        return current().thread(name, body);
    }

    @Override
    public IrqVector registerIrq(String name, IrqHandler handler) {
        return current().registerIrq(name, handler);
    }

    @Override
    public void afterAll(Check check) {
        current().afterAll(check);
    }

    @Override
    public String toString() {
        Smp smp = Sched.smp();
        return smp == null ? "Smp[no schedule running]" : smp.toString();
    }
}
