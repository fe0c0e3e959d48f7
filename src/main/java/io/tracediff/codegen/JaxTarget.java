package io.tracediff.codegen;

import java.util.ArrayList;
import java.util.List;

/**
 * JAX: jax.numpy's names and jax.nn's σ, relu and softplus; jit-compatible, since the module branches only
 * on shapes and dtypes (static under jax.jit), never on values (log det's sign goes through jnp.where).
 */
public final class JaxTarget extends PythonTarget {
    JaxTarget() {
        super("jnp");
        function("sigmoid", "jax.nn.sigmoid(%s)");
        function("relu", "jax.nn.relu(%s)");
        function("softplus", "jax.nn.softplus(%s)");
        function("step", "jnp.heaviside(%s, 0.0)");
    }

    @Override public String language() { return "jax"; }

    @Override List<String> imports() { return List.of("import jax", "import jax.numpy as jnp"); }

    @Override String constructorKeywords() { return "dtype=dtype"; }

    @Override List<String> readInputs(List<String> arrays, List<String> scalars) {
        List<String> out = new ArrayList<>();
        List<String> all = new ArrayList<>(arrays);
        all.addAll(scalars);
        for (String x : all) out.add(x + " = jnp.asarray(" + x + ")");
        List<String> from = new ArrayList<>(arrays.isEmpty() ? scalars : arrays);
        from.add("1.0");
        out.add("dtype = jnp.result_type(" + String.join(", ", from) + ")  # the inputs' floating dtype (float32 stays float32)");
        for (String x : all) out.add(x + " = " + x + ".astype(dtype)");
        return out;
    }

    @Override Py logdet(String x) { return call("_logdet", x); }

    @Override String logdetHelper() {
        return """
                def _logdet(x):
                    \"\"\"log det x, NaN where det x <= 0 (as tracediff's interpreter).\"\"\"
                    sign, logabs = jnp.linalg.slogdet(x)
                    return jnp.where(sign > 0, logabs, jnp.nan)
                """;
    }
}
