package io.tracediff.jacobian;

import io.tracediff.check.SelfCheck;
import io.tracediff.diff.Differentiator;
import io.tracediff.diff.ScalarMonomials;
import io.tracediff.diff.Simplifier;
import io.tracediff.algebra.Alg;
import io.tracediff.expr.Expr;
import io.tracediff.expr.Var;
import io.tracediff.ops.Functions;
import io.tracediff.rules.RuleSet;
import io.tracediff.shape.Dim;
import io.tracediff.shape.Shape;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * ∂vec(F)/∂vec(X)ᵀ in closed form (column-major vec; for a column x, vec(x) = x): take dF with the
 * differential rules, write vec(dF) = Σ J vec(M), move dX out with {@code vec.rules}, simplify. The
 * result is len(vec F) × len(vec X); entry (i, j) is ∂ vec(F)_i / ∂ vec(X)_j. Every entry of X is an
 * independent variable here, symmetric or not.
 */
public final class Jacobians {

    /** F, its differential, the Jacobian for each variable asked for (in order), and the derivation. */
    public record Result(Expr f, Expr differential, Map<String, Expr> jacobians, Steps steps, SelfCheck.Outcome selfCheck) {}

    private Jacobians() {}

    public static Result of(Expr f, List<Var> wrt) { return of(f, wrt, RuleSet.builtin(), Functions.builtin()); }

    public static Result of(Expr f, List<Var> wrt, RuleSet rules, Functions functions) { return of(f, wrt, rules, functions, true); }

    /** With {@code selfCheck} (the default) each Jacobian is compared with reverse mode on F before it is returned. */
    public static Result of(Expr f, List<Var> wrt, RuleSet rules, Functions functions, boolean selfCheck) {
        Result r = of(f, wrt, rules, functions, new Simplifier(rules, functions), null);
        if (!selfCheck) return r;
        return new Result(r.f(), r.differential(), r.jacobians(), r.steps(), SelfCheck.jacobians(f, wrt, r.jacobians()));
    }

    static Result of(Expr f, List<Var> wrt, RuleSet rules, Functions functions, Simplifier simplifier, String gradientOf) {
        Set<String> names = new LinkedHashSet<>();
        for (Var v : wrt) names.add(v.name());
        Steps.Recorder steps = new Steps.Recorder();
        steps.line(new Steps.Head(Steps.Head.Kind.FUNCTION, gradientOf, null), f, "");
        Differentiator d = new Differentiator(rules, functions, names);
        Expr raw = d.differential(f);
        io.tracediff.expr.ExpressionSize.check(raw, "the differential dF");   // before simplifying it
        Expr df = simplifier.simplify(raw);
        steps.line(new Steps.Head(Steps.Head.Kind.DIFFERENTIAL, gradientOf, null), VecMover.render(List.of(new VecMover.Term(null, df))), String.join(", ", d.rulesNamed()));
        Map<String, List<Expr>> parts = Alg.isZero(df) ? Map.of() : new VecMover(rules, functions, simplifier, steps).jacobians(df);
        Map<String, Expr> jacobians = new LinkedHashMap<>();
        Dim rows = length(f.shape());
        for (Var v : wrt) {
            Expr j = Alg.zero(Shape.of(rows, length(v.shape())));
            for (Expr part : parts.getOrDefault(v.name(), List.of())) j = Alg.add(j, part);
            j = KroneckerIdentities.tidy(simplifier.simplify(KroneckerIdentities.tidy(j)));
            // The scalar normal form, as for gradients: I / sqrt(xᵀ x) − x xᵀ / sqrt(xᵀ x)³, not … / (2 sqrt(xᵀ x)) / sqrt(xᵀ x)².
            Expr normal = ScalarMonomials.ifShorter(j, simplifier::simplify);
            if (normal != null) j = normal;
            jacobians.put(v.name(), j);
            steps.line(new Steps.Head(Steps.Head.Kind.JACOBIAN, gradientOf, v.name()), j, "");
        }
        return new Result(f, df, jacobians, steps.done(), SelfCheck.SKIPPED);
    }

    /** The length of vec of a matrix of this shape. */
    static Dim length(Shape s) { return Dim.times(s.rows(), s.cols()); }
}
