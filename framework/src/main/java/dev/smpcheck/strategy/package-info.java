/**
 * How schedules are chosen: the small {@link dev.smpcheck.strategy.Strategy} interface and one implementation per
 * file. Strategies see thread ids and option lists, never threads.
 */
package dev.smpcheck.strategy;
