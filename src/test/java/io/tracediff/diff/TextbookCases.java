package io.tracediff.diff;

import java.util.List;

/**
 * Textbook gradients (Matrix Cookbook, Magnus & Neudecker, the usual ML losses), shared by the tests that
 * check closed forms, the three-way cross-check and the benchmarks. Expected text null means "any form".
 */
public final class TextbookCases {
    private TextbookCases() {}

    public record Case(String name, String expr, String lets, String wrt, String expected) {}

    private static final List<Case> CASES = List.of(
            // Traces (Cookbook sec. 2.5)
            new Case("cookbookTraceX", "tr(X)", "", "X", "I"),
            new Case("cookbookTraceAX", "tr(A*X)", "", "X", "Aᵀ"),
            new Case("cookbookTraceXA", "tr(X*A)", "", "X", "Aᵀ"),
            new Case("cookbookTraceAXB", "tr(A*X*B)", "", "X", "Aᵀ Bᵀ"),
            new Case("cookbookTraceAXtB", "tr(A*X'*B)", "", "X", "B A"),
            new Case("cookbookTraceXtA", "tr(X'*A)", "", "X", "A"),
            new Case("cookbookTraceXX", "tr(X*X)", "", "X", "2 Xᵀ"),
            new Case("cookbookTraceXtX", "tr(X'*X)", "", "X", "2 X"),
            new Case("cookbookTraceXAXt", "tr(X*A*X')", "", "X", "X (A + Aᵀ)"),
            new Case("cookbookTraceXtAX", "tr(X'*A*X)", "", "X", "(A + Aᵀ) X"),
            new Case("cookbookTraceAXBX", "tr(A*X*B*X)", "", "X", null),
            new Case("cookbookTraceMatrixSquare", "tr(X^2)", "", "X", "2 Xᵀ"),
            new Case("cookbookTraceMatrixCube", "tr(X^3)", "", "X", null),
            new Case("cookbookTraceInverse", "tr(inv(X))", "", "X", null),
            new Case("cookbookTraceAInvXB", "tr(A*inv(X)*B)", "", "X", null),
            new Case("traceScaled", "tr(lam*X)", "lam: scalar", "X", null),
            new Case("traceSquared", "tr(X)^2", "", "X", null),
            // Determinants (Cookbook sec. 2.1.2)
            new Case("cookbookDet", "det(X)", "", "X", "det(X) X⁻ᵀ"),
            new Case("cookbookLogDet", "logdet(X)", "", "X", "X⁻ᵀ"),
            new Case("logOfDet", "log(det(X))", "", "X", "X⁻ᵀ"),
            new Case("cookbookDetAXB", "det(A*X*B)", "A: matrix(n); B: matrix(n); X: matrix(n)", "X", null),
            new Case("cookbookDetXtAX", "det(X'*A*X)", "A: matrix(n); X: matrix(n)", "X", null),
            new Case("detOfInverse", "det(inv(X))", "", "X", null),
            new Case("logdetSymmetric", "logdet(S)", "S: spd(n)", "S", "S⁻¹"),
            // Inverses and quadratic forms (Cookbook sec. 2.2, 2.4)
            new Case("cookbookInverseBilinear", "a'*inv(X)*b", "a: vector(n); b: vector(n)", "X", "−X⁻ᵀ a bᵀ X⁻ᵀ"),
            new Case("cookbookQuadratic", "x'*A*x", "", "x", "(A + Aᵀ) x"),
            new Case("cookbookQuadraticSymmetric", "x'*S*x", "S: symmetric(n)", "x", "2 S x"),
            new Case("quadraticWrtMatrix", "x'*A*x", "", "A", "x xᵀ"),
            new Case("cookbookBilinear", "a'*X*b", "a: vector(m); b: vector(n)", "X", "a bᵀ"),
            new Case("cookbookBilinearTransposed", "a'*X'*b", "a: vector(n); b: vector(m)", "X", "b aᵀ"),
            new Case("cookbookBtXtXc", "b'*X'*X*c", "b: vector(n); c: vector(n)", "X", "X (c bᵀ + b cᵀ)"),
            new Case("cookbookAffineQuadratic", "(B*x + u)'*C*(D*x + v)", "", "x", null),
            new Case("innerProductSelf", "x'*x", "", "x", "2 x"),
            new Case("innerProduct", "a'*x", "a: vector(n)", "x", "a"),
            new Case("innerProductRight", "x'*a", "a: vector(n)", "x", "a"),
            new Case("rayleighQuotient", "x'*A*x / (x'*x)", "", "x", null),
            new Case("squaredInner", "(a'*x)^2", "a: vector(n)", "x", null),
            new Case("expOfInner", "exp(a'*x)", "a: vector(n)", "x", "exp(aᵀ x) a"),
            // Norms
            new Case("normSquared", "norm2(x)^2", "", "x", "2 x"),
            new Case("norm", "norm2(x)", "", "x", null),
            new Case("frobeniusSquared", "norm2(X)^2", "", "X", "2 X"),
            new Case("frobeniusOfProduct", "norm_fro(A*X*B)^2", "", "X", null),
            new Case("norm1", "norm1(x)", "", "x", "sign(x)"),
            new Case("leastSquares", "norm2(A*x - b)^2", "", "x", "2 Aᵀ (A x − b)"),
            new Case("leastSquaresVectorTarget", "norm2(X*w - y)^2", "", "w", "2 Xᵀ (X w − y)"),
            new Case("ridge", "norm2(X*w - y)^2 + lam*norm2(w)^2", "lam: scalar", "w", null),
            new Case("ridgeInnerProduct", "norm2(X*w - y)^2 + lam*w'*w", "lam: scalar", "w", null),
            // Hadamard and elementwise functions
            new Case("expLinear", "a'*exp(X*b)", "a: vector(m); b: vector(n)", "X", "(a ⊙ exp(X b)) bᵀ"),
            new Case("sumExp", "sum(exp(x))", "", "x", "exp(x)"),
            new Case("sumLog", "sum(log(x))", "", "x", null),
            new Case("sumHadamard", "sum(x .* y)", "", "x", "y"),
            new Case("sumSquares", "sum(x .^ 2)", "", "x", "2 x"),
            new Case("sumSin", "sum(sin(X))", "", "X", "cos(X)"),
            new Case("sumTanhLinear", "sum(tanh(X*w))", "", "w", null),
            new Case("sumSigmoidLinear", "sum(sigmoid(X*w))", "", "w", null),
            new Case("sumReluLinear", "sum(relu(X*w))", "", "w", null),
            new Case("sumSoftplusLinear", "sum(softplus(X*w))", "", "w", "Xᵀ σ(X w)"),
            new Case("sumSqrt", "sum(sqrt(x))", "", "x", null),
            new Case("sumQuotient", "sum(x ./ y)", "", "y", null),
            new Case("weightedHadamard", "a'*(x .* y)", "a: vector(n)", "x", "a ⊙ y"),
            new Case("sumArctan", "sum(arctan(x))", "", "x", null),
            new Case("sumArcsin", "sum(arcsin(x))", "", "x", null),
            new Case("sumAbs", "sum(abs(x))", "", "x", null),
            new Case("diagQuadratic", "x'*diag(v)*x", "", "v", null),
            new Case("sumDiagonal", "sum(diag(X))", "X: matrix(n)", "X", null),
            new Case("vecInner", "vec(X)'*vec(X)", "", "X", null),
            new Case("sumOnes", "ones(m)'*X*ones(n)", "X: matrix(m, n)", "X", null),
            new Case("elementwiseQuotientMatrix", "sum(X ./ Y)", "", "Y", null),
            // Machine-learning losses
            new Case("logisticRegression", "sum(softplus(X*w)) - y'*X*w", "", "w", "Xᵀ (σ(X w) − y)"),
            new Case("logisticRegressionCrossEntropy", "-(y'*log(sigmoid(X*w)) + (1 - y)'*log(1 - sigmoid(X*w)))", "", "w", null),
            new Case("softmaxCrossEntropy", "log(sum(exp(W*x))) - y'*W*x", "", "W", null),
            new Case("gaussianMean", "(x - mu)'*inv(S)*(x - mu)", "S: spd(n); mu: vector(n)", "mu", null),
            new Case("gaussianCovariance", "logdet(S) + (x - mu)'*inv(S)*(x - mu)", "S: spd(n); mu: vector(n)", "S", null),
            new Case("matrixFactorizationU", "norm2(Y - U*V')^2", "", "U", "−2 (Y − U Vᵀ) V"),
            new Case("matrixFactorizationV", "norm2(Y - U*V')^2", "", "V", "−2 (Y − U Vᵀ)ᵀ U"),
            new Case("mlpTanhW1", "norm2(W2*tanh(W1*x + b1) - y)^2", "b1: vector(h)",
                    "W1", "2 ((W2ᵀ (W2 tanh(W1 x + b1) − y)) ⊙ (1 − tanh(W1 x + b1)²)) xᵀ"),
            new Case("mlpTanhW2", "norm2(W2*tanh(W1*x + b1) - y)^2", "b1: vector(h)", "W2", "2 (W2 tanh(W1 x + b1) − y) tanh(W1 x + b1)ᵀ"),
            new Case("mlpTanhBias", "norm2(W2*tanh(W1*x + b1) - y)^2", "b1: vector(h)", "b1", null),
            new Case("mlpSigmoidBatch", "sum((Y - W2*sigmoid(W1*X)).^2)", "", "W1", null),
            new Case("mlpReluBatch", "sum((Y - W2*relu(W1*X)).^2)", "", "W2", null),
            new Case("mlpTanhBatchW1", "sum((Y - W2*tanh(W1*X)).^2)", "", "W1", null),
            new Case("rnnThreeStepsW", "norm2(V*tanh(W*x3 + U*tanh(W*x2 + U*tanh(W*x1 + U*h0))) - y)^2", "", "W", null),
            new Case("rnnThreeStepsU", "norm2(V*tanh(W*x3 + U*tanh(W*x2 + U*tanh(W*x1 + U*h0))) - y)^2", "", "U", null));


    public static List<Case> all() { return CASES; }
}
