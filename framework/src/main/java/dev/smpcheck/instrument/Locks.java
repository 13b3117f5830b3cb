package dev.smpcheck.instrument;

import java.lang.ref.WeakReference;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.concurrent.locks.StampedLock;

/**
 * The {@code ReentrantLock}s and their {@code Condition}s, the {@code ReentrantReadWriteLock}s, and the {@code Lock}
 * views of {@code StampedLock}s, of one schedule, as the model keeps them.
 *
 * <p>Unlike a monitor, a {@code ReentrantLock} used by a controlled thread is not touched at all: the model replaces
 * it (its owner, holds and condition queues), because a real {@code Condition.await} parks inside the JDK, where the
 * engine cannot take it back. Code outside control uses the real lock; the two must not share a lock at the same time.
 */
final class Locks {
    /**
     * Which lock each condition belongs to, recorded when instrumented code creates it (inside or outside control), so
     * that a condition made before a schedule still finds its lock. Weak: conditions are not kept alive by this map.
     */
    private static final Map<Condition, Lock> OWNERS = Collections.synchronizedMap(new WeakHashMap<>());

    /** The read and write sides of read-write locks, recorded when instrumented code asks for them, to their lock. */
    private static final Map<Lock, ReentrantReadWriteLock> SIDES = Collections.synchronizedMap(new WeakHashMap<>());

    /**
     * The {@code Lock} and {@code ReadWriteLock} views of {@code StampedLock}s, recorded when instrumented code asks for
     * them ({@link HandleRecords}), to their lock. The lock is held weakly too, since it holds its views.
     */
    private static final Map<Object, WeakReference<StampedLock>> VIEWS =
            Collections.synchronizedMap(new WeakHashMap<>());

    private final Map<Lock, ReentrantModel> locks = new IdentityHashMap<>();
    private final Map<ReentrantReadWriteLock, ReadWriteModel> readWriteLocks = new IdentityHashMap<>();
    private final Map<Condition, WaitQueue> conditions = new IdentityHashMap<>();
    private final JvmState state;

    Locks(JvmState state) {
        this.state = state;
    }

    /** Records which lock {@code c} belongs to. */
    static Condition created(Lock lock, Condition c) {
        OWNERS.put(c, lock);
        return c;
    }

    /**
     * Records that {@code side} is the read or write lock of {@code lock}; the sides of a {@code StampedLock}'s
     * {@code asReadWriteLock()} view are its {@code asReadLock()} and {@code asWriteLock()} views.
     */
    static <L extends Lock> L side(ReadWriteLock lock, L side) {
        if (lock instanceof ReentrantReadWriteLock rw) {
            SIDES.put(side, rw);
        } else {
            StampedLock stamped = stampedLockOf(lock);
            if (stamped != null) {
                view(stamped, side);
            }
        }
        return side;
    }

    /** Records that {@code view} ({@code asReadLock()} and its kin) belongs to {@code lock}. */
    static <V> V view(StampedLock lock, V view) {
        VIEWS.put(view, new WeakReference<>(lock));
        return view;
    }

    /** @return the {@code StampedLock} whose recorded view {@code view} is, or {@code null} */
    private static StampedLock stampedLockOf(Object view) {
        WeakReference<StampedLock> lock = VIEWS.get(view);
        return lock == null ? null : lock.get();
    }

    /**
     * @return whether the model takes over this lock: a {@code ReentrantLock}, or a side of a
     *     {@code ReentrantReadWriteLock} or a view of a {@code StampedLock} that instrumented code asked for. The
     *     JDK's other locks are not modelled yet and fail loudly rather than block for real; a user's own
     *     {@code Lock} is instrumented code and runs as is
     */
    static boolean modelled(Lock lock) {
        if (lock instanceof ReentrantLock || SIDES.containsKey(lock) || stampedLockOf(lock) != null) {
            return true;
        }
        String type = lock.getClass().getName();
        if (InstrumentScope.isJdk(type)) {
            throw new UnsupportedOperationException("smpcheck does not model " + type + " yet: a controlled thread "
                    + "that blocked in it would block the JVM thread; see docs/instrumentation.md for what is "
                    + "supported");
        }
        return false;
    }

