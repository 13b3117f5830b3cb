/**
 * An executable model of the Linux kernel's IPI cross-call subsystem ({@code kernel/smp.c}), pinned to the
 * <b>v6.17</b> baseline, with the historical designs of the seed discussions as {@link dev.smpcheck.ipi.Variant}s.
 *
 * <p>The model keeps the kernel's names so a kernel engineer can find each piece: a {@link dev.smpcheck.ipi.Csd}
 * ({@code call_single_data_t}) with its flags word ({@code CSD_FLAG_LOCK} and the {@code CSD_TYPE_*} bits), the
 * per-CPU {@code call_single_queue} (a lock-free {@code llist}, {@link dev.smpcheck.ipi.CallSingleQueue}), the per-CPU
 * {@code csd_data} and {@code cfd_data}, {@code csd_lock}/{@code csd_unlock}/{@code csd_lock_wait}, the send paths
 * ({@code smp_call_function_single}, {@code _async}, {@code smp_call_function_many_cond} and its wrappers, with
 * {@link dev.smpcheck.ipi.CpuMask}s), and the flush ({@code __flush_smp_call_function_queue}) run by the
 * {@code CALL_FUNCTION_SINGLE} and {@code CALL_FUNCTION} IPIs. The entry point is
 * {@link dev.smpcheck.ipi.IpiSystem#boot}.
 *
 * <h2>Steps</h2>
 * Every shared-memory action of the kernel code is one schedule point of the engine, placed just before the action it
 * names: {@code llist_add} and {@code llist_del_all} are one atomic step each, a plain read-modify-write of a flags
 * word is two steps, {@code csd_lock_wait} is one wait. Between two points a CPU runs alone, so the model is
 * sequentially consistent; the kernel's barriers are still written out (as {@code VarHandle} fences and
 * acquire/release accesses) at the places the kernel has them, so a relaxed-memory mode can be added later.
 *
 * <h2>Oracles</h2>
 * On every schedule the model checks that no node is added to a list it is already on, and no csd twice under one
 * {@code CSD_FLAG_LOCK} ({@code LIST_CORRUPTION}), that a waiting call returns only after its function completed
 * ({@code WAIT_RETURNED_EARLY}), that each enqueued csd runs exactly once on the CPU it was sent to
 * ({@code WRONG_CPU}), that nothing touches a csd generation that was unlocked, a freed node, or a csd whose stack
 * frame ended ({@code USE_AFTER_FREE}), that nothing runs on an offline CPU ({@code OFFLINE_EXECUTION}), and, once the
 * schedule is over, that every enqueued csd and every queued irq_work ran ({@code LOST_CALL}) and every coalesced
 * request was followed by a run that saw it ({@code LOST_UPDATE}). Kernel {@code WARN}s are recorded and execution
 * goes on, unless {@link dev.smpcheck.ipi.IpiOptions#withFailOnWarn} makes them {@code KERNEL_WARN} violations.
 *
 * <h2>Variants, catalogue, stress</h2>
 * {@link dev.smpcheck.ipi.Variant} lists the historical designs, each with its source and verdict; the tests named
 * {@code C<nn>...Test} reproduce entries of the bug catalogue of {@code docs/ipi-spec.md} §C. {@link
 * dev.smpcheck.ipi.ScfTorture} is a stress driver in the manner of {@code kernel/scftorture.c}, run under the engine.
 *
 * <h2>Provenance</h2>
 * This package re-implements behaviour documented in the kernel's commit messages, comments and mailing-list
 * discussions, in its own code; no kernel source is copied.
 */
package dev.smpcheck.ipi;
