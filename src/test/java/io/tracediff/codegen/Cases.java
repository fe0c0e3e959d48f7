package io.tracediff.codegen;

import io.tracediff.api.Problem;
import io.tracediff.eval.Matrix;
import io.tracediff.expr.Expr;
import io.tracediff.expr.Var;
import io.tracediff.shape.Dim;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Textbook objectives with hand-derived gradients, typed from source text, for the codegen tests. */
record Cases(String name, List<Var> inputs, Map<String, Expr> outputs, Map<String, Matrix> values, Map<String, Integer> sizes) {

    /** Types {@code f} and each {@code "X=∂f/∂X"} under {@code decls}; the inputs are ordered as declared. */
    static Cases of(String name, String decls, String f, Map<String, Integer> sizes, long seed, String... grads) {
        Problem value = Problem.of(f, decls);
        Map<String, Expr> outputs = new LinkedHashMap<>();
        outputs.put("value", value.expr());
        Map<String, Var> vars = new LinkedHashMap<>(value.variables());
        for (String g : grads) {
            String[] kv = g.split("=", 2);
            Problem r = Problem.of(kv[1], decls);
            outputs.put(kv[0], r.expr());
            vars.putAll(r.variables());
        }
        List<Var> inputs = new ArrayList<>();
        for (String decl : decls.split(";")) {
            String n = decl.split(":")[0].trim();
            if (vars.containsKey(n)) inputs.add(vars.get(n));
        }
        return new Cases(name, inputs, outputs, random(inputs, sizes, seed), sizes);
    }

    static Map<String, Matrix> random(List<Var> inputs, Map<String, Integer> sizes, long seed) {
        Random rnd = new Random(seed);
        Map<String, Matrix> values = new HashMap<>();
        for (Var v : inputs) {
            int r = size(v.shape().rows(), sizes), c = size(v.shape().cols(), sizes);
            Matrix m = new Matrix(r, c);
            for (int i = 0; i < m.data.length; i++) m.data[i] = rnd.nextGaussian() * 0.5;
            if (v.kind().symmetric()) {          // A Aᵀ + r I: symmetric positive definite
                Matrix s = new Matrix(r, r);
                for (int i = 0; i < r; i++)
                    for (int j = 0; j < r; j++) {
                        double x = i == j ? r : 0;
                        for (int k = 0; k < r; k++) x += m.get(i, k) * m.get(j, k);
                        s.data[i * r + j] = x;
                    }
                m = s;
            }
            values.put(v.name(), m);
        }
        return values;
    }

    static int size(Dim d, Map<String, Integer> sizes) { return io.tracediff.shape.Sizes.resolve(d, s -> sizes.get(s.name())); }

    /** The interpreter's value of output {@code key} at {@code values} (shape checks are the compiled side's job). */
    Matrix interpret(String key, Map<String, Matrix> at) {
        return new io.tracediff.eval.tree.Evaluator(at, Map.of(), d -> size(d, sizes)).value(outputs.get(key));
    }

    static Cases leastSquares() {
        return of("LeastSquares", "A: matrix(m, n); x: vector(n); b: vector(m)", "norm2(A*x - b)^2", Map.of("m", 7, "n", 4), 1,
                "x=2*A'*(A*x - b)", "A=2*(A*x - b)*x'");
    }

    static Cases logistic() {
        return of("Logistic", "X: matrix(m, n); w: vector(n); y: vector(m)",
                "sum(softplus(X*w)) - y'*X*w", Map.of("m", 9, "n", 3), 2, "w=X'*(sigmoid(X*w) - y)");
    }

    static Cases mlp(int n, int batch) {
        return of("Mlp", "W1: matrix(h, d); W2: matrix(o, h); X: matrix(d, b); Y: matrix(o, b)",
                "norm2(Y - W2*tanh(W1*X))^2", Map.of("h", n, "d", n, "o", n, "b", batch), 3,
                "W2=-2*(Y - W2*tanh(W1*X))*tanh(W1*X)'",
                "W1=-2*((W2'*(Y - W2*tanh(W1*X))) .* (1 - tanh(W1*X).^2))*X'");
    }

    static Cases gaussian() {
        return of("Gaussian", "S: spd(n); x: vector(n); mu: vector(n)",
                "-0.5*logdet(S) - 0.5*(x - mu)'*inv(S)*(x - mu)", Map.of("n", 5), 4,
                "mu=inv(S)*(x - mu)", "S=-0.5*inv(S) + 0.5*inv(S)*(x - mu)*(x - mu)'*inv(S)");
    }

    static List<Cases> textbook() { return List.of(leastSquares(), logistic(), mlp(5, 6), gaussian()); }
}
