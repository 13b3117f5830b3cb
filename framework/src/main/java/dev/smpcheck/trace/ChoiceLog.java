package dev.smpcheck.trace;

import java.util.Arrays;
import org.apiguardian.api.API;

/**
 * The compact record of one schedule: every decision that had more than one option, in order.
 *
 * <p>This is what the search keeps while it runs (an int per decision, no objects), what a replay token carries, and
 * what replay feeds back. Each entry is {@code value << 1 | kind}, kind 0 for a scheduling pick (value = option
 * index) and 1 for a data choice (value = the chosen value). Alongside, a running hash of the <em>shape</em> of each
 * decision (kind and number of options) lets a replay prove it met the same decisions, not merely as many.
 *
 * @since 0.1
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class ChoiceLog {
    private int[] entries;
    private int size;
    private int shapeHash = 1;

    /** An empty log. */
    public ChoiceLog() {
        this.entries = new int[64];
    }

    private ChoiceLog(int[] entries, int shapeHash) {
        this.entries = entries;
        this.size = entries.length;
        this.shapeHash = shapeHash;
    }

    /**
     * @param entries encoded entries as produced by {@link #entry(int)}
     * @param shapeHash the shape hash recorded with them
     * @return a log holding exactly these entries
     */
    public static ChoiceLog of(int[] entries, int shapeHash) {
        return new ChoiceLog(entries.clone(), shapeHash);
    }

    /** Records a scheduling pick of option {@code index} among {@code options}. */
    public void pick(int index, int options) {
        add(index << 1, options << 1);
    }

    /** Records a data choice of {@code value} among {@code bound} values. */
    public void data(int value, int bound) {
        add(value << 1 | 1, bound << 1 | 1);
    }

    private void add(int entry, int shape) {
        if (size == entries.length) {
            entries = Arrays.copyOf(entries, Math.max(16, size * 2));
        }
        entries[size++] = entry;
        shapeHash = 31 * shapeHash + shape;
    }

    /** @return the number of recorded decisions */
    public int size() {
        return size;
    }

    /** @return the encoded entry at {@code i} */
    public int entry(int i) {
        return entries[i];
    }

    /** @return whether entry {@code i} is a data choice */
    public boolean isData(int i) {
        return (entries[i] & 1) != 0;
    }

    /** @return the chosen option index or data value at {@code i} */
    public int value(int i) {
        return entries[i] >>> 1;
    }

    /** @return the hash of the kinds and option counts of all decisions so far */
    public int shapeHash() {
        return shapeHash;
    }

    /** @return a copy of the encoded entries */
    public int[] toArray() {
        return Arrays.copyOf(entries, size);
    }

    /** Forgets every entry, keeping the storage, for the next schedule. */
    public void clear() {
        size = 0;
        shapeHash = 1;
    }
}
