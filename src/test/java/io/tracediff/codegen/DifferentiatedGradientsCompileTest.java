package io.tracediff.codegen;

import static org.junit.jupiter.api.Assertions.*;

import io.tracediff.api.Problem;
import io.tracediff.diff.Gradients;
import io.tracediff.eval.tree.Evaluator;
import io.tracediff.eval.Matrix;
import io.tracediff.eval.tree.RandomPoints;
import io.tracediff.expr.Var;
import io.tracediff.kernel.CentralDifference;
import io.tracediff.shape.Dim;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * End to end: gradients from the symbolic differentiator, compiled, agree with central differences of
 * the interpreted value along a random direction (symmetric for symmetric variables), for every variable.
 */
class DifferentiatedGradientsCompileTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "least squares       | A: matrix(m, n); x: vector(n); b: vector(m)                     | norm2(A*x - b)^2",
            "logistic regression | X: matrix(m, n); w: vector(n); y: vector(m)                     | sum(softplus(X*w)) - y'*X*w",
            "MLP                 | W1: matrix(n, n); W2: matrix(m, n); X: matrix(n, m); Y: matrix(m, m) | norm2(Y - W2*tanh(W1*X))^2",
            "Gaussian            | S: spd(n); x: vector(n); mu: vector(n)                          | -0.5*logdet(S) - 0.5*(x - mu)'*inv(S)*(x - mu)",
            "cookbook a'exp(Xb)  | a: vector(n); X: matrix(n, m); b: vector(m)                     | a'*exp(X*b)",
            "trace quadratic     | A: matrix(n, n); X: matrix(n, m)                                | tr(X'*A*X) + sum(diag(A).^2)",
    })
    void compiledDifferentiatedGradientsMatchFiniteDifferences(String name, String decls, String f) {
        Problem typed = Problem.of(f, decls);
        List<Var> inputs = new ArrayList<>(typed.variables().values());
        Gradients.Result g = Gradients.of(typed.expr(), inputs);
        CompiledFunction compiled = g.compile(inputs);
        assertTrue(compiled.isCompiled(), name + " fell back to the interpreter");
        Map<String, Integer> sizes = Map.of("n", 4, "m", 3);
        Map<String, Matrix> values = Cases.random(inputs, sizes, name.hashCode());
        Map<String, Matrix> got = compiled.evaluate(values);
        Evaluator interpreter = new Evaluator(values, Map.of(), d -> Cases.size(d, sizes));
        assertEquals(interpreter.value(typed.expr()).scalarValue(), got.get("value").scalarValue(), 1e-10);
        RandomPoints directions = new RandomPoints(11, Map.of(Dim.sym("n"), 4, Dim.sym("m"), 3));
        for (Var v : inputs) {
            Matrix x = values.get(v.name()), dir = directions.direction(v);   // symmetric for a symmetric v
            double slope = 0;
            for (int i = 0; i < x.data.length; i++) slope += got.get(v.name()).data[i] * dir.data[i];
            double fd = CentralDifference.slope(t -> {
                Matrix moved = x.copy();
                for (int i = 0; i < moved.data.length; i++) moved.data[i] += t * dir.data[i];
                Map<String, Matrix> at = new HashMap<>(values);
                at.put(v.name(), moved);
                return new Evaluator(at, Map.of(), d -> Cases.size(d, sizes)).value(typed.expr()).scalarValue();
            }, 1e-6);
            assertEquals(fd, slope, 1e-6 * Math.max(1, Math.abs(fd)), name + ": directional derivative along d" + v.name());
        }
    }
}
