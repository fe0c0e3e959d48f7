package io.tracediff.eval;

import io.tracediff.expr.Var;
import io.tracediff.parse.UserError;
import io.tracediff.shape.Dim;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** Values for variables, checked against their declared shapes, and the sizes that fixes for symbolic dimensions. */
public record Bindings(Map<String, Matrix> values, Sizes sizes, Map<Dim, Integer> dimSizes) {

    /** Binds every variable of {@code vars} to its value in {@code data}; a clear error names what is missing or misshapen. */
    public static Bindings bind(Map<String, Var> vars, Map<String, Matrix> data) {
        Map<Dim, Integer> sizes = new HashMap<>();
        Map<Dim, String> origin = new HashMap<>();
        Map<String, Matrix> values = new LinkedHashMap<>();
        // A whole number under a name that is not a variable sizes that dimension: {"n": 3} for eye(n).
        data.forEach((name, m) -> {
            if (!vars.containsKey(name) && m.isScalar() && m.data[0] >= 1 && m.data[0] == Math.rint(m.data[0]) && m.data[0] < 1e8) {
                sizes.put(Dim.sym(name), (int) m.data[0]);
                origin.put(Dim.sym(name), name);
            }
        });
        for (Var v : vars.values()) {
            Matrix m = data.get(v.name());
            if (m == null) throw new UserError("no value given for variable '" + v.name() + "' (" + v.kind().word() + " " + v.shape() + ")");
            if (m.rows == 0 || m.cols == 0)
                throw new UserError("the value given for '" + v.name() + "' has no entries (" + m.shapeString() + "); give at least one row and one column");
            bindDim(v, v.shape().rows(), m.rows, "rows", sizes, origin, m);
            bindDim(v, v.shape().cols(), m.cols, "columns", sizes, origin, m);
            if (v.kind().symmetric()) {
                Matrix t = m.transpose();
                if (m.maxAbsDiff(t) > 1e-12 * Math.max(1, m.maxAbs()))
                    throw new UserError("variable '" + v.name() + "' is declared " + v.kind().word() + " but its value is not symmetric");
            }
            for (double x : m.data)
                if (!Double.isFinite(x)) throw new UserError("variable '" + v.name() + "' contains " + x + "; values must be finite numbers");
            values.put(v.name(), m);
        }
        Sizes s = d -> size(d, sizes);
        return new Bindings(values, s, sizes);
    }

    private static int size(Dim d, Map<Dim, Integer> sizes) {
        if (d instanceof Dim.Fixed f) return f.size();
        if (d instanceof Dim.Product p) return size(p.left(), sizes) * size(p.right(), sizes);
        Integer n = sizes.get(d);
        if (n == null) throw new UserError("the size of dimension '" + d + "' is not fixed by any given value; give it, e.g. \"" + d + "\": 3");
        return n;
    }

    private static void bindDim(Var v, Dim d, int actual, String what, Map<Dim, Integer> sizes, Map<Dim, String> origin, Matrix m) {
        String given = "the value given for '" + v.name() + "' is " + m.shapeString();
        if (d instanceof Dim.Fixed f) {
            if (f.size() != actual)
                throw new UserError(given + ", but '" + v.name() + "' is " + v.kind().word() + " " + v.shape() + " (" + f.size() + " " + (f.size() == 1 ? what.substring(0, what.length() - 1) : what) + ")");
            return;
        }
        if (d instanceof Dim.Product p) {
            try {
                if (size(p, sizes) != actual)
                    throw new UserError(given + ", but '" + v.name() + "' has " + p + " = " + size(p, sizes) + " " + what);
            } catch (UserError unknownYet) {
                if (unknownYet.getMessage().startsWith(given)) throw unknownYet;
            }
            return;
        }
        Integer known = sizes.get(d);
        if (known == null) {
            sizes.put(d, actual);
            origin.put(d, v.name());
        } else if (known != actual) {
            throw new UserError(given + ", but '" + v.name() + "' is " + v.kind().word() + " " + v.shape() + " and " + d + " = " + known
                    + " (from '" + origin.get(d) + "')");
        }
    }
}
