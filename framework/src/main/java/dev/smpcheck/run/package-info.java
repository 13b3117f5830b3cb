/**
 * Running a search: the validated {@link dev.smpcheck.run.SearchConfig} with its {@link dev.smpcheck.run.Defaults},
 * the {@link dev.smpcheck.run.Explorer} that runs schedules on fresh state, and what it returns.
 */
package dev.smpcheck.run;
