package io.tracediff.codegen;

import io.tracediff.codegen.template.Template;
import io.tracediff.expr.Apply;
import io.tracediff.expr.Expr;
import io.tracediff.expr.Num;
import io.tracediff.expr.Var;
import io.tracediff.ops.DiagMatrix;
import io.tracediff.ops.Inv;
import io.tracediff.ops.Mul;
import io.tracediff.ops.Ones;
import io.tracediff.core.UserError;
import io.tracediff.print.Printer;
import io.tracediff.shape.Dim;
import io.tracediff.shape.Shape;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/**
 * Lowers named output expressions to straight-line Java over row-major arrays: each distinct subtree
 * once, elementwise chains fused into one loop (reductions included), transposes as BLAS flags or
 * index swaps, diag(v)·M as scaling, 𝟏vᵀ as broadcasting, X⁻¹B as a solve, and a reused buffer per
 * materialised matrix. The result is the body of a {@code compute} method plus what it needs.
 */
final class Lowering {

    /** A lowered value: a scalar Java expression, or an array with its dimensions. */
    sealed interface Val permits Scalar, Mat {}

    record Scalar(String java) implements Val {}

    /** {@code owned}: the array is a buffer this node computed (not an input or an alias). */
    record Mat(String array, Shape shape, boolean owned) implements Val {}

    final List<String> fields = new ArrayList<>();
    final List<String> body = new ArrayList<>();
    final Map<String, String> routines = new LinkedHashMap<>();
    final Set<String> helpers = new HashSet<>();
    final List<Val> outputValues = new ArrayList<>();

    private final Map<String, Var> inputs = new HashMap<>();
    private final Map<Var, String> inputNames;
    private final Map<Dim, String> dimNames;
    private final Map<Expr, Integer> uses = new HashMap<>();
    private final Set<Expr> outputExprs = new HashSet<>();
    private final Map<Expr, Val> done = new HashMap<>();
    private final Map<Expr, Expr> expanded = new HashMap<>();
    private int temps;

    Lowering(Map<Var, String> inputNames, Map<Dim, String> dimNames) {
        this.inputNames = inputNames;
        this.dimNames = dimNames;
        for (Var v : inputNames.keySet()) inputs.put(v.name(), v);
    }

    /** Longest chain of single-use matrix operands fused into one loop expression (bounds recursion and expression size). */
    static final int MAX_FUSED_DEPTH = 48;

    /** Lowers the outputs in order; afterwards {@link #outputValues} holds one value per output. */
    void lower(List<Expr> outputs) {
        List<Expr> roots = new ArrayList<>();
        for (Expr e : outputs) roots.add(expandAll(e));
        List<Expr> order = postOrder(roots);
        for (Expr e : order) for (Expr a : e.args()) uses.merge(a, 1, Integer::sum);
        outputExprs.addAll(roots);
        // Bottom-up, so lowering never recurses deeper than one fused chain: scalars and shared or
        // output nodes are materialised in order; single-use matrices wait for their consumer to fuse them.
        Map<Expr, Integer> depth = new HashMap<>();
        for (Expr e : order) {
            if (!(e instanceof Apply)) continue;
            int d = 1;
            for (Expr a : e.args()) d = Math.max(d, 1 + depth.getOrDefault(a, 0));
            boolean free = (template((Apply) e) instanceof Template.Transposed || StructuredProducts.isIndexMap(e))
                    && !outputExprs.contains(e);  // a flag, an index swap, or an index map applied by its product
            if (e.isScalar() || !free && !inlinable(e) || d > MAX_FUSED_DEPTH) {
                mat(e);
                d = 0;
            }
            depth.put(e, d);
        }
        for (Expr r : roots) outputValues.add(mat(r));
    }

    /** Distinct nodes, operands before their users, without recursion. */
    static List<Expr> postOrder(List<Expr> roots) {
        List<Expr> order = new ArrayList<>();
        Set<Expr> visited = new HashSet<>();
        var stack = new java.util.ArrayDeque<Object[]>();
        for (Expr r : roots) {
            if (!visited.add(r)) continue;
            stack.push(new Object[] {r, 0});
            while (!stack.isEmpty()) {
                Object[] top = stack.peek();
                Expr e = (Expr) top[0];
                int i = (Integer) top[1];
                if (i < e.args().size()) {
                    top[1] = i + 1;
                    Expr a = e.args().get(i);
                    if (visited.add(a)) stack.push(new Object[] {a, 0});
                } else {
                    stack.pop();
                    order.add(e);
                }
            }
        }
        return order;
    }

