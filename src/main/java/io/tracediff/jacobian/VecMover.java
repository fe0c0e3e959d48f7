package io.tracediff.jacobian;

import io.tracediff.diff.Differentiator;
import io.tracediff.diff.DifferentialMover;
import io.tracediff.diff.Simplifier;
import io.tracediff.algebra.Alg;
import io.tracediff.expr.Apply;
import io.tracediff.expr.Expr;
import io.tracediff.ops.Functions;
import io.tracediff.core.UserError;
import io.tracediff.print.Printer;
import io.tracediff.rules.PatternBindings;
import io.tracediff.rules.Pattern;
import io.tracediff.rules.PatternBuilder;
import io.tracediff.rules.Rule;
import io.tracediff.rules.RuleFileParser;
import io.tracediff.rules.RuleSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The second-order counterpart of the trace trick: writes vec(dF) as Σ J vec(M), moves each
 * differential out with {@code vec.rules} until every M is some dX, and reads the Jacobian off
 * vec(dF) = Σ J_X vec(dX): ∂vec(F)/∂vec(X)ᵀ = Σ J_X.
 */
final class VecMover {
    /** One term J · vec(m) of vec(dF); {@code j} null stands for the identity. */
    record Term(Expr j, Expr m) {}

    private final RuleSet rules;
    private final PatternBuilder builder;
    private final Simplifier simplifier;
    private final Steps.Recorder steps;

    VecMover(RuleSet rules, Functions functions, Simplifier simplifier, Steps.Recorder steps) {
        this.rules = rules;
        this.simplifier = simplifier;
        this.steps = steps;
        this.builder = PatternBuilder.forRewriting(functions, "vec", false);
    }

    /** Σ J per variable, simplified term by term, for dF (linear in the differentials). */
    Map<String, List<Expr>> jacobians(Expr df) {
        List<Term> terms = new ArrayList<>();
        terms.add(new Term(null, df));
        DifferentialMover.run(terms, Term::m, this::move, (now, rule) -> { if (steps.wants(now.size())) steps.step(render(now), rule); });
        Map<String, List<Expr>> out = new LinkedHashMap<>();
        for (Term t : terms) {
            if (!DifferentialMover.isDifferentialOfVar(t.m())) continue;
            String name = DifferentialMover.variableOf(t.m());
            Expr eye = Alg.apply(new io.tracediff.ops.Eye(Jacobians.length(t.m().shape())));
            // A scalar coefficient s stands for s I (vec(s dX) = s vec(dX)); written out, a sum of terms cannot broadcast.
            Expr j = t.j() == null ? eye : t.j().isScalar() && !t.m().isScalar() ? Alg.mul(t.j(), eye) : t.j();
            out.computeIfAbsent(name, k -> new ArrayList<>()).add(j);
        }
        return out;
    }

    /** The first rule whose pattern matches and one of whose terms keeps a differential in ?Z. */
    private DifferentialMover.Move<Term> move(Term t) {
        // vec(unvec(v)) = v: here, as a rule pattern cannot match the dimensions unvec carries (see Differentiator).
        if (t.m() instanceof Apply u && u.op() instanceof io.tracediff.ops.Unvec)
            return new DifferentialMover.Move<>(List.of(new Term(t.j(), u.arg(0))), "vec-of-unvec");
        DifferentialMover.Move<Term> m = rules.firstApplicable(Rule.Kind.VEC, List.of(t.m()), (rule, matches) -> {
            for (PatternBindings b : matches) {
                if (!rule.admits(b)) continue;
                List<Term> out = new ArrayList<>();
                boolean carries = false;
                try {
                    for (Pattern term : RuleFileParser.terms(rule.rhs())) {
                        Expr z = b.get(RuleFileParser.vecOperand(term).name());
                        if (!Differentiator.hasDifferential(z)) continue; // a term without dX is zero: dF is linear in dX
                        carries = true;
                        Expr r = term instanceof Pattern.App p && p.key().equals("*") ? builder.build(p.args().get(0), b) : null;
                        Expr j = t.j() == null ? r : r == null ? t.j() : Alg.mul(t.j(), r);
                        out.add(new Term(j == null ? null : KroneckerIdentities.tidy(simplifier.simplify(KroneckerIdentities.tidy(j))), z));
                    }
                } catch (io.tracediff.shape.ShapeException notHere) {
                    continue; // a broadcast the rule does not cover: a later rule may
                }
                if (carries) return new DifferentialMover.Move<>(out, rule.name());
            }
            return null;
        });
        if (m != null) return m;
        Apply powsum = io.tracediff.ops.PowerSum.find(t.m());
        if (powsum != null) throw new UserError(io.tracediff.ops.PowerSum.pastTheExpansionLimit(powsum, "cannot take the Jacobian through " + Printer.ascii(powsum)));
        throw new UserError("cannot take the Jacobian through " + Printer.ascii(t.m()) + ": no rule of vec.rules moves the differential out of vec("
                + Printer.ascii(t.m()) + "); add one to a rules file: vec(PATTERN) = R * vec(?Z) ; source");
    }

    /** The current Σ J vec(M), for the derivation. */
    static Expr render(List<Term> terms) {
        Expr sum = null;
        for (Term t : terms) {
            Expr v = t.m().shape().cols().isOne() ? t.m() : Apply.of(io.tracediff.ops.Vec.OP, t.m());
            Expr term = t.j() == null ? v : Apply.of(io.tracediff.ops.Mul.OP, t.j(), v);
            sum = sum == null ? term : Apply.of(io.tracediff.ops.Add.OP, sum, term);
        }
        return sum == null ? io.tracediff.expr.Num.ZERO : sum;
    }
}
