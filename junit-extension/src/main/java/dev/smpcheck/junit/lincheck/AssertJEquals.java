package dev.smpcheck.junit.lincheck;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;

/**
 * Turns off AssertJ's "equals is not supported" trap while Lincheck runs, and restores it after.
 *
 * <p>Lincheck's model checker compares the receiver of every call it analyses with {@code System.in/out/err} by
 * {@code equals}. AssertJ's assertion objects throw from {@code equals} by default (to catch {@code assertThat(a)
 * .equals(b)} typos), so an {@code assertThat} inside checked code crashed Lincheck with "You've caught a bug in
 * Lincheck" instead of reporting the failure. AssertJ offers a public static switch for that trap; it is found
 * reflectively because AssertJ is not a dependency of this module.
 */
final class AssertJEquals implements AutoCloseable {
    static final String ASSERT_CLASS = "org.assertj.core.api.AbstractAssert";
    static final String SWITCH = "throwUnsupportedExceptionOnEquals";

    private final Field field;
    private final boolean before;

    private AssertJEquals(Field field, boolean before) {
        this.field = field;
        this.before = before;
    }

    /**
     * @param loader where the test's AssertJ would come from, never {@code null}
     * @return a handle that restores the switch when closed; a no-op when AssertJ (or the switch) is absent
     */
    static AssertJEquals relax(ClassLoader loader) {
        Field field;
        try {
            field = Class.forName(ASSERT_CLASS, false, loader).getField(SWITCH);
        } catch (ClassNotFoundException | NoSuchFieldException | LinkageError e) {
            return new AssertJEquals(null, false);
        }
        if (!Modifier.isStatic(field.getModifiers()) || field.getType() != boolean.class) {
            return new AssertJEquals(null, false);
        }
        try {
            boolean before = field.getBoolean(null);
            field.setBoolean(null, false);
            return new AssertJEquals(field, before);
        } catch (IllegalAccessException e) {
            return new AssertJEquals(null, false);
        }
    }

    @Override
    public void close() {
        if (field != null) {
            try {
                field.setBoolean(null, before);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("could not restore " + ASSERT_CLASS + "." + SWITCH, e);
            }
        }
    }
}
