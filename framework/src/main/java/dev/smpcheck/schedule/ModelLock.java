package dev.smpcheck.schedule;

import org.apiguardian.api.API;

/**
 * A lock whose waiting the engine models: a thread that finds it held is not enabled until it is free, and a deadlock
 * report names the holder. Implemented by {@link SpinLock} and {@link Mutex}, which differ in where they may be taken.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface ModelLock {

    /** Takes the lock, waiting while another thread holds it (a schedule point). Not reentrant. */
    void lock();

    /** @return whether the lock was free and is now held by the caller (a schedule point) */
    boolean tryLock();

    /**
     * Releases the lock (a schedule point after the release).
     *
     * @throws IllegalMonitorStateException when the caller does not hold it
     */
    void unlock();

    /** @return whether some thread holds the lock */
    boolean isLocked();
}
