package io.tracediff.bench;

import io.tracediff.api.Problem;
import io.tracediff.diff.Gradients;
import io.tracediff.expr.Expr;
import io.tracediff.expr.Var;
import io.tracediff.ops.Functions;
import io.tracediff.rules.RuleSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Time to derive and simplify a textbook gradient, warm (rules loaded once, as in a long-lived process).
 * Sample mode, so JMH reports the median (p0.50). Targets: under 1 ms for one-line identities, under
 * 10 ms for the MLP and the RNN. Run: bench/run DerivationBench -f 1 -wi 3 -i 5
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Thread)
public class DerivationBench {
    private static final Map<String, String[]> CASES = Map.ofEntries(
            Map.entry("traceAXB", new String[] {"tr(A*X*B)", "", "X"}),
            Map.entry("quadratic", new String[] {"x'*A*x", "", "x"}),
            Map.entry("logdet", new String[] {"logdet(X)", "", "X"}),
            Map.entry("det", new String[] {"det(X)", "", "X"}),
            Map.entry("aExpXb", new String[] {"a'*exp(X*b)", "a: vector(m); b: vector(n)", "X"}),
            Map.entry("aInvXb", new String[] {"a'*inv(X)*b", "a: vector(n); b: vector(n)", "X"}),
            Map.entry("leastSquares", new String[] {"norm2(A*x - b)^2", "b: vector(m)", "x"}),
            Map.entry("logistic", new String[] {"sum(softplus(X*w)) - y'*X*w", "", "w"}),
            Map.entry("gaussianCovariance", new String[] {"logdet(S) + (x - mu)'*inv(S)*(x - mu)", "S: spd(n); mu: vector(n)", "S"}),
            Map.entry("matrixFactorization", new String[] {"norm2(Y - U*V')^2", "", "U"}),
            Map.entry("mlp", new String[] {"norm2(W2*tanh(W1*x + b1) - y)^2", "b1: vector(h)", "W1"}),
            Map.entry("rnn3", new String[] {"norm2(V*tanh(W*x3 + U*tanh(W*x2 + U*tanh(W*x1 + U*h0))) - y)^2", "", "W"}));

    @Param({"traceAXB", "quadratic", "logdet", "det", "aExpXb", "aInvXb", "leastSquares", "logistic",
            "gaussianCovariance", "matrixFactorization", "mlp", "rnn3"})
    public String problem;

    private Expr f;
    private List<Var> wrt;

    @Setup public void setUp() {
        String[] c = CASES.get(problem);
        Problem t = Problem.of(c[0], c[1]);
        f = t.expr();
        wrt = List.of(t.variables().get(c[2]));
        RuleSet.builtin();
    }

    /** What {@code grad} does before its self-check: derive, simplify greedily, then by equality saturation. */
    @Benchmark public Object deriveAndSimplify() { return Gradients.of(f, wrt, RuleSet.builtin(), Functions.builtin(), false).gradients(); }

    /** The greedy pass alone ({@code grad --greedy}): what {@code deriveAndSimplify} measured before the e-graph became the default. */
    @Benchmark public Object deriveAndSimplifyGreedily() {
        return Gradients.of(f, wrt, RuleSet.builtin(), Functions.builtin(), false, null).gradients();
    }

    /** The same with the self-check against reverse mode that every printed gradient passes (its cost warm). */
    @Benchmark public Object deriveSimplifyAndSelfCheck() { return Gradients.of(f, wrt, RuleSet.builtin(), Functions.builtin(), true).gradients(); }

}
