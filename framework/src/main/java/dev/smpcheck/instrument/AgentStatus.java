package dev.smpcheck.instrument;

import org.apiguardian.api.API;

/**
 * Whether the instrumentation agent is active in this JVM, how it got there, or why it is not.
 *
 * @param active whether classes are being instrumented
 * @param how how the agent was loaded (such as {@code -javaagent}), or {@code null} when not active
 * @param problem why it is not active, or {@code null} when it is
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record AgentStatus(boolean active, String how, String problem) {

    static AgentStatus active(String how) {
        return new AgentStatus(true, how, null);
    }

    static AgentStatus inactive(String problem) {
        return new AgentStatus(false, null, problem);
    }

    @Override
    public String toString() {
        return active ? "smpcheck agent active (" + how + ")" : "smpcheck agent not active: " + problem;
    }
}
