/**
 * What a schedule leaves behind: the compact {@link dev.smpcheck.trace.ChoiceLog} kept while searching, the one-line
 * {@link dev.smpcheck.trace.ReplayToken}, and the full {@link dev.smpcheck.trace.Trace} with its swimlane rendering,
 * made by replaying a failing schedule.
 */
package dev.smpcheck.trace;
