package io.tracediff.shape;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Union–find over dimensions: {@code A*x} makes cols(A) = rows(x). The parser infers undeclared shapes with it, the
 * rule checker a rule's pattern shapes, and the printer which sizes of 𝟏 and I a formula leaves open. Only generated dimensions (of
 * undeclared variables) are unknowns; numbers and names the user wrote are rigid, so
 * {@code A: matrix(n, m); x: vector(k)} makes {@code A*x} a mismatch rather than silently m = k.
 * A generated dimension never becomes 1 (a vector stays a vector) unless it belongs to a rule's
 * pattern variable, which may match a scalar.
 */
public final class DimUnifier {
    private final Map<Dim, Dim> parent = new HashMap<>();
    private final Set<Dim> generated = new HashSet<>();
    private final Set<Dim> mayBeOne = new HashSet<>();

    /** A fresh symbolic dimension for an undeclared variable. */
    public Dim fresh(String name) { return fresh(name, false); }

    /** A fresh dimension; {@code canBeOne} lets it unify with 1 (pattern variables in rules). */
    public Dim fresh(String name, boolean canBeOne) {
        Dim d = Dim.sym(name);
        generated.add(d);
        if (canBeOne) mayBeOne.add(d);
        return d;
    }

    public Dim find(Dim d) {
        if (d instanceof Dim.Product p) return Dim.times(find(p.left()), find(p.right()));
        Dim root = d;
        while (parent.containsKey(root)) root = parent.get(root);
        while (!d.equals(root)) {             // path compression
            Dim next = parent.get(d);
            parent.put(d, root);
            d = next;
        }
        return root;
    }

    public Shape resolve(Shape s) { return Shape.of(find(s.rows()), find(s.cols())); }

    /** Makes a = b if they can be; false when they are different numbers or otherwise incompatible. */
    public boolean union(Dim a, Dim b) {
        a = find(a);
        b = find(b);
        if (a.equals(b)) return true;
        if (rank(a) > rank(b)) { Dim t = a; a = b; b = t; }
        if (!generated.contains(b)) return false;       // both rigid: different numbers or names
        if (a.isOne() && !mayBeOne.contains(b)) return false;
        if (a instanceof Dim.Product p && mentions(p, b)) return false;
        if (!mayBeOne.contains(b)) mayBeOne.remove(a);  // the merged class may be 1 only if both could
        parent.put(b, a);
        return true;
    }

    private int rank(Dim d) {
        if (d instanceof Dim.Fixed) return 0;
        if (d instanceof Dim.Product) return 1;
        return generated.contains(d) ? 3 : 2;
    }

    private static boolean mentions(Dim d, Dim s) {
        if (d.equals(s)) return true;
        return d instanceof Dim.Product p && (mentions(p.left(), s) || mentions(p.right(), s));
    }
}
