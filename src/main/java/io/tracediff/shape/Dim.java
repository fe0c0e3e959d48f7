package io.tracediff.shape;

/** One dimension of a shape: a known size or a symbolic name such as {@code n}. */
public sealed interface Dim permits Dim.Fixed, Dim.Sym, Dim.Product {

    Dim ONE = new Fixed(1);

    static Dim of(int n) { return n == 1 ? ONE : new Fixed(n); }

    static Dim sym(String name) { return new Sym(name); }

    boolean isOne();

    /** As the input language writes it (m*n for a product), so ASCII output parses back. */
    default String ascii() { return toString(); }

    /** a·b, the length of vec of an a×b matrix. */
    static Dim times(Dim a, Dim b) {
        if (a.isOne()) return b;
        if (b.isOne()) return a;
        if (a instanceof Fixed x && b instanceof Fixed y) {
            long n = (long) x.size() * y.size();   // 65536·65536 wraps to 0 in an int
            if (n > Integer.MAX_VALUE)
                throw new io.tracediff.core.UserError("dimension " + x + "·" + y + " = " + n + " is more entries than any matrix can hold "
                        + "(at most 2147483647); use smaller sizes");
            return new Fixed((int) n);
        }
        return new Product(a, b);
    }

    record Product(Dim left, Dim right) implements Dim {
        @Override public boolean isOne() { return false; }

        // m·n and n·m are one size (vec of Aᵀ, B ⊗ A reach it in either order): equal as multisets of factors.
        @Override public boolean equals(Object o) { return o instanceof Product p && factors().equals(p.factors()); }
        @Override public int hashCode() { return factors().hashCode(); }

        private java.util.List<String> factors() {
            java.util.List<String> out = new java.util.ArrayList<>();
            var stack = new java.util.ArrayDeque<Dim>();
            stack.push(this);
            while (!stack.isEmpty()) {
                Dim d = stack.pop();
                if (d instanceof Product p) { stack.push(p.left); stack.push(p.right); } else out.add(d.getClass().getSimpleName() + ":" + d);
            }
            java.util.Collections.sort(out);
            return out;
        }
        @Override public String toString() { return left + "·" + right; }
        @Override public String ascii() { return left.ascii() + "*" + right.ascii(); }
    }

    record Fixed(int size) implements Dim {
        public Fixed {
            if (size < 1) throw new IllegalArgumentException("dimension must be positive: " + size);
        }
        @Override public boolean isOne() { return size == 1; }
        @Override public String toString() { return Integer.toString(size); }
        // Written out: a record's generated equals/hashCode bootstrap method handles on first use (start-up).
        @Override public boolean equals(Object o) { return o instanceof Fixed f && f.size == size; }
        @Override public int hashCode() { return size; }
    }

    record Sym(String name) implements Dim {
        @Override public boolean isOne() { return false; }
        @Override public String toString() { return name; }
        // Written out: a record's generated equals/hashCode bootstrap method handles on first use (start-up).
        @Override public boolean equals(Object o) { return o instanceof Sym s && s.name.equals(name); }
        @Override public int hashCode() { return name.hashCode(); }
    }
}
