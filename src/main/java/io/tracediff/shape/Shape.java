package io.tracediff.shape;

/** rows × cols. Scalars are 1×1, column vectors n×1; a 1×1 result is a scalar wherever one is allowed. */
public record Shape(Dim rows, Dim cols) {

    public static final Shape SCALAR = new Shape(Dim.ONE, Dim.ONE);

    public static Shape of(Dim rows, Dim cols) { return new Shape(rows, cols); }

    public static Shape vector(Dim n) { return new Shape(n, Dim.ONE); }

    public boolean isScalar() { return rows.isOne() && cols.isOne(); }

    public boolean isColumn() { return cols.isOne() && !rows.isOne(); }

    public boolean isSquare() { return rows.equals(cols); }

    public Shape transposed() { return new Shape(cols, rows); }

    @Override public String toString() { return rows + "×" + cols; }

    // Written out: a record's generated equals/hashCode bootstrap method handles on first use (start-up).
    @Override public boolean equals(Object o) { return o instanceof Shape s && s.rows.equals(rows) && s.cols.equals(cols); }

    @Override public int hashCode() { return 31 * rows.hashCode() + cols.hashCode(); }
}