    // ---- expansion ----

    /** Expands every node of e bottom-up (no recursion on depth); returns e's expansion. */
    private Expr expandAll(Expr e) {
        for (Expr x : postOrder(List.of(e))) expand(x);
        return expanded.get(e);
    }

    /** Expansion of one node whose operands are already expanded. */
    private Expr expand(Expr e) {
        Expr known = expanded.get(e);
        if (known != null) return known;
        Expr r = e;
        if (e instanceof Apply a) {
            List<Expr> args = new ArrayList<>();
            for (Expr x : a.args()) args.add(expanded.containsKey(x) ? expanded.get(x) : expandAll(x));
            Template t = StructuredProducts.template(a.op(), args);
            r = t instanceof Template.Expand x ? expandAll(x.rewrite().apply(args)) : args.equals(a.args()) ? a : Apply.of(a.op(), args);
        } else if (e instanceof Var v) {
            Var in = inputs.get(v.name());
            if (in == null) throw new UserError("the expression uses '" + Names.printable(v.name()) + "', which is not among the inputs");
            if (!in.shape().equals(v.shape()))
                throw new UserError("'" + Names.printable(v.name()) + "' is " + v.shape() + " in the expression but " + in.shape() + " as an input");
            r = in;                               // one variable per name, whatever its declared kind
        }
        expanded.put(e, r);
        return r;
    }

    private boolean inlinable(Expr e) {
        return !done.containsKey(e) && !outputExprs.contains(e) && uses.getOrDefault(e, 0) <= 1;
    }

    private static Template template(Apply a) { return StructuredProducts.template(a); }

    // ---- dimensions ----

    String dim(Dim d) {
        if (d instanceof Dim.Fixed f) return Integer.toString(f.size());
        if (d instanceof Dim.Product p) return "(" + dim(p.left()) + " * " + dim(p.right()) + ")";
        String n = dimNames.get(d);
        if (n == null) throw new UnboundDimensionException(Names.printable(d.toString()));
        return n;
    }

    /** rows·cols as generated Java that throws ArithmeticException on int overflow. */
    private String checkedLen(Shape s) {
        String r = checkedDim(s.rows()), c = checkedDim(s.cols());
        return s.rows().isOne() ? c : s.cols().isOne() ? r : "Math.multiplyExact(" + r + ", " + c + ")";
    }

    private String checkedDim(Dim d) {
        return d instanceof Dim.Product p ? "Math.multiplyExact(" + checkedDim(p.left()) + ", " + checkedDim(p.right()) + ")" : dim(d);
    }

    private String len(Shape s) {
        String r = dim(s.rows()), c = dim(s.cols());
        return s.rows().isOne() ? c : s.cols().isOne() ? r : r + " * " + c;
    }

    // ---- materialisation ----

    /** The value of e as a local scalar or a whole array, emitting its computation the first time. */
    Val mat(Expr e) {
        Val v = done.get(e);
        if (v != null) return v;
        v = compute(e);
        done.put(e, v);
        return v;
    }

    /** Which parts are made of numbers alone, found once for the whole tree. */
    private final java.util.Map<Expr, Boolean> numberParts = new java.util.IdentityHashMap<>();

    private Val compute(Expr e) {
        if (e instanceof Num n) return new Scalar(literal(n.value()));
        // A constant is the number every evaluator takes for it (10²⁰ + 1 − 10²⁰ is 1); an infinite one is computed as written.
        if (e.isScalar() && io.tracediff.eval.tree.Evaluator.madeOfNumbers(e, numberParts)) {
            double c = io.tracediff.eval.tree.Evaluator.numberValue(e).data[0];
            if (Double.isFinite(c)) return new Scalar(literal(c));
        }
        if (e instanceof Var v) return v.isScalar() ? new Scalar(inputNames.get(v)) : new Mat(inputNames.get(v), v.shape(), false);
        Apply a = (Apply) e;
        if (io.tracediff.ops.LogSumExp.isLogSoftmax(a)) return logSoftmax(a);
        Template t = template(a);
        if (t instanceof Template.SizeOf z) return new Scalar("((double) " + dim(z.dim()) + ")");
        if (t instanceof Template.Pointwise p) {
            if (e.isScalar()) {
                List<Object> args = new ArrayList<>();
                for (Expr x : a.args()) args.add(scalar(x));
                return scalarLocal(e, pointwise(p, args));
            }
            Val scaled = scaledProduct(a);
            if (scaled != null) return scaled;
            return loop(e, (r, c) -> entry(e, r, c, true));
        }
        if (StructuredProducts.isCommutation(a)) {
            String out = buffer(a.shape());
            statement(a, StructuredProducts.commutation(this, a, out));
            return new Mat(out, a.shape(), true);
        }
        if (t instanceof Template.Reduction red) return reduce(a, red);
        if (t instanceof Template.Routine rt) return routine(a, rt);
        if (t instanceof Template.Product) return product(a, 1.0, a);
        if (t instanceof Template.Transposed) {
            Expr x = a.arg(0);
            if (x.isScalar()) return mat(x);
            if (isVector(x)) {                    // a vector and its transpose share one layout
                Mat m = (Mat) mat(x);
                return new Mat(m.array(), e.shape(), false);
            }
            return loop(e, (r, c) -> entry(x, c, r, false));
        }
        throw new IllegalStateException("unexpanded template " + t + " for " + a.op().key());
    }

