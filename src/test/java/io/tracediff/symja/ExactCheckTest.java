package io.tracediff.symja;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracediff.diff.Gradients;
import io.tracediff.diff.TextbookCases;
import io.tracediff.expr.Expr;
import io.tracediff.expr.Var;
import io.tracediff.ops.Functions;
import io.tracediff.ops.ScalarFunction;
import io.tracediff.core.UserError;
import io.tracediff.rules.RuleSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Closed-form gradients proved equal to Symja's D of the entrywise expansion, and wrong ones caught. */
class ExactCheckTest {

    private record Case(Expr f, List<Var> wrt, String lets) {}

    private static Case problem(String f, String lets, String... wrt) { return problem(f, lets, Functions.builtin(), wrt); }

    private static Case problem(String f, String lets, Functions fns, String... wrt) {
        io.tracediff.api.Problem t = io.tracediff.api.Problem.of(f, List.of(lets), fns);
        return new Case(t.expr(), Stream.of(wrt).map(w -> t.variables().get(w)).toList(), lets);
    }

    private static ExactCheck.Report prove(String f, String lets, String... wrt) {
        Case p = problem(f, lets, wrt);
        return ExactCheck.gradients(p.f(), p.wrt(), Gradients.of(p.f(), p.wrt()).gradients());
    }

    /** A hand-written gradient, typed with the problem's declarations so its variables are the same. */
    private static Expr parse(Case p, String g) { return io.tracediff.api.Problem.of(g, p.lets()).expr(); }

    /** Textbook cases whose expansion takes Symja over a minute at size 2 (products of 2×2 determinants, nested exponentials). */
    private static final Set<String> HEAVY = Set.of("cookbookDetAXB", "cookbookDetXtAX", "mlpSigmoidBatch", "rnnThreeStepsW", "rnnThreeStepsU");

    @TestFactory Stream<DynamicTest> everyTextbookGradientIsProvedExactly() {
        return TextbookCases.all().stream().filter(c -> !HEAVY.contains(c.name())).map(c -> DynamicTest.dynamicTest(c.name() + ": " + c.expr() + " wrt " + c.wrt(), () -> {
            ExactCheck.Outcome o = prove(c.expr(), c.lets(), c.wrt()).outcomes().get(0);
            assertEquals(ExactCheck.Verdict.PROVED, o.verdict(), o::line);
            assertTrue(o.line().startsWith("exact"), o.line());
        }));
    }

    /** The heavy ones: never DIFFERS; Symja may run out of time (undecided) on the nested exponentials. */
    @Tag("slow")
    @TestFactory Stream<DynamicTest> heavyTextbookGradientsNeverDiffer() {
        return TextbookCases.all().stream().filter(c -> HEAVY.contains(c.name())).map(c -> DynamicTest.dynamicTest(c.name() + ": " + c.expr() + " wrt " + c.wrt(), () -> {
            ExactCheck.Outcome o = prove(c.expr(), c.lets(), c.wrt()).outcomes().get(0);
            System.out.println("ExactCheckTest " + c.name() + ": " + o.line());
            assertTrue(o.verdict() != ExactCheck.Verdict.DIFFERS, o::line);
        }));
    }

    @Test void gaussianCovarianceLineNamesTheSize() {
        ExactCheck.Report r = prove("logdet(S) + x'*inv(S)*x", "S: spd(n); x: vector(n)", "S", "x");
        assertEquals(Map.of("n", 2), r.sizes());
        assertEquals("exact (n = 2): proved (4 entries)", r.outcomes().get(0).line());
        assertEquals("exact (n = 2): proved (2 entries)", r.outcomes().get(1).line());
        assertTrue(r.proved());
    }

    @Test void sizeThreeIsChecked() {
        Case p = problem("det(X) + tr(X^2)", "X: matrix(n, n)", "X");
        ExactCheck.Report r = ExactCheck.gradients(p.f(), p.wrt(), Gradients.of(p.f(), p.wrt()).gradients(), 3);
        assertEquals("exact (n = 3): proved (9 entries)", r.outcomes().get(0).line());
    }

    @Test void transposedTraceGradientDiffersAtANamedEntry() {
        Case p = problem("tr(A*X*B)", "A: matrix(n, n); B: matrix(n, n); X: matrix(n, n)", "X");
        Expr wrong = parse(p, "A*B"); // the right one is Aᵀ Bᵀ
        ExactCheck.Outcome o = ExactCheck.gradients(p.f(), p.wrt(), Map.of("X", wrong)).outcomes().get(0);
        assertEquals(ExactCheck.Verdict.DIFFERS, o.verdict());
        ExactCheck.Entry e = o.decisive();
        assertEquals(0, e.row());
        assertEquals(0, e.col());
        // (AᵀBᵀ)₁₁ − (AB)₁₁ = A21 B12 − A12 B21, in the user's names (Symja keeps them in lower case)
        assertTrue(e.difference().contains("A21") && e.difference().contains("B12") && e.difference().contains("A12*B21"), e.difference());
        assertTrue(o.line().startsWith("exact (n = 2): DIFFERS at entry (1, 1): "), o.line());
    }

