package io.tracediff.codegen;

import io.tracediff.expr.Apply;
import io.tracediff.expr.Expr;
import io.tracediff.expr.Num;
import io.tracediff.expr.Var;
import io.tracediff.ops.Commutation;
import io.tracediff.ops.DiagMatrix;
import io.tracediff.ops.Eye;
import io.tracediff.ops.Inv;
import io.tracediff.ops.Kron;
import io.tracediff.ops.Mul;
import io.tracediff.ops.Ones;
import io.tracediff.ops.Transpose;
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
import io.tracediff.codegen.PythonTarget.Py;

/**
 * One readable Python module per call, for NumPy, PyTorch or JAX ({@link PythonTarget}): a function
 * {@code evaluate(**inputs)} returning a dict of the named outputs. It checks input shapes (ValueError naming
 * the input and both shapes), reads symbolic sizes from them, keeps the inputs' dtype, computes each shared
 * subexpression once into a named temporary, solves instead of inverting, applies diag, 𝟏, K and ⊗ as
 * broadcasts and index maps, and states every formula (Unicode and LaTeX) in its docstring.
 */
public final class PythonGenerator {
    private PythonGenerator() {}

    /**
     * The module source. {@code matrices}: output names written as 2-D arrays whatever their shape (Jacobians
     * and Hessian blocks); other outputs take the shape of their value (scalars 0-d, columns 1-D).
     */
    public static String module(PythonTarget target, List<Var> inputs, Map<String, Expr> outputs, Set<String> matrices, String title) {
        return new PythonGenerator.Gen(target, inputs, outputs, matrices).module(title);
    }

    private static final class Gen implements PythonTarget.Context {
        final PythonTarget t;
        final List<Var> inputs;
        final Map<String, Expr> outputs;
        final Set<String> matrices;
        final Map<String, Var> byName = new LinkedHashMap<>();
        final Map<String, String> ids = new LinkedHashMap<>();
        final Map<Dim, String> dims = new LinkedHashMap<>();
        final Map<Expr, Integer> uses = new HashMap<>();
        final Set<Expr> outputExprs = new HashSet<>();
        final Map<Expr, Py> done = new HashMap<>();
        final Set<Expr> named = new HashSet<>();
        final Map<Expr, Boolean> onlyInProducts = new HashMap<>();
        /** The transpose of each node that has one among the nodes; with it, an inverse used as Aᵀ⁻¹ too solves. */
        final Map<Expr, Expr> transposedBy = new HashMap<>();
        /** Nodes with a use that is neither a product's factor nor a transpose. */
        final Set<Expr> otherUse = new HashSet<>();
        final List<String> body = new ArrayList<>();
        final Set<String> helpers = new HashSet<>();
        /** Norms whose one use is their square, written as a sum of squares by that user. */
        final Set<Expr> squaredNorms = new HashSet<>();
        int temps;

        Gen(PythonTarget t, List<Var> inputs, Map<String, Expr> outputs, Set<String> matrices) {
            this.t = t;
            this.inputs = List.copyOf(inputs);
            this.outputs = outputs;
            this.matrices = matrices;
            if (outputs.isEmpty()) throw new UserError("nothing to generate: no outputs");
            if (inputs.isEmpty()) throw new UserError("nothing to generate: the expression has no inputs");
            Set<String> taken = new HashSet<>();
            for (Var v : inputs) {
                if (byName.put(v.name(), v) != null) throw new UserError("input '" + Names.printable(v.name()) + "' is given twice");
                String id = PythonNames.identifier(v.name());
                ids.put(v.name(), id);
                taken.add(id);
            }
            for (Var v : inputs)
                for (Dim d : List.of(v.shape().rows(), v.shape().cols()))
                    if (d instanceof Dim.Sym s && !dims.containsKey(d)) {
                        String id = PythonNames.identifier(s.name());
                        if (taken.contains(id) || id.startsWith("v_")) id = "dim_" + id;
                        taken.add(id);
                        dims.put(d, id);
                    }
        }

        // ---- the lowering ----

