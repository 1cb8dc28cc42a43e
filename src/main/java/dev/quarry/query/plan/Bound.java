package dev.quarry.query.plan;

import java.util.List;

/**
 * A client value in a plan that reaches SQL only as one bind parameter. Every bound value of a class equals every
 * other of that class, whatever it holds: two plans that differ only in their bound values are equal, because they
 * have the same shape and compile to the same SQL text. That equality is the key of the compiled-statement cache.
 * The compiler must therefore never let a bound value change the text it writes: it only binds it.
 */
public sealed interface Bound permits Value, Bound.Text, Bound.Texts {

    /** What is sent: a {@code String}, or a {@code String[]} sent as one text-array parameter. */
    Object param();

    /** A text that is not a field's value: a LIKE pattern, a full-text query, a Json operand, a row count. */
    record Text(String text) implements Bound {
        public Object param() {
            return text;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Text;
        }

        @Override
        public int hashCode() {
            return 1;
        }
    }

    /** A list of texts sent as one array (a Json path). */
    record Texts(List<String> texts) implements Bound {
        public Texts {
            texts = List.copyOf(texts);
        }

        public Object param() {
            return texts.toArray(new String[0]);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Texts;
        }

        @Override
        public int hashCode() {
            return 2;
        }
    }
}