    private static boolean isVector(Expr e) { return e.shape().rows().isOne() || e.shape().cols().isOne(); }

    /** c·(A·B) with a constant c and a product used only here: c becomes the BLAS alpha. */
    private Val scaledProduct(Apply a) {
        if (a.op() != Mul.OP || !(a.arg(0) instanceof Num c) || !(a.arg(1) instanceof Apply p)) return null;
        if (!(template(p) instanceof Template.Product) || !inlinable(p) || productEntry(p, "i", "j", false) != null
                || p.isScalar() || isInverse(p.arg(0)) || StructuredProducts.isIndexMap(p.arg(0)) || StructuredProducts.isIndexMap(p.arg(1)))
            return null;
        return product(p, c.value(), a);
    }

    private static boolean isInverse(Expr e) { return e instanceof Apply a && a.op() == Inv.OP && !e.isScalar(); }

    /** l·r of {@code a} scaled by alpha; {@code shown} is what the statement's comment names (c·(A·B) when alpha is c). */
    private Val product(Apply a, double alpha, Expr shown) {
        Expr l = a.arg(0), r = a.arg(1);
        if (a.isScalar()) {                       // 1×k times k×1: a dot product of two vectors' data
            Mat x = (Mat) mat(stripTranspose(l)), y = (Mat) mat(stripTranspose(r));
            helpers.add("dot");
            return scalarLocal(a, (alpha == 1.0 ? "" : literal(alpha) + " * ") + "dot(" + x.array() + ", " + y.array() + ", " + dim(l.shape().cols()) + ")");
        }
        if (productEntry(a, "i", "j", false) != null) return loop(a, (i, j) -> entry(a, i, j, true));
        String out = buffer(a.shape());
        String structured = StructuredProducts.java(this, l, r, out);
        if (structured != null) {
            statement(a, structured);
            return new Mat(out, a.shape(), true);
        }
        if (isInverse(l)) {
            Mat x = (Mat) mat(((Apply) l).arg(0)), b = (Mat) mat(r);
            statement(a, "luSolve(" + dim(l.shape().rows()) + ", " + x.array() + ", " + b.array() + ", " + dim(r.shape().cols()) + ", " + out + ");");
            return new Mat(out, a.shape(), true);
        }
        Expr[] gram = DiagMatrix.gramOperands(l, r);
        if (gram != null) {                      // Aᵀ diag(v) A: symmetric, half a product (Kernels.diagGram)
            Mat x = (Mat) mat(gram[0]), w = (Mat) mat(gram[1]);
            statement(shown, "diagGram(" + out + ", " + literal(alpha) + ", " + x.array() + ", " + w.array() + ", "
                    + dim(gram[0].shape().rows()) + ", " + dim(gram[0].shape().cols()) + ");");
            return new Mat(out, a.shape(), true);
        }
        while (isConstantMultiple(l)) { alpha *= ((Num) l.args().get(0)).value(); l = l.args().get(1); }
        while (isConstantMultiple(r)) { alpha *= ((Num) r.args().get(0)).value(); r = r.args().get(1); }
        boolean ta = isTranspose(l), tb = isTranspose(r);
        Mat x = (Mat) mat(ta ? ((Apply) l).arg(0) : l), y = (Mat) mat(tb ? ((Apply) r).arg(0) : r);
        String m = dim(a.shape().rows()), n = dim(a.shape().cols()), k = dim(l.shape().cols());
        statement(shown, "gemm(" + ta + ", " + tb + ", " + m + ", " + n + ", " + k + ", " + literal(alpha) + ", "
                + x.array() + ", " + (ta ? m : k) + ", " + y.array() + ", " + (tb ? k : n) + ", 0.0, " + out + ", " + n + ");");
        return new Mat(out, a.shape(), true);
    }