        void lower() {
            List<Expr> roots = new ArrayList<>(outputs.values());
            List<Expr> order = Lowering.postOrder(roots);   // the Java lowering's walk: each distinct node once, no recursion
            for (Expr e : order)
                for (Expr a : e.args()) {
                    uses.merge(a, 1, Integer::sum);
                    boolean product = e instanceof Apply p && p.op() == Mul.OP && !p.arg(0).isScalar() && !p.arg(1).isScalar();
                    if (!product) onlyInProducts.put(a, false);
                    else onlyInProducts.putIfAbsent(a, true);
                    if (is(e, Transpose.OP)) transposedBy.put(a, e);
                    else if (!product) otherUse.add(a);
                }
            outputExprs.addAll(roots);
            // ‖x‖² used once: the sum of squares (vdot), not a norm's square root squared (and its Python-level call).
            for (Expr e : order)
                if (e instanceof Apply p && p.op() == io.tracediff.ops.ElementPow.OP && p.arg(1) instanceof io.tracediff.expr.Num k
                        && k.value() == 2 && is(p.arg(0), io.tracediff.ops.Norm2.OP) && !arg(p.arg(0)).isScalar()
                        && uses.getOrDefault(p.arg(0), 0) == 1 && !outputExprs.contains(p.arg(0)))
                    squaredNorms.add(p.arg(0));
            for (Expr e : order) {
                if (lazy(e) || squaredNorms.contains(e)) continue;   // rendered by its one user, which may apply it as a structure
                Py p = render(e);
                // a solve already named (t3 = t2 would only alias it) is used by its name
                if (e instanceof Apply && !p.text().matches("t\\d+") && (uses.getOrDefault(e, 0) > 1 || outputExprs.contains(e) || p.text().length() > 72))
                    p = assign(e, p);
                done.put(e, p);
            }
        }

        /**
         * Single-use diag, inverse, transpose, 𝟏, I, ⊗ and K wait for their user, which may not build them; so does an
         * inverse used only as a factor of products, each of which solves.
         */
        boolean lazy(Expr e) {
            if (!(e instanceof Apply a) || outputExprs.contains(e) || e.isScalar()) return false;
            if (a.op() == Inv.OP && solvedEverywhere(e)) return true;
            // A⁻ᵀ whose inverse solves, used only as a product's factor: each product solves with Aᵀ (A⁻ᵀ x and yᵀ A⁻ᵀ)
            if (a.op() == Transpose.OP && is(a.arg(0), Inv.OP) && solvedEverywhere(a.arg(0)) && onlyInProducts.getOrDefault(e, false)) return true;
            if (uses.getOrDefault(e, 0) > 1) return false;
            return a.op() == DiagMatrix.OP || a.op() == Inv.OP || a.op() == Transpose.OP || a.op() == Kron.OP
                    || a.op() instanceof Ones || a.op() instanceof Eye || a.op() instanceof Commutation;
        }

        /**
         * Whether every use of the inverse {@code e} is a product's factor, or its transpose's, which is only a product's factor:
         * then no inverse is formed (xᵀ A⁻¹ y, A⁻ᵀ x and yᵀ A⁻ᵀ each solve).
         */
        boolean solvedEverywhere(Expr e) {
            if (otherUse.contains(e)) return false;
            Expr t = transposedBy.get(e);
            if (t == null) return onlyInProducts.getOrDefault(e, false);
            return onlyInProducts.getOrDefault(t, false) && !outputExprs.contains(t) && !otherUse.contains(t);
        }

        /** A structured operand its user may read without building it: lazy and not yet rendered. */
        boolean unbuilt(Expr e) { return lazy(e) && !done.containsKey(e); }

        Py ref(Expr e) {
            Py p = done.get(e);
            if (p == null) {
                p = render(e);
                done.put(e, p);
            }
            return p;
        }

        Py assign(Expr e, Py p) {
            String name = "t" + temps++;
            String f = Lowering.formula(e, 60);
            if (f.length() > 80) f = f.substring(0, 77) + "…";
            body.add(name + " = " + p.text() + "  # " + PythonNames.docText(f));
            named.add(e);
            return new Py(name, PythonTarget.ATOM, p.constant());   // still a Python number: a framework function needs it as an array
        }

        /** Which parts are made of numbers alone, found once for the whole tree. */
        private final java.util.Map<Expr, Boolean> numberParts = new java.util.IdentityHashMap<>();

