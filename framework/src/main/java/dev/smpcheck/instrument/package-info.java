/**
 * The instrumentation agent: it rewrites application classes so that plain Java code (threads, {@code synchronized},
 * {@code wait/notify}, {@code java.util.concurrent} locks, synchronizers, executors and atomics, fields and arrays)
 * runs under the engine's control. {@link dev.smpcheck.instrument.SmpAgent} loads it,
 * {@link dev.smpcheck.instrument.InstrumentScope} says which classes it rewrites, and rewritten code calls only
 * {@link dev.smpcheck.instrument.Hooks}, {@link dev.smpcheck.instrument.ExecutorHooks},
 * {@link dev.smpcheck.instrument.BlockingHooks} and {@link dev.smpcheck.instrument.AtomicHooks}, and creates the runtime's {@code ControlledPool} and
 * {@code ControlledBarrier} where it would create the JDK's.
 * See {@code docs/instrumentation.md} for what is supported and where the JDK boundary lies.
 */
package dev.smpcheck.instrument;
