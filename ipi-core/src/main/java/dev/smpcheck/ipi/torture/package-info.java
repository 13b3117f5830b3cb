/**
 * A torture test for the cross-call model in the spirit of the kernel's {@code kernel/scftorture.c}: senders on every
 * CPU issue a weighted mix of {@code smp_call_function*} calls and the handlers check what scftorture checks (the
 * "in" ordering, the wrong-CPU case, the "out" ordering after a wait), plus what scftorture leaves to KASAN and hang
 * detectors (a call that ran twice, one that never ran).
 *
 * <p>{@link dev.smpcheck.ipi.torture.ScfTorture} runs it two ways: as a schedule body for the controlled engine
 * (searched with PCT or a random walk like any other test) and free-running on real threads for a time budget. Both
 * end with a statistics line shaped like scftorture's and {@code End of test: SUCCESS} or {@code FAILURE}.
 */
package dev.smpcheck.ipi.torture;
