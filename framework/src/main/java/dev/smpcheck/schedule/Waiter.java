package dev.smpcheck.schedule;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Why a logical thread is not enabled: what it waits for, on which object, the condition that enables it, and a
 * description of the blocker for deadlock reports (such as "held by CPU1").
 *
 * <p>A timed wait also has a {@code timeout} condition: when no thread at all is enabled, a timed waiter whose timeout
 * condition holds (for {@code Object.wait(ms)}: the monitor is free again) may be resumed instead, as if its time had
 * run out. Timeouts thus fire only when nothing else can happen, so they never hide an interleaving. {@code null} for
 * an untimed wait.
 */
record Waiter(String what, Object on, BooleanSupplier condition, Supplier<String> blocker, BooleanSupplier timeout) {}
