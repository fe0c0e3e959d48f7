package io.tracediff.diff;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracediff.check.FiniteDifferences;
import io.tracediff.check.RandomPoints;
import io.tracediff.eval.Bindings;
import io.tracediff.eval.Evaluator;
import io.tracediff.eval.Matrix;
import io.tracediff.expr.Expr;
import io.tracediff.expr.Var;
import io.tracediff.ops.Functions;
import io.tracediff.print.Printer;
import io.tracediff.rules.RuleSet;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** For random well-typed expressions: simplification keeps the value, and every gradient matches central differences. */
class EnginePropertiesTest {
    private static final Map<String, Matrix> POINT = new RandomPoints(7, 3).values(RandomExpressions.VARS.values());
    private static final Bindings AT = Bindings.bind(RandomExpressions.VARS, POINT);

    @Provide Arbitrary<Expr> scalars() { return RandomExpressions.scalar(3); }

    @Provide Arbitrary<Expr> matrices() { return RandomExpressions.matrix(3); }

    @Property(tries = 150)
    void simplifyPreservesValue(@ForAll("matrices") Expr e) {
        Expr s = new Simplifier(RuleSet.builtin(), Functions.builtin()).simplify(e);
        Matrix before = Evaluator.eval(e, AT), after = Evaluator.eval(s, AT);
        assertTrue(after.maxAbsDiff(before) <= 1e-9 * Math.max(1, before.maxAbs()),
                () -> Printer.ascii(e) + " => " + Printer.ascii(s) + " changed the value by " + after.maxAbsDiff(before));
    }

    @Property(tries = 150)
    void gradientsMatchCentralDifferences(@ForAll("scalars") Expr f) {
        List<Var> wrt = List.of(RandomExpressions.v("X"), RandomExpressions.v("x"));
        Gradients.Result r = Gradients.of(f, wrt);
        for (Var v : wrt) {
            Matrix closed = Evaluator.eval(r.gradients().get(v.name()), AT);
            Matrix numeric = FiniteDifferences.gradient(f, RandomExpressions.VARS, POINT, v, 1e-6);
            double tol = 1e-5 * Math.max(1, numeric.maxAbs());
            assertTrue(closed.maxAbsDiff(numeric) <= tol, () -> "∂(" + Printer.ascii(f) + ")/∂" + v.name() + " = "
                    + Printer.ascii(r.gradients().get(v.name())) + " is off by " + closed.maxAbsDiff(numeric));
        }
    }
}
