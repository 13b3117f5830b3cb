package dev.smpcheck.schedule;

import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Why a logical thread is not enabled: what it waits for, on which object, the condition that enables it, and a
 * description of the blocker for deadlock reports (such as "held by CPU1").
 */
record Waiter(String what, Object on, BooleanSupplier condition, Supplier<String> blocker) {}
