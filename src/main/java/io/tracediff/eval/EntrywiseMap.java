package io.tracediff.eval;

import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/** Entry-by-entry maps over interpreter matrices, a 1×1 operand broadcast, shared by the interpreter's operators. */
public final class EntrywiseMap {
    private EntrywiseMap() {}

    public static Matrix map(Matrix a, DoubleUnaryOperator f) {
        double[] out = new double[a.data.length];
        for (int i = 0; i < out.length; i++) out[i] = f.applyAsDouble(a.data[i]);
        return new Matrix(a.rows, a.cols, out);
    }

    /** a ∘ b entry by entry; a 1×1 operand is broadcast over the other. */
    public static Matrix zip(Matrix a, Matrix b, DoubleBinaryOperator f) {
        if (a.isScalar() && !b.isScalar()) {
            double s = a.data[0];
            double[] out = new double[b.data.length];
            for (int i = 0; i < out.length; i++) out[i] = f.applyAsDouble(s, b.data[i]);
            return new Matrix(b.rows, b.cols, out);
        }
        if (b.isScalar() && !a.isScalar()) {
            double s = b.data[0];
            double[] out = new double[a.data.length];
            for (int i = 0; i < out.length; i++) out[i] = f.applyAsDouble(a.data[i], s);
            return new Matrix(a.rows, a.cols, out);
        }
        if (a.rows != b.rows || a.cols != b.cols)
            throw new IllegalArgumentException("shapes differ: " + a.shapeString() + " and " + b.shapeString());
        double[] out = new double[a.data.length];
        for (int i = 0; i < out.length; i++) out[i] = f.applyAsDouble(a.data[i], b.data[i]);
        return new Matrix(a.rows, a.cols, out);
    }
}