    @Test void symmetricVariableUsesTheHalfOffDiagonalConvention() {
        Case p = problem("x'*S*x", "S: symmetric(n); x: vector(n)", "S");
        assertEquals(ExactCheck.Verdict.PROVED, ExactCheck.gradients(p.f(), p.wrt(), Map.of("S", parse(p, "x*x'"))).outcomes().get(0).verdict());
        // The other convention (2 x xᵀ − diag(x ⊙ x), ∂f/∂S₁₂ with S₁₂ = S₂₁ one symbol) is off by 2 off the diagonal.
        ExactCheck.Outcome o = ExactCheck.gradients(p.f(), p.wrt(), Map.of("S", parse(p, "2*x*x' - diag(x .* x)"))).outcomes().get(0);
        assertEquals(ExactCheck.Verdict.DIFFERS, o.verdict());
        assertEquals(0, o.decisive().row());
        assertEquals(1, o.decisive().col());
        assertEquals(ExactCheck.Verdict.PROVED, o.entries().get(0).verdict());
    }

    @Test void upperAndLowerCaseNamesAreDifferentSymbols() {
        // Symja keeps names in lower case: X and x must not become the same symbol.
        ExactCheck.Report r = prove("x'*X*x + sum(exp(X))", "X: matrix(n, n); x: vector(n)", "X", "x");
        assertTrue(r.proved(), () -> r.outcomes().toString());
        Case p = problem("sum(X .* x)", "X: matrix(n, n); x: matrix(n, n)", "X");
        ExactCheck.Outcome o = ExactCheck.gradients(p.f(), p.wrt(), Map.of("X", parse(p, "X"))).outcomes().get(0);
        assertEquals(ExactCheck.Verdict.DIFFERS, o.verdict());
    }

    @Test void identityTrueOnlyForPositiveEntriesIsUndecidedNotProved() {
        // sqrt(x²) ⊘ x is 1 at every positive point the counterexample search tries, but not for all x.
        Case p = problem("sum(x)", "x: vector(n)", "x");
        ExactCheck.Outcome o = ExactCheck.gradients(p.f(), p.wrt(), Map.of("x", parse(p, "sqrt(x .^ 2) ./ x"))).outcomes().get(0);
        assertEquals(ExactCheck.Verdict.UNDECIDED, o.verdict(), o::line);
        assertTrue(o.line().startsWith("exact (n = 2): undecided at entry (1, 1)"), o.line());
    }

    @Test void nonSmoothFunctionsAreDifferentiatedAwayFromTheKinks() {
        Case p = problem("sum(relu(X*w)) + sum(abs(w))", "X: matrix(m, n); w: vector(n)", "w", "X");
        ExactCheck.Report r = ExactCheck.gradients(p.f(), p.wrt(), Gradients.of(p.f(), p.wrt()).gradients());
        assertTrue(r.proved(), () -> r.outcomes().toString());
        ExactCheck.Outcome wrong = ExactCheck.gradients(p.f(), p.wrt().subList(0, 1), Map.of("w", parse(p, "X' * step(X*w)"))).outcomes().get(0);
        assertEquals(ExactCheck.Verdict.DIFFERS, wrong.verdict(), wrong::line); // sign(w) is missing
    }

    @Test void userDefinedFunctionIsExpandedThroughItsBody() {
        UserFunctions.Defined sp = UserFunctions.define("sp(x) = log(1 + exp(x))", Functions.builtin(), RuleSet.builtin());
        Case p = problem("u'*sp(X*v)", "u: vector(m); v: vector(n); X: matrix(m, n)", sp.functions(), "X");
        ExactCheck.Report r = ExactCheck.gradients(p.f(), p.wrt(), Gradients.of(p.f(), p.wrt(), sp.rules(), sp.functions()).gradients());
        assertTrue(r.proved(), () -> r.outcomes().toString());
    }

    @Test void functionWithoutAnExactFormIsRefusedByName() {
        Functions fns = Functions.builtin().copy();
        fns.add(new ScalarFunction("cbrt", Math::cbrt, "\\sqrt[3]", "Math.cbrt(%s)"));
        Case p = problem("sum(cbrt(x))", "x: vector(n)", fns, "x");
        UserError e = assertThrows(UserError.class, () -> ExactCheck.gradients(p.f(), p.wrt(), Map.of("x", p.f())));
        assertEquals("--exact has no exact form of the elementwise function 'cbrt'", e.getMessage());
    }

    @Test void sizesAboveThreeAreRefused() {
        UserError e = assertThrows(UserError.class, () -> prove("det(X)", "X: matrix(4, 4)", "X"));
        assertEquals("--exact expands expressions only at sizes up to 3×3, but X is 4×4", e.getMessage());
        assertThrows(UserError.class, () -> {
            Case p = problem("det(X)", "X: matrix(n, n)", "X");
            ExactCheck.gradients(p.f(), p.wrt(), Gradients.of(p.f(), p.wrt()).gradients(), 4);
        });
    }

    @Test void expansionTooBigIsRefused() {
        // Nested inverses of a 3×3 symbolic matrix: each level multiplies the entries' size.
        Case p = problem("tr(inv(X + inv(X + inv(X + inv(X)))))", "X: matrix(n, n)", "X");
        UserError e = assertThrows(UserError.class, () -> ExactCheck.gradients(p.f(), p.wrt(), Map.of("X", parse(p, "X")), 3));
        assertTrue(e.getMessage().startsWith("--exact: the entries of ") && e.getMessage().contains("too big to expand"), e.getMessage());
    }

    @Test void provedMeansNoDecisiveEntry() {
        ExactCheck.Outcome o = prove("norm2(x)", "x: vector(n)", "x").outcomes().get(0);
        assertNull(o.decisive());
        assertEquals(2, o.entries().size());
    }
}
