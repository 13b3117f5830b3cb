package dev.smpcheck.strategy;

import org.apiguardian.api.API;

/**
 * One part of a search split among {@code count} machines or forks, numbered from 0: shard {@code i} of {@code n}
 * searches a part disjoint from every other shard's, and the {@code n} parts together are the whole search.
 *
 * <p>Seeded strategies (random, pct, the portfolio) give shard {@code i} the schedules whose number {@code k} in the
 * unsharded search has {@code k mod n == i}. Depth-first search gives each shard whole subtrees: at the first
 * decisions, where the shards are still together, the options are dealt round robin to the shards (or to groups of
 * them, split further below); see {@code DecisionStack}.
 *
 * @param index this shard, {@code 0 <= index < count}
 * @param count how many shards there are, at least 1
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record Shard(int index, int count) {

    /** The whole search, unsplit. */
    public static final Shard NONE = new Shard(0, 1);

    private static final String ALLOWED = "allowed: i/n with 0 <= i < n, such as 0/4, 1/4, 2/4 and 3/4";

    /** Checks the range. */
    public Shard {
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("is out of range: " + ALLOWED);
        }
    }

    /**
     * @param text {@code i/n}, such as {@code 2/4}
     * @return that shard
     * @throws IllegalArgumentException saying what is wrong and what is allowed, starting with a verb
     */
    public static Shard parse(String text) {
        String[] parts = text == null ? new String[0] : text.strip().split("/", -1);
        if (parts.length != 2) {
            throw new IllegalArgumentException("is not a shard: " + ALLOWED);
        }
        try {
            return new Shard(Integer.parseInt(parts[0].strip()), Integer.parseInt(parts[1].strip()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("is not a shard: " + ALLOWED);
        }
    }

    /** @return whether the search is split at all */
    public boolean isSplit() {
        return count > 1;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
