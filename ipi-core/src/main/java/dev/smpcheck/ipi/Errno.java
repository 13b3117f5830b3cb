package dev.smpcheck.ipi;

import org.apiguardian.api.API;

/**
 * The kernel error numbers the cross-call API returns. As in the kernel, functions return them negated:
 * {@code -Errno.ENXIO}, {@code -Errno.EBUSY}, or 0 for success.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Errno {
    private Errno() {}

    /** "No such device or address": the target CPU is offline or not a valid CPU number. */
    public static final int ENXIO = 6;

    /** "Device or resource busy": {@code smp_call_function_single_async()} found its csd still locked (v5.7+). */
    public static final int EBUSY = 16;

    /**
     * @param result a return value of the cross-call API
     * @return its kernel spelling, such as {@code 0}, {@code -ENXIO} or {@code -EBUSY}
     */
    public static String name(int result) {
        return switch (result) {
            case 0 -> "0";
            case -ENXIO -> "-ENXIO";
            case -EBUSY -> "-EBUSY";
            default -> Integer.toString(result);
        };
    }
}