        Py render(Expr e) {
            if (e instanceof Num n) return number(n.value());
            // A constant is the number every evaluator takes for it, computed here in doubles: 10²⁰ + 1 − 10²⁰ is 1, log(10²⁰⁰)
            // does not overflow float32, and (10²⁰⁰)² is inf, where Python's 1e200 ** 2 raises OverflowError.
            if (e.isScalar() && io.tracediff.eval.tree.Evaluator.madeOfNumbers(e, numberParts))
                return number(io.tracediff.eval.tree.Evaluator.numberValue(e).data[0]);
            if (e instanceof Var v) {
                Var in = byName.get(v.name());
                if (in == null) throw new UserError("the expression uses '" + Names.printable(v.name()) + "', which is not among the inputs");
                if (!in.shape().equals(v.shape()))
                    throw new UserError("'" + Names.printable(v.name()) + "' is " + v.shape() + " in the expression but " + in.shape() + " as an input");
                return Py.atom(ids.get(v.name()));
            }
            Apply a = (Apply) e;
            if (a.op() == Mul.OP && !a.arg(0).isScalar() && !a.arg(1).isScalar()) {
                Py p = product(a);
                return a.isScalar() ? Py.atom(p.at(PythonTarget.ATOM) + "[0, 0]") : p;
            }
            if (a.op() == io.tracediff.ops.ElementPow.OP && squaredNorms.contains(a.arg(0)))
            {
                Expr inner = arg(a.arg(0));
                Py x = ref(inner);
                // named: the sum of squares reads its argument twice
                if (!x.text().matches("[A-Za-z_][A-Za-z0-9_]*")) done.put(inner, x = assign(inner, Py.atom(tensor(x))));
                return t.sumOfSquares(x.text());
            }
            List<Py> args = new ArrayList<>();
            for (Expr x : a.args()) args.add(ref(x));
            Py p = t.form(a).render(a, args, this);
            if (p.text().contains("_logdet(")) helpers.add("logdet");
            for (String h : t.helpers.keySet()) if (p.text().contains(h + "(")) helpers.add(h);
            return p;
        }

        Py number(double v) {
            if (Double.isNaN(v)) return new Py(t.xp + ".nan", PythonTarget.ATOM, true);
            if (Double.isInfinite(v)) return new Py((v < 0 ? "-" : "") + t.xp + ".inf", v < 0 ? PythonTarget.UNARY : PythonTarget.ATOM, true);
            String s = Double.toString(v);
            return v < 0 ? new Py(s, PythonTarget.UNARY, true) : new Py(s, PythonTarget.ATOM, true);
        }

        /** l·r for two non-scalar operands: broadcasts for diag and 𝟏, solves for inverses, index maps for ⊗ and K. */
        Py product(Apply a) {
            Expr l = a.arg(0), r = a.arg(1);
            String xp = t.xp;
            if (unbuilt(l) && is(l, DiagMatrix.OP)) return PythonTarget.binary(List.of(ref(arg(l)), ref(r)), " * ", PythonTarget.MUL);
            if (unbuilt(r) && is(r, DiagMatrix.OP)) return PythonTarget.binary(List.of(ref(l), Py.atom(ref(arg(r)).at(PythonTarget.ATOM) + ".T")), " * ", PythonTarget.MUL);
            if (l instanceof Apply o && o.op() instanceof Ones && l.shape().cols().isOne() || r instanceof Apply p && p.op() instanceof Ones && r.shape().rows().isOne())
                return PythonTarget.binary(List.of(ref(l), ref(r)), " * ", PythonTarget.MUL);   // 𝟏 wᵀ and v 𝟏ᵀ broadcast
            String formula = Lowering.formula(a, 60);
            if (unbuilt(l) && is(l, Inv.OP)) return solved(xp + ".linalg.solve(" + ref(arg(l)).text() + ", " + ref(r).text() + ")", formula);
            if (unbuilt(l) && is(l, Transpose.OP) && unbuilt(arg(l)) && is(arg(l), Inv.OP))
                return solved(xp + ".linalg.solve(" + ref(arg(arg(l))).at(PythonTarget.ATOM) + ".T, " + ref(r).text() + ")", formula);
            if (unbuilt(r) && is(r, Inv.OP))
                return Py.atom(solved(xp + ".linalg.solve(" + ref(arg(r)).at(PythonTarget.ATOM) + ".T, " + transposed(l) + ")", "(" + formula + ")ᵀ").text() + ".T");
            if (unbuilt(r) && is(r, Transpose.OP) && unbuilt(arg(r)) && is(arg(r), Inv.OP))   // l A⁻ᵀ = (A⁻¹ lᵀ)ᵀ
                return Py.atom(solved(xp + ".linalg.solve(" + ref(arg(arg(r))).text() + ", " + transposed(l) + ")", "(" + formula + ")ᵀ").text() + ".T");
            if (unbuilt(l) && l instanceof Apply k && k.op() instanceof Commutation c)
                return t.commutationTimes(dim(c.m()), dim(c.n()), ref(r), dim(r.shape().cols()));
            if (unbuilt(r) && r instanceof Apply k && k.op() instanceof Commutation c)
                return t.timesCommutation(ref(l), dim(l.shape().rows()), dim(c.m()), dim(c.n()));
            if (unbuilt(l) && StructuredProducts.isKron(l)) {
                Expr ka = ((Apply) l).arg(0), kb = ((Apply) l).arg(1);
                return t.kronTimes(identity(ka) ? null : ref(ka), identity(kb) ? null : ref(kb), dim(ka.shape().rows()), dim(ka.shape().cols()),
                        dim(kb.shape().rows()), dim(kb.shape().cols()), ref(r), dim(r.shape().cols()));
            }
            if (unbuilt(r) && StructuredProducts.isKron(r)) {
                Expr ka = ((Apply) r).arg(0), kb = ((Apply) r).arg(1);
                return t.timesKron(ref(l), dim(l.shape().rows()), identity(ka) ? null : ref(ka), identity(kb) ? null : ref(kb),
                        dim(ka.shape().rows()), dim(ka.shape().cols()), dim(kb.shape().rows()), dim(kb.shape().cols()));
            }
            return PythonTarget.binary(List.of(ref(l), ref(r)), " @ ", PythonTarget.MUL);
        }

