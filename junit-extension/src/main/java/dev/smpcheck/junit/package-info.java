/**
 * JUnit Jupiter integration: {@link dev.smpcheck.junit.SmpTest} is the one annotation a user needs.
 */
package dev.smpcheck.junit;
