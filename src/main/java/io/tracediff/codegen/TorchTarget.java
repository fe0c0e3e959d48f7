package io.tracediff.codegen;

import java.util.ArrayList;
import java.util.List;

/** PyTorch: torch's names (asin, acos, atan), constructors on the inputs' device, and the body under torch.no_grad(). */
public final class TorchTarget extends PythonTarget {
    TorchTarget() {
        super("torch");
        function("sigmoid", "torch.sigmoid(%s)");
        function("relu", "torch.relu(%s)");
        function("softplus", "torch.nn.functional.softplus(%s)");
        function("step", "torch.heaviside(%s, torch.zeros((), dtype=dtype, device=device))");
        function("arcsin", "torch.asin(%s)");
        function("arccos", "torch.acos(%s)");
        function("arctan", "torch.atan(%s)");
        function("erf", "torch.erf(%s)");
        form(io.tracediff.ops.Softmax.class, (a, x, c) -> a.arg(0).isScalar() ? call("torch.ones_like", c.tensor(x.get(0)))
                : call("torch.softmax", x.get(0).text() + ", dim=0"));
        form(io.tracediff.ops.LogSumExp.class, (a, x, c) -> a.arg(0).isScalar() ? x.get(0)
                : call("torch.logsumexp", x.get(0).at(ATOM) + ".reshape(-1), 0"));
        // torch.kron (1.13) fails on a transposed operand ("view size is not compatible"): a broadcast product instead
        form(io.tracediff.ops.Kron.class, (a, x, c) -> a.arg(0).isScalar() || a.arg(1).isScalar() ? binary(x, " * ", MUL)
                : Py.atom("(" + x.get(0).at(ATOM) + "[:, None, :, None] * " + x.get(1).at(ATOM) + "[None, :, None, :]).reshape("
                        + c.dim(a.shape().rows()) + ", " + c.dim(a.shape().cols()) + ")"));
    }

    @Override Py logSoftmax(String x) { return Py.atom("torch.log_softmax(" + x + ".reshape(-1), 0).reshape(" + x + ".shape)"); }

    @Override String extremeIndicatorHelper() {
        return """
                def _extreme_indicator(x, m):
                    \"\"\"1 at the unique entry of x equal to m (its max or min), 0 elsewhere: the gradient of max (min).
                    NaN everywhere at a tie, where max (min) has no gradient, as tracediff refuses there.\"\"\"
                    hit = x == m
                    return torch.where(hit.sum() == 1, hit.to(x.dtype), torch.full_like(x, float("nan")))
                """;
    }

    @Override public String language() { return "torch"; }

    @Override List<String> imports() { return List.of("import torch"); }

    @Override String constructorKeywords() { return "dtype=dtype, device=device"; }

    @Override String constant(String literal) { return "torch.as_tensor(" + literal + ", dtype=dtype, device=device)"; }

    @Override List<String> readInputs(List<String> arrays, List<String> scalars, java.util.Map<String, String> complexChecks) {
        List<String> out = new ArrayList<>();
        List<String> all = new ArrayList<>(arrays);
        all.addAll(scalars);
        // A Python number or list of them is float64, as in NumPy: torch.as_tensor(0.1) would round it to float32 before the
        // dtype is chosen. Arrays and tensors keep their dtype; integers compute in float64, as in NumPy.
        out.add(all.get(0) + " = torch.as_tensor(" + all.get(0) + ", dtype=" + pythonNumberDtype(all.get(0)) + ")");
        out.add("device = " + all.get(0) + ".device");
        for (String x : all.subList(1, all.size())) out.add(x + " = torch.as_tensor(" + x + ", dtype=" + pythonNumberDtype(x) + ", device=device)");
        out.addAll(complexChecks(all, complexChecks));
        List<String> from = arrays.isEmpty() ? scalars : arrays;
        String dtype = from.get(0) + ".dtype";
        for (String x : from.subList(1, from.size())) dtype = "torch.promote_types(" + dtype + ", " + x + ".dtype)";
        out.add("dtype = " + dtype);
        out.add("dtype = dtype if dtype.is_floating_point else torch.float64  # float32 stays float32; integers as in NumPy");
        for (String x : all) out.add(x + " = " + x + ".to(dtype)");
        return out;
    }

    private static String pythonNumberDtype(String x) {
        return "torch.float64 if not hasattr(" + x + ", \"dtype\") and torch.as_tensor(" + x + ").is_floating_point() else None";
    }

    @Override String isComplex(String x) { return x + ".is_complex()"; }

    @Override String entries(String x) { return x + ".numel()"; }

    /** ‖x‖²: torch.vdot takes 1-D tensors only. */
    @Override Py sumOfSquares(String x) { return call("torch.sum", x + " * " + x); }

    @Override Py logdet(String x) { return call("torch.logdet", x); }

    @Override List<String> wrapBody(List<String> body) {
        List<String> out = new ArrayList<>();
        out.add("with torch.no_grad():");
        for (String line : body) out.add(line.isEmpty() ? line : "    " + line);
        return out;
    }

    @Override String ownCopy(String value) { return "(" + value + ").clone()"; }
}
