package io.tracediff.codegen;

import io.tracediff.expr.Apply;
import io.tracediff.expr.Op;
import io.tracediff.ops.*;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One Python framework as a code target: how it writes each operator (a table keyed by operator class,
 * elementwise functions by name), how it reads inputs and fixes their dtype. NumPy, PyTorch and JAX share
 * the array-API forms here and override what differs in {@link NumpyTarget}, {@link TorchTarget} and
 * {@link JaxTarget}. Every value is 2-D in generated code (vectors as n×1 columns) except scalars, which are 0-d.
 */
public abstract sealed class PythonTarget permits NumpyTarget, TorchTarget, JaxTarget {

    /** A Python expression and its binding strength ({@link #ATOM} for names, calls, subscripts); constant: no array in it. */
    record Py(String text, int prec, boolean constant) {
        static Py atom(String text) { return new Py(text, ATOM, false); }

        /** The text as an operand that needs at least binding strength {@code prec}. */
        String at(int prec) { return this.prec >= prec ? text : "(" + text + ")"; }
    }

    static final int ATOM = 100, POW = 90, UNARY = 80, MUL = 70, ADD = 60;

    /** What a form needs from the lowering: sizes of dimensions, and the dtype (and device) keywords for constructors. */
    interface Context {
        String dim(io.tracediff.shape.Dim d);

        /** {@code x} as an array of the module's dtype when it is a Python constant (frameworks' functions need one). */
        String tensor(Py x);

        /** {@code x} as a name (an array), assigning it to a temporary first unless it is one. */
        String named(Py x);
    }

    @FunctionalInterface
    interface Form {
        Py render(Apply a, List<Py> args, Context c);
    }

    final String xp;
    private final Map<Class<? extends Op>, Form> forms = new HashMap<>();
    private final Map<String, String> functions = new HashMap<>();
    /** Module-level helper functions by the name generated code calls (NumPy's _erf), each emitted once where used. */
    final Map<String, String> helpers = new java.util.LinkedHashMap<>();

