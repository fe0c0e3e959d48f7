package io.tracediff.codegen;

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
        function("erf", "jax.scipy.special.erf(%s)");
        form(io.tracediff.ops.Softmax.class, (a, x, c) -> a.arg(0).isScalar() ? call("jnp.ones_like", c.tensor(x.get(0)))
                : call("jax.nn.softmax", x.get(0).text() + ", axis=0"));
        form(io.tracediff.ops.LogSumExp.class, (a, x, c) -> a.arg(0).isScalar() ? x.get(0) : call("jax.nn.logsumexp", x.get(0).text()));
    }

    @Override Py logSoftmax(String x) { return Py.atom("jax.nn.log_softmax(" + x + ".reshape(-1)).reshape(" + x + ".shape)"); }

    @Override public String language() { return "jax"; }

    @Override List<String> imports() { return List.of("import jax", "import jax.numpy as jnp", "import jax.scipy.special"); }

    @Override String constructorKeywords() { return "dtype=dtype"; }

    @Override List<String> readInputs(List<String> arrays, List<String> scalars, java.util.Map<String, String> complexChecks) {
        return arrayApiInputs(arrays, scalars, "", complexChecks);
    }

    @Override Py logdet(String x) { return call("_logdet", x); }

    @Override String logdetHelper() { return arrayApiLogdetHelper(); }
}
