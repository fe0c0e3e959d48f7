package io.tracediff.autograd;

import io.tracediff.kernel.CentralDifference;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Compares analytical gradients (the backward rules) with central finite differences, as
 * {@code torch.autograd.gradcheck} does for float64: eps 1e-6, atol 1e-5, rtol 1e-3. Only inputs that
 * require grad are checked; a mismatch throws with the two Jacobians.
 */
public final class GradCheck {
    public static final double EPS = 1e-6, ATOL = 1e-5, RTOL = 1e-3;

    private GradCheck() {}

    /**
     * Checks every input that requires grad; returns true or throws {@link IllegalStateException}.
     * {@code f} receives the inputs in order: {@code GradCheck.gradcheck(xs -> xs[0].mul(xs[1]), a, b)}.
     */
    public static boolean gradcheck(Function<Tensor[], Tensor> f, Tensor... inputs) {
        return gradcheck(f, EPS, ATOL, RTOL, inputs);
    }

    public static boolean gradcheck(Function<Tensor[], Tensor> f, double eps, double atol, double rtol, Tensor... inputs) {
        Tensor[] xs = new Tensor[inputs.length];
        List<Integer> checked = new ArrayList<>();
        for (int i = 0; i < inputs.length; i++) {
            xs[i] = new Tensor(inputs[i].data.clone(), inputs[i].shape).requiresGrad(inputs[i].requiresGrad);
            if (inputs[i].requiresGrad) checked.add(i);
        }
        if (checked.isEmpty()) throw new IllegalArgumentException("gradcheck expects at least one input tensor to require gradient, but none of the them have requires_grad=True.");
        Tensor y = f.apply(xs);
        int m = y.numel();
        for (int i : checked) {
            Tensor x = xs[i];
            int n = x.numel();
            double[] analytical = new double[m * n];
            // grad mode stays on: f may itself differentiate (gradgradcheck)
            double[] numerical = CentralDifference.jacobian(n, j -> eps, (j, t) -> movedValues(x, j, t, () -> f.apply(xs).data.clone()));
            if (y.requiresGrad) fillAnalytical(y, x, analytical);
            compare(i, m, n, numerical, analytical, atol, rtol);
        }
        return true;
    }

    /**
     * Checks the gradients that {@code loss.backward()} would give {@code parameters} (leaves that require grad,
     * such as a module's), perturbing each parameter's storage in place and restoring it: the form needed when the
     * function closes over its parameters instead of taking them as arguments. No {@code .grad} is modified.
     */
    public static boolean gradcheckParameters(Supplier<Tensor> loss, List<Tensor> parameters) {
        if (parameters.isEmpty()) throw new IllegalArgumentException("gradcheckParameters expects at least one parameter");
        for (Tensor p : parameters)
            if (!p.requiresGrad || !p.isLeaf()) throw new IllegalArgumentException("gradcheckParameters expects leaf tensors that require grad");
        Tensor y = loss.get();
        int m = y.numel();
        for (int i = 0; i < parameters.size(); i++) {
            Tensor x = parameters.get(i);
            int n = x.numel();
            double[] analytical = new double[m * n];
            double[] numerical = CentralDifference.jacobian(n, j -> EPS, (j, t) -> movedValues(x, j, t, () -> valuesWithoutGraph(loss)));
            if (y.requiresGrad) fillAnalytical(y, x, analytical);
            compare(i, m, n, numerical, analytical, ATOL, RTOL);
        }
        return true;
    }

    /** The values {@code f} gives with entry j of x's storage moved by t, the storage restored after. */
    private static double[] movedValues(Tensor x, int j, double t, Supplier<double[]> f) {
        double v = x.data[j];
        try {
            x.data[j] = v + t;
            return f.get();
        } finally {
            x.data[j] = v;
        }
    }

    private static double[] valuesWithoutGraph(Supplier<Tensor> f) {
        try (GradMode off = new GradMode(false)) {
            return f.get().data.clone();
        }
    }

    private static void fillAnalytical(Tensor y, Tensor x, double[] analytical) {
        int n = x.numel();
        for (int k = 0; k < y.numel(); k++) {
            Tensor basis = Tensor.zerosLike(y);
            basis.data[k] = 1;
            Tensor g = Autograd.grad(List.of(y), List.of(x), List.of(basis), true, false, true).get(0);
            if (g != null) System.arraycopy(g.data, 0, analytical, k * n, n);
        }
    }

    private static void compare(int input, int m, int n, double[] numerical, double[] analytical, double atol, double rtol) {
        for (int e = 0; e < numerical.length; e++) {
            if (!(Math.abs(analytical[e] - numerical[e]) <= atol + rtol * Math.abs(numerical[e])))
                throw new IllegalStateException("Jacobian mismatch for output 0 with respect to input " + input + ",\nnumerical:"
                        + new Tensor(numerical, new int[] {m, n}) + "\nanalytical:" + new Tensor(analytical, new int[] {m, n}) + "\n");
        }
    }

    /**
     * Checks second derivatives: gradcheck of x ↦ vᵀ·∂f/∂x (backward run with createGraph) for a fixed random v,
     * as {@code torch.autograd.gradgradcheck}.
     */
    public static boolean gradgradcheck(Function<Tensor[], Tensor> f, Tensor... inputs) {
        Tensor probe = f.apply(detachedCopies(inputs));
        Tensor v = Tensor.randn(new Random(12345), probe.shape);
        Function<Tensor[], Tensor> firstDerivatives = xs -> {
            List<Tensor> wrt = new ArrayList<>();
            for (Tensor x : xs) if (x.requiresGrad) wrt.add(x);
            Tensor y = f.apply(xs);
            List<Tensor> parts = new ArrayList<>();
            List<Tensor> gs = y.requiresGrad ? Autograd.grad(List.of(y), wrt, List.of(v), true, true, true) : null;
            for (int k = 0; k < wrt.size(); k++) {
                Tensor g = gs == null ? null : gs.get(k);
                parts.add((g == null ? Tensor.zerosLike(wrt.get(k)) : g).flatten());
            }
            return Tensor.cat(parts, 0);
        };
        return gradcheck(firstDerivatives, inputs);
    }

    private static Tensor[] detachedCopies(Tensor[] inputs) {
        Tensor[] out = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) out[i] = new Tensor(inputs[i].data.clone(), inputs[i].shape);
        return out;
    }
}
