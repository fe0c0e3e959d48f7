package io.tracediff.check;

import io.tracediff.eval.VariableValues;
import io.tracediff.eval.Evaluator;
import io.tracediff.eval.Matrix;
import io.tracediff.expr.Expr;
import io.tracediff.expr.Var;
import java.util.HashMap;
import java.util.Map;

/**
 * Central differences of a scalar expression: the numerical reference every closed form is checked
 * against. For a symmetric variable the perturbation is symmetric, which gives the symmetric gradient.
 */
public final class FiniteDifferences {
    private FiniteDifferences() {}

    public static double value(Expr f, Map<String, Var> vars, Map<String, Matrix> values) {
        return Evaluator.eval(f, VariableValues.bind(vars, values)).scalarValue();
    }

    /** ∂f/∂X by central differences at {@code values}, with relative step {@code h}. */
    public static Matrix gradient(Expr f, Map<String, Var> vars, Map<String, Matrix> values, Var x, double h) {
        Matrix x0 = values.get(x.name());
        Matrix g = new Matrix(x0.rows, x0.cols);
        boolean sym = x.kind().symmetric();
        for (int i = 0; i < x0.rows; i++)
            for (int j = 0; j < x0.cols; j++) {
                if (sym && j < i) { g.data[i * x0.cols + j] = g.data[j * x0.cols + i]; continue; }
                int k = i * x0.cols + j, kt = j * x0.cols + i;
                double step = h * Math.max(1, Math.abs(x0.data[k]));
                double up = at(f, vars, values, x, k, sym ? kt : k, step);
                double down = at(f, vars, values, x, k, sym ? kt : k, -step);
                double slope = (up - down) / (2 * step);
                g.data[k] = sym && i != j ? slope / 2 : slope;
            }
        return g;
    }

    private static double at(Expr f, Map<String, Var> vars, Map<String, Matrix> values, Var x, int k, int kt, double step) {
        Matrix moved = new Matrix(values.get(x.name()).rows, values.get(x.name()).cols, values.get(x.name()).data.clone());
        moved.data[k] += step;
        if (kt != k) moved.data[kt] += step;
        Map<String, Matrix> v = new HashMap<>(values);
        v.put(x.name(), moved);
        return value(f, vars, v);
    }
}