    /** c·Y used only as this product's operand: c moves into the BLAS alpha instead of a pass over Y. */
    private boolean isConstantMultiple(Expr e) {
        return e instanceof Apply a && a.op() == Mul.OP && a.arg(0) instanceof Num && !a.arg(1).isScalar() && inlinable(e);
    }

    private static boolean isTranspose(Expr e) { return e instanceof Apply a && template(a) instanceof Template.Transposed; }

    private static Expr stripTranspose(Expr e) { return isTranspose(e) ? ((Apply) e).arg(0) : e; }

    private Val reduce(Apply a, Template.Reduction red) {
        Expr x = a.arg(0);
        checkSafe(red.init() + " " + red.step() + " " + red.finish());
        // the template's entry variable x becomes elt, so users keep the common name x
        Template.Reduction r = new Template.Reduction(red.init(), red.step().replaceAll("\\bx\\b", "elt"), red.finish());
        String name = "t" + temps++;
        if (x.isScalar()) {
            body.add("double " + name + ";");
            body.add("{ double acc = " + r.init() + "; double elt = " + scalar(x) + "; " + r.step() + " " + name + " = " + r.finish() + "; }"
                    + comment(a, name));
            return new Scalar(name);
        }
        body.add("double " + name + ";" + comment(a, name));
        String loop = loopHeader(x.shape(), (row, col) -> entry(x, row, col, false));
        java.util.regex.Matcher single = ONE_INDEX_LOOP.matcher(loop);
        body.add("{");
        if (r.step().startsWith("acc += ") && single.matches()) {
            // A sum's one accumulator is a chain of dependent adds (4 cycles each): four independent ones run it 3–4×
            // faster. The order of the additions changes, within rounding, as BLAS's own sums do.
            String v = single.group(1), n = single.group(2), entry = lastEntry;
            body.add("    double acc0 = " + r.init() + ", acc1 = " + r.init() + ", acc2 = " + r.init() + ", acc3 = " + r.init() + ";");
            body.add("    int " + v + "4 = 0;");
            body.add("    for (; " + v + "4 + 3 < " + n + "; " + v + "4 += 4) {");
            for (int u = 0; u < 4; u++)
                body.add("        { final int " + v + " = " + v + "4" + (u == 0 ? "" : " + " + u) + "; double elt = " + entry + "; "
                        + r.step().replaceAll("\\bacc\\b", "acc" + u) + " }");
            body.add("    }");
            body.add("    for (int " + v + " = " + v + "4; " + v + " < " + n + "; " + v + "++) { double elt = " + entry + "; "
                    + r.step().replaceAll("\\bacc\\b", "acc0") + " }");
            body.add("    double acc = (acc0 + acc1) + (acc2 + acc3);");
        } else {
            body.add("    double acc = " + r.init() + ";");
            body.add("    " + loop + " {");
            body.add("        double elt = " + lastEntry + ";");
            body.add("        " + r.step());
            body.add("    }");
        }
        body.add("    " + name + " = " + r.finish() + ";");
        body.add("}");
        return new Scalar(name);
    }

    /** A loop over one index (k over all entries, or i down a column, or j along a row), as {@link #loopHeader} writes it. */
    private static final Pattern ONE_INDEX_LOOP = Pattern.compile("for \\(int ([ijk]) = 0; \\1 < (.+); \\1\\+\\+\\)");