    PythonTarget(String xp) {
        this.xp = xp;
        forms.put(Add.class, (a, x, c) -> binary(x, " + ", ADD));
        // X − logsumexp(X) from X alone, as the interpreter computes it: the plain difference cancels for large entries
        forms.put(Sub.class, (a, x, c) -> LogSumExp.isLogSoftmax(a) ? logSoftmax(c.named(x.get(0))) : binary(x, " - ", ADD));
        forms.put(Mul.class, (a, x, c) -> binary(x, " * ", MUL));   // with a scalar operand; matrix products are planned by the generator
        forms.put(Hadamard.class, (a, x, c) -> binary(x, " * ", MUL));
        forms.put(ElementDiv.class, (a, x, c) -> binary(x, " / ", MUL));
        forms.put(Div.class, (a, x, c) -> binary(x, " / ", MUL));
        forms.put(Neg.class, (a, x, c) -> new Py("-" + x.get(0).at(UNARY), UNARY, x.get(0).constant()));
        forms.put(ElementPow.class, (a, x, c) -> new Py(x.get(0).at(ATOM) + " ** " + x.get(1).at(UNARY), POW, x.get(0).constant() && x.get(1).constant()));
        forms.put(Sum.class, (a, x, c) -> a.arg(0).isScalar() ? x.get(0) : call(xp + ".sum", x.get(0).text()));
        forms.put(Norm1.class, (a, x, c) -> call(xp + ".sum", xp + ".abs(" + c.tensor(x.get(0)) + ")"));
        forms.put(Norm2.class, (a, x, c) -> a.arg(0).isScalar() ? call(xp + ".abs", c.tensor(x.get(0))) : call(xp + ".linalg.norm", x.get(0).text()));
        forms.put(Trace.class, (a, x, c) -> a.arg(0).isScalar() ? x.get(0) : call(xp + ".trace", x.get(0).text()));
        forms.put(Det.class, (a, x, c) -> a.arg(0).isScalar() ? x.get(0) : call(xp + ".linalg.det", x.get(0).text()));
        forms.put(LogDet.class, (a, x, c) -> a.arg(0).isScalar() ? call(xp + ".log", c.tensor(x.get(0))) : logdet(x.get(0).text()));
        forms.put(Inv.class, (a, x, c) -> a.arg(0).isScalar() ? binary(List.of(new Py("1.0", ATOM, true), x.get(0)), " / ", MUL)
                : call(xp + ".linalg.inv", x.get(0).text()));
        forms.put(Transpose.class, (a, x, c) -> a.arg(0).isScalar() ? x.get(0) : Py.atom(x.get(0).at(ATOM) + ".T"));
        forms.put(MatrixPow.class, (a, x, c) -> a.arg(0).isScalar() ? new Py(x.get(0).at(ATOM) + " ** " + x.get(1).at(UNARY), POW, false)
                : call(xp + ".linalg.matrix_power", x.get(0).text() + ", " + (int) ((io.tracediff.expr.Num) a.arg(1)).value()));
        forms.put(DiagMatrix.class, (a, x, c) -> a.isScalar() ? x.get(0) : call(xp + ".diag", x.get(0).at(ATOM) + "[:, 0]"));
        forms.put(DiagVector.class, (a, x, c) -> a.isScalar() ? x.get(0)
                : Py.atom(xp + ".diagonal(" + x.get(0).text() + ").reshape(" + c.dim(a.shape().rows()) + ", 1)"));
        forms.put(Vec.class, (a, x, c) -> a.arg(0).isScalar() ? x.get(0)
                : Py.atom(x.get(0).at(ATOM) + ".T.reshape(" + c.dim(a.shape().rows()) + ", 1)"));
        forms.put(Unvec.class, (a, x, c) -> a.isScalar() ? x.get(0)
                : Py.atom(x.get(0).at(ATOM) + ".reshape(" + c.dim(a.shape().cols()) + ", " + c.dim(a.shape().rows()) + ").T"));
        forms.put(Kron.class, (a, x, c) -> a.arg(0).isScalar() || a.arg(1).isScalar() ? binary(x, " * ", MUL)
                : call(xp + ".kron", x.get(0).text() + ", " + x.get(1).text()));
        forms.put(Eye.class, (a, x, c) -> a.isScalar() ? new Py("1.0", ATOM, true) : call(xp + ".eye", c.dim(((Eye) a.op()).n()) + ", " + constructorKeywords()));
        forms.put(Ones.class, (a, x, c) -> a.isScalar() ? new Py("1.0", ATOM, true) : call(xp + ".ones", shape(a, c) + ", " + constructorKeywords()));
        forms.put(Zeros.class, (a, x, c) -> a.isScalar() ? new Py("0.0", ATOM, true) : call(xp + ".zeros", shape(a, c) + ", " + constructorKeywords()));
        forms.put(Commutation.class, (a, x, c) -> {
            Commutation k = (Commutation) a.op();
            String mn = c.dim(a.shape().rows());
            return commutationTimes(c.dim(k.m()), c.dim(k.n()), Py.atom(xp + ".eye(" + mn + ", " + constructorKeywords() + ")"), mn);
        });
        // softmax column by column and logsumexp over all entries (of a scalar: 1 and the scalar itself); NumPy through helpers
        forms.put(Softmax.class, (a, x, c) -> a.arg(0).isScalar() ? call(xp + ".ones_like", c.tensor(x.get(0))) : call("_softmax", x.get(0).text()));
        forms.put(LogSumExp.class, (a, x, c) -> a.arg(0).isScalar() ? x.get(0) : call("_logsumexp", x.get(0).text()));
        // max/min over all entries; their gradient 1 at the unique extreme entry, NaN everywhere at a tie (no gradient there)
        forms.put(Extremum.class, (a, x, c) -> a.arg(0).isScalar() ? x.get(0) : call(xp + "." + a.op().key(), x.get(0).text()));
        forms.put(ExtremumIndicator.class, (a, x, c) -> {
            if (a.arg(0).isScalar()) return call(xp + ".ones_like", c.tensor(x.get(0)));
            String v = c.named(x.get(0));
            return call("_extreme_indicator", v + ", " + xp + "." + (a.op() == ExtremumIndicator.ARGMAX ? "max" : "min") + "(" + v + ")");
        });
        helper("_extreme_indicator", extremeIndicatorHelper());
        // powsum(X, M, k), the differential of X^k past the expanded powers; of scalars, k x^(k−1) m.
        forms.put(io.tracediff.ops.PowerSum.class, (a, x, c) -> {
            int k = (int) io.tracediff.ops.MatrixPow.exponent(((io.tracediff.expr.Num) a.arg(2)).value());
            if (a.arg(0).isScalar())
                return new Py(k + " * " + x.get(0).at(POW + 1) + " ** " + (k - 1) + " * " + x.get(1).at(MUL + 1), MUL, false);
            return call("_powsum", x.get(0).text() + ", " + x.get(1).text() + ", " + k);
        });
        helper("_powsum", """
                def _powsum(x, m, k):
                    \"\"\"The sum over i < k of x^i m x^(k-1-i), the differential of x^k in the direction m, in O(log k) products:
                    with S(j) that sum and P(j) = x^j, S(2j) = S(j) P(j) + P(j) S(j) and S(j+1) = S(j) x + P(j) m.\"\"\"
                    p, s = x, m
                    for bit in bin(k)[3:]:
                        s = s @ p + p @ s
                        p = p @ p
                        if bit == "1":
                            s = s @ x + p @ m
                            p = p @ x
                    return s
                """);
        // A size is a number read from the inputs' shapes at run time (𝟏ᵀ𝟏 = N).
        forms.put(io.tracediff.ops.Size.class, (a, x, c) -> new Py("float(" + c.dim(((io.tracediff.ops.Size) a.op()).dim()) + ")", ATOM, true));
        for (String f : List.of("exp", "log", "sin", "cos", "tan", "tanh", "sqrt", "abs", "sign", "sinh", "cosh", "log1p", "expm1"))
            functions.put(f, xp + "." + f + "(%s)");
        functions.put("arcsin", xp + ".arcsin(%s)");
        functions.put("arccos", xp + ".arccos(%s)");
        functions.put("arctan", xp + ".arctan(%s)");
    }

