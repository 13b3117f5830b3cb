package dev.smpcheck.strategy;

import dev.smpcheck.schedule.IrqVector;
import dev.smpcheck.schedule.Sched;
import dev.smpcheck.schedule.SpinLock;
import dev.smpcheck.strategy.DporStrategyTest.Program;
import java.util.Arrays;
import java.util.List;

/** One corpus program: how many CPUs it needs and whether some schedule of it violates something. */
record CorpusProgram(String name, int cpus, Program program, boolean buggy) {}

/**
 * Small programs whose accesses are announced ({@code Sched.read}/{@code Sched.write} before each shared access), with
 * and without bugs, to compare reduced and unreduced searches. Each records its final state in an after-all check.
 */
final class Corpus {
    private Corpus() {}

    /** A shared int array; element i is variable i. */
    private static int read(int[] vars, int i) {
        Sched.read("read v" + i, vars, i);
        return vars[i];
    }

    private static void write(int[] vars, int i, int value) {
        Sched.write("write v" + i, vars, i);
        vars[i] = value;
    }

    static final List<CorpusProgram> PROGRAMS = List.of(
            // Two read-then-write increments of one variable: the lost update.
            new CorpusProgram("lost update", 2, states -> smp -> {
                smp.declareLocalStarts();
                int[] v = new int[1];
                for (int cpu = 0; cpu < 2; cpu++) {
                    smp.onCpu(cpu, c -> write(v, 0, read(v, 0) + 1));
                }
                smp.afterAll(() -> {
                    states.add("v0=" + v[0]);
                    if (v[0] != 2) {
                        throw new AssertionError("lost update: " + v[0]);
                    }
                });
            }, true),
            // Data, then a flag; the reader checks the data when it sees the flag. Correct under sequential
            // consistency.
            new CorpusProgram("message passing", 2, states -> smp -> {
                smp.declareLocalStarts();
                int[] v = new int[2];
                int[] seen = {-1};
                smp.onCpu(0, c -> {
                    write(v, 0, 42);
                    write(v, 1, 1);
                });
                smp.onCpu(1, c -> {
                    if (read(v, 1) == 1) {
                        seen[0] = read(v, 0);
                        if (seen[0] != 42) {
                            throw new AssertionError("flag without data");
                        }
                    }
                });
                smp.afterAll(() -> states.add("seen=" + seen[0]));
            }, false),
            // Check-then-set mutual exclusion: both can check before either sets, and both enter.
            new CorpusProgram("check then set", 2, states -> smp -> {
                smp.declareLocalStarts();
                int[] v = new int[3]; // want0, want1, inside
                for (int cpu = 0; cpu < 2; cpu++) {
                    int me = cpu;
                    smp.onCpu(cpu, c -> {
                        if (read(v, 1 - me) == 0) {
                            write(v, me, 1);
                            write(v, 2, read(v, 2) + 1);
                        }
                    });
                }
                smp.afterAll(() -> {
                    states.add(Arrays.toString(v));
                    if (v[2] > 1) {
                        throw new AssertionError("both entered");
                    }
                });
            }, true),
            // Three CPUs with mostly private variables and one shared read: most orders are equivalent.
            new CorpusProgram("mostly private", 3, states -> smp -> {
                smp.declareLocalStarts();
                int[] v = new int[4];
                int[] seen = new int[3];
                for (int cpu = 0; cpu < 3; cpu++) {
                    int me = cpu;
                    smp.onCpu(cpu, c -> {
                        write(v, me, 1);
                        seen[me] = read(v, (me + 1) % 3);
                    });
                }
                smp.afterAll(() -> states.add(Arrays.toString(seen)));
            }, false),
            // Increments under a spin lock: the waits are dependent with everything, the accesses inside announced.
            new CorpusProgram("locked increment", 2, states -> smp -> {
                smp.declareLocalStarts();
                int[] v = new int[2];
                SpinLock lock = new SpinLock("lock");
                for (int cpu = 0; cpu < 2; cpu++) {
                    int me = cpu;
                    smp.onCpu(cpu, c -> {
                        write(v, 1, me + 10);
                        lock.lock();
                        write(v, 0, read(v, 0) + 1);
                        lock.unlock();
                    });
                }
                smp.afterAll(() -> states.add(Arrays.toString(v)));
            }, false),
            // Two locks taken in opposite orders: a deadlock in some schedules.
            new CorpusProgram("lock order", 2, states -> smp -> {
                int[] v = new int[1];
                SpinLock a = new SpinLock("A");
                SpinLock b = new SpinLock("B");
                smp.onCpu(0, c -> {
                    a.lock();
                    b.lock();
                    write(v, 0, 1);
                    b.unlock();
                    a.unlock();
                });
                smp.onCpu(1, c -> {
                    write(v, 0, 2);
                    b.lock();
                    a.lock();
                    a.unlock();
                    b.unlock();
                });
                smp.afterAll(() -> states.add("v0=" + v[0]));
            }, true),
            // An IPI whose handler reads what the sender wrote before raising it, racing with the target's own write.
            new CorpusProgram("ipi handler", 2, states -> smp -> {
                smp.declareLocalStarts();
                int[] v = new int[2];
                int[] seen = {-1, -1};
                IrqVector ipi = smp.registerIrq("ipi", cpu -> {
                    seen[0] = read(v, 0);
                    seen[1] = read(v, 1);
                });
                smp.onCpu(0, c -> {
                    write(v, 0, 1);
                    ipi.raise(smp.cpu(1));
                });
                smp.onCpu(1, c -> write(v, 1, 1));
                smp.afterAll(() -> {
                    states.add(Arrays.toString(seen));
                    if (seen[0] != 1) {
                        throw new AssertionError("handler ran before the data it was sent for");
                    }
                });
            }, false),
            // A data choice decides whether a failure marker is written; the reader trips over it.
            new CorpusProgram("data choice", 2, states -> smp -> {
                smp.declareLocalStarts();
                int[] v = new int[2];
                smp.onCpu(0, c -> {
                    boolean fails = smp.chooseBoolean("kmalloc fails");
                    write(v, 0, fails ? -1 : 1);
                    write(v, 1, 1);
                });
                smp.onCpu(1, c -> {
                    if (read(v, 0) < 0) {
                        throw new AssertionError("saw the failure marker");
                    }
                    write(v, 1, 2);
                });
                smp.afterAll(() -> states.add(Arrays.toString(v)));
            }, true),
            // CPU0 fails when it reads before CPU1 writes: its failure ends the schedule before CPU1's step ever runs.
            new CorpusProgram("early failure", 2, states -> smp -> {
                smp.declareLocalStarts();
                int[] v = new int[1];
                smp.onCpu(0, c -> {
                    if (read(v, 0) == 0) {
                        throw new AssertionError("read before the write");
                    }
                });
                smp.onCpu(1, c -> write(v, 0, 1));
                smp.afterAll(() -> states.add("v0=" + v[0]));
            }, true),
            // A writer of two variables, a reader that reads them in the same order, and an unrelated third CPU.
            new CorpusProgram("torn read", 3, states -> smp -> {
                int[] v = new int[3];
                int[] seen = new int[2];
                smp.onCpu(0, c -> {
                    write(v, 0, 1);
                    write(v, 1, 1);
                });
                smp.onCpu(1, c -> {
                    seen[0] = read(v, 0);
                    seen[1] = read(v, 1);
                    if (seen[1] == 1 && seen[0] == 0) {
                        throw new AssertionError("second write seen without the first");
                    }
                });
                smp.onCpu(2, c -> {
                    Sched.point("unannounced");
                    write(v, 2, 1);
                });
                smp.afterAll(() -> states.add(Arrays.toString(seen) + Arrays.toString(v)));
            }, true));
}
