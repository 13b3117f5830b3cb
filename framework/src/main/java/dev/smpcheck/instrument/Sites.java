package dev.smpcheck.instrument;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Every hooked instruction gets a site number at transformation time, which the inserted code passes to its hook as a
 * constant: the site tells the hook which class the instruction is in (to apply a test's scope) and what it does (for
 * the trace), without building strings at run time.
 *
 * <p>Sites are appended while classes are transformed, on whatever thread loads them, and read by hooks on any thread;
 * the chunks are atomic arrays so that a reader always sees a fully built {@link Site}.
 */
final class Sites {
    private static final int CHUNK = 4096;
    private static final int MAX_CHUNKS = 4096;
    private static final AtomicReferenceArray<AtomicReferenceArray<Site>> CHUNKS =
            new AtomicReferenceArray<>(MAX_CHUNKS);
    private static final AtomicInteger NEXT = new AtomicInteger();

    /**
     * The site of calls whose instruction the agent cannot give a number (method references): it belongs to no class,
     * so it is in every scope that does not exclude everything.
     */
    static final int ANY = register("", "method reference");

    private Sites() {}

    /**
     * What one hooked instruction does.
     *
     * @param className the binary name of the class it is in
     * @param what the action as the trace shows it, such as {@code read balance}
     * @param field for a field access, the field's name (the key of its location within the object); otherwise
     *     {@code null}
     * @param staticField for a static field, the binary name of the class the instruction names, a dot and the
     *     field's name, which warnings show; otherwise {@code null}
     */
    record Site(String className, String what, String field, String staticField) {}

    /** @return the number of a new site that is not a field access */
    static int register(String className, String what) {
        return register(className, what, null, null);
    }

    /** @return the number of a new site, with the field it accesses (see {@link Site}) */
    static int register(String className, String what, String field, String staticField) {
        int id = NEXT.getAndIncrement();
        int chunk = id / CHUNK;
        if (chunk >= MAX_CHUNKS) {
            throw new IllegalStateException("more than " + (CHUNK * MAX_CHUNKS) + " instrumented sites");
        }
        AtomicReferenceArray<Site> sites = CHUNKS.get(chunk);
        if (sites == null) {
            CHUNKS.compareAndSet(chunk, null, new AtomicReferenceArray<>(CHUNK));
            sites = CHUNKS.get(chunk);
        }
        sites.set(id % CHUNK, new Site(className, what, field, staticField));
        return id;
    }

    /** @return the site with that number, registered earlier */
    static Site get(int id) {
        return CHUNKS.get(id / CHUNK).get(id % CHUNK);
    }
}
