package io.tracediff.ops;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The built-in elementwise functions, each with all its facets on one line (derivatives are in rules/elementwise.rules). */
public final class Functions {
    private final Map<String, ScalarFunction> byName = new LinkedHashMap<>();

    private Functions() {}

    public static Functions builtin() {
        Functions t = new Functions();
        //    function (value and autograd twin)  LaTeX                       Java                                  Unicode     Symja
        t.add(fn(BuiltinFunction.EXP,      "\\exp",                    "Math.exp(%s)",                       "exp",      "Exp(%s)"));
        t.add(fn(BuiltinFunction.LOG,      "\\log",                    "Math.log(%s)",                       "log",      "Log(%s)"));
        t.add(fn(BuiltinFunction.SIN,      "\\sin",                    "Math.sin(%s)",                       "sin",      "Sin(%s)"));
        t.add(fn(BuiltinFunction.COS,      "\\cos",                    "Math.cos(%s)",                       "cos",      "Cos(%s)"));
        t.add(fn(BuiltinFunction.TAN,      "\\tan",                    "Math.tan(%s)",                       "tan",      "Tan(%s)"));
        t.add(fn(BuiltinFunction.TANH,     "\\tanh",                   "Math.tanh(%s)",                      "tanh",     "Tanh(%s)"));
        t.add(fn(BuiltinFunction.SIGMOID,  "\\sigma",                  "(1.0 / (1.0 + Math.exp(-(%s))))",    "σ",        "(1/(1+Exp(-(%s))))"));
        t.add(fn(BuiltinFunction.RELU,     "\\operatorname{relu}",     "Math.max(0.0, %s)",                  "relu",     null));
        t.add(fn(BuiltinFunction.SOFTPLUS, "\\operatorname{softplus}", "softplus(%s)",                       "softplus", "Log(1+Exp(%s))"));
        t.add(fn(BuiltinFunction.SQRT,     "\\sqrt",                   "Math.sqrt(%s)",                      "sqrt",     "Sqrt(%s)"));
        // Symja's Abs is the complex modulus (its D stays unevaluated); RealAbs differentiates to u/|u|.
        t.add(fn(BuiltinFunction.ABS,      "\\operatorname{abs}",      "Math.abs(%s)",                       "abs",      "RealAbs(%s)"));
        t.add(fn(BuiltinFunction.SIGN,     "\\operatorname{sign}",     "Math.signum(%s)",                    "sign",     null));
        t.add(fn(BuiltinFunction.STEP,     "\\operatorname{step}",     "((%s) > 0 ? 1.0 : 0.0)",             "step",     null));
        t.add(fn(BuiltinFunction.ARCSIN,   "\\arcsin",                 "Math.asin(%s)",                      "arcsin",   "ArcSin(%s)"));
        t.add(fn(BuiltinFunction.ARCCOS,   "\\arccos",                 "Math.acos(%s)",                      "arccos",   "ArcCos(%s)"));
        t.add(fn(BuiltinFunction.ARCTAN,   "\\arctan",                 "Math.atan(%s)",                      "arctan",   "ArcTan(%s)"));
        t.add(fn(BuiltinFunction.SINH,     "\\sinh",                   "Math.sinh(%s)",                      "sinh",     "Sinh(%s)"));
        t.add(fn(BuiltinFunction.COSH,     "\\cosh",                   "Math.cosh(%s)",                      "cosh",     "Cosh(%s)"));
        // log(1 + x) and eˣ − 1, accurate near 0 where the plain forms lose the digits of x.
        t.add(fn(BuiltinFunction.LOG1P,    "\\operatorname{log1p}",    "Math.log1p(%s)",                     "log1p",    "Log(1+(%s))"));
        t.add(fn(BuiltinFunction.EXPM1,    "\\operatorname{expm1}",    "Math.expm1(%s)",                     "expm1",    "(Exp(%s)-1)"));
        // The JDK has no erf: Cody's rational approximations (io.tracediff.kernel.Erf), also emitted into generated Java.
        t.add(fn(BuiltinFunction.ERF,      "\\operatorname{erf}",      "erf(%s)",                            "erf",      "Erf(%s)"));
        return t;
    }

    /** A function named as its constant in lower case, its value and its autograd twin the constant's. */
    private static ScalarFunction fn(BuiltinFunction f, String latex, String java, String unicode, String symja) {
        return new ScalarFunction(f.name().toLowerCase(Locale.ROOT), f, latex, java, unicode, symja, f);
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