    private Val routine(Apply a, Template.Routine rt) {
        if (!Pattern.matches("[a-z][A-Za-z0-9]*", rt.name())) throw new IllegalStateException("bad routine name " + rt.name());
        routines.putIfAbsent(rt.name(), rt.source());
        StringBuilder args = new StringBuilder();
        for (Expr x : a.args()) {
            Val v = mat(x);
            String arr;
            if (v instanceof Scalar s) {          // routines take arrays: a scalar operand gets a 1-element buffer
                arr = buffer(Shape.SCALAR);
                body.add(arr + "[0] = " + s.java() + ";");
            } else arr = ((Mat) v).array();
            args.append(", ").append(arr).append(", ").append(dim(x.shape().rows())).append(", ").append(dim(x.shape().cols()));
        }
        // A routine returns its value (det, trace) or writes an out buffer; the latter keeps doing so for a 1×1 result.
        boolean returnsValue = rt.source().contains("static double " + rt.name() + "(");
        if (a.isScalar() && returnsValue) return scalarLocal(a, rt.name() + "(" + args.substring(2) + ")");
        if (returnsValue) throw new IllegalStateException("routine " + rt.name() + " returns a value but " + a.op().key() + " is " + a.shape());
        String out = buffer(a.shape());
        statement(a, rt.name() + "(" + out + ", " + dim(a.shape().rows()) + ", " + dim(a.shape().cols()) + args + ");");
        if (a.isScalar()) return scalarLocal(a, out + "[0]");
        return new Mat(out, a.shape(), true);
    }

    /** X − logsumexp(X) from X alone, as the interpreter computes it (LogSumExp.logSoftmax): no cancellation. */
    private Val logSoftmax(Apply a) {
        routines.putIfAbsent("logSoftmax", io.tracediff.ops.LogSumExp.logSoftmaxJava());
        String x = ((Mat) mat(a.arg(0))).array(), out = buffer(a.shape());
        statement(a, "logSoftmax(" + out + ", " + x + ");");
        return new Mat(out, a.shape(), true);
    }

    // ---- fused loops ----

    private boolean need2d;
    private String lastEntry;

    /** Loops over e's shape writing entry(r, c) into a fresh buffer. */
    private Val loop(Expr e, BiFunction<String, String, String> entry) {
        String header = loopHeader(e.shape(), entry);
        String out = buffer(e.shape());
        statement(e, header + " " + out + "[" + (isVector(e) ? e.shape().cols().isOne() ? "i" : "j" : "k") + "] = " + lastEntry + ";");
        return new Mat(out, e.shape(), true);
    }

    /**
     * The loop header over shape s, leaving the entry expression in {@link #lastEntry}: one flat loop
     * when every operand is read in the loop's own layout, nested i/j loops when some index is swapped or broadcast.
     */
    private String loopHeader(Shape s, BiFunction<String, String, String> entry) {
        if (s.cols().isOne()) { lastEntry = entry.apply("i", "0"); return "for (int i = 0; i < " + dim(s.rows()) + "; i++)"; }
        if (s.rows().isOne()) { lastEntry = entry.apply("0", "j"); return "for (int j = 0; j < " + dim(s.cols()) + "; j++)"; }
        boolean outer = need2d;                  // loops of operands are emitted while this one renders
        need2d = false;
        String flat = entry.apply("i", "j");
        boolean twoD = need2d;
        need2d = outer;
        if (!twoD) { lastEntry = flat; return "for (int k = 0; k < " + len(s) + "; k++)"; }
        lastEntry = entry.apply("i", "j");   // operands are materialised by now, so this only re-renders
        need2d = outer;
        String n = dim(s.cols());
        return "for (int i = 0, k = 0; i < " + dim(s.rows()) + "; i++) for (int j = 0; j < " + n + "; j++, k++)";
    }

    /**
     * Java for entry (r, c) of e inside a loop, inlining single-use elementwise operands so a chain is one pass.
     * {@code root}: e is the node being materialised, so it is rendered even if it is shared.
     */
    private String entry(Expr e, String r, String c, boolean root) {
        if (e.isScalar()) return scalar(e);
        if (e instanceof Apply a && (root || inlinable(e)) && !io.tracediff.ops.LogSumExp.isLogSoftmax(a)) {   // that one is a routine
            Template t = template(a);
            if (t instanceof Template.Pointwise p) {
                List<Object> args = new ArrayList<>();
                for (Expr x : a.args()) args.add(entry(x, r, c, false));
                return pointwise(p, args);
            }
            if (t instanceof Template.Transposed) return entry(a.arg(0), c, r, false);
            if (t instanceof Template.Product) {
                String s = productEntry(a, r, c, true);
                if (s != null) return s;
            }
        } else if (e instanceof Apply a && template(a) instanceof Template.Transposed && !done.containsKey(e)) {
            return entry(a.arg(0), c, r, false);  // a shared transpose is still only an index swap
        }
        Mat m = (Mat) mat(e);
        return m.array() + "[" + index(m.shape(), r, c) + "]";
    }

