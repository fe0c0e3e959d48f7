package io.tracediff.diff;

import io.tracediff.check.SelfCheck;
import io.tracediff.algebra.Alg;
import io.tracediff.expr.Expr;
import io.tracediff.expr.Num;
import io.tracediff.expr.Var;
import io.tracediff.ops.Functions;
import io.tracediff.core.UserError;
import io.tracediff.print.Printer;
import io.tracediff.rules.RuleSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * ∂f/∂X in closed form by the method of the matrix-differential notes: take df, wrap it in a trace,
 * move dX to the right, read G off df = tr(Gᵀ dX), simplify. Entry (i, j) of the result is ∂f/∂X_ij
 * (the Matrix Cookbook layout). For a symmetric X the result is the symmetric gradient (G + Gᵀ)/2:
 * the matrix S with df = tr(Sᵀ dX) for every symmetric dX.
 */
public final class Gradients {

    /** f, the gradient of each variable asked for (in order), and the derivation. */
    public record Result(Expr f, Expr differential, Map<String, Expr> gradients, Derivation derivation, SelfCheck.Outcome selfCheck,
                         List<io.tracediff.egraph.Saturation.Result> saturations, String simplifierLimit) {
        public Result(Expr f, Expr differential, Map<String, Expr> gradients, Derivation derivation) {
            this(f, differential, gradients, derivation, SelfCheck.SKIPPED, List.of(), null);
        }

        /** The e-graph runs that stopped on a limit (the form shown is the best found before it). */
        public List<io.tracediff.egraph.Saturation.Result> limited() {
            List<io.tracediff.egraph.Saturation.Result> out = new java.util.ArrayList<>();   // every grad asks: no cold stream
            for (var r : saturations) if (r.limited()) out.add(r);
            return java.util.Collections.unmodifiableList(out);
        }

        /**
         * f and every gradient compiled to Java bytecode in memory, over {@code inputs} (all of f's variables):
         * outputs "value" and the variable names. Repeated evaluations reuse their buffers.
         */
        public io.tracediff.codegen.CompiledFunction compile(java.util.Collection<Var> inputs) {
            Map<String, Expr> outputs = new LinkedHashMap<>();
            outputs.put("value", f);
            gradients.forEach((name, g) -> outputs.put(name.equals("value") ? "∂value" : name, g));
            return io.tracediff.codegen.CompiledFunction.compile(new java.util.ArrayList<>(inputs), outputs);
        }
    }

    private Gradients() {}

    public static Result of(Expr f, List<Var> wrt) { return of(f, wrt, RuleSet.builtin(), Functions.builtin()); }

    public static Result of(Expr f, List<Var> wrt, RuleSet rules, Functions functions) { return of(f, wrt, rules, functions, true); }

    /**
     * With {@code selfCheck} (the default) every gradient is compared with reverse mode on f at random points
     * before it is returned; a disagreement throws {@link SelfCheck.Failed} instead of returning a wrong form.
     * Simplified greedily, then by equality saturation within {@link io.tracediff.egraph.Saturation.Limits#DEFAULT}.
     */
    public static Result of(Expr f, List<Var> wrt, RuleSet rules, Functions functions, boolean selfCheck) {
        return of(f, wrt, rules, functions, selfCheck, io.tracediff.egraph.Saturation.Limits.DEFAULT);
    }

    /** Self-checked, and with {@code saturation} each gradient through equality saturation too (see below). */
    public static Result of(Expr f, List<Var> wrt, RuleSet rules, Functions functions, io.tracediff.egraph.Saturation.Limits saturation) {
        return of(f, wrt, rules, functions, true, saturation);
    }