    /**
     * Inputs read the array-API way (NumPy, JAX): each through {@code xp.asarray}, then all cast to their common
     * floating dtype (float32 stays float32); {@code castOptions} are extra astype arguments (NumPy: copy=False).
     */
    List<String> arrayApiInputs(List<String> arrays, List<String> scalars, String castOptions, Map<String, String> complexChecks) {
        List<String> out = new java.util.ArrayList<>();
        List<String> all = new java.util.ArrayList<>(arrays);
        all.addAll(scalars);
        for (String x : all) out.add(x + " = " + xp + ".asarray(" + x + ")");
        out.addAll(complexChecks(all, complexChecks));
        // Dtypes, not the arrays: NumPy 1 casts 0-d arrays by value, so float32 scalars alone would give float64.
        List<String> from = new java.util.ArrayList<>();
        for (String x : arrays.isEmpty() ? scalars : arrays) from.add(x + ".dtype");
        from.add("1.0");
        out.add("dtype = " + xp + ".result_type(" + String.join(", ", from) + ")  # the inputs' floating dtype (float32 stays float32)");
        for (String x : all) out.add(x + " = " + x + ".astype(dtype" + castOptions + ")");
        return out;
    }

    /** log det through slogdet, NaN where det ≤ 0 (as the interpreter), for the array-API targets. */
    String arrayApiLogdetHelper() {
        return """
                def _logdet(x):
                    \"\"\"log det x, NaN where det x <= 0 (as tracediff's interpreter).\"\"\"
                    sign, logabs = XP.linalg.slogdet(x)
                    return XP.where(sign > 0, logabs, XP.nan)
                """.replace("XP", xp);
    }

    /** 1 where x equals its extreme m, 0 elsewhere; NaN everywhere unless exactly one entry does (a tie, or a NaN entry). */
    String extremeIndicatorHelper() {
        return """
                def _extreme_indicator(x, m):
                    \"\"\"1 at the unique entry of x equal to m (its max or min), 0 elsewhere: the gradient of max (min).
                    NaN everywhere at a tie, where max (min) has no gradient, as tracediff refuses there.\"\"\"
                    hit = x == m
                    return XP.where(XP.sum(hit) == 1, hit.astype(x.dtype), XP.nan)
                """.replace("XP", xp);
    }

    /** The framework's name as the user writes it (--lang). */
    public abstract String language();

    /** The import lines of a generated module. */
    abstract List<String> imports();

    /** Keywords that give a constructor the module's dtype (and device). */
    abstract String constructorKeywords();

    /**
     * Lines reading the inputs (given by their identifiers, arrays first): each converted to an array, then
     * {@code dtype} (and {@code device}) fixed, then each converted to that dtype.
     */
    /** Lines that make each input an array of the module's dtype; {@code complexChecks}: by input, the raise for a complex one. */
    abstract List<String> readInputs(List<String> arrays, List<String> scalars, Map<String, String> complexChecks);

    /** A test that the input array {@code x} holds complex numbers (an attribute read, not a call: it runs every call). */
    String isComplex(String x) { return x + ".dtype.kind == \"c\""; }

    /** The check lines for each of {@code xs}, after its conversion to an array. */
    final List<String> complexChecks(List<String> xs, Map<String, String> raises) {
        List<String> out = new java.util.ArrayList<>();
        for (String x : xs) {
            out.add("if " + isComplex(x) + ":");
            out.add("    " + raises.get(x));
        }
        return out;
    }

