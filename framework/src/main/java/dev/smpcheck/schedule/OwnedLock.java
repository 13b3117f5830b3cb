package dev.smpcheck.schedule;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What {@link SpinLock} and {@link Mutex} share: an owner, a wait that is modelled rather than spun, and a real
 * test-and-set fallback outside control so the same model code runs on plain threads.
 */
abstract class OwnedLock implements ModelLock {
    private final String name;
    private final String lockEvent;
    private final String unlockEvent;
    private final AtomicReference<Object> owner = new AtomicReference<>();

    OwnedLock(String name, String lockEvent, String unlockEvent) {
        this.name = Objects.requireNonNull(name, "name");
        this.lockEvent = lockEvent;
        this.unlockEvent = unlockEvent;
    }

    /** Called before every lock attempt by a controlled thread; may reject the calling context. */
    void checkContext(Context self) {}

    /** Takes the lock, waiting while another thread holds it (a schedule point). Not reentrant. */
    @Override
    public void lock() {
        Context c = Context.current();
        if (c == null) {
            Thread me = Thread.currentThread();
            while (!owner.compareAndSet(null, me)) {
                // A thread acting as a CPU (free run, CpuSession) spinning with irqs enabled still takes interrupts, as
                // in the kernel.
                FreeCpus.pollCurrent();
                Thread.onSpinWait();
            }
            return;
        }
        checkContext(c);
        c.execution.await(c, lockEvent, this, () -> owner.get() == null, this::holder);
        owner.set(c);
    }

    /** @return whether the lock was free and is now held by the caller (a schedule point) */
    @Override
    public boolean tryLock() {
        Context c = Context.current();
        if (c != null) {
            checkContext(c);
            c.execution.point(c, lockEvent.replace("_lock", "_trylock"), this, null);
        }
        return owner.compareAndSet(null, c != null ? c : Thread.currentThread());
    }

    /**
     * Releases the lock (a schedule point after the release).
     *
     * @throws IllegalMonitorStateException when the caller does not hold it
     */
    @Override
    public void unlock() {
        Context c = Context.current();
        Object me = c != null ? c : Thread.currentThread();
        if (!owner.compareAndSet(me, null)) {
            throw new IllegalMonitorStateException(name + " unlocked by " + me + " but " + holder());
        }
        if (c != null) {
            c.execution.point(c, unlockEvent, this, null);
        }
    }

    /** @return whether some thread holds the lock */
    @Override
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
