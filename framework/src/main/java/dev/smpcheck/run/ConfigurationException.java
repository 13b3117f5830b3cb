package dev.smpcheck.run;

import java.util.Objects;
import org.apiguardian.api.API;

/**
 * A search was configured wrongly. Thrown before any schedule runs. It names the setting, the value given, and the
 * problem with what is allowed, so each front end can say it in its own terms: the message reads
 * {@code cpus = 0 is out of range: cpus must be between 1 and 64}, and {@code @SmpTest} reports it as
 * {@code @SmpTest(cpus = 0) is out of range: ...}.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ConfigurationException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String setting;
    private final String value;
    private final String problem;

    /**
     * @param setting the setting's name, such as {@code cpus}, never {@code null}
     * @param value the value given, as written in source (strings quoted), never {@code null}
     * @param problem what is wrong and what is allowed, starting with a verb, never {@code null}
     */
    public ConfigurationException(String setting, String value, String problem) {
        super(setting + " = " + value + " " + problem);
        this.setting = Objects.requireNonNull(setting, "setting");
        this.value = Objects.requireNonNull(value, "value");
        this.problem = Objects.requireNonNull(problem, "problem");
    }

    /** @return the setting's name */
    public String setting() {
        return setting;
    }

    /** @return the value given */
    public String value() {
        return value;
    }

    /** @return what is wrong and what is allowed */
    public String problem() {
        return problem;
    }
}
