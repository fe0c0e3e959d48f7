package io.tracediff.codegen;

import java.util.ArrayList;
import java.util.List;

/** NumPy: the array-API forms with NumPy's names; σ through tanh and softplus through logaddexp, so no overflow warnings. */
public final class NumpyTarget extends PythonTarget {
    NumpyTarget() {
        super("np");
        function("sigmoid", "(0.5 * np.tanh(0.5 * %s) + 0.5)");
        function("relu", "np.maximum(%s, 0.0)");
        function("softplus", "np.logaddexp(%s, 0.0)");
        function("step", "np.heaviside(%s, 0.0)");
    }

    @Override public String language() { return "numpy"; }

    @Override List<String> imports() { return List.of("import numpy as np"); }

    @Override String constructorKeywords() { return "dtype=dtype"; }

    @Override List<String> readInputs(List<String> arrays, List<String> scalars) {
        List<String> out = new ArrayList<>();
        List<String> all = new ArrayList<>(arrays);
        all.addAll(scalars);
        for (String x : all) out.add(x + " = np.asarray(" + x + ")");
        List<String> from = new ArrayList<>(arrays.isEmpty() ? scalars : arrays);
        from.add("1.0");
        out.add("dtype = np.result_type(" + String.join(", ", from) + ")  # the inputs' floating dtype (float32 stays float32)");
        for (String x : all) out.add(x + " = " + x + ".astype(dtype, copy=False)");
        return out;
    }

    @Override Py logdet(String x) { return call("_logdet", x); }

    @Override String logdetHelper() {
        return """
                def _logdet(x):
                    \"\"\"log det x, NaN where det x <= 0 (as tracediff's interpreter).\"\"\"
                    sign, logabs = np.linalg.slogdet(x)
                    return np.where(sign > 0, logabs, np.nan)
                """;
    }
}
