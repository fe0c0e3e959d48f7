package io.tracediff.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracediff.cli.Main;
import io.tracediff.eval.Matrix;
import io.tracediff.kernel.Kernels;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** X^k by repeated squaring and powsum(X, M, k) = Σ X^i M X^(k−1−i) by doubling, against the definitions. */
class MatrixPowerTest {
    private static Matrix random(Random r, int n) {
        double[] d = new double[n * n];
        for (int i = 0; i < d.length; i++) d[i] = r.nextDouble() - 0.5;
        return new Matrix(n, n, d);
    }

    private static Matrix times(Matrix a, Matrix b) { return new Matrix(a.rows, b.cols, Kernels.matmul(false, false, a.rows, b.cols, a.cols, a.data, b.data)); }

    private static Matrix power(Matrix x, int k) {
        Matrix p = Matrix.identity(x.rows);
        for (int i = 0; i < k; i++) p = times(p, x);
        return p;
    }

    @Test void squareAndMultiplyIsTheRepeatedProduct() {
        Random r = new Random(7);
        Matrix x = random(r, 4);
        for (int k = 0; k <= 40; k++) {
            Matrix fast = MatrixPow.OP.eval(List.of(x, Matrix.scalar(k)));
            assertTrue(fast.maxAbsDiff(power(x, k)) < 1e-12, "k = " + k);
        }
    }

    @Test void exponentsPast2To31AreNotTruncated() {
        Matrix shear = Matrix.of(new double[][] {{1, 1}, {0, 1}});   // shear^k = [[1, k], [0, 1]] exactly
        Matrix p = MatrixPow.OP.eval(List.of(shear, Matrix.scalar(2147483648.0)));
        assertEquals(2147483648.0, p.get(0, 1));
        assertEquals(1.0, p.get(1, 1));
    }

    @Test void powerSumByDoublingIsTheSumOfItsTerms() {
        Random r = new Random(11);
        Matrix x = random(r, 3), m = random(r, 3);
        for (int k = 1; k <= 40; k++) {
            Matrix sum = new Matrix(3, 3);
            for (int i = 0; i < k; i++) {
                Matrix term = times(times(power(x, i), m), power(x, k - 1 - i));
                for (int e = 0; e < 9; e++) sum.data[e] += term.data[e];
            }
            Matrix fast = PowerSum.OP.eval(List.of(x, m, Matrix.scalar(k)));
            assertTrue(fast.maxAbsDiff(sum) < 1e-12 * Math.max(1, sum.maxAbs()), "k = " + k);
        }
    }

    private static String[] run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        return new String[] {Integer.toString(code), out.toString().strip(), err.toString()};
    }

    /** The README's example: past the expansion limit the gradient keeps the sum as one term. */
    @Test void gradientOfAPowerPastTheLimitIsAPowerSum() {
        String[] r = run("grad", "a'*X^100*b", "--wrt", "X");
        assertEquals("0", r[0], r[2]);
        assertEquals("∂f/∂X = powsum(X, b aᵀ, 100)ᵀ", r[1]);
    }

    /** Closed form (generated code), reverse mode and central differences agree on powers past the limit, with n = 3. */
    @Test void powerSumGradientsAgreeThreeWays() {
        for (String f : List.of("a'*X^12*b", "tr(B*X^20)", "sum(X^9 .* C)", "tr(X^0 * B)", "a'*(X')^10*b"))
            for (String wrt : List.of("X")) {
                String[] r = run("check", f, "--wrt", wrt, "--let", "a: vector(3); b: vector(3); B: matrix(3); C: matrix(3); X: matrix(3)");
                assertEquals("0", r[0], f + ": " + r[1] + r[2]);
                assertTrue(r[1].contains("all agree"), f + ": " + r[1]);
            }
    }
}
