package io.tracediff.eval;

import java.util.Arrays;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.RealMatrix;

/** A dense row-major matrix of doubles: the numeric value of an expression (scalars are 1×1). */
public final class Matrix {
    public final int rows, cols;
    public final double[] data;

    public Matrix(int rows, int cols, double[] data) {
        if (data.length != (long) rows * cols) throw new IllegalArgumentException("data has " + data.length + " entries, want " + rows + "×" + cols);
        this.rows = rows;
        this.cols = cols;
        this.data = data;
    }

    public Matrix(int rows, int cols) { this(rows, cols, new double[io.tracediff.kernel.Entries.of(rows, cols)]); }

    public static Matrix scalar(double v) { return new Matrix(1, 1, new double[] {v}); }

    public static Matrix column(double... v) { return new Matrix(v.length, 1, v.clone()); }

    public static Matrix of(double[][] rowsData) {
        int r = rowsData.length, c = r == 0 ? 0 : rowsData[0].length;
        double[] d = new double[r * c];
        for (int i = 0; i < r; i++) {
            if (rowsData[i].length != c) throw new IllegalArgumentException("row " + i + " has " + rowsData[i].length + " entries, row 0 has " + c);
            System.arraycopy(rowsData[i], 0, d, i * c, c);
        }
        return new Matrix(r, c, d);
    }

    public static Matrix identity(int n) {
        Matrix m = new Matrix(n, n);
        for (int i = 0; i < n; i++) m.data[i * n + i] = 1;
        return m;
    }

    public static Matrix filled(int rows, int cols, double v) {
        double[] d = new double[io.tracediff.kernel.Entries.of(rows, cols)];
        Arrays.fill(d, v);
        return new Matrix(rows, cols, d);
    }

    public static Matrix fromReal(RealMatrix m) { return of(m.getData()); }

    public RealMatrix toReal() { return new Array2DRowRealMatrix(toArray(), false); }

    public Matrix copy() { return new Matrix(rows, cols, data.clone()); }

    public boolean isScalar() { return rows == 1 && cols == 1; }

    public double get(int i, int j) { return data[i * cols + j]; }

    public double scalarValue() {
        if (!isScalar()) throw new IllegalStateException("not a scalar: " + rows + "×" + cols);
        return data[0];
    }

    public double[][] toArray() {
        double[][] a = new double[rows][cols];
        for (int i = 0; i < rows; i++) System.arraycopy(data, i * cols, a[i], 0, cols);
        return a;
    }

    public Matrix transpose() {
        Matrix t = new Matrix(cols, rows);
        for (int i = 0; i < rows; i++)
            for (int j = 0; j < cols; j++) t.data[j * rows + i] = data[i * cols + j];
        return t;
    }

    /** Largest absolute entry-wise difference; infinite if the shapes differ. */
    public double maxAbsDiff(Matrix o) {
        if (o.rows != rows || o.cols != cols) return Double.POSITIVE_INFINITY;
        double m = 0;
        for (int i = 0; i < data.length; i++) m = Math.max(m, Math.abs(data[i] - o.data[i]));
        return m;
    }

    public double maxAbs() {
        double m = 0;
        for (double v : data) m = Math.max(m, Math.abs(v));
        return m;
    }

    public String shapeString() { return rows + "×" + cols; }

    @Override public boolean equals(Object o) {
        return o instanceof Matrix m && m.rows == rows && m.cols == cols && Arrays.equals(m.data, data);
    }

    @Override public int hashCode() { return 31 * (31 * rows + cols) + Arrays.hashCode(data); }

    @Override public String toString() { return Arrays.deepToString(toArray()); }
}
