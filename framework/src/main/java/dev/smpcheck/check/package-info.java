/**
 * What counts as a failure: the closed {@link dev.smpcheck.check.Violation} enum, the exception models throw to
 * report one, and the findings and errors the search produces.
 */
package dev.smpcheck.check;