    /** The lock's model, made on first use; traces name the lock by type and order of first use. */
    ReentrantModel of(Lock lock) {
        return locks.computeIfAbsent(lock, l -> new ReentrantModel("lock", state.label(l)));
    }

    /** The model of a {@link #modelled} lock. */
    LockModel model(Lock lock) {
        if (lock instanceof ReentrantLock) {
            return of(lock);
        }
        StampedLock stamped = stampedLockOf(lock);
        if (stamped != null) {
            // The JDK makes each view once and hands out the same object after, so asking the lock for its read view
            // (which changes none of its state) tells which side this is. The stamps are the schedule's StampedModel.
            StampedModel m = state.model(stamped, StampedModel.class, l -> new StampedModel(l, state));
            return new StampedView(m, lock != stamped.asReadLock());
        }
        ReadWriteModel rw = readWriteLocks.computeIfAbsent(SIDES.get(lock),
                l -> new ReadWriteModel(state.label(l)));
        return lock instanceof ReentrantReadWriteLock.ReadLock ? rw.read() : rw.write();
    }

    void lock(Lock l) {
        model(l).acquire(state.threads.current(), state);
    }

    void lockInterruptibly(Lock l) throws InterruptedException {
        JavaThread me = state.threads.current();
        me.throwIfInterrupted();
        if (!model(l).acquire(me, true, false)) {
            me.throwIfInterrupted();
        }
    }

    boolean tryLock(Lock l, int site) {
        return model(l).tryAcquire(state.threads.current(), state, site);
    }

    /** {@code tryLock(time, unit)}: waits for the lock until interrupted or timed out; a time of 0 does not wait. */
    boolean tryLock(Lock l, long time, int site) throws InterruptedException {
        JavaThread me = state.threads.current();
        me.throwIfInterrupted();
        if (time <= 0) {
            return tryLock(l, site);
        }
        boolean taken = model(l).acquire(me, true, true);
        if (!taken) {
            me.throwIfInterrupted();
        }
        return taken;
    }

    void unlock(Lock l) {
        if (!model(l).release(state.threads.current())) {
            throw new IllegalMonitorStateException(l + " is not held by " + state.threads.current());
        }
    }

    /**
     * {@code Condition.await} and its variants.
     *
     * @param interruptible whether an interrupt ends the wait with {@link InterruptedException}
     * @param timed whether it may time out
     * @return whether it was signalled (rather than timed out)
     */
    boolean await(Condition c, boolean interruptible, boolean timed) throws InterruptedException {
        Lock l = OWNERS.get(c);
        if (l == null) {
            throw new IllegalStateException("smpcheck does not know the lock of " + c + ": conditions must be created "
                    + "by instrumented code (lock.newCondition()) to be modelled");
        }
        if (!(l instanceof ReentrantLock)) {
            throw new UnsupportedOperationException("smpcheck does not model conditions of " + l.getClass().getName()
                    + " yet");
        }
        JavaThread me = state.threads.current();
        ReentrantModel lock = of(l);
        if (lock.owner() != me) {
            throw new IllegalMonitorStateException(l + " is not held by " + me);
        }
        if (interruptible) {
            me.throwIfInterrupted();
        }
        WaitQueue.Wakeup w = conditions.computeIfAbsent(c, k -> new WaitQueue())
                .await(lock, me, "signal on", c, null, interruptible, timed);
        if (w == WaitQueue.Wakeup.INTERRUPTED) {
            me.throwIfInterrupted();
        }
        return w == WaitQueue.Wakeup.SIGNALLED;
    }

    void signal(Condition c, boolean all, int site) {
        Lock l = OWNERS.get(c);
        if (l == null || of(l).owner() != state.threads.current()) {
            throw new IllegalMonitorStateException("signal without holding the lock of " + c);
        }
        state.point(site, c);
        WaitQueue q = conditions.get(c);
        if (q != null) {
            if (all) {
                q.signalAll();
            } else {
                q.signalOne(false);
            }
        }
    }
}
