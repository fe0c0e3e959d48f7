package io.tracediff.codegen;

import java.util.List;

/**
 * NumPy: the array-API forms with NumPy's names; σ and softplus through logaddexp, so no overflow warnings. σ(x) is
 * exp(−log(1 + e⁻ˣ)): through tanh, ½ tanh(x/2) + ½ rounded σ(−40) ≈ 4·10⁻¹⁸ to 0 and log σ(−40) to −inf.
 */
public final class NumpyTarget extends PythonTarget {
    NumpyTarget() {
        super("np");
        function("sigmoid", "np.exp(-np.logaddexp(0.0, -(%s)))");
        function("relu", "np.maximum(%s, 0.0)");
        function("softplus", "np.logaddexp(%s, 0.0)");
        function("step", "np.heaviside(%s, 0.0)");
        function("erf", "_erf(%s)");                         // NumPy has no erf, and the module imports only numpy
        helper("_erf", ERF);
        helper("_softmax", """
                def _softmax(x):
                    \"\"\"softmax of each column, its maximum subtracted so nothing overflows (as tracediff's interpreter).\"\"\"
                    e = np.exp(x - np.max(x, axis=0, keepdims=True))
                    return e / np.sum(e, axis=0, keepdims=True)
                """);
        helper("_logsoftmax", """
                def _logsoftmax(x):
                    \"\"\"x - logsumexp(x) over all entries as (x - m) - log(sum(exp(x - m))): no cancellation for large entries.\"\"\"
                    m = np.max(x)
                    if not np.isfinite(m):
                        return x - m
                    return (x - m) - np.log(np.sum(np.exp(x - m)))
                """);
        helper("_logsumexp", """
                def _logsumexp(x):
                    \"\"\"log of the sum of exp over all entries, shifted by the largest so nothing overflows.\"\"\"
                    m = np.max(x)
                    if not np.isfinite(m):
                        return m
                    return m + np.log(np.sum(np.exp(x - m)))
                """);
    }

    /** erf entrywise, the interpreter's routine (io.tracediff.kernel.Erf) vectorised: every interval computed, one chosen per entry. */
    static final String ERF = """
            def _erf(x):
                \"\"\"erf(x) entrywise (NumPy has none): W. J. Cody's rational Chebyshev approximations
                (Math. Comp. 23 (1969) 631-637), relative error below 1e-15, as tracediff's interpreter.\"\"\"
                x = np.asarray(x)
                y = np.abs(x)
                z = np.where((y > 1.11e-16) & (y <= 0.46875), y * y, 0.0)  # |x| <= 0.46875: x P(x^2) / Q(x^2)
                num = (((1.85777706184603153e-1 * z + 3.16112374387056560e00) * z + 1.13864154151050156e02) * z
                       + 3.77485237685302021e02) * z + 3.20937758913846947e03
                den = (((z + 2.36012909523441209e01) * z + 2.44024637934444173e02) * z + 1.28261652607737228e03) * z + 2.84423683343917062e03
                small = x * num / den
                t = np.minimum(y, 4.0)  # |x| <= 4: erfc = exp(-x^2) P(x) / Q(x)
                num = 2.15311535474403846e-8 * t
                den = t
                for c, d in ((5.64188496988670089e-1, 1.57449261107098347e01), (8.88314979438837594e00, 1.17693950891312499e02),
                             (6.61191906371416295e01, 5.37181101862009858e02), (2.98635138197400131e02, 1.62138957456669019e03),
                             (8.81952221241769090e02, 3.29079923573345963e03), (1.71204761263407058e03, 4.36261909014324716e03),
                             (2.05107837782607147e03, 3.43936767414372164e03)):
                    num = (num + c) * t
                    den = (den + d) * t
                middle = (num + 1.23033935479799725e03) / (den + 1.23033935480374942e03)
                u = np.maximum(y, 4.0)  # beyond: erfc = exp(-x^2) / x (1/sqrt(pi) + x^-2 P(x^-2) / Q(x^-2))
                w = 1.0 / (u * u)
                num = 1.63153871373020978e-2 * w
                den = w
                for p, q in ((3.05326634961232344e-1, 2.56852019228982242e00), (3.60344899949804439e-1, 1.87295284992346047e00),
                             (1.25781726111229246e-1, 5.27905102951428412e-1), (1.60837851487422766e-2, 6.05183413124413191e-2)):
                    num = (num + p) * w
                    den = (den + q) * w
                far = (0.56418958354775628695 - w * (num + 6.58749161529837803e-4) / (den + 2.33520497626869185e-3)) / u
                v = np.minimum(y, 6.0)
                s = np.floor(v * 16.0) / 16.0  # exp(-x^2) as exp(-s^2) exp(-(x - s)(x + s)): x^2's rounding is not amplified
                erfc = np.exp(-s * s) * np.exp(-(v - s) * (v + s)) * np.where(y <= 4.0, middle, far)
                out = np.where(y <= 0.46875, small, np.where(y >= 6.0, np.copysign(1.0, x), np.copysign((0.5 - erfc) + 0.5, x)))
                return out.astype(x.dtype if x.dtype.kind == 'f' else np.float64, copy=False)  # float32 stays float32
            """;

    @Override public String language() { return "numpy"; }

    @Override List<String> imports() { return List.of("import numpy as np"); }

    @Override String constructorKeywords() { return "dtype=dtype"; }

    @Override List<String> readInputs(List<String> arrays, List<String> scalars, java.util.Map<String, String> complexChecks) {
        return arrayApiInputs(arrays, scalars, ", copy=False", complexChecks);
    }

    @Override Py logdet(String x) { return call("_logdet", x); }

    @Override String logdetHelper() { return arrayApiLogdetHelper(); }

    @Override String ownCopy(String value) { return "(" + value + ").copy()"; }

    // NumPy 1 widens float32 by a Python number past float32's range (1e200 * x is float64 there): cast back, no copy otherwise.
    @Override String inDtype(String array) { return array + ".astype(dtype, copy=False)"; }
}
