package dev.smpcheck.plain;

/** Static state that one schedule leaves for the next. */
public final class Statics {
    private Statics() {}

    static int calls;
    static int initialised = 7;

    /** Counts its calls in a static field and never resets it: schedule 2 sees schedule 1's count. */
    public static void leaky() throws InterruptedException {
        Thread t = new Thread(() -> calls++);
        t.start();
        t.join();
        if (calls > 1) {
            throw new AssertionError("calls is " + calls + ": an earlier schedule's count leaked into this one");
        }
    }

    /** Sets the static field before reading it, every schedule: no leak. */
    public static void resetsFirst() throws InterruptedException {
        calls = 0;
        leaky();
    }

    /** Changes a field that has a value from the class initialiser. */
    public static void changesInitialised() throws InterruptedException {
        Thread t = new Thread(() -> initialised++);
        t.start();
        t.join();
        if (initialised != 8) {
            throw new AssertionError("initialised is " + initialised);
        }
    }
}
