/**
 * Lincheck in JUnit Jupiter: {@link dev.smpcheck.junit.lincheck.LincheckTest} checks a class's Lincheck
 * {@code @Operation} methods for linearizability, by model checking or stress, and reports a failure as an
 * {@link dev.smpcheck.check.SmpViolation} that keeps Lincheck's interleaving. Lincheck
 * ({@code org.jetbrains.lincheck:lincheck:3.7}) is an optional dependency the test project adds itself.
 */
package dev.smpcheck.junit.lincheck;
