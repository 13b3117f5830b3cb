package dev.smpcheck.schedule;

import java.util.concurrent.atomic.AtomicReference;
import org.apiguardian.api.API;

/**
 * A modelled spin lock ({@code spin_lock}/{@code spin_unlock}). Not reentrant, like the kernel's.
 *
 * <p>Under control a thread that finds the lock held is not enabled until it is free, and a deadlock report names the
 * holder. Outside control it is a real (test-and-set) spin lock, so models using it also run on plain threads.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class SpinLock {
    private final String name;
    private final AtomicReference<Object> owner = new AtomicReference<>();

    /** @param name shown in traces and deadlock reports, never {@code null} */
    public SpinLock(String name) {
        this.name = java.util.Objects.requireNonNull(name, "name");
    }

    /** Takes the lock, waiting while another thread holds it (a schedule point). */
    public void lock() {
        Context c = Context.current();
        if (c == null) {
            Thread me = Thread.currentThread();
            while (!owner.compareAndSet(null, me)) {
                Thread.onSpinWait();
            }
            return;
        }
        c.execution.await(c, "spin_lock", this, () -> owner.get() == null, this::holder);
        owner.set(c);
    }

    /** @return whether the lock was free and is now held by the caller (a schedule point) */
    public boolean tryLock() {
        Context c = Context.current();
        if (c != null) {
            c.execution.point(c, "spin_trylock", this, null);
        }
        return owner.compareAndSet(null, c != null ? c : Thread.currentThread());
    }

    /**
     * Releases the lock (a schedule point after the release).
     *
     * @throws IllegalMonitorStateException when the caller does not hold it
     */
    public void unlock() {
        Context c = Context.current();
        Object me = c != null ? c : Thread.currentThread();
        if (!owner.compareAndSet(me, null)) {
            throw new IllegalMonitorStateException(name + " unlocked by " + me + " but held by " + holder());
        }
        if (c != null) {
            c.execution.point(c, "spin_unlock", this, null);
        }
    }

    /** @return whether some thread holds the lock */
    public boolean isLocked() {
        return owner.get() != null;
    }

    private String holder() {
        Object o = owner.get();
        return o == null ? "free" : "held by " + (o instanceof Thread t ? t.getName() : o);
    }

    @Override
    public String toString() {
        return name;
    }
}
