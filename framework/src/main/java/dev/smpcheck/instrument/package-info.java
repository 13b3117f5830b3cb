/**
 * The instrumentation agent: it rewrites application classes so that plain Java code (threads, {@code synchronized},
 * {@code wait/notify}, {@code java.util.concurrent} locks, atomics, fields and arrays) runs under the engine's
 * control. {@link dev.smpcheck.instrument.SmpAgent} loads it, {@link dev.smpcheck.instrument.InstrumentScope} says
 * which classes it rewrites, and {@link dev.smpcheck.instrument.Hooks} is the only class rewritten code calls.
 * See {@code docs/instrumentation.md} for what is supported and where the JDK boundary lies.
 */
package dev.smpcheck.instrument;
