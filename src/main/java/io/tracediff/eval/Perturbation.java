package io.tracediff.eval;

import io.tracediff.expr.Expr;
import io.tracediff.expr.Num;
import java.util.SplittableRandom;

/**
 * Rounding made visible: every operand an operator reads scaled entrywise by 1 + δr, r uniform in [−1, 1], a draw
 * for each use, with δ thousands of times the unit roundoff (an operation's rounding is what perturbing its operands
 * by about one unit does). A value that moves by about δ of itself under it is resolved: rounding did not make it.
 * A rounding residue moves by about itself, or by nothing where the formula is invariant under the perturbation
 * (x./x), which is why the self-check asks for several draws (stochastic arithmetic, as CESTAC/CADNA use it).
 */
public final class Perturbation {
    /** About 9·10⁻¹³: 2¹³ units of roundoff, so the estimate exceeds the rounding of any operation of a check's sizes. */
    public static final double DELTA = 0x1p-40;

    private final SplittableRandom random;
    private final double delta;
    private double smallest = Double.POSITIVE_INFINITY, largest;

    public Perturbation(long seed) { this(seed, DELTA); }

    /** With another δ: 2⁻⁵⁰ (four units of roundoff) asks what rounding itself, not a thousandfold of it, can move. */
    public Perturbation(long seed, double delta) { this.random = new SplittableRandom(seed); this.delta = delta; }

    /** Whether a value is perturbed: an integer constant (an exponent, a count) is exact, not rounded. */
    public static boolean perturbs(Expr e) {
        return !(e instanceof Num n) || n.value() != Math.rint(n.value());
    }

    /** The factors 1 + δr for {@code n} entries. */
    public double[] factors(int n) {
        double[] f = new double[n];
        for (int i = 0; i < n; i++) f[i] = 1 + delta * (2 * random.nextDouble() - 1);
        return f;
    }

    /** Notes the values of an evaluation (forward values, adjoints, results), for {@link #nearUnderflow}. */
    public void observe(double[] values) {
        for (double x : values) {
            double a = Math.abs(x);
            if (a != 0 && a < smallest) smallest = a;
            if (a > largest) largest = a;
        }
    }

    /**
     * Whether a value seen was so small that a product of two such underflows (below √(smallest normal) ≈ 1.5·10⁻¹⁵⁴),
     * or so large that dividing by it may (above 2⁵¹¹ ≈ 6.7·10¹⁵³: 10⁻¹⁸/10³⁰⁰ is subnormal). A subnormal or flushed value
     * is not rounding in proportion to the operands, and no perturbation moves it as rounding would.
     */
    public boolean nearUnderflow() { return smallest < 0x1p-511 || largest > 0x1p511; }

    /** A perturbed copy of {@code m} (m itself is left as it is: it may be a variable's given value). */
    public Matrix apply(Matrix m) {
        observe(m.data);
        double[] f = factors(m.data.length), d = new double[f.length];
        for (int i = 0; i < d.length; i++) d[i] = m.data[i] * f[i];
        return new Matrix(m.rows, m.cols, d);
    }
}