        /** Each system solved once, by its call: xᵀ A⁻¹ y and A⁻ᵀ x both solve Aᵀ t = x, and read the one t. */
        final Map<String, String> solves = new HashMap<>();

        Py solved(String call, String formula) {
            String name = solves.computeIfAbsent(call, c -> {
                String n = "t" + temps++;
                body.add(n + " = " + c + "  # " + PythonNames.docText(formula.length() > 80 ? formula.substring(0, 77) + "…" : formula));
                return n;
            });
            return Py.atom(name);
        }

        /** eᵀ as an operand: xᵀ's own argument (not x.T.T), else e.T. */
        String transposed(Expr e) {
            return unbuilt(e) && is(e, Transpose.OP) ? ref(arg(e)).text() : ref(e).at(PythonTarget.ATOM) + ".T";
        }

        /** An unbuilt I inside ⊗: the index map skips the product with it. */
        boolean identity(Expr e) { return unbuilt(e) && e instanceof Apply a && a.op() instanceof Eye; }

        static boolean is(Expr e, io.tracediff.expr.Op op) { return e instanceof Apply a && a.op() == op; }

        static Expr arg(Expr e) { return ((Apply) e).arg(0); }

        @Override public String dim(Dim d) {
            if (d instanceof Dim.Fixed f) return Integer.toString(f.size());
            if (d instanceof Dim.Product p) return "(" + dim(p.left()) + " * " + dim(p.right()) + ")";
            String n = dims.get(d);
            if (n == null) throw new UserError("the size of dimension '" + Names.printable(d.toString()) + "' is not fixed by any input");
            return n;
        }

        @Override public String tensor(Py x) { return x.constant() ? t.constant(x.text()) : x.text(); }

        @Override public String named(Py x) {
            String text = tensor(x);
            if (text.matches("[A-Za-z_][A-Za-z0-9_]*")) return text;
            String name = "t" + temps++;
            body.add(name + " = " + text + "  # the argument of a --fn function, used more than once in its body");
            return name;
        }

        // ---- the module ----

        /** An input, or its transpose or vec: the targets write these as views of the caller's array. */
        static boolean aliasesInput(Expr e) {
            while (e instanceof io.tracediff.expr.Apply a && (a.op() == io.tracediff.ops.Transpose.OP || a.op() == io.tracediff.ops.Vec.OP)) e = a.arg(0);
            return e instanceof Var;
        }

