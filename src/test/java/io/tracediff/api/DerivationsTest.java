package io.tracediff.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracediff.codegen.derive.Derivatives;
import io.tracediff.codegen.JavaGenerator;
import io.tracediff.codegen.PythonTarget;
import io.tracediff.diff.Gradients;
import io.tracediff.eval.Matrix;
import io.tracediff.algebra.Alg;
import io.tracediff.expr.Expr;
import io.tracediff.expr.Num;
import io.tracediff.core.UserError;
import io.tracediff.print.Printer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The derivation entry points the commands use, called directly. */
class DerivationsTest {

    @Test
    void theJacobianOfAXBIsBTransposedKronA() {
        Problem p = Problem.of("A*X*B", List.of("A: matrix(m, n); X: matrix(n, p); B: matrix(p, q)"));
        var r = Derivations.jacobian(p, p.wrt("X"), Derivations.Options.DEFAULT);
        assertEquals("Bᵀ ⊗ A", Printer.unicode(r.jacobians().get("X")));
    }

    @Test
    void aScalarHasNoJacobianButAGradient() {
        Problem p = Problem.of("x'*A*x");
        UserError e = assertThrows(UserError.class, () -> Derivations.jacobian(p, p.wrt("x"), Derivations.Options.DEFAULT));
        assertTrue(e.getMessage().contains("use tracediff grad"), e.getMessage());
        assertEquals("(A + Aᵀ) x", Printer.unicode(Derivations.gradient(p, p.wrt("x")).gradients().get("x")));
    }

    @Test
    void functionsDefinedByAFormulaAreDifferentiated() {
        Mathematics m = Mathematics.of(null, List.of("sp(x) = log(1 + exp(x))"));
        Problem p = m.problem("sum(sp(X*w))", List.of("X: matrix(m, n)"));
        Gradients.Result r = Derivations.gradient(p, p.wrt("w"), new Derivations.Options(m, true, false));
        assertTrue(r.selfCheck().checked());
        assertThrows(UserError.class, () -> Problem.of("sum(sp(X*w))"));   // not a built-in function
    }

    @Test
    void codeIsGeneratedFromOneDerivationAndNamesTheValueFWhenAVariableIsCalledValue() {
        Problem p = Problem.of("norm2(X*value - y)^2");
        Derivatives d = Derivations.forCode(Derivatives.Mode.GRADIENT, p, p.wrt("value"), Derivations.Options.DEFAULT);
        assertEquals(List.of("f", "grad_value"), List.copyOf(d.outputs().keySet()));
        String java = Derivations.javaSource(p, d, JavaGenerator.Options.named("LeastSquares"));
        assertTrue(java.contains("class LeastSquares"), java);
        String numpy = Derivations.pythonSource(p, d, PythonTarget.named("numpy"));
        assertTrue(numpy.contains("def evaluate("), numpy);
    }

    @Test
    void sharedSubexpressionsAreNamedOnce() {
        Problem p = Problem.of("sum(exp(W*x)) + sum(exp(W*x) .* y)");
        Gradients.Result r = Derivations.gradient(p, p.wrt("x"));
        var c = Derivations.shared(List.copyOf(r.gradients().values()), p);
        assertFalse(c.names().isEmpty());
        for (String t : c.names().keySet()) assertFalse(p.variables().containsKey(t));
    }

    @Test
    void theCheckAgreesOnARightFormAndDisagreesOnAWrongOne() {
        Problem p = Problem.of("norm2(X*w - y)^2", List.of("X: matrix(m, n)"));
        var request = new Verification.Request(3, 7, null, false);
        assertTrue(Verification.gradients(p, p.wrt("w"), Mathematics.builtin(), request).agree());
        Gradients.Result right = Verification.candidate(p, p.wrt("w"), Mathematics.builtin(), false);
        Expr halved = Alg.mul(new Num(0.5), right.gradients().get("w"));
        Gradients.Result wrong = new Gradients.Result(right.f(), right.differential(), Map.of("w", halved), right.derivation());
        assertFalse(Verification.compare(p, p.wrt("w"), wrong, request).agree());
        Map<String, Matrix> at = Values.read("{\"X\": [[1, 2], [3, 4], [5, 7]], \"w\": [0.5, -1], \"y\": [1, 0, 2]}");
        assertTrue(Verification.gradients(p, p.wrt("w"), Mathematics.builtin(), new Verification.Request(1, 0, at, false)).agree());
    }
}
