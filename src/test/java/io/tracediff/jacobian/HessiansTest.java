package io.tracediff.jacobian;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracediff.eval.tree.Evaluator;
import io.tracediff.api.Problem;
import io.tracediff.check.AutogradBridge;
import io.tracediff.check.FiniteDifferences;
import io.tracediff.eval.Matrix;
import io.tracediff.eval.tree.RandomPoints;
import io.tracediff.eval.VariableValues;
import io.tracediff.expr.Expr;
import io.tracediff.expr.Var;
import io.tracediff.kernel.CentralDifference;
import io.tracediff.core.UserError;
import io.tracediff.print.Printer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Hessians of scalar functions, as the Jacobian of the gradient: every block against second central
 * differences of f and against the reverse-mode engine's double backward (Functional.hessian over all
 * --wrt variables stacked), at two random points; the famous forms as text.
 */
public class HessiansTest {

    public record Case(String name, String expr, String lets, List<String> wrt, List<String> expected) {
        Case(String name, String expr, String lets, String wrt, String expected) {
            this(name, expr, lets, List.of(wrt), expected == null ? null : List.of(expected));
        }
    }

    public static List<Case> cases() {
        return List.of(
                new Case("quadratic form", "x'*A*x", "A: matrix(n, n); x: vector(n)", "x", "A + Aᵀ"),
                new Case("sum of exponentials", "sum(exp(x))", "x: vector(n)", "x", "diag(exp(x))"),
                new Case("least squares", "norm2(A*x - b)^2", "A: matrix(m, n); x: vector(n); b: vector(m)", "x", "2 Aᵀ A"),
                new Case("logistic regression", "sum(softplus(X*w)) - y'*X*w", "X: matrix(m, n); w: vector(n); y: vector(m)", "w",
                        "Xᵀ diag(σ(X w) ⊙ (1 − σ(X w))) X"),
                new Case("log-determinant", "logdet(X)", "X: matrix(n, n)", "X", "−K (X⁻ᵀ ⊗ X⁻¹)"),
                new Case("quadratic plus exponentials", "x'*A*x + sum(exp(x))", "A: matrix(n, n); x: vector(n)", "x", "A + Aᵀ + diag(exp(x))"),
                new Case("log-sum-exp", "log(sum(exp(x)))", "x: vector(n)", "x", null),
                new Case("sum of logs", "sum(log(x))", "x: positive(n)", "x", null),
                new Case("trace of Xᵀ A X", "tr(X'*A*X)", "X: matrix(n, p); A: matrix(n, n)", "X", "I ⊗ (A + Aᵀ)"),
                new Case("a exp(X b)", "a'*exp(X*b)", "a: vector(m); X: matrix(m, n); b: vector(n)", "X", null),
                new Case("Frobenius least squares", "norm2(A*X - B)^2", "A: matrix(m, n); X: matrix(n, p); B: matrix(m, p)", "X", "2 (I ⊗ Aᵀ A)"),
                new Case("ridge", "norm2(A*x - b)^2 + 3*x'*x", "A: matrix(m, n); x: vector(n); b: vector(m)", "x", null),
                new Case("bilinear plus exponentials, mixed", "x'*A*y + sum(exp(x))", "A: matrix(n, m); x: vector(n); y: vector(m)",
                        List.of("x", "y"), List.of("diag(exp(x))", "A", "Aᵀ", "0")),
                new Case("regression in weights and input, mixed", "norm2(W*x - y)^2", "W: matrix(m, n); x: vector(n); y: vector(m)",
                        List.of("W", "x"), null),
                new Case("tanh layer, mixed", "sum(tanh(W*x))", "W: matrix(m, n); x: vector(n)", List.of("x", "W"), null),
                new Case("two-layer net, both weights", "norm2(W2*tanh(W1*x) - y)^2", "W1: matrix(h, n); W2: matrix(o, h); x: vector(n); y: vector(o)",
                        List.of("W1", "W2"), null),
                new Case("three-layer net, outer and inner weights", "norm2(W3*tanh(W2*tanh(W1*x)) - y)^2",
                        "W1: matrix(h, n); W2: matrix(k, h); W3: matrix(o, k); x: vector(n); y: vector(o)", List.of("W1", "W3"), null),
                new Case("trace of X⁻¹ A", "tr(inv(X)*A)", "X: matrix(n, n); A: matrix(n, n)", "X", null),
                new Case("determinant", "det(X)", "X: matrix(n, n)", "X", null),
                new Case("square of a quadratic form", "(x'*A*x)^2", "x: vector(n); A: matrix(n, n)", "x", null),
                new Case("scalar and vector, mixed", "a*x'*x", "a: scalar; x: vector(n)", List.of("a", "x"), List.of("0", "2 xᵀ", "2 x", "2 a I")),
                new Case("Gram matrix fit", "norm2(X'*X - A)^2", "X: matrix(m, n); A: matrix(n, n)", "X", null),
                new Case("sum of entrywise exponentials of a matrix", "sum(exp(X))", "X: matrix(m, n)", "X", "diag(vec(exp(X)))"));
    }

