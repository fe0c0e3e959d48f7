package io.tracediff.autograd;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Every backward rule against central finite differences (gradcheck, PyTorch's float64 tolerances) on random
 * inputs, and its second derivative (gradgradcheck: the rule's own Tensor operations differentiated).
 */
class BackwardRulesGradcheckTest {
    private static final Random RANDOM = new Random(2024);

    private static Tensor randn(int... shape) { return Tensor.randn(RANDOM, shape).requiresGrad(true); }

    /** Entries in (0.5, 1.5): inside the domain of log, sqrt, pow with real exponents. */
    private static Tensor positive(int... shape) { return Tensor.rand(RANDOM, shape).add(0.5).requiresGrad(true); }

    /** Away from the kinks at 0 (abs, relu) and the clamp bounds, where finite differences straddle a corner. */
    private static Tensor awayFromKinks(int... shape) {
        Tensor t = Tensor.randn(RANDOM, shape);
        double[] d = t.data();
        for (int i = 0; i < d.length; i++) d[i] = Math.copySign(0.1 + Math.abs(d[i]), d[i]);
        return t.requiresGrad(true);
    }

    /** Entries in (−0.8, 0.8): inside the domain of asin/acos, away from the poles of their derivatives at ±1. */
    private static Tensor insideUnitInterval(int... shape) { return Tensor.rand(RANDOM, shape).mul(1.6).sub(0.8).requiresGrad(true); }

    /** Diagonally dominant, so inverse/det/logdet are well-conditioned and det &gt; 0. */
    private static Tensor wellConditioned(int n) {
        return Tensor.randn(RANDOM, n, n).mul(0.3).add(Tensor.eye(n).mul(2)).detach().requiresGrad(true);
    }

    private static Arguments rule(String name, Function<Tensor[], Tensor> f, Tensor... inputs) {
        return Arguments.of(name, f, inputs);
    }

    static Stream<Arguments> rules() {
        return Stream.of(
                rule("add", xs -> xs[0].add(xs[1]), randn(2, 3), randn(2, 3)),
                rule("add broadcast row", xs -> xs[0].add(xs[1]), randn(2, 3), randn(3)),
                rule("add broadcast column", xs -> xs[0].add(xs[1]), randn(2, 1), randn(1, 3)),
                rule("add scalar", xs -> xs[0].add(2.5), randn(4)),
                rule("sub broadcast", xs -> xs[0].sub(xs[1]), randn(3, 2), randn(1, 2)),
                rule("rsub", xs -> xs[0].rsub(1.0), randn(3)),
                rule("mul", xs -> xs[0].mul(xs[1]), randn(2, 3), randn(2, 3)),
                rule("mul broadcast 0-dim", xs -> xs[0].mul(xs[1]), randn(2, 3), randn()),
                rule("mul scalar", xs -> xs[0].mul(-1.5), randn(3)),
                rule("div", xs -> xs[0].div(xs[1]), randn(2, 3), positive(3)),
                rule("div scalar", xs -> xs[0].div(4.0), randn(3)),
                rule("neg", xs -> xs[0].neg(), randn(3)),
                rule("pow scalar", xs -> xs[0].pow(3), randn(2, 2)),
                rule("pow fractional", xs -> xs[0].pow(1.7), positive(3)),
                rule("pow tensor", xs -> xs[0].pow(xs[1]), positive(3), randn(3)),
                rule("exp", xs -> xs[0].exp(), randn(2, 3)),
                rule("log", xs -> xs[0].log(), positive(3)),
                rule("sin", xs -> xs[0].sin(), randn(4)),
                rule("cos", xs -> xs[0].cos(), randn(4)),
                rule("tanh", xs -> xs[0].tanh(), randn(4)),
                rule("sinh", xs -> xs[0].sinh(), randn(4)),
                rule("cosh", xs -> xs[0].cosh(), randn(4)),
                rule("tan", xs -> xs[0].tan(), insideUnitInterval(4)),
                rule("log1p", xs -> xs[0].log1p(), positive(4)),
                rule("expm1", xs -> xs[0].expm1(), randn(4)),
                rule("sigmoid", xs -> xs[0].sigmoid(), randn(4)),
                rule("relu", xs -> xs[0].relu(), awayFromKinks(5)),
                rule("softplus", xs -> xs[0].softplus(), randn(5)),
                rule("abs", xs -> xs[0].abs(), awayFromKinks(5)),
                rule("sqrt", xs -> xs[0].sqrt(), positive(4)),
                rule("atan", xs -> xs[0].atan(), randn(4)),
                rule("asin", xs -> xs[0].asin(), insideUnitInterval(4)),
                rule("acos", xs -> xs[0].acos(), insideUnitInterval(4)),
                rule("clamp", xs -> xs[0].clamp(-0.05, 0.05), awayFromKinks(6)),
                rule("mm", xs -> xs[0].mm(xs[1]), randn(2, 3), randn(3, 4)),
                rule("matmul matrix-vector", xs -> xs[0].matmul(xs[1]), randn(3, 2), randn(2)),
                rule("matmul vector-matrix", xs -> xs[0].matmul(xs[1]), randn(3), randn(3, 2)),
                rule("dot", xs -> xs[0].dot(xs[1]), randn(4), randn(4)),
                rule("linear", xs -> Tensor.linear(xs[0], xs[1], xs[2]), randn(4, 3), randn(2, 3), randn(2)),
                rule("t", xs -> xs[0].t().mul(xs[1]), randn(2, 3), randn(3, 2)),
                rule("transpose 3-D", xs -> xs[0].transpose(0, 2).mul(xs[1]), randn(2, 3, 4), randn(4, 3, 2)),
                rule("sum", xs -> xs[0].sum(), randn(2, 3)),
                rule("sum dim", xs -> xs[0].sum(1), randn(2, 3)),
                rule("sum dim keepdim", xs -> xs[0].sum(0, true).mul(xs[0]), randn(2, 3)),
                rule("mean", xs -> xs[0].mean(), randn(2, 3)),
                rule("mean dim", xs -> xs[0].mean(-1), randn(2, 3, 2)),
                rule("max dim", xs -> xs[0].max(1).values(), randn(3, 4)),
                rule("max dim keepdim", xs -> xs[0].max(0, true).values(), randn(3, 4)),
                rule("max all", xs -> xs[0].max(), randn(3, 4)),
                rule("reshape", xs -> xs[0].reshape(3, -1).mul(xs[1]), randn(2, 3), randn(3, 2)),
                rule("expand", xs -> xs[0].expand(3, 2), randn(1, 2)),
                rule("sumToSize", xs -> xs[0].sumToSize(1, 3), randn(2, 3)),
                rule("cat", xs -> Tensor.cat(List.of(xs[0], xs[1]), 1).mul(xs[2]), randn(2, 1), randn(2, 2), randn(2, 3)),
                rule("stack", xs -> Tensor.stack(List.of(xs[0], xs[1]), 1), randn(2, 3), randn(2, 3)),
                rule("row", xs -> xs[0].row(1).mul(xs[0].row(0)), randn(3, 2)),
                rule("column", xs -> xs[0].col(-1), randn(3, 2)),
                rule("slice", xs -> xs[0].slice(1, 1, 3).exp(), randn(2, 4)),
                rule("narrow", xs -> xs[0].narrow(0, 1, 2).pow(2), randn(4, 2)),
                rule("trace", xs -> xs[0].mm(xs[0]).trace(), randn(3, 3)),
                rule("inverse", xs -> xs[0].inverse(), wellConditioned(3)),
                rule("det", xs -> xs[0].det(), wellConditioned(3)),
                rule("logdet", xs -> xs[0].logdet(), wellConditioned(4)),
                rule("norm", xs -> xs[0].norm(), randn(2, 3)),
                rule("logsumexp", xs -> xs[0].logsumexp(1, false), randn(2, 4)),
                rule("logsumexp keepdim", xs -> xs[0].logsumexp(0, true), randn(3, 2)),
                rule("softmax", xs -> xs[0].softmax(1), randn(2, 4)),
                rule("softmax dim 0", xs -> xs[0].softmax(0).mul(xs[1]), randn(3, 2), randn(3, 2)),
                rule("logSoftmax", xs -> xs[0].logSoftmax(1), randn(2, 4)),
                rule("copy", xs -> xs[0].copy().mul(xs[0]), randn(3)),
                rule("mseLoss", xs -> Losses.mseLoss(xs[0], xs[1]), randn(2, 3), randn(2, 3)),
                rule("bce with logits", xs -> Losses.binaryCrossEntropyWithLogits(xs[0], xs[1]), randn(4), Tensor.rand(RANDOM, 4).requiresGrad(true)),
                rule("cross entropy (indices)", xs -> Losses.crossEntropy(xs[0], new int[] {2, 0, 1}), randn(3, 4)),
                rule("cross entropy (probabilities)", xs -> Losses.crossEntropy(xs[0], xs[1]), randn(2, 3), positive(2, 3)),
                rule("sub scalar", xs -> xs[0].sub(0.75).mul(xs[0]), randn(3)),
                rule("div scalar 3", xs -> xs[0].div(3.0).exp(), randn(3)),
                rule("mean dim keepdim", xs -> xs[0].mean(0, true).mul(xs[0]), randn(3, 2)),
                rule("linear without bias", xs -> Tensor.linear(xs[0], xs[1], null), randn(4, 3), randn(2, 3)),
                rule("linear 1-D", xs -> Tensor.linear(xs[0], xs[1], xs[2]), randn(3), randn(2, 3), randn(2)),
                rule("linear 1-D without bias", xs -> Tensor.linear(xs[0], xs[1], null), randn(3), randn(2, 3)),
                rule("linear scalar bias", xs -> Tensor.linear(xs[0], xs[1], xs[2]), randn(4, 3), randn(2, 3), randn(1)),
                rule("linear 3-D input", xs -> Tensor.linear(xs[0], xs[1], xs[2]), randn(2, 4, 3), randn(2, 3), randn(2)),
                rule("matmul 1-D @ 3-D", xs -> xs[0].matmul(xs[1]), randn(3), randn(2, 3, 4)),
                rule("matmul 3-D @ 1-D", xs -> xs[0].matmul(xs[1]), randn(2, 3, 4), randn(4)),
                rule("matmul 3-D @ 3-D", xs -> xs[0].matmul(xs[1]), randn(2, 3, 4), randn(2, 4, 5)),
                rule("matmul 3-D @ 2-D", xs -> xs[0].matmul(xs[1]), randn(2, 3, 4), randn(4, 2)),
                rule("matmul 2-D @ 3-D", xs -> xs[0].matmul(xs[1]), randn(3, 4), randn(2, 4, 5)),
                rule("matmul broadcast batch", xs -> xs[0].matmul(xs[1]), randn(2, 1, 3, 4), randn(3, 4, 2)),
                rule("matmul 2-D @ batch of columns", xs -> xs[0].matmul(xs[1]), randn(3, 4), randn(2, 4, 1)),
                rule("matmul batch @ one matrix", xs -> xs[0].matmul(xs[1]).exp(), randn(2, 2, 3), randn(3, 2)),
                rule("view", xs -> xs[0].view(6).mul(xs[1]), randn(2, 3), randn(6)),
                rule("unsqueeze squeeze", xs -> xs[0].unsqueeze(1).mul(xs[1]).squeeze(1), randn(3), randn(3, 1)),
                rule("flatten", xs -> xs[0].flatten().exp(), randn(2, 3)),
                rule("add_", xs -> xs[0].mul(1).add_(xs[1]).mul(xs[0]), randn(2, 3), randn(3)),
                rule("sub_", xs -> xs[0].sin().sub_(xs[1]), randn(2, 3), randn(2, 3)),
                rule("mul_", xs -> xs[0].mul(2).mul_(xs[1]).mul_(xs[0]), randn(2, 3), randn(2, 3)),
                rule("div_", xs -> xs[0].sin().div_(xs[1]), randn(3), positive(3)),
                rule("add_ scalar then mul_ scalar", xs -> xs[0].pow(2).add_(1.5).mul_(-2).div_(3).sub_(0.5), randn(3)),
                rule("clamp_", xs -> xs[0].mul(1).clamp_(-0.05, 0.05), awayFromKinks(6)),
                rule("relu_", xs -> xs[0].mul(1).relu_(), awayFromKinks(6)),
                rule("copy_", xs -> xs[0].mul(xs[0]).copy_(xs[1]).mul(xs[0]), randn(2, 3), randn(3)),
                rule("zero_ and fill_", xs -> xs[0].sin().zero_().add(xs[0].cos().fill_(2).mul(xs[0])), randn(3)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void backwardMatchesFiniteDifferences(String name, Function<Tensor[], Tensor> f, Tensor[] inputs) {
        assertTrue(GradCheck.gradcheck(f, inputs));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void backwardIsItselfDifferentiable(String name, Function<Tensor[], Tensor> f, Tensor[] inputs) {
        assertTrue(GradCheck.gradgradcheck(f, inputs));
    }

    @Test
    void gradcheckRejectsAWrongRule() {
        Function<Tensor[], Tensor> wrong = xs -> {
            Tensor x = xs[0];
            Tensor y = x.detach().sin();            // value sin(x), but no gradient flows…
            return y.add(x.mul(0.0));               // …except a zero one: the Jacobian is wrong
        };
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> GradCheck.gradcheck(wrong, randn(3)));
        assertTrue(e.getMessage().startsWith("Jacobian mismatch for output 0 with respect to input 0,"), e.getMessage());
    }
}
