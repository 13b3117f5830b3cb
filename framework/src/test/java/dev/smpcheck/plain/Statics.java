package dev.smpcheck.plain;

/** Static state that one schedule leaves for the next. */
public final class Statics {
    private Statics() {}

    static int calls;
    static int initialised = 7;

    /** Counts its calls in a static field and never resets it: each schedule starts where the last one ended. */
    public static void leaky() throws InterruptedException {
        Thread t = new Thread(() -> calls++);
        t.start();
        t.join();
    }

    /** Sets the static field before anything reads it, in every schedule: nothing leaks. */
    public static void resetsFirst() throws InterruptedException {
        calls = 0;
        leaky();
    }

    /** Changes a field that the class initialiser set, and checks it started from that value. */
    public static void changesInitialised() throws InterruptedException {
        Thread t = new Thread(() -> initialised++);
        t.start();
        t.join();
        if (initialised != 8) {
            throw new AssertionError("initialised is " + initialised + ", not 8: an earlier schedule's change leaked");
        }
    }
}
