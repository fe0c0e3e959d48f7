package io.tracediff.ops;

import io.tracediff.autograd.Tensor;
import io.tracediff.kernel.Erf;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;

/**
 * The built-in elementwise functions, each in one place with all its facets: how LaTeX, generated Java, Unicode and
 * Symja write it ({@code %s} is the argument; no Symja form for the non-smooth ones), its value, and its twin on the
 * autograd engine (what PyTorch's autograd would see: tan, sinh, cosh, log1p and expm1 are its own operations there,
 * and here; written from exp and log, sinh(10⁻²⁰ a) and log1p(10⁻²⁰) were 0). Derivatives are in
 * rules/elementwise.rules. A constant's body rather than lambdas: linking 42 lambdas cost a cold CLI start about
 * 10 ms, and the compiler refuses a constant without both methods.
 */
enum BuiltinFunction implements DoubleUnaryOperator, UnaryOperator<Tensor> {
    EXP("\\exp", "Math.exp(%s)", "exp", "Exp(%s)") {
        @Override public double applyAsDouble(double x) { return Math.exp(x); }
        @Override public Tensor apply(Tensor x) { return x.exp(); }
    },
    LOG("\\log", "Math.log(%s)", "log", "Log(%s)") {
        @Override public double applyAsDouble(double x) { return Math.log(x); }
        @Override public Tensor apply(Tensor x) { return x.log(); }
    },
    SIN("\\sin", "Math.sin(%s)", "sin", "Sin(%s)") {
        @Override public double applyAsDouble(double x) { return Math.sin(x); }
        @Override public Tensor apply(Tensor x) { return x.sin(); }
    },
    COS("\\cos", "Math.cos(%s)", "cos", "Cos(%s)") {
        @Override public double applyAsDouble(double x) { return Math.cos(x); }
        @Override public Tensor apply(Tensor x) { return x.cos(); }
    },
    TAN("\\tan", "Math.tan(%s)", "tan", "Tan(%s)") {
        @Override public double applyAsDouble(double x) { return Math.tan(x); }
        @Override public Tensor apply(Tensor x) { return x.tan(); }
    },
    TANH("\\tanh", "Math.tanh(%s)", "tanh", "Tanh(%s)") {
        @Override public double applyAsDouble(double x) { return Math.tanh(x); }
        @Override public Tensor apply(Tensor x) { return x.tanh(); }
    },
    SIGMOID("\\sigma", "(1.0 / (1.0 + Math.exp(-(%s))))", "σ", "(1/(1+Exp(-(%s))))") {
        @Override public double applyAsDouble(double x) { return Functions.sigmoid(x); }
        @Override public Tensor apply(Tensor x) { return x.sigmoid(); }
    },
    RELU("\\operatorname{relu}", "Math.max(0.0, %s)", "relu", null) {
        @Override public double applyAsDouble(double x) { return x > 0 ? x : 0; }
        @Override public Tensor apply(Tensor x) { return x.relu(); }
    },
    SOFTPLUS("\\operatorname{softplus}", "softplus(%s)", "softplus", "Log(1+Exp(%s))") {
        @Override public double applyAsDouble(double x) { return Functions.softplus(x); }
        @Override public Tensor apply(Tensor x) { return x.softplus(); }
    },
    SQRT("\\sqrt", "Math.sqrt(%s)", "sqrt", "Sqrt(%s)") {
        @Override public double applyAsDouble(double x) { return Math.sqrt(x); }
        @Override public Tensor apply(Tensor x) { return x.sqrt(); }
    },
    // Symja's Abs is the complex modulus (its D stays unevaluated); RealAbs differentiates to u/|u|.
    ABS("\\operatorname{abs}", "Math.abs(%s)", "abs", "RealAbs(%s)") {
        @Override public double applyAsDouble(double x) { return Math.abs(x); }
        @Override public Tensor apply(Tensor x) { return x.abs(); }
    },
    SIGN("\\operatorname{sign}", "Math.signum(%s)", "sign", null) {
        @Override public double applyAsDouble(double x) { return Math.signum(x); }
        @Override public Tensor apply(Tensor x) { return x.gt(0).toFloat().sub(x.neg().gt(0).toFloat()); }
    },
    STEP("\\operatorname{step}", "((%s) > 0 ? 1.0 : 0.0)", "step", null) {
        @Override public double applyAsDouble(double x) { return x > 0 ? 1 : 0; }
        @Override public Tensor apply(Tensor x) { return x.gt(0).toFloat(); }
    },
    ARCSIN("\\arcsin", "Math.asin(%s)", "arcsin", "ArcSin(%s)") {
        @Override public double applyAsDouble(double x) { return Math.asin(x); }
        @Override public Tensor apply(Tensor x) { return x.asin(); }
    },
    ARCCOS("\\arccos", "Math.acos(%s)", "arccos", "ArcCos(%s)") {
        @Override public double applyAsDouble(double x) { return Math.acos(x); }
        @Override public Tensor apply(Tensor x) { return x.acos(); }
    },
    ARCTAN("\\arctan", "Math.atan(%s)", "arctan", "ArcTan(%s)") {
        @Override public double applyAsDouble(double x) { return Math.atan(x); }
        @Override public Tensor apply(Tensor x) { return x.atan(); }
    },
    SINH("\\sinh", "Math.sinh(%s)", "sinh", "Sinh(%s)") {
        @Override public double applyAsDouble(double x) { return Math.sinh(x); }
        @Override public Tensor apply(Tensor x) { return x.sinh(); }
    },
    COSH("\\cosh", "Math.cosh(%s)", "cosh", "Cosh(%s)") {
        @Override public double applyAsDouble(double x) { return Math.cosh(x); }
        @Override public Tensor apply(Tensor x) { return x.cosh(); }
    },
    // log(1 + x) and eˣ − 1, accurate near 0 where the plain forms lose the digits of x.
    LOG1P("\\operatorname{log1p}", "Math.log1p(%s)", "log1p", "Log(1+(%s))") {
        @Override public double applyAsDouble(double x) { return Math.log1p(x); }
        @Override public Tensor apply(Tensor x) { return x.log1p(); }
    },
    EXPM1("\\operatorname{expm1}", "Math.expm1(%s)", "expm1", "(Exp(%s)-1)") {
        @Override public double applyAsDouble(double x) { return Math.expm1(x); }
        @Override public Tensor apply(Tensor x) { return x.expm1(); }
    },
    // The JDK has no erf: Cody's rational approximations (io.tracediff.kernel.Erf), also emitted into generated Java.
    ERF("\\operatorname{erf}", "erf(%s)", "erf", "Erf(%s)") {
        @Override public double applyAsDouble(double x) { return Erf.erf(x); }
        @Override public Tensor apply(Tensor x) { return x.erf(); }
    };

    private final String latex, javaTemplate, unicode, symja;

    BuiltinFunction(String latex, String javaTemplate, String unicode, String symja) {
        this.latex = latex;
        this.javaTemplate = javaTemplate;
        this.unicode = unicode;
        this.symja = symja;
    }

    /** Where its value at a number is exact: everywhere for the piecewise-linear ones, at squares for sqrt. */
    ScalarFunction.Exactness exactness() {
        return switch (this) {
            case ABS, SIGN, STEP, RELU -> ScalarFunction.Exactness.PIECEWISE_LINEAR;
            case SQRT -> ScalarFunction.Exactness.SQUARE_ROOT;
            default -> ScalarFunction.Exactness.TRANSCENDENTAL;
        };
    }

    /** The function as the language names it (the constant in lower case), with every facet. */
    ScalarFunction scalarFunction() {
        return new ScalarFunction(name().toLowerCase(Locale.ROOT), this, latex, javaTemplate, unicode, symja, this);
    }
}
