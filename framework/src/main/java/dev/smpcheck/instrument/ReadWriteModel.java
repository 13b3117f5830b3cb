package dev.smpcheck.instrument;

import dev.smpcheck.schedule.JvmControl;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * A {@code ReentrantReadWriteLock} as the model keeps it: a writer with its holds, and each reader's holds. As in the
 * JDK, the write lock waits for every reader, the caller's own read holds included (so upgrading deadlocks), and the
 * writer may also take the read lock (downgrading). Unlike the non-fair JDK lock, a reader is never held back
 * because a writer waits: the model lets readers in whenever no other thread writes.
 */
final class ReadWriteModel {
    private final Object on;
    private final LockModel read = new Side(false);
    private final LockModel write = new Side(true);
    private final Map<JavaThread, Integer> readers = new IdentityHashMap<>();
    private JavaThread writer;
    private int writeHolds;

    /** @param on names the lock in traces and deadlock reports */
    ReadWriteModel(Object on) {
        this.on = on;
    }

    LockModel read() {
        return read;
    }

    LockModel write() {
        return write;
    }

    private boolean canTake(JavaThread me, boolean exclusive) {
        if (writer != null && writer != me) {
            return false;
        }
        return !exclusive || readers.isEmpty();
    }

    private void take(JavaThread me, boolean exclusive) {
        if (exclusive) {
            writer = me;
            writeHolds++;
        } else {
            readers.merge(me, 1, Integer::sum);
        }
    }

    private String holders() {
        String reading = readers.keySet().stream().map(t -> t.name).collect(Collectors.joining(", "));
        return (writer == null ? "" : "written by " + writer.name + (reading.isEmpty() ? "" : ", "))
                + (reading.isEmpty() ? "" : "read by " + reading);
    }

    /** One side of the lock, as the {@code Lock} object the JDK hands out for it. */
    private final class Side implements LockModel {
        private final boolean exclusive;
        private final String what;

        Side(boolean exclusive) {
            this.exclusive = exclusive;
            this.what = exclusive ? "write lock" : "read lock";
        }

        @Override
        public void acquire(JavaThread me, JvmState state) {
            if (!canTake(me, exclusive) || !state.inAtomicRegion()) {
                JvmControl.await(what, on, () -> canTake(me, exclusive), ReadWriteModel.this::holders, null, null);
            }
            take(me, exclusive);
            JvmControl.note("took " + what, on);
        }

        @Override
        public boolean acquire(JavaThread me, boolean interruptible, boolean timed) {
            BooleanSupplier ready = interruptible ? () -> canTake(me, exclusive) || me.interrupted
                    : () -> canTake(me, exclusive);
            JvmControl.await(what, on, ready, ReadWriteModel.this::holders, null, timed ? () -> true : null);
            if (!canTake(me, exclusive)) {
                return false;
            }
            take(me, exclusive);
            JvmControl.note("took " + what, on);
            return true;
        }

        @Override
        public boolean tryAcquire(JavaThread me, JvmState state, int site) {
            state.point(site, on);
            if (!canTake(me, exclusive)) {
                return false;
            }
            take(me, exclusive);
            return true;
        }

        @Override
        public boolean release(JavaThread me) {
            if (exclusive) {
                if (writer != me) {
                    return false;
                }
                if (--writeHolds == 0) {
                    writer = null;
                    JvmControl.note("released " + what, on);
                }
                return true;
            }
            Integer holds = readers.get(me);
            if (holds == null) {
                return false;
            }
            if (holds == 1) {
                readers.remove(me);
                JvmControl.note("released " + what, on);
            } else {
                readers.put(me, holds - 1);
            }
            return true;
        }
    }
}
