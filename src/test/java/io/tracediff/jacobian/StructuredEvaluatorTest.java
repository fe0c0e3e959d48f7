package io.tracediff.jacobian;

import io.tracediff.eval.tree.Evaluator;
import io.tracediff.api.Problem;
import io.tracediff.eval.Matrix;
import io.tracediff.algebra.Alg;
import io.tracediff.eval.tree.RandomPoints;
import io.tracediff.eval.VariableValues;
import io.tracediff.expr.Apply;
import io.tracediff.expr.Expr;
import io.tracediff.expr.Var;
import io.tracediff.expr.VarKind;
import io.tracediff.ops.Commutation;
import io.tracediff.ops.DiagMatrix;
import io.tracediff.ops.Kron;
import io.tracediff.shape.Dim;
import io.tracediff.shape.Shape;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each structured path (scaling, diagonal add, fused transpose add, ⊗ and K applied) equals the dense evaluation. */
class StructuredEvaluatorTest {
    private static final Var A = new Var("A", Shape.of(Dim.of(2), Dim.of(3)), VarKind.MATRIX);
    private static final Var B = new Var("B", Shape.of(Dim.of(4), Dim.of(2)), VarKind.MATRIX);

    /** P stands for A ⊗ B (8×6) and Q for K(2, 3) (6×6): the input language has neither, derivations produce them. */
    @ParameterizedTest
    @ValueSource(strings = {
            "diag(u)*X", "X*diag(v)", "X'*diag(u)*X", "X'*(diag(u)*X)", "X'*diag(u)*Y", "diag(v) + X'*X", "X'*X - diag(v)", "S + S'", "S' + X'*X", "S - S'",
            "P*V", "W*P", "Q*V", "Z*Q", "-(Q*P')"})
    void structuredEqualsDense(String expr) {
        String lets = "X: matrix(3, 4); Y: matrix(3, 5); u: vector(3); v: vector(4); S: matrix(4, 4); V: matrix(6, 2); W: matrix(2, 8); Z: matrix(2, 6);"
                + " P: matrix(8, 6); Q: matrix(6, 6)";
        Problem typed = Problem.of(expr, lets);
        Expr e = substitute(typed.expr());
        Map<String, Var> vars = new LinkedHashMap<>(typed.variables());
        vars.remove("P");
        vars.remove("Q");
        vars.put("A", A);
        vars.put("B", B);
        Map<String, Matrix> values = new RandomPoints(11, 2).values(vars.values());
        VariableValues b = VariableValues.bind(vars, values);
        JacobiansTest.close(expr, Evaluator.eval(e, b), new StructuredEvaluator(values, b.sizes()).value(e), 1e-12);
    }

    /**
     * Xᵀ diag(u) X (the logistic-regression Hessian) in either association goes through the symmetric kernel: the
     * result is exactly symmetric, where a general product rounds its two triangles differently.
     */
    @ParameterizedTest
    @ValueSource(strings = {"X'*diag(u)*X", "X'*(diag(u)*X)"})
    void gramFormIsOneSymmetricProduct(String expr) {
        Problem typed = Problem.of(expr, "X: matrix(7, 5); u: vector(7)");
        assertNotNull(DiagMatrix.gramOperands(((Apply) typed.expr()).arg(0), ((Apply) typed.expr()).arg(1)), expr);
        Map<String, Matrix> values = new RandomPoints(5, 3).values(typed.variables().values());
        for (int i = 0; i < 7; i++) values.get("u").data[i] = Math.abs(values.get("u").data[i]) * (i + 1);
        VariableValues b = VariableValues.bind(typed.variables(), values);
        Matrix h = new StructuredEvaluator(values, b.sizes()).value(typed.expr());
        JacobiansTest.close(expr, Evaluator.eval(typed.expr(), b), h, 1e-12);
        for (int i = 0; i < 5; i++) for (int j = 0; j < 5; j++) assertEquals(h.data[i * 5 + j], h.data[j * 5 + i], expr + " at " + i + "," + j);
    }

    @Test
    void gramFormNeedsTheSameMatrixOnBothSides() {
        Problem typed = Problem.of("X'*diag(u)*Y", "X: matrix(3, 4); Y: matrix(3, 4); u: vector(3)");
        assertNull(DiagMatrix.gramOperands(((Apply) typed.expr()).arg(0), ((Apply) typed.expr()).arg(1)));
    }

    private static Expr substitute(Expr e) {
        if (e instanceof Var v && v.name().equals("P")) return Alg.apply(Kron.OP, A, B);
        if (e instanceof Var v && v.name().equals("Q")) return Apply.of(new Commutation(Dim.of(2), Dim.of(3)));
        if (!(e instanceof Apply a)) return e;
        return Apply.of(a.op(), a.args().stream().map(StructuredEvaluatorTest::substitute).toList());
    }
}
