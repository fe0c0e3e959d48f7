package io.tracediff.codegen;

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

    @Override List<String> readInputs(List<String> arrays, List<String> scalars) { return arrayApiInputs(arrays, scalars, ", copy=False"); }

    @Override Py logdet(String x) { return call("_logdet", x); }

    @Override String logdetHelper() { return arrayApiLogdetHelper(); }
}
