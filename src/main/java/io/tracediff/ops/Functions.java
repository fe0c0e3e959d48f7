package io.tracediff.ops;

import io.tracediff.autograd.Tensor;
import io.tracediff.kernel.Erf;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;

/** The built-in elementwise functions, each with all its facets on one line (derivatives are in rules/elementwise.rules). */
public final class Functions {
    private final Map<String, ScalarFunction> byName = new LinkedHashMap<>();

    private Functions() {}

    public static Functions builtin() {
        Functions t = new Functions();
        //     name        value                 LaTeX                      Java                                   Unicode  Symja                            autograd
        t.add(fn("exp",      Math::exp,            "\\exp",                   "Math.exp(%s)",                        "exp",   "Exp(%s)",                       Tensor::exp));
        t.add(fn("log",      Math::log,            "\\log",                   "Math.log(%s)",                        "log",   "Log(%s)",                       Tensor::log));
        t.add(fn("sin",      Math::sin,            "\\sin",                   "Math.sin(%s)",                        "sin",   "Sin(%s)",                       Tensor::sin));
        t.add(fn("cos",      Math::cos,            "\\cos",                   "Math.cos(%s)",                        "cos",   "Cos(%s)",                       Tensor::cos));
        t.add(fn("tan",      Math::tan,            "\\tan",                   "Math.tan(%s)",                        "tan",   "Tan(%s)",                       x -> x.sin().div(x.cos())));
        t.add(fn("tanh",     Math::tanh,           "\\tanh",                  "Math.tanh(%s)",                       "tanh",  "Tanh(%s)",                      Tensor::tanh));
        t.add(fn("sigmoid",  Functions::sigmoid,   "\\sigma",                 "(1.0 / (1.0 + Math.exp(-(%s))))",    "σ",     "(1/(1+Exp(-(%s))))",            Tensor::sigmoid));
        t.add(fn("relu",     x -> x > 0 ? x : 0,   "\\operatorname{relu}",    "Math.max(0.0, %s)",                   "relu",  null,                            Tensor::relu));
        t.add(fn("softplus", Functions::softplus,  "\\operatorname{softplus}", "softplus(%s)",                       "softplus", "Log(1+Exp(%s))",                Tensor::softplus));
        t.add(fn("sqrt",     Math::sqrt,           "\\sqrt",                  "Math.sqrt(%s)",                       "sqrt",  "Sqrt(%s)",                      Tensor::sqrt));
        // Symja's Abs is the complex modulus (its D stays unevaluated); RealAbs differentiates to u/|u|.
        t.add(fn("abs",      Math::abs,            "\\operatorname{abs}",     "Math.abs(%s)",                        "abs",   "RealAbs(%s)",                   Tensor::abs));
        t.add(fn("sign",     Math::signum,         "\\operatorname{sign}",    "Math.signum(%s)",                     "sign",  null,                            x -> x.gt(0).toFloat().sub(x.neg().gt(0).toFloat())));
        t.add(fn("step",     x -> x > 0 ? 1 : 0,   "\\operatorname{step}",    "((%s) > 0 ? 1.0 : 0.0)",              "step",  null,                            x -> x.gt(0).toFloat()));
        t.add(fn("arcsin",   Math::asin,           "\\arcsin",                "Math.asin(%s)",                       "arcsin", "ArcSin(%s)",                   Tensor::asin));
        t.add(fn("arccos",   Math::acos,           "\\arccos",                "Math.acos(%s)",                       "arccos", "ArcCos(%s)",                   Tensor::acos));
        t.add(fn("arctan",   Math::atan,           "\\arctan",                "Math.atan(%s)",                       "arctan", "ArcTan(%s)",                   Tensor::atan));
        t.add(fn("sinh",     Math::sinh,           "\\sinh",                  "Math.sinh(%s)",                       "sinh",  "Sinh(%s)",                      x -> x.exp().sub(x.neg().exp()).div(2)));
        t.add(fn("cosh",     Math::cosh,           "\\cosh",                  "Math.cosh(%s)",                       "cosh",  "Cosh(%s)",                      x -> x.exp().add(x.neg().exp()).div(2)));
        // log(1 + x) and eˣ − 1, accurate near 0 where the plain forms lose the digits of x.
        t.add(fn("log1p",    Math::log1p,          "\\operatorname{log1p}",   "Math.log1p(%s)",                      "log1p", "Log(1+(%s))",                   x -> x.add(1).log()));
        t.add(fn("expm1",    Math::expm1,          "\\operatorname{expm1}",   "Math.expm1(%s)",                      "expm1", "(Exp(%s)-1)",                   x -> x.exp().sub(1)));
        // The JDK has no erf: Cody's rational approximations (io.tracediff.kernel.Erf), also emitted into generated Java.
        t.add(fn("erf",      Erf::erf,             "\\operatorname{erf}",     "erf(%s)",                             "erf",   "Erf(%s)",                       Tensor::erf));
        return t;
    }

    private static ScalarFunction fn(String name, DoubleUnaryOperator value, String latex, String java, String unicode,
                                     String symja, UnaryOperator<Tensor> autograd) {
        return new ScalarFunction(name, value, latex, java, unicode, symja, autograd);
    }

    /** Numerically stable σ(x) = 1/(1+e⁻ˣ). */
    public static double sigmoid(double x) {
        if (x >= 0) return 1 / (1 + Math.exp(-x));
        double e = Math.exp(x);
        return e / (1 + e);
    }

    /** Numerically stable log(1 + eˣ). */
    public static double softplus(double x) { return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x))); }

    public Functions copy() {
        Functions t = new Functions();
        t.byName.putAll(byName);
        return t;
    }

    public void add(ScalarFunction f) { byName.put(f.name(), f); }

    public Optional<ScalarFunction> get(String name) { return Optional.ofNullable(byName.get(name)); }

    public Set<String> names() { return byName.keySet(); }
}
