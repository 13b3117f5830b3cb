package dev.smpcheck.junit.lincheck;

import dev.smpcheck.junit.SmpConfigurationError;

/**
 * Lincheck is an optional dependency: this class checks for it without touching any of its types, so that
 * {@link LincheckExtension} can load and say what is missing instead of failing with a {@link NoClassDefFoundError}.
 */
final class LincheckAvailability {
    /** A class of Lincheck's Java-facing API that every supported version has. */
    static final String PROBE = "org.jetbrains.lincheck.datastructures.ModelCheckingOptions";
    static final String DEPENDENCY = "org.jetbrains.lincheck:lincheck:3.7";

    private LincheckAvailability() {}

    /**
     * @param loader the loader the test's classes come from, never {@code null}
     * @param testId the test, for the message
     * @throws SmpConfigurationError naming the dependency to add when Lincheck cannot be loaded
     */
    static void require(ClassLoader loader, String testId) {
        try {
            Class.forName(PROBE, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new SmpConfigurationError("@LincheckTest on " + testId + " needs Lincheck, which is not on the test "
                    + "class path (" + PROBE + " is missing): add the test dependency " + DEPENDENCY
                    + "; smpcheck declares it optional, so it is not inherited", e);
        }
    }
}