    /** diag(v)·M, M·diag(v), 𝟏·w and v·𝟏ᵀ as per-entry formulas (null for a general product). */
    private String productEntry(Apply a, String r, String c, boolean render) {
        Expr l = a.arg(0), rt = a.arg(1);
        if (l instanceof Apply d && d.op() == DiagMatrix.OP)
            return render ? "(" + entry(d.arg(0), r, "0", false) + " * " + entry(rt, r, c, false) + ")" : "";
        if (rt instanceof Apply d && d.op() == DiagMatrix.OP)
            return render ? "(" + entry(l, r, c, false) + " * " + entry(d.arg(0), c, "0", false) + ")" : "";
        if (l instanceof Apply o && o.op() instanceof Ones && l.shape().cols().isOne())
            return render ? entry(rt, "0", c, false) : "";
        if (rt instanceof Apply o && o.op() instanceof Ones && rt.shape().rows().isOne())
            return render ? entry(l, r, "0", false) : "";
        return null;
    }

    private String index(Shape s, String r, String c) {
        String ix;
        if (s.cols().isOne()) ix = r;
        else if (s.rows().isOne()) ix = c;
        else if (r.equals("i") && c.equals("j")) ix = "k";
        else ix = r + " * " + dim(s.cols()) + " + " + c;
        if (!ix.equals("k") && !ix.equals("0")) need2d = true;
        return ix;
    }

    // ---- scalars, templates, buffers ----

    private String scalar(Expr e) {
        Val v = mat(e);
        if (v instanceof Scalar s) return s.java();
        return ((Mat) v).array() + "[0]";         // a 1×1 array value (routine result slot)
    }

    private Val scalarLocal(Expr e, String java) {
        String name = "t" + temps++;
        body.add("double " + name + " = " + java + ";" + comment(e, name));
        return new Scalar(name);
    }

    private String pointwise(Template.Pointwise p, List<Object> args) {
        checkSafe(p.java());
        if (p.java().contains("pow(")) helpers.add("pow");
        if (p.java().contains("softplus(")) helpers.add("softplus");
        if (p.java().matches("(?s).*(?<![A-Za-z0-9_.])erf\\(.*")) helpers.add("erf");
        String java = p.java();
        java = java.replace("Math.tanh(", "tanh(");  // Math.tanh costs ~18 ns an entry here, the helper (kernel.Tanh) ~4.5
        if (java.contains("tanh(")) helpers.add("tanh");
        return String.format(java, args.toArray());
    }

    /** Templates may come from user-defined functions: only arithmetic, Math.* calls and our helpers pass. */
    private static final Pattern SAFE = Pattern.compile(
            "(?:\\s|%[12]\\$s|[0-9]+(?:\\.[0-9]+)?(?:[eE][-+]?[0-9]+)?|[-+*/()<>=!?:,;&|]|acc|x|Math\\.[a-z][a-z0-9]*|pow|softplus|tanh|erf)*");

    private static void checkSafe(String template) {
        if (!SAFE.matcher(template).matches())
            throw new UserError("refusing to generate code from the template '" + Names.printable(template) + "' (only arithmetic and Math functions are allowed)");
    }

    private String buffer(Shape s) {
        String name = "t" + temps++;
        String n = s.isScalar() ? "1" : name + "n";
        // The length in exact arithmetic: n·n past 2^31 is an ArithmeticException, never a wrapped (0 or negative) length.
        if (!s.isScalar()) body.add("final int " + n + " = " + checkedLen(s) + ";");
        fields.add("private double[] " + name + " = new double[0];");
        body.add("if (" + name + ".length != " + n + ") " + name + " = new double[" + n + "];");
        return name;
    }

    private void statement(Expr e, String java) {
        body.add(java + comment(e, null));
    }

    private static String comment(Expr e, String name) {
        String f = formula(e, 90);
        if (f.length() > 90) f = f.substring(0, 87) + "…";
        return "  // " + Names.comment((name == null ? "" : name + " = ") + f);
    }

    /** The Unicode formula, or an ellipsis when the tree is too large to show (the printer recurses on depth). */
    static String formula(Expr e, int maxNodes) {
        int n = 0;
        var stack = new java.util.ArrayDeque<Expr>();
        stack.push(e);
        while (!stack.isEmpty() && n <= maxNodes) {
            n++;
            for (Expr a : stack.pop().args()) stack.push(a);
        }
        return n > maxNodes ? "…" : Printer.unicode(e);
    }

    static String literal(double v) {
        String s = Double.toString(v);
        return v < 0 ? "(" + s + ")" : s;
    }
}
