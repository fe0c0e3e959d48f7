package io.tracediff.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracediff.api.Problem;
import io.tracediff.check.FiniteDifferences;
import io.tracediff.eval.tree.Evaluator;
import io.tracediff.eval.Matrix;
import io.tracediff.eval.tree.RandomPoints;
import io.tracediff.eval.VariableValues;
import io.tracediff.expr.Var;
import io.tracediff.print.Printer;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Textbook gradients (Matrix Cookbook, Magnus & Neudecker, the usual ML losses): each closed form is
 * checked against central differences at two random points, and the famous ones against the form a
 * paper prints. Expected text null means "any form, as long as it is right".
 */
class TextbookGradientsTest {

    @TestFactory
    Stream<DynamicTest> textbookGradients() {
        return TextbookCases.all().stream().map(c -> DynamicTest.dynamicTest(c.name() + ": ∂(" + c.expr() + ")/∂" + c.wrt(), () -> check(c)));
    }

    @org.junit.jupiter.api.Test
    void atLeastSixtyTextbookCases() { assertTrue(TextbookCases.all().size() >= 60, "cases: " + TextbookCases.all().size()); }

    static void check(TextbookCases.Case c) {
        Problem typed = Problem.of(c.expr(), c.lets());
        Var x = typed.variables().get(c.wrt());
        Gradients.Result r = Gradients.of(typed.expr(), List.of(x));
        var g = r.gradients().get(c.wrt());
        if (c.expected() != null) assertEquals(c.expected(), Printer.unicode(g), c.name());
        for (long seed = 1; seed <= 2; seed++) {
            Map<String, Matrix> values = new RandomPoints(seed, 3).values(typed.variables().values());
            Matrix closed = Evaluator.eval(g, VariableValues.bind(typed.variables(), values));
            Matrix numeric = FiniteDifferences.gradient(typed.expr(), typed.variables(), values, x, 1e-6);
            double scale = Math.max(1, numeric.maxAbs());
            assertTrue(closed.rows == numeric.rows && closed.cols == numeric.cols, c.name() + ": shape " + closed.rows + "×" + closed.cols);
            assertTrue(closed.maxAbsDiff(numeric) <= 1e-5 * scale, () -> c.name() + ": closed form " + Printer.ascii(g)
                    + " differs from central differences by " + closed.maxAbsDiff(numeric));
        }
    }

}
