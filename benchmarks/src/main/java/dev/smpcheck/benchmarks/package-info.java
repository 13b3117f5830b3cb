/**
 * JMH benchmarks of smpcheck and the generators of their inputs; results, commands and machine are in
 * {@code benchmarks/RESULTS.md}.
 */
package dev.smpcheck.benchmarks;