    @TestFactory Stream<DynamicTest> hessiansAgreeWithDifferencesAndDoubleBackward() {
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.name() + ": ∇²(" + c.expr() + ") wrt " + c.wrt(), () -> check(c)));
    }

    static void check(Case c) {
        Problem typed = Problem.of(c.expr(), c.lets());
        List<Var> wrt = new ArrayList<>();
        for (String w : c.wrt()) wrt.add(typed.variables().get(w));
        Hessians.Result r = Hessians.of(typed.expr(), wrt);
        if (c.expected() != null) {
            List<String> printed = new ArrayList<>();
            for (Var x : wrt) for (Var y : wrt) printed.add(Printer.unicode(r.block(x.name(), y.name())));
            assertEquals(c.expected(), printed, c.name());
        }
        for (long seed = 1; seed <= 2; seed++) {
            Map<String, Matrix> values = new RandomPoints(seed, 3).values(typed.variables().values());
            VariableValues b = VariableValues.bind(typed.variables(), values);
            Matrix reverse = AutogradBridge.hessian(typed.expr(), values, wrt, b.sizes());
            int row = 0;
            for (Var x : wrt) {
                int col = 0, n = size(values.get(x.name()));
                for (Var y : wrt) {
                    int m = size(values.get(y.name()));
                    Expr block = r.block(x.name(), y.name());
                    Matrix closed = Evaluator.eval(block, b);
                    String what = c.name() + " block (" + x.name() + ", " + y.name() + ")";
                    JacobiansTest.close(what + " vs second differences", FiniteDifferences.hessian(typed.expr(), typed.variables(), values, x, y, 1e-4), closed, 1e-5);
                    JacobiansTest.close(what + " vs double backward", slice(reverse, row, col, n, m), closed, 1e-9);
                    JacobiansTest.close(what + " structurally evaluated", closed, new StructuredEvaluator(values, b.sizes()).value(block), 1e-12);
                    col += m;
                }
                row += n;
            }
        }
    }

    private static int size(Matrix m) { return m.rows * m.cols; }

    private static Matrix slice(Matrix h, int r0, int c0, int n, int m) {
        Matrix out = new Matrix(n, m);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < m; j++) out.data[i * m + j] = h.data[(r0 + i) * h.cols + c0 + j];
        return out;
    }

    @Test void hessianOfAVectorIsAUserErrorPointingToTheJacobian() {
        Problem typed = Problem.of("A*x", "A: matrix(m, n); x: vector(n)");
        UserError e = assertThrows(UserError.class, () -> Hessians.of(typed.expr(), List.of(typed.variables().get("x"))));
        assertTrue(e.getMessage().contains("scalar") && e.getMessage().contains("jacobian"), e.getMessage());
    }

    /**
     * The convention for a symmetric S: the Hessian is the Jacobian of the symmetric gradient (G + Gᵀ)/2, the
     * entries of S taken as independent. So on a symmetric direction E it gives the change of that gradient:
     * H vec(E) = (∇f(S + hE) − ∇f(S − hE)) / 2h, with ∇f the symmetric gradient (as tracediff grad prints it).
     */
    @Test void symmetricVariableHessianActsOnSymmetricDirectionsAsTheSymmetricGradientChanges() {
        for (String[] c : new String[][] {{"logdet(S)", "S: spd(n)"}, {"tr(S*A*S)", "S: symmetric(n); A: matrix(n, n)"}, {"a'*S*S*a", "S: symmetric(n); a: vector(n)"}}) {
            Problem typed = Problem.of(c[0], c[1]);
            Var s = typed.variables().get("S");
            Hessians.Result r = Hessians.of(typed.expr(), List.of(s));
            Expr g = r.gradients().get("S");
            Map<String, Matrix> values = new RandomPoints(3, 4).values(typed.variables().values());
            Matrix h = Evaluator.eval(r.block("S", "S"), VariableValues.bind(typed.variables(), values));
            Matrix e = new RandomPoints(5, 4).value(s); // a symmetric direction
            int n = e.rows;
            // vec of the change of the gradient: the row-major entries of its transpose.
            Matrix expected = new Matrix(n * n, 1, CentralDifference.slopes(t -> gradientAt(g, typed, values, e, t).transpose().data, 1e-5));
            Matrix actual = new Matrix(n * n, 1);
            for (int k = 0; k < n * n; k++) {
                for (int l = 0; l < n * n; l++) actual.data[k] += h.data[k * n * n + l] * e.get(l % n, l / n);
            }
            JacobiansTest.close(c[0] + ": H vec(E) vs the change of the symmetric gradient", expected, actual, 1e-6);
        }
    }

    private static Matrix gradientAt(Expr g, Problem typed, Map<String, Matrix> values, Matrix e, double step) {
        Map<String, Matrix> moved = new java.util.HashMap<>(values);
        Matrix s = values.get("S").copy();
        for (int i = 0; i < s.data.length; i++) s.data[i] += step * e.data[i];
        moved.put("S", s);
        return Evaluator.eval(g, VariableValues.bind(typed.variables(), moved));
    }

    @Test void hessiansOfSmoothFunctionsAreSymmetric() {
        Problem typed = Problem.of("log(sum(exp(A*x)))", "A: matrix(m, n); x: vector(n)");
        Var x = typed.variables().get("x");
        Expr h = Hessians.of(typed.expr(), List.of(x)).block("x", "x");
        Map<String, Matrix> values = new RandomPoints(7, 4).values(typed.variables().values());
        Matrix v = Evaluator.eval(h, VariableValues.bind(typed.variables(), values));
        JacobiansTest.close("Hessian vs its transpose", v, v.transpose(), 1e-12);
    }
}
