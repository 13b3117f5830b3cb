package dev.smpcheck.run;

import dev.smpcheck.schedule.IrqVector;
import dev.smpcheck.schedule.ModelLock;
import dev.smpcheck.schedule.Sched;
import dev.smpcheck.schedule.ScheduleBody;
import dev.smpcheck.schedule.SpinLock;

/** Small programs with known bugs, and their correct twins, shared by the engine's tests. */
public final class Programs {
    private Programs() {}

    /** A shared int whose every access is a schedule point. */
    static final class Shared {
        int value;

        int read() {
            int v = value;
            Sched.point("read value", this, v);
            return v;
        }

        void write(int v) {
            value = v;
            Sched.point("write value", this, v);
        }

        @Override
        public String toString() {
            return "counter";
        }
    }

    /** Two CPUs increment a shared counter by read, then write: a lost update is possible. */
    static ScheduleBody lostUpdate() {
        return smp -> {
            Shared counter = new Shared();
            for (int cpu = 0; cpu < 2; cpu++) {
                smp.onCpu(cpu, c -> counter.write(counter.read() + 1));
            }
            smp.afterAll(() -> {
                if (counter.value != 2) {
                    throw new AssertionError("expected 2 increments, counter is " + counter.value);
                }
            });
        };
    }

    /** The same, with the increment under a spin lock: correct. */
    static ScheduleBody lockedIncrement() {
        return smp -> {
            Shared counter = new Shared();
            SpinLock lock = new SpinLock("counter_lock");
            for (int cpu = 0; cpu < 2; cpu++) {
                smp.onCpu(cpu, c -> {
                    lock.lock();
                    counter.write(counter.read() + 1);
                    lock.unlock();
                });
            }
            smp.afterAll(() -> {
                if (counter.value != 2) {
                    throw new AssertionError("expected 2 increments, counter is " + counter.value);
                }
            });
        };
    }

    /** CPU0 takes A then B, CPU1 takes B then A. */
    static ScheduleBody lockOrder() {
        return lockOrder(SpinLock::new);
    }

    /** CPU0 takes A then B, CPU1 takes B then A, with locks of the given kind. */
    public static ScheduleBody lockOrder(java.util.function.Function<String, ModelLock> newLock) {
        return smp -> {
            ModelLock a = newLock.apply("A");
            ModelLock b = newLock.apply("B");
            smp.onCpu(0, c -> {
                a.lock();
                b.lock();
                b.unlock();
                a.unlock();
            });
            smp.onCpu(1, c -> {
                b.lock();
                a.lock();
                a.unlock();
                b.unlock();
            });
        };
    }

    /**
     * Seed 000 in miniature: each CPU sends the other an IPI and spins until the other's handler acknowledged it.
     * With irqs disabled while spinning, neither handler can run.
     */
    static ScheduleBody crossCallSpin(boolean irqsOffWhileWaiting) {
        return smp -> {
            boolean[] acked = new boolean[2];
            IrqVector ipi = smp.registerIrq("call_function", cpu -> acked[cpu.id()] = true);
            for (int me = 0; me < 2; me++) {
                int other = 1 - me;
                smp.onCpu(me, cpu -> {
                    if (irqsOffWhileWaiting) {
                        cpu.localIrqDisable();
                    }
                    ipi.raise(smp.cpu(other));
                    smp.awaitUntil("ack from CPU" + other, () -> acked[other]);
                    if (irqsOffWhileWaiting) {
                        cpu.localIrqEnable();
                    }
                });
            }
        };
    }
}
