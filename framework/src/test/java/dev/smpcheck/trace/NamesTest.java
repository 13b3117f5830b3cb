package dev.smpcheck.trace;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class NamesTest {

    static final class Plain {}

    static final class Other {}

    record Point(int x, int y) {}

    static final class Named {
        @Override
        public String toString() {
            return "named!";
        }
    }

    enum Color { RED }

    @Test
    void objectsWithoutToStringAreNumberedPerTypeInOrderOfFirstAppearance() {
        Names names = new Names();
        Plain first = new Plain();
        Plain second = new Plain();
        Other other = new Other();

        assertThat(names.of(first)).isEqualTo("Plain#1");
        assertThat(names.of(second)).isEqualTo("Plain#2");
        assertThat(names.of(other)).isEqualTo("Other#1");
        assertThat(names.of(first)).isEqualTo("Plain#1");
        assertThat(names.of(second)).isEqualTo("Plain#2");
        assertThat(names.of(new Plain())).isEqualTo("Plain#3");
    }

    @Test
    void namesAreByIdentityNotEquality() {
        Names names = new Names();
        Object a = new Object();
        Object b = new Object();

        assertThat(names.of(a)).isEqualTo("Object#1");
        assertThat(names.of(b)).isEqualTo("Object#2");
        assertThat(names.of(a)).isEqualTo("Object#1");
    }

    @Test
    void eachNamesInstanceCountsOnItsOwn() {
        Plain p = new Plain();
        Names one = new Names();
        one.of(new Plain());

        assertThat(one.of(p)).isEqualTo("Plain#2");
        assertThat(new Names().of(p)).isEqualTo("Plain#1");
    }

    @Test
    void objectsWithToStringUseIt() {
        Names names = new Names();

        assertThat(names.of("csd")).isEqualTo("csd");
        assertThat(names.of(42)).isEqualTo("42");
        assertThat(names.of(new Point(1, 2))).isEqualTo("Point[x=1, y=2]");
        assertThat(names.of(new Named())).isEqualTo("named!");
        assertThat(names.of(Color.RED)).isEqualTo("RED");
        assertThat(names.of(java.util.List.of(1, 2))).isEqualTo("[1, 2]");
    }

    @Test
    void nullIsNamedNull() {
        assertThat(new Names().of(null)).isEqualTo("null");
    }

    @Test
    void lambdasAreNumberedAsLambda() {
        Names names = new Names();
        Runnable r = () -> {};
        int captured = 3;
        Supplier<Integer> s = () -> captured;

        assertThat(names.of(r)).isEqualTo("lambda#1");
        assertThat(names.of(s)).isEqualTo("lambda#2");
        assertThat(names.of(r)).isEqualTo("lambda#1");
    }

    @Test
    void methodReferencesAreLambdasToo() {
        Names names = new Names();
        Supplier<Plain> ctor = Plain::new;

        assertThat(names.of(ctor)).isEqualTo("lambda#1");
    }

    @Test
    void anonymousClassesWithoutToStringAreNumberedAsObject() {
        Names names = new Names();
        Object anonymous = new Object() {};

        assertThat(names.of(anonymous)).isEqualTo("object#1");
    }
}
