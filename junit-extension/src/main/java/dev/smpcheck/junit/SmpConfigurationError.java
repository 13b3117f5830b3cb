package dev.smpcheck.junit;

import org.apiguardian.api.API;

/**
 * An {@link SmpTest} (or another smpcheck annotation, such as {@code @LincheckTest}) is configured wrongly; thrown
 * before any schedule runs. The message starts with the attribute and the value as written, such as
 * {@code @SmpTest(cpus = 0) on com.acme.FooTest#bar is out of range: cpus must be between 1 and 64}.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class SmpConfigurationError extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what is wrong, starting with the annotation and attribute, never {@code null}
     * @param cause the underlying error, or {@code null}
     */
    public SmpConfigurationError(String message, Throwable cause) {
        super(message, cause);
    }
}