    /** ‖x‖² as the sum of the squares of the entries of {@code x}, a name. */
    Py sumOfSquares(String x) { return call(xp + ".vdot", x + ", " + x); }

    /** log det of a square matrix, NaN where det ≤ 0 (as the interpreter). */
    abstract Py logdet(String x);

    /** The source of the module-level _logdet helper, if {@link #logdet} calls one. */
    String logdetHelper() { return null; }

    /** The framework's shape of an array as a Python tuple. */
    String shapeOf(String x) { return "tuple(" + x + ".shape)"; }

    /** The number of entries of the array {@code x}. */
    String entries(String x) { return x + ".size"; }

    /** Wraps the body (already indented one level) of evaluate; PyTorch runs it under no_grad. */
    List<String> wrapBody(List<String> body) { return body; }

    /**
     * {@code value} as an array of its own: an output that is an input (or a view of one, xᵀ) would otherwise hand the
     * caller's array back, so writing into the result changed the input (and in PyTorch kept requires_grad).
     */
    String ownCopy(String value) { return value; }

    /** An array output in the inputs' dtype, where the framework may have widened it (NumPy 1's value-based casting). */
    String inDtype(String array) { return array; }

    /** An array of the module's dtype holding a Python constant. */
    String constant(String literal) { return xp + ".asarray(" + literal + ", dtype=dtype)"; }

    final void function(String name, String template) { functions.put(name, template); }

    /** x − logsumexp(x) over all entries of the array named {@code x}, without cancellation (NumPy: a helper). */
    Py logSoftmax(String x) { return call("_logsoftmax", x); }

    /** A module-level helper {@code name} (called as {@code name(…)}), with its Python source. */
    final void helper(String name, String source) { helpers.put(name, source); }

    /** A framework's own form for an operator, replacing the shared one. */
    final void form(Class<? extends Op> op, Form f) { forms.put(op, f); }

    final Form form(Apply a) {
        if (a.op() instanceof ElementFn fn) {
            String t = template(fn.fn());
            // an argument written more than once (a --fn body) is computed once, into a temporary
            return (ap, x, c) -> Py.atom(substitute(t, t.indexOf("%s") != t.lastIndexOf("%s") ? c.named(x.get(0)) : c.tensor(x.get(0))));
        }
        Form f = forms.get(a.op().getClass());
        if (f == null) throw new io.tracediff.core.UserError("operator '" + a.op().key() + "' has no " + language() + " form");
        return f;
    }

    /** The function's template with %s for its argument: built in, or a --fn body written with built-in templates. */
    private String template(io.tracediff.ops.ScalarFunction f) {
        String t = functions.get(f.name());
        if (t != null) return t;
        t = io.tracediff.symja.UserFunctions.body(f, (g, arg) -> {
            String inner = functions.get(g.name());
            if (inner == null) throw new io.tracediff.core.UserError("the function '" + Names.printable(g.name()) + "' has no " + language() + " form");
            // sqrt(2) in a body: a framework function of a Python number needs an array of the module's dtype (torch.sqrt(2.0) fails)
            return substitute(inner, CONSTANT_TEXT.matcher(arg).matches() ? constant(arg) : arg);
        }, (base, exponent) -> "(" + base + " ** " + exponent + ")");
        if (t == null)
            throw new io.tracediff.core.UserError("the function '" + Names.printable(f.name()) + "' has no " + language()
                    + " form; generate Java (--lang java) or write it with built-in functions");
        // A body without its argument (g(x) = 2) is still entrywise: one value per entry of the argument.
        if (!t.contains("%s")) t = "(" + t + ") * " + xp + ".ones_like(%s)";
        return t;
    }

    /**
     * The template with {@code arg} for each %s, bracketed unless it is one name or number or stands alone as a call's
     * argument: a template "0.5 * np.tanh(0.5 * %s)" of x − y must read 0.5 * (x - y).
     */
    static String substitute(String template, String arg) {
        boolean atomic = arg.matches("[A-Za-z_][A-Za-z0-9_]*|[0-9]+(\\.[0-9]*)?([eE][+-]?[0-9]+)?") || enclosed(arg);
        StringBuilder out = new StringBuilder();
        int from = 0;
        for (int at = template.indexOf("%s"); at >= 0; at = template.indexOf("%s", from)) {
            out.append(template, from, at);
            char before = at > 0 ? template.charAt(at - 1) : ' ';
            char after = at + 2 < template.length() ? template.charAt(at + 2) : ' ';
            boolean alone = (before == '(' || before == ' ' && at >= 2 && template.charAt(at - 2) == ',') && (after == ')' || after == ',');
            out.append(atomic || alone ? arg : "(" + arg + ")");
            from = at + 2;
        }
        return out.append(template.substring(from)).toString();
    }

