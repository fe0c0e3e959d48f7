package io.tracediff.eval;

import io.tracediff.expr.Var;
import io.tracediff.core.UserError;
import io.tracediff.shape.Dim;
import io.tracediff.shape.Sizes;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/** Values for variables, checked against their declared shapes, and the sizes that fixes for symbolic dimensions. */
public record VariableValues(Map<String, Matrix> values, Sizes sizes, Map<Dim, Integer> dimSizes) {

    /** Binds every variable of {@code vars} to its value in {@code data}; a clear error names what is missing or misshapen. */
    public static VariableValues bind(Map<String, Var> vars, Map<String, Matrix> data) {
        Map<Dim, Integer> sizes = new HashMap<>();
        Map<Dim, String> origin = new HashMap<>();
        Map<String, Matrix> values = new LinkedHashMap<>();
        // A whole number under a name that is not a variable sizes that dimension: {"n": 3} for eye(n).
        java.util.Set<String> dimNames = new java.util.HashSet<>();
        for (Var v : vars.values()) for (Dim d : java.util.List.of(v.shape().rows(), v.shape().cols())) if (d instanceof Dim.Sym s) dimNames.add(s.name());
        // A name that is no variable and no valid size may be a value for another expression in a shared file: it is
        // an error only when a dimension of that name is needed (at once for the variables' dimensions, else on lookup).
        Map<Dim, UserError> badSizes = new HashMap<>();
        data.forEach((name, m) -> {
            if (vars.containsKey(name)) return;
            boolean array = !m.isScalar() || data instanceof ValuesJson.Parsed p && p.writtenAsArray(name);
            UserError bad = null;
            if (array) {
                bad = new UserError("'" + UserError.excerpt(name) + "' is a dimension, so its value is its size, a whole number such as \""
                        + UserError.excerpt(name) + "\": 3, not an array (" + m.shapeString() + ")");
            } else {
                try {
                    sizes.put(Dim.sym(name), checkedSize(name, m.data[0]));
                    origin.put(Dim.sym(name), name);
                } catch (UserError e) {
                    bad = e;
                }
            }
            if (bad != null && dimNames.contains(name)) throw bad;
            if (bad != null) badSizes.put(Dim.sym(name), bad);
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
                if (!Double.isFinite(x)) throw new UserError("variable '" + v.name() + "' contains " + x
                        + (Double.isInfinite(x) ? " (a number past the largest double, 1.8e308, such as 1e999, reads as that)" : "")
                        + "; values must be finite numbers");
            // A declared domain is a promise the derivation may rely on (log, sqrt of a positive variable).
            if (v.kind() == io.tracediff.expr.VarKind.POSITIVE)
                for (double x : m.data)
                    if (!(x > 0)) throw new UserError("variable '" + v.name() + "' is declared positive but its value contains " + x
                            + "; give entries > 0, or declare it without 'positive'");
            if (v.kind() == io.tracediff.expr.VarKind.SPD && !positiveDefinite(m))
                throw new UserError("variable '" + v.name() + "' is declared spd but its value is not positive definite (its Cholesky "
                        + "factorization fails); give a positive definite matrix, or declare it symmetric");
            values.put(v.name(), m);
        }
        Sizes s = d -> {
            if (d instanceof Dim.Sym && !sizes.containsKey(d) && badSizes.containsKey(d)) throw badSizes.get(d);
            return size(d, sizes);
        };
        return new VariableValues(values, s, sizes);
    }

    /**
     * Whether the symmetric m is positive definite: Commons Math's Cholesky factorization runs with every pivot > 0. Past
     * 1000 rows (a third of a GFLOP) only the diagonal is checked, so that binding values never costs more than using them.
     */
    private static boolean positiveDefinite(Matrix m) {
        int n = m.rows;
        if (n != m.cols) return false;
        if (n > 1000) {
            for (int j = 0; j < n; j++) if (!(m.get(j, j) > 0)) return false;
            return true;
        }
        try {
            // symmetry was checked above with its own tolerance; a pivot must be positive, not merely above a threshold
            new org.apache.commons.math3.linear.CholeskyDecomposition(m.toReal(), Double.POSITIVE_INFINITY, 0.0);
            return true;
        } catch (org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException notPositive) {
            return false;
        }
    }

    /** A size given in values: a whole number from 1 to the entries limit (0, -1, 1.5 and 1e10 are refused). */
    private static int checkedSize(String name, double v) {
        long max = io.tracediff.limits.Limit.MATRIX_ENTRIES.value();
        if (v >= 1 && v == Math.rint(v) && v <= max) return (int) v;
        String given = v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
        if (v > max && v == Math.rint(v))
            throw io.tracediff.limits.Limit.MATRIX_ENTRIES.exceeded("the size given for dimension '" + name + "' is " + given + ", larger than a matrix may be");
        throw new UserError("the size given for dimension '" + name + "' is " + given + "; a size is a whole number from 1 to " + max
                + " (a name that is not a variable of the expression is read as a dimension)");
    }

    private static int size(Dim d, Map<Dim, Integer> sizes) {
        return Sizes.resolve(d, s -> {
            Integer n = sizes.get(s);
            if (n == null) throw new UserError("the size of dimension '" + s + "' is not fixed by any given value; give it, e.g. \"" + s + "\": 3");
            return n;
        });
    }

    /** Whether every named dimension in d has a size yet. */
    private static boolean known(Dim d, Map<Dim, Integer> sizes) {
        if (d instanceof Dim.Product p) return known(p.left(), sizes) && known(p.right(), sizes);
        return !(d instanceof Dim.Sym) || sizes.containsKey(d);
    }

    private static void bindDim(Var v, Dim d, int actual, String what, Map<Dim, Integer> sizes, Map<Dim, String> origin, Matrix m) {
        String given = "the value given for '" + v.name() + "' is " + m.shapeString();
        if (d instanceof Dim.Fixed f) {
            if (f.size() != actual)
                throw new UserError(given + ", but '" + v.name() + "' is " + v.kind().word() + " " + v.shape() + " (" + f.size() + " " + (f.size() == 1 ? what.substring(0, what.length() - 1) : what) + ")");
            return;
        }
        if (d instanceof Dim.Product p) {
            // Checked only once its factors are sized (by earlier variables); a product does not fix their sizes.
            if (known(p, sizes) && size(p, sizes) != actual)
                throw new UserError(given + ", but '" + v.name() + "' has " + p + " = " + size(p, sizes) + " " + what);
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