        /** " (n from input 'x')": where v's sizes were read, when from other inputs (the error may be theirs). */
        static String sizesFrom(Var v, Map<Dim, String> origin) {
            List<String> from = new ArrayList<>();
            for (Dim d : new java.util.LinkedHashSet<>(List.of(v.shape().rows(), v.shape().cols())))
                if (origin.containsKey(d) && !origin.get(d).equals(v.name())) from.add(d + " from input '" + origin.get(d) + "'");
            return from.isEmpty() ? "" : " (" + String.join(", ", from) + ")";
        }

        /** A vector (1-D in Python); a variable declared as a matrix stays 2-D whatever its shape: matrix(n, 1) is (n, 1). */
        static boolean isColumn(Var v) { return !v.isScalar() && v.shape().cols().isOne() && !declaredMatrix(v); }

        static boolean declaredMatrix(Var v) { return v.kind() == io.tracediff.expr.VarKind.MATRIX || v.kind().symmetric(); }

        String shapeText(Shape s, boolean column) {
            return column ? "(" + s.rows() + ",)" : "(" + s.rows() + ", " + s.cols() + ")";
        }

        String module(String title) {
            lower();
            List<String> code = new ArrayList<>();
            List<String> arrays = new ArrayList<>(), scalars = new ArrayList<>();
            for (Var v : inputs) (v.isScalar() ? scalars : arrays).add(ids.get(v.name()));
            // A complex input would be cast to real (PyTorch, dropping the imaginary part) or carried through formulas
            // derived for real variables (NumPy, JAX): refused, by name, once it is an array and before any cast.
            Map<String, String> complexChecks = new java.util.LinkedHashMap<>();
            for (Var v : inputs)
                complexChecks.put(ids.get(v.name()), "raise ValueError(" + PythonNames.literal("input '" + v.name()
                        + "' is complex; the formulas are derived for real variables (pass its real part, or split it into two real inputs)") + ")");
            code.addAll(t.readInputs(arrays, scalars, complexChecks));
            // shape checks: ranks first, then sizes read where each dimension first occurs, then every shape
            for (Var v : inputs) {
                String x = ids.get(v.name());
                int rank = v.isScalar() ? 0 : isColumn(v) ? 1 : 2;
                String want = v.isScalar() ? "a scalar (shape (), or one entry in any shape)" : isColumn(v) ? "a vector of shape " + shapeText(v.shape(), true) + " (1-D)"
                        : "a matrix of shape " + shapeText(v.shape(), false);
                String raise = "raise ValueError(" + PythonNames.literal("input '" + v.name() + "' has shape ") + " + str(" + t.shapeOf(x) + ") + "
                        + PythonNames.literal(", but it must be " + want) + ")";
                if (v.isScalar()) {
                    // a vector(1) or matrix(1, 1) is a scalar to tracediff: one entry in any shape, (1,) or (1, 1), is taken
                    code.add("if " + x + ".ndim != 0:");
                    code.add("    if " + t.entries(x) + " != 1:");
                    code.add("        " + raise);
                    code.add("    " + x + " = " + x + ".reshape(())");
                } else {
                    code.add("if " + x + ".ndim != " + rank + ":");
                    code.add("    " + raise);
                }
            }
            Set<Dim> bound = new HashSet<>();
            Map<Dim, String> origin = new java.util.LinkedHashMap<>();   // the input each size is read from, named when another disagrees
            Set<Var> readOnly = new HashSet<>();        // inputs whose every size was just read from them: their check holds
            // Sizes are read from vectors first: a vector has one size and cannot be misread, so a misshapen matrix is
            // told the sizes its vectors give ((n, m) = (3, 4)), not a size read from its own wrong shape.
            List<Var> vectorsFirst = new ArrayList<>(inputs);
            vectorsFirst.sort(java.util.Comparator.comparingInt(v -> isColumn(v) ? 0 : 1));
            for (Var v : vectorsFirst) {
                if (v.isScalar()) continue;
                String x = ids.get(v.name());
                boolean all = true;
                for (int side = 0; side < (isColumn(v) ? 1 : 2); side++) {
                    Dim d = side == 0 ? v.shape().rows() : v.shape().cols();
                    if (d instanceof Dim.Sym && bound.add(d)) {
                        code.add(dims.get(d) + " = " + x + ".shape[" + side + "]");
                        origin.put(d, v.name());
                    } else all = false;
                }
                if (all) readOnly.add(v);
            }
            for (Var v : inputs) {
                if (v.isScalar() || readOnly.contains(v)) continue;
                String x = ids.get(v.name());
                String want = isColumn(v) ? "(" + dim(v.shape().rows()) + ",)" : "(" + dim(v.shape().rows()) + ", " + dim(v.shape().cols()) + ")";
                code.add("if " + t.shapeOf(x) + " != " + want + ":");
                code.add("    raise ValueError(" + PythonNames.literal("input '" + v.name() + "' has shape ") + " + str(" + t.shapeOf(x) + ") + "
                        + PythonNames.literal(", but it must be " + shapeText(v.shape(), isColumn(v)) + " = ") + " + str(" + want + ")"
                        + (sizesFrom(v, origin).isEmpty() ? "" : " + " + PythonNames.literal(sizesFrom(v, origin))) + ")");
            }
            for (Var v : inputs)
                if (isColumn(v)) code.add(ids.get(v.name()) + " = " + ids.get(v.name()) + ".reshape(-1, 1)  # vectors are columns inside");
            code.addAll(body);
            code.add("return {");
            for (var o : outputs.entrySet()) {
                Py p = done.get(o.getValue());
                Shape s = o.getValue().shape();
                String v;
                if (matrices.contains(o.getKey()))
                    v = s.isScalar() ? t.constant(p.text()) + ".reshape(1, 1)" : t.inDtype(p.at(PythonTarget.ATOM));
                else if (s.isScalar()) v = t.constant(p.text()) + ".reshape(())";
                else if (s.cols().isOne()) v = t.inDtype(p.at(PythonTarget.ATOM) + ".reshape(-1)");
                else v = t.inDtype(p.at(PythonTarget.ATOM));
                if (aliasesInput(o.getValue())) v = t.ownCopy(v);
                code.add("    " + PythonNames.literal(o.getKey()) + ": " + v + ",");
            }
            code.add("}");

            StringBuilder s = new StringBuilder();
            s.append("r\"\"\"").append(PythonNames.docText(title)).append("\n\n");
            s.append("Generated by tracediff for ").append(t.language()).append(". evaluate(**inputs) returns a dict of the outputs below,\n");
            s.append("in the inputs' floating dtype (float32 stays float32). Vectors are 1-D arrays; vec() is column-major,\n");
            s.append("so row i + j*m of a Jacobian is entry (i, j) of an m-row matrix.\n\n");
            s.append("Inputs (keyword arguments):\n");
            for (Var v : inputs) {
                String id = ids.get(v.name());
                s.append("    ").append(PythonNames.docText(id + (id.equals(v.name()) ? "" : " (" + v.name() + ")") + ": " + v.kind().word() + ", shape "
                        + (v.isScalar() ? (declaredMatrix(v) ? "(1, 1)" : "()") : shapeText(v.shape(), isColumn(v))))).append('\n');
            }
            s.append("\nOutputs:\n");
            for (var o : outputs.entrySet()) {
                s.append("    ").append(PythonNames.docText(o.getKey() + " = " + Lowering.formula(o.getValue(), 2000))).append('\n');
                s.append("        LaTeX: ").append(PythonNames.docText(latex(o.getValue()))).append('\n');
            }
            s.append("\"\"\"\n");
            for (String line : t.imports()) s.append(line).append('\n');
            s.append("\n\n");
            if (helpers.contains("logdet")) s.append(t.logdetHelper().strip()).append("\n\n\n");
            for (var h : t.helpers.entrySet()) if (helpers.contains(h.getKey())) s.append(h.getValue().strip()).append("\n\n\n");
            s.append("def evaluate(*, ");
            List<String> params = new ArrayList<>();
            for (Var v : inputs) params.add(ids.get(v.name()));
            s.append(String.join(", ", params)).append("):\n");
            s.append("    \"\"\"The outputs at the inputs (see the module docstring); ValueError names an input whose shape does not fit.\"\"\"\n");
            for (String line : t.wrapBody(code)) s.append(line.isEmpty() ? "" : "    " + line).append('\n');
            return s.toString();
        }

        static String latex(Expr e) {
            String f = Lowering.formula(e, 2000);
            return f.equals("…") ? "…" : Printer.latex(e);
        }
    }
}
