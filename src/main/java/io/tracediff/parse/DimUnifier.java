package io.tracediff.parse;

import io.tracediff.shape.Dim;
import io.tracediff.shape.Shape;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Union–find over dimensions: {@code A*x} makes cols(A) = rows(x). The representative of a class is
 * a number if there is one, else a name the user declared, else a generated name.
 */
public final class DimUnifier {
    private final Map<Dim, Dim> parent = new HashMap<>();
    private final Set<Dim> generated = new HashSet<>();

    /** A fresh symbolic dimension for an undeclared variable. */
    public Dim fresh(String name) {
        Dim d = Dim.sym(name);
        generated.add(d);
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
        if (a instanceof Dim.Fixed && b instanceof Dim.Fixed) return false;
        if (rank(a) > rank(b)) { Dim t = a; a = b; b = t; }
        if (b instanceof Dim.Product) return false;
        if (a instanceof Dim.Product p && mentions(p, b)) return false;
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