    /** Text of a Python constant expression (digits, a point, an exponent, + − * / and brackets): no name in it. */
    private static final java.util.regex.Pattern CONSTANT_TEXT = java.util.regex.Pattern.compile("(?=.*[0-9])[0-9.eE+\\-*/() ]+");

    /** Whether s is one bracketed group, (…), its first bracket closed by its last character. */
    private static boolean enclosed(String s) {
        if (s.length() < 2 || s.charAt(0) != '(' || s.charAt(s.length() - 1) != ')') return false;
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch == '(') depth++;
            else if (ch == ')' && --depth == 0 && i < s.length() - 1) return false;
        }
        return depth == 0;
    }

    static Py binary(List<Py> x, String op, int prec) {
        return new Py(x.get(0).at(prec) + op + x.get(1).at(prec + 1), prec, x.get(0).constant() && x.get(1).constant());
    }

    static Py call(String fn, String args) { return Py.atom(fn + "(" + args + ")"); }

    private static String shape(Apply a, Context c) { return "(" + c.dim(a.shape().rows()) + ", " + c.dim(a.shape().cols()) + ")"; }

    // ---- structured products as index maps (the same in every framework with NumPy's reshape and swapaxes) ----

    /** K(m, n) V for V mn×c: rows permuted, row j + i·n of the result is row i + j·m of V. */
    Py commutationTimes(String m, String n, Py v, String c) {
        return Py.atom(xp + ".swapaxes(" + v.at(ATOM) + ".reshape(" + n + ", " + m + ", " + c + "), 0, 1).reshape(" + m + " * " + n + ", " + c + ")");
    }

    /** V K(m, n) for V r×mn: columns permuted, column i + j·m of the result is column j + i·n of V. */
    Py timesCommutation(Py v, String r, String m, String n) {
        return Py.atom(xp + ".swapaxes(" + v.at(ATOM) + ".reshape(" + r + ", " + m + ", " + n + "), 1, 2).reshape(" + r + ", " + m + " * " + n + ")");
    }

    /** (A ⊗ B) V for A p×q, B r×s, V qs×c: A (B Yₖ) per column block, vec(B Y Aᵀ) (Magnus &amp; Neudecker 2.2). Null A or B is I. */
    Py kronTimes(Py a, Py b, String p, String q, String r, String s, Py v, String c) {
        if (a == null) return Py.atom("(" + b.at(MUL + 1) + " @ " + v.at(ATOM) + ".reshape(" + q + ", " + s + ", " + c + ")).reshape(" + q + " * " + r + ", " + c + ")");
        if (b == null) return Py.atom("(" + a.at(MUL + 1) + " @ " + v.at(ATOM) + ".reshape(" + q + ", " + s + " * " + c + ")).reshape(" + p + " * " + s + ", " + c + ")");
        return Py.atom("(" + a.at(MUL + 1) + " @ (" + b.at(MUL + 1) + " @ " + v.at(ATOM) + ".reshape(" + q + ", " + s + ", " + c + ")).reshape("
                + q + ", " + r + " * " + c + ")).reshape(" + p + " * " + r + ", " + c + ")");
    }

    /** V (A ⊗ B) for V c×pr, A p×q, B r×s: Aᵀ (Vₖ B) per row, reshaped. Null A or B is I. */
    Py timesKron(Py v, String c, Py a, Py b, String p, String q, String r, String s) {
        if (a == null) return Py.atom("(" + v.at(ATOM) + ".reshape(" + c + ", " + p + ", " + r + ") @ " + b.at(MUL + 1) + ").reshape(" + c + ", " + p + " * " + s + ")");
        if (b == null) return Py.atom("(" + a.at(ATOM) + ".T @ " + v.at(ATOM) + ".reshape(" + c + ", " + p + ", " + r + ")).reshape(" + c + ", " + q + " * " + r + ")");
        return Py.atom("(" + a.at(ATOM) + ".T @ (" + v.at(ATOM) + ".reshape(" + c + ", " + p + ", " + r + ") @ " + b.at(MUL + 1) + ")).reshape("
                + c + ", " + q + " * " + s + ")");
    }

    /** The target for --lang NAME, or null. */
    public static PythonTarget named(String name) {
        return switch (name) {
            case "numpy" -> new NumpyTarget();
            case "torch" -> new TorchTarget();
            case "jax" -> new JaxTarget();
            default -> null;
        };
    }
}
