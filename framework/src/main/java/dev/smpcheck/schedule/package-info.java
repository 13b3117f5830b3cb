/**
 * Controlled execution: logical threads (the body, simulated CPUs with their interrupt state, started threads) of
 * which exactly one runs at a time, the schedule-point API ({@link dev.smpcheck.schedule.Sched}) and the modelled
 * blocking primitives. Kernel names are kept where the concept is the kernel's (irqs, preempt count, IPI).
 */
package dev.smpcheck.schedule;
