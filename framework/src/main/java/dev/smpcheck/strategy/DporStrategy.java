package dev.smpcheck.strategy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import org.apiguardian.api.API;

/**
 * Exhaustive search with no preemption bound, reduced to one schedule per class of schedules that differ only in the
 * order of independent steps. This is dynamic partial-order reduction, Flanagan and Godefroid, "Dynamic
 * partial-order reduction for model checking software", POPL 2005, combined with sleep sets (Godefroid,
 * "Partial-order methods for the verification of concurrent systems", LNCS 1032, 1996), run statelessly by
 * replaying prefixes like {@link BoundedDfsStrategy}.
 *
 * <h2>The algorithm</h2>
 * Steps are dependent or not by what their schedule points announced ({@link Access}). Every step of a schedule is
 * observed ({@link #stepped}), with a vector clock for the happens-before order that program order and dependent
 * steps make. When a step of entity {@code p} is dependent with an earlier step {@code i} of another entity that does
 * not happen before {@code p}'s previous step, the two may be reordered: {@code p} is added to the <em>backtrack
 * set</em> of the decision before {@code i}, or, if {@code p} could not run there, every option of that decision is.
 * A decision starts with one option (the running thread's continuation when possible) and the search comes back to
 * try the others in its backtrack set. Sleep sets keep it from trying an order whose equivalent was tried already:
 * after option {@code q} of a decision was explored, {@code q} sleeps in the later branches of that decision for as
 * long as only steps independent of it run, and a sleeping option is never tried. When every option of a decision
 * sleeps (the schedule is <em>sleep-set blocked</em>) the rest of the schedule is equivalent to one explored before;
 * the engine still runs it to its end, and no decision after that point branches. Data choices branch over all their
 * values.
 *
 * <h2>Soundness</h2>
 * Every schedule of the program is equivalent (same steps, dependent steps in the same order, so the same final state
 * and the same violations) to one this search runs, provided the program is deterministic and its announcements are
 * true. Conservative choices keep the claim where the engine cannot see dependencies:
 * <ul>
 *   <li>Unannounced steps, waits, interrupt deliveries and steps that make a data choice are {@link Access#ANY}:
 *       dependent with everything.</li>
 *   <li>A thread that is blocked when the schedule ends, or a schedule cut short by a failure, leaves steps that never
 *       ran and whose races were not checked: then every option of every decision of that schedule is added to its
 *       backtrack set, which is what an unreduced search would try.</li>
 *   <li>Every pair of steps is treated as possibly enabled together (the paper's "may be co-enabled" relation is not
 *       used to prune).</li>
 * </ul>
 * The cost of checking races is quadratic in a schedule's length, so this is meant for small programs.
 *
 * <p>{@link #scheduleSeed()} is the schedule's index in the search order; the search uses no randomness.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class DporStrategy extends DepthFirst<DporStrategy.Node> {

    /** A decision: a schedule point with its options, or a data choice with its values. */
    static final class Node extends DecisionStack.Decision {
        /** Per option, who takes the step ({@link Choice#entity()}); {@code null} for a data choice. */
        final int[] entities;
        /** Per option, what its step touches as announced; {@code null} for a data choice. */
        final Access[] accesses;
        /** Per option, whether its step made a data choice, which makes it dependent with everything. */
        final boolean[] tainted;
        final boolean[] backtrack;
        final boolean[] done;
        /** The sleep set: options whose every continuation here is equivalent to one explored before. */
        final boolean[] asleep;
        /** At or after a sleep-set-blocked point: it never branches. */
        final boolean blocked;
        /**
         * Where shards still search together: the options that do not sleep, in index order, all of which are tried
         * (by one shard or another) instead of only those in the backtrack set; else {@code null}.
         */
        int[] candidates;
        /** The position of the option taken now among {@link #candidates}. */
        int position;
        /** The option or value taken now. */
        int chosen = -1;

        Node(boolean data, int options, int[] entities, Access[] accesses, boolean[] asleep, boolean blocked) {
            super(data, options);
            this.entities = entities;
            this.accesses = accesses;
            this.asleep = asleep;
            this.blocked = blocked;
            this.tainted = data ? null : new boolean[options];
            this.backtrack = data ? null : new boolean[options];
            this.done = data ? null : new boolean[options];
        }

        /** Takes {@code option}; the options before it among the candidates count as explored (by other shards). */
        void take(int option) {
            chosen = option;
            done[option] = true;
            backtrack[option] = true;
            if (candidates != null) {
                for (int p = 0; p < position; p++) {
                    done[candidates[p]] = true;
                }
            }
        }

        /** Deals the options that do not sleep among the shards searching here together, and takes the first. */
        void deal() {
            int count = 0;
            int[] all = new int[options];
            for (int i = 0; i < options; i++) {
                if (!asleep[i]) {
                    all[count++] = i;
                }
            }
            candidates = Arrays.copyOf(all, count);
            position = nextOwned(-1, count);
        }

        Access effective(int option) {
            return tainted[option] ? Access.ANY : accesses[option];
        }

        int indexOf(int entity) {
            for (int i = 0; i < options; i++) {
                if (entities[i] == entity) {
                    return i;
                }
            }
            return -1;
        }

        private int untried() {
            for (int i = 0; i < options; i++) {
                if (backtrack[i] && !done[i] && !asleep[i]) {
                    return i;
                }
            }
            return -1;
        }

        @Override
        boolean hasUntried() {
            if (blocked) {
                return false;
            }
            if (data) {
                return nextOwned(chosen, options) >= 0;
            }
            return candidates != null ? nextOwned(position, candidates.length) >= 0 : untried() >= 0;
        }

        @Override
        void advance() {
            if (data) {
                chosen = nextOwned(chosen, options);
            } else if (candidates != null) {
                position = nextOwned(position, candidates.length);
                take(candidates[position]);
            } else {
                take(untried());
            }
        }
    }

    /** One step of the current schedule. */
    private static final class Step {
        final int entity;
        /** The entity's index into vector clocks. */
        final int slot;
        final Access access;
        /** The decision the step was chosen at, or -1 when it was the only option. */
        final int node;
        boolean tainted;
        /** Indices of the latest step of each entity that happens before or is this step; -1 for none. */
        int[] clock;

        Step(int entity, int slot, Access access, int node) {
            this.entity = entity;
            this.slot = slot;
            this.access = access;
            this.node = node;
        }

        Access effective() {
            return tainted ? Access.ANY : access;
        }
    }

    /** An option asleep until a step dependent with it runs. */
    private record Sleeper(int entity, Access access) {}

    // The current schedule.
    private final List<Step> steps = new ArrayList<>();
    private final Map<Integer, Integer> slots = new HashMap<>();
    private final List<int[]> latestClock = new ArrayList<>();
    /** The sleep set carried to the next decision; already filtered by every settled step. */
    private final List<Sleeper> carry = new ArrayList<>();
    /** Whether the last step has been checked for races and has filtered {@link #carry}. */
    private boolean settled = true;
    /** The entities that were options at the latest decision. */
    private final Set<Integer> lastOptions = new HashSet<>();
    /**
     * Per entity that became an option after a step (a thread started or woken, a CPU given a task): the clock of
     * that step, which its next step happens after, as it could not have run before it.
     */
    private final Map<Integer, int[]> enabledBy = new HashMap<>();
    /** The decision of the latest {@link #pick}, or -1. */
    private int lastPick = -1;
    private boolean blocked;
    private boolean endedCleanly;

    /** @param schedules the most schedules to run; the search stops earlier when the space is covered */
    public DporStrategy(int schedules) {
        this(schedules, Shard.NONE);
    }

    /**
     * @param schedules the most schedules to run; the search stops earlier when its part of the space is covered
     * @param shard which subtrees to search: where shards still search together, every option that does not sleep
     *     is tried by one of them (see {@link Shard})
     */
    public DporStrategy(int schedules, Shard shard) {
        super(schedules, shard);
    }

    @Override
    void startSchedule() {
        steps.clear();
        slots.clear();
        latestClock.clear();
        carry.clear();
        lastOptions.clear();
        enabledBy.clear();
        settled = true;
        lastPick = -1;
        blocked = false;
        endedCleanly = false;
    }

    @Override
    public int pick(ChoicePoint point) {
        settle();
        int n = point.size();
        Node node;
        if (stack.replaying()) {
            node = stack.replayed(false, n);
            for (int i = 0; i < n; i++) {
                if (node.entities[i] != point.get(i).entity()) {
                    throw stack.diverged("option " + i + " was " + entity(node.entities[i]) + ", now "
                            + entity(point.get(i).entity()));
                }
            }
        } else {
            node = stack.push(newNode(point));
        }
        lastPick = stack.cursor() - 1;
        follow(node);
        enter(node);
        return node.chosen;
    }

    private void follow(Node node) {
        if (node.data) {
            stack.descend(node, node.chosen, node.options);
        } else if (node.candidates != null) {
            stack.descend(node, node.position, node.candidates.length);
        }
    }

    private static String entity(int key) {
        return key >= 0 ? "thread " + key : "interrupt " + (-key - 1) % 64 + " to CPU" + (-key - 1) / 64;
    }

    private Node newNode(ChoicePoint point) {
        int n = point.size();
        int[] entities = new int[n];
        Access[] accesses = new Access[n];
        boolean[] asleep = new boolean[n];
        int chosen = -1;
        for (int i = 0; i < n; i++) {
            entities[i] = point.get(i).entity();
            accesses[i] = point.access(i);
            asleep[i] = !blocked && sleeps(entities[i]);
        }
        int next = point.continueIndex();
        if (next >= 0 && !asleep[next]) {
            chosen = next;
        }
        for (int i = 0; i < n && chosen < 0; i++) {
            if (!asleep[i]) {
                chosen = i;
            }
        }
        boolean stuck = blocked || chosen < 0;
        Node node = new Node(false, n, entities, accesses, asleep, stuck);
        if (!stuck) {
            stack.split(node);
        }
        if (node.shards != null) {
            node.deal();
            chosen = node.candidates[node.position];
        }
        node.take(chosen >= 0 ? chosen : Math.max(0, next));
        return node;
    }

    /** Sets the sleep set that the step chosen at {@code node} starts with. */
    private void enter(Node node) {
        List<Sleeper> before = List.copyOf(carry);
        carry.clear();
        if (node.blocked) {
            blocked = true;
            return;
        }
        for (int i = 0; i < node.options; i++) {
            if (node.asleep[i]) {
                // Still the same pending step as where it fell asleep: keep what was learnt there (a taint).
                carry.add(sleeper(before, node.entities[i], node.effective(i)));
            } else if (node.done[i] && i != node.chosen) {
                carry.add(new Sleeper(node.entities[i], node.effective(i)));
            }
        }
    }

    private static Sleeper sleeper(List<Sleeper> sleepers, int entity, Access announced) {
        for (Sleeper s : sleepers) {
            if (s.entity == entity) {
                return s;
            }
        }
        return new Sleeper(entity, announced);
    }

    @Override
    public int pickData(int values) {
        taintCurrent();
        Node node;
        if (stack.replaying()) {
            node = stack.replayed(true, values);
        } else {
            node = new Node(true, values, null, null, null, blocked);
            if (!blocked) {
                stack.split(node);
            }
            node.chosen = Math.max(0, node.nextOwned(-1, values));
            stack.push(node);
        }
        follow(node);
        return node.chosen;
    }

    /** The step running now touches state it did not announce: it counts as {@link Access#ANY}. */
    @Override
    public void widened() {
        taintCurrent();
    }

    /**
     * Marks the step that is running (the last one observed, not yet settled) as dependent with everything, here and
     * at the decision that chose it, so that its option keeps the wider access when it sleeps in later schedules.
     */
    private void taintCurrent() {
        if (settled) {
            return;
        }
        Step current = steps.get(steps.size() - 1);
        current.tainted = true;
        if (current.node >= 0) {
            Node at = stack.get(current.node);
            at.tainted[at.chosen] = true;
        }
    }

    @Override
    public void stepped(ChoicePoint point, int index) {
        settle();
        if (index < 0) {
            // Threads still blocked at the end never took their next step, so its races were never checked.
            endedCleanly = point.blocked() == 0;
            return;
        }
        if (blocked) {
            return;
        }
        noteEnabled(point);
        Choice choice = point.get(index);
        int node = point.size() > 1 ? lastPick : -1;
        if (node < 0 && sleeps(choice.entity())) {
            // The only option sleeps: every continuation from here is equivalent to one explored before.
            blocked = true;
            return;
        }
        Integer slot = slots.get(choice.entity());
        if (slot == null) {
            slot = slots.size();
            slots.put(choice.entity(), slot);
            latestClock.add(new int[0]);
        }
        steps.add(new Step(choice.entity(), slot, point.access(index), node));
        settled = false;
    }

    /** Entities that are options now but were not at the previous decision were enabled by the step in between. */
    private void noteEnabled(ChoicePoint point) {
        int[] enabler = steps.isEmpty() ? null : steps.get(steps.size() - 1).clock;
        Set<Integer> now = new HashSet<>();
        for (int i = 0; i < point.size(); i++) {
            int entity = point.get(i).entity();
            now.add(entity);
            if (enabler != null && !lastOptions.contains(entity)) {
                enabledBy.merge(entity, enabler, DporStrategy::max);
            }
        }
        lastOptions.clear();
        lastOptions.addAll(now);
    }

    private static int[] max(int[] a, int[] b) {
        int[] m = Arrays.copyOf(a.length >= b.length ? a : b, Math.max(a.length, b.length));
        int[] shorter = a.length >= b.length ? b : a;
        for (int k = 0; k < shorter.length; k++) {
            m[k] = Math.max(m[k], shorter[k]);
        }
        return m;
    }

    private boolean sleeps(int entity) {
        for (Sleeper s : carry) {
            if (s.entity == entity) {
                return true;
            }
        }
        return false;
    }

    /**
     * Finishes the last step once it has run (only then is it known whether it made a data choice): checks it for
     * races with earlier steps, gives it its vector clock, and wakes the sleepers it is dependent with.
     */
    private void settle() {
        if (settled) {
            return;
        }
        settled = true;
        int j = steps.size() - 1;
        Step step = steps.get(j);
        Access access = step.effective();
        int[] before = latestClock.get(step.slot);
        int[] clock = Arrays.copyOf(before, slots.size());
        Arrays.fill(clock, before.length, clock.length, -1);
        for (int i = j - 1; i >= 0; i--) {
            Step other = steps.get(i);
            if (other.slot == step.slot || !Access.dependent(other.effective(), access)) {
                continue;
            }
            if (i > at(before, other.slot)) {
                backtrack(other.node, step.entity);
            }
            for (int k = 0; k < other.clock.length; k++) {
                clock[k] = Math.max(clock[k], other.clock[k]);
            }
        }
        int[] enabler = enabledBy.remove(step.entity);
        if (enabler != null) {
            // After the race checks: the step that enabled this one is not a race, as their order cannot change.
            for (int k = 0; k < Math.min(enabler.length, clock.length); k++) {
                clock[k] = Math.max(clock[k], enabler[k]);
            }
        }
        clock[step.slot] = j;
        step.clock = clock;
        latestClock.set(step.slot, clock);
        carry.removeIf(s -> s.entity == step.entity || Access.dependent(s.access, access));
    }

    private static int at(int[] clock, int slot) {
        return slot < clock.length ? clock[slot] : -1;
    }

    /** The step of {@code entity} may be reordered with the step chosen at {@code node}: try it there. */
    private void backtrack(int node, int entity) {
        if (node < 0) {
            return; // a single option: nothing else could have run there
        }
        Node d = stack.get(node);
        if (d.candidates != null) {
            return; // shards searching together try every option here anyway
        }
        int i = d.indexOf(entity);
        if (i >= 0) {
            d.backtrack[i] = true;
        } else {
            Arrays.fill(d.backtrack, true);
        }
    }

    @Override
    public void scheduleEnded() {
        settle();
        if (endedCleanly) {
            return;
        }
        for (int i = 0; i < stack.cursor(); i++) {
            Node d = stack.get(i);
            if (!d.data && !d.blocked && d.candidates == null) {
                Arrays.fill(d.backtrack, true);
            }
        }
    }

    @Override
    public String describe() {
        return "DFS with partial-order reduction (unbounded)";
    }
}
