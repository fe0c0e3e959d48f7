package io.tracediff.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracediff.api.Problem;
import io.tracediff.expr.Apply;
import io.tracediff.expr.Expr;
import io.tracediff.expr.Var;
import io.tracediff.ops.Functions;
import io.tracediff.ops.Hadamard;
import io.tracediff.ops.Sum;
import io.tracediff.core.UserError;
import io.tracediff.print.Printer;
import io.tracediff.rules.RuleSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Step 1, the differential: rules by name, memoised on shared subexpressions, clear errors. */
class DifferentiatorTest {

    private static Expr parse(String src, String decls) { return Problem.of(src, decls).expr(); }

    @Test void cookbookProductRule() {
        Differentiator d = new Differentiator(RuleSet.builtin(), Functions.builtin(), Set.of("X"));
        assertEquals("d(X)*X + X*d(X)", Printer.ascii(d.differential(parse("X*X", "X: matrix(n)"))));
        assertEquals(Set.of("d-mul"), d.rulesNamed());
    }

    @Test void constantsDifferentiateToZeroWithoutRules() {
        Differentiator d = new Differentiator(RuleSet.builtin(), Functions.builtin(), Set.of("x"));
        assertEquals("zeros(n, n)", Printer.ascii(d.differential(parse("inv(A)*det(A)", "A: matrix(n)"))));
        assertTrue(d.rulesNamed().isEmpty());
    }

    /** x ⊙ x ⊙ … nested 60 deep shares every level: as a tree it has 2⁶⁰ leaves, as a graph 60 nodes. */
    @Test @org.junit.jupiter.api.Timeout(10) // without the memo this never finishes: fail, do not hang
    void sharedSubexpressionsAreDifferentiatedOnce() {
        Expr x = parse("x", "x: vector(n)");
        Expr e = x;
        for (int i = 0; i < 60; i++) e = Apply.of(Hadamard.OP, e, e);
        Differentiator d = new Differentiator(RuleSet.builtin(), Functions.builtin(), Set.of("x"));
        Expr df = d.differential(Apply.of(Sum.OP, e));
        assertTrue(Differentiator.hasDifferential(df));
    }

    /**
     * x + x + … of 30,000 terms (the parser reads it when -Dtracediff.maxDepth is raised) nests d(…) as deep as the sum: the
     * message says the expression is that deep, never that the built-in rules take d of larger terms.
     */
    @Test void anExpressionDeeperThanDifferentiationSupportsIsSaidToBe() throws Exception {
        Expr x = parse("x", "x: vector(n)"), e = x;
        for (int i = 1; i < 30_000; i++) e = Apply.of(io.tracediff.ops.Add.OP, e, x);
        Expr f = Apply.of(Sum.OP, e);
        Throwable[] thrown = new Throwable[1];
        // The command's own stack (Main.STACK_BYTES): 5,000 nested rules overflow a test thread's default one first.
        Thread t = new Thread(null, () -> {
            try {
                new Differentiator(RuleSet.builtin(), Functions.builtin(), Set.of("x")).differential(f);
            } catch (Throwable failure) {
                thrown[0] = failure;
            }
        }, "deep", 256L << 20);
        t.start();
        t.join();
        assertTrue(thrown[0] instanceof UserError, String.valueOf(thrown[0]));
        assertEquals("the expression nests 30000 operations deep; differentiation supports " + Differentiator.MAX_NESTED
                + " levels, whatever -Dtracediff.maxDepth lets the parser read; shorten the expression (a long chain x + x + … can be a sum() of a vector)",
                thrown[0].getMessage());
    }

    /** The parser refuses X^k for a non-literal k; a tree built by the API must still get a message, not a loop. */
    @Test void matrixPowerNeedsAWholeExponent() {
        Problem t = Problem.of("tr(X) + k", "X: matrix(n); k: scalar");
        Var x = t.variables().get("X");
        Expr f = Apply.of(io.tracediff.ops.Trace.OP, Apply.of(io.tracediff.ops.MatrixPow.OP, x, t.variables().get("k")));
        UserError e = assertThrows(UserError.class, () -> Gradients.of(f, List.of(x)));
        assertEquals("cannot differentiate X^k: a matrix power needs a whole-number exponent ≥ 0", e.getMessage());
    }

    @Test void anOperatorWithoutARuleIsNamed() {
        RuleSet none = RuleSet.load(java.util.Map.of("only.rules", "d-add: d(?A + ?B) = d(?A) + d(?B) ; linearity\n"));
        Differentiator d = new Differentiator(none, Functions.builtin(), Set.of("X"));
        UserError e = assertThrows(UserError.class, () -> d.differential(parse("tr(X)", "X: matrix(n)")));
        assertEquals("no differential rule matches tr(X) (operator 'tr'); add one to a rules file: d(PATTERN) = RHS ; source", e.getMessage());
    }

    @Test void compiledGradientEqualsInterpreted() {
        Problem t = Problem.of("norm2(W2*tanh(W1*x) - y)^2");
        Var w1 = t.variables().get("W1");
        Gradients.Result r = Gradients.of(t.expr(), List.of(w1));
        var values = new io.tracediff.eval.tree.RandomPoints(4, 3).values(t.variables().values());
        var compiled = r.compile(t.variables().values()).evaluate(values);
        var b = io.tracediff.eval.VariableValues.bind(t.variables(), values);
        assertEquals(io.tracediff.eval.tree.Evaluator.eval(t.expr(), b).scalarValue(), compiled.get("value").scalarValue(), 1e-12);
        assertTrue(io.tracediff.eval.tree.Evaluator.eval(r.gradients().get("W1"), b).maxAbsDiff(compiled.get("W1")) < 1e-12);
    }
}