    /**
     * Simplified greedily, then, when {@code saturation} is given (null: greedy only), each gradient through
     * equality saturation ({@link io.tracediff.egraph.Saturation}) within those limits, keeping the cheaper
     * form; the self-check runs on the forms returned.
     */
    public static Result of(Expr f, List<Var> wrt, RuleSet rules, Functions functions, boolean selfCheck,
                            io.tracediff.egraph.Saturation.Limits saturation) {
        if (!f.isScalar()) {
            // -N/2*logdet(S) with N undeclared is a matrix: the message says so, beside the Jacobian for a matrix-valued f.
            String undeclared = io.tracediff.parse.UndeclaredHint.of(f.shape().toString(), io.tracediff.print.VariableNames.variables(f)::contains);
            throw new UserError("the gradient needs a scalar function, but " + Printer.ascii(f) + " is " + f.shape()
                    + "; for a vector- or matrix-valued expression use the Jacobian (tracediff jacobian)" + undeclared);
        }
        Set<String> names = new LinkedHashSet<>();
        for (Var v : wrt) names.add(v.name());
        Derivation.Recorder steps = new Derivation.Recorder();
        steps.function(f);
        Differentiator d = new Differentiator(rules, functions, names);
        Simplifier simplifier = new Simplifier(rules, functions);
        Expr raw = d.differential(f);
        io.tracediff.expr.ExpressionSize.check(raw, "the differential df");   // before simplifying it
        Expr df = simplifier.simplify(raw);
        steps.differential(df, String.join(", ", d.rulesNamed()));
        Map<String, List<Expr>> parts = Alg.isZero(df) ? Map.of() : new TraceTrick(rules, functions, simplifier, steps).gradients(df);
        Map<String, Expr> gradients = new LinkedHashMap<>();
        List<io.tracediff.egraph.Saturation.Result> runs = new java.util.ArrayList<>();
        io.tracediff.egraph.Saturation egraph = saturation == null ? null : new io.tracediff.egraph.Saturation(rules, functions, saturation);
        for (Var v : wrt) {
            Expr g = Alg.zero(v.shape());
            for (Expr part : parts.getOrDefault(v.name(), List.of())) g = Alg.add(g, part);
            io.tracediff.expr.ExpressionSize.check(g, "the gradient with respect to " + v.name());
            g = simplifier.simplify(g);
            if (v.kind().symmetric()) g = symmetrised(g, simplifier);
            String used = "";
            Expr monomials = ScalarMonomials.ifShorter(g, simplifier::simplify);
            if (monomials != null) { g = monomials; used = ScalarMonomials.NAME; }
            // The greedy pass stops at the first local form; equality saturation looks for a cheaper one.
            // A form of three nodes or fewer (2 x, Aᵀ Bᵀ, X⁻ᵀ) has nothing shorter to find; a cold run would only add start-up time.
            if (egraph != null && g.size() > 3 && g.size() <= io.tracediff.egraph.Saturation.MAX_INPUT) {
                var run = egraph.run(g);
                runs.add(run);
                if (io.tracediff.egraph.Saturation.cost(run.best()) < io.tracediff.egraph.Saturation.cost(g)) {
                    g = run.best();
                    used = (used.isEmpty() ? "" : used + ", ") + String.join(", ", new java.util.LinkedHashSet<>(run.rulesUsed()));
                }
            }
            gradients.put(v.name(), g);
            steps.gradient(v.name(), g, used);
        }
        SelfCheck.Outcome check = selfCheck ? SelfCheck.gradients(f, wrt, gradients) : SelfCheck.SKIPPED;
        return new Result(f, df, gradients, steps.done(), check, runs, simplifier.limitReached());
    }

    /**
     * (G + Gᵀ)/2, or G itself when it is already symmetric in form. Only the part of a sum that is not symmetric is
     * averaged: terms that are symmetric, or come in pairs T and Tᵀ (A S B + B S A), stay as they are, so
     * S⁻¹ − Cᵀ gives S⁻¹ − 0.5 (C + Cᵀ) rather than 0.5 (S⁻¹ − Cᵀ + (S⁻¹ − Cᵀ)ᵀ).
     */
    private static Expr symmetrised(Expr g, Simplifier s) {
        if (Alg.symmetric(g)) return g;
        Expr gt = s.simplify(Alg.transpose(g));
        if (gt.equals(g)) return g;
        List<Expr> terms = new java.util.ArrayList<>();
        List<Boolean> negative = new java.util.ArrayList<>();
        ScalarMonomials.terms(g, false, terms, negative);
        if (terms.size() > 1 && terms.size() <= 200) {
            boolean[] symmetricPart = new boolean[terms.size()];
            for (int i = 0; i < terms.size(); i++) {
                if (symmetricPart[i]) continue;
                Expr t = terms.get(i), tt = s.simplify(Alg.transpose(t));
                if (sameProduct(tt, t) || Alg.symmetric(t)) { symmetricPart[i] = true; continue; }
                for (int j = i + 1; j < terms.size(); j++)
                    if (!symmetricPart[j] && negative.get(j).equals(negative.get(i)) && sameProduct(terms.get(j), tt)) {
                        symmetricPart[i] = symmetricPart[j] = true;
                        break;
                    }
            }
            Expr symmetric = null, rest = null, restTransposed = null;
            for (int i = 0; i < terms.size(); i++) {
                Expr t = negative.get(i) ? Alg.neg(terms.get(i)) : terms.get(i);
                if (symmetricPart[i]) { symmetric = symmetric == null ? t : Alg.add(symmetric, t); continue; }
                // Transposed term by term: (S Cᵀ + Cᵀ S)ᵀ is C S + S C, which the rules can then factor.
                Expr tt = s.simplify(Alg.transpose(t));
                rest = rest == null ? t : Alg.add(rest, t);
                restTransposed = restTransposed == null ? tt : Alg.add(restTransposed, tt);
            }
            if (rest == null) return g;
            Expr averaged = Alg.mul(new Num(0.5), Alg.add(rest, restTransposed));
            return s.simplify(symmetric == null ? averaged : Alg.add(symmetric, averaged));
        }
        return s.simplify(Alg.mul(new Num(0.5), Alg.add(g, gt)));
    }

    /** Whether a and b are one product, however their factors are grouped ((A S) B and A (S B)). */
    private static boolean sameProduct(Expr a, Expr b) { return a.equals(b) || Alg.productFactors(a).equals(Alg.productFactors(b)); }
}
