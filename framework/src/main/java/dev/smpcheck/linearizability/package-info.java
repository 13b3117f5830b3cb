/**
 * Linearizability checking: record a {@link dev.smpcheck.linearizability.History} of operations on a concurrent
 * object (inside a schedule or on plain threads), describe the object's sequential behaviour as a
 * {@link dev.smpcheck.linearizability.SequentialSpec} (or a plain model class through
 * {@link dev.smpcheck.linearizability.ModelSpec}), and let the
 * {@link dev.smpcheck.linearizability.LinearizabilityChecker} decide. A violation comes with a 1-minimal
 * non-linearizable sub-history as a per-thread timeline; inside a schedule,
 * {@link dev.smpcheck.linearizability.History#check} fails it with
 * {@link dev.smpcheck.check.Violation#NOT_LINEARIZABLE}. No JUnit dependency.
 */
package dev.smpcheck.linearizability;
