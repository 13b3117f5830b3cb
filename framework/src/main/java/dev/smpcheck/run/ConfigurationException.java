package dev.smpcheck.run;

import org.apiguardian.api.API;

/**
 * A search was configured wrongly: the message names the setting, the value given and what is allowed. Thrown before
 * any schedule runs.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ConfigurationException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** @param message what was wrong and what is allowed, never {@code null} */
    public ConfigurationException(String message) {
        super(message);
    }
}
