package io.tracediff.diff;

import io.tracediff.expr.Alg;
import io.tracediff.expr.Apply;
import io.tracediff.expr.Expr;
import io.tracediff.expr.Num;
import io.tracediff.ops.Functions;
import io.tracediff.ops.Trace;
import io.tracediff.print.Printer;
import io.tracediff.rules.PatternBindings;
import io.tracediff.rules.Pattern;
import io.tracediff.rules.PatternBuilder;
import io.tracediff.rules.PatternMatcher;
import io.tracediff.rules.Rule;
import io.tracediff.rules.RuleSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Steps 2 and 3 of the method: writes the scalar df as a sum of traces tr(L M), moves each
 * differential to the right with {@code trace.rules} until every term is tr(L dX), and reads the
 * gradient off df = tr(Gᵀ dX): G = Σ Lᵀ.
 */
final class TraceTrick {
    /** One term tr(left · m) of df; {@code m} holds exactly one kind of differential. */
    record Term(Expr left, Expr m) {}

    private final List<Rule> movers;
    private final PatternBuilder builder;
    private final Simplifier simplifier;
    private final Derivation.Recorder steps;

    TraceTrick(RuleSet rules, Functions functions, Simplifier simplifier, Derivation.Recorder steps) {
        this.movers = rules.of(Rule.Kind.TRACE);
        this.simplifier = simplifier;
        this.steps = steps;
        this.builder = PatternBuilder.forRewriting(functions, "trace", false);
    }

    /** Σ Lᵀ per variable, unsimplified, for df (a scalar linear in the differentials). */
    Map<String, List<Expr>> gradients(Expr df) {
        List<Term> terms = new ArrayList<>();
        if (df instanceof Apply a && a.op() == Trace.OP) {
            terms.add(new Term(Alg.apply(new io.tracediff.ops.Eye(a.arg(0).shape().rows())), a.arg(0))); // already a trace
        } else {
            terms.add(new Term(Num.ONE, df));
            steps.trace(render(terms), "scalar-is-trace");
        }
        DifferentialMover.run(terms, Term::m, this::move, (now, rule) -> steps.trace(render(now), rule));
        Map<String, List<Expr>> out = new LinkedHashMap<>();
        for (Term t : terms)
            if (DifferentialMover.isDifferentialOfVar(t.m())) out.computeIfAbsent(DifferentialMover.variableOf(t.m()), k -> new ArrayList<>()).add(Alg.transpose(t.left()));
        return out;
    }

    /** The first rule whose pattern matches and whose new terms each keep a differential in ?Z. */
    private DifferentialMover.Move<Term> move(Term t) {
        for (Rule rule : movers) {
            Pattern.App product = (Pattern.App) ((Pattern.App) rule.lhs()).args().get(0);
            PatternBindings withLeft = PatternMatcher.match(product.args().get(0), t.left(), PatternBindings.empty());
            if (withLeft == null) continue;
            for (PatternBindings b : PatternMatcher.matches(product.args().get(1), t.m(), withLeft)) {
                List<Term> out = new ArrayList<>();
                boolean carries = false;
                for (Pattern term : io.tracediff.rules.RuleFileParser.terms(rule.rhs())) {
                    Pattern.App p = (Pattern.App) ((Pattern.App) term).args().get(0);
                    Expr z = b.get(((Pattern.Var) p.args().get(1)).name());
                    if (!Differentiator.hasDifferential(z)) continue; // a term without dX is zero: df is linear in dX
                    carries = true;
                    out.add(new Term(simplifier.simplify(builder.build(p.args().get(0), b)), z));
                }
                if (carries) return new DifferentialMover.Move<>(out, rule.name());
            }
        }
        throw new IllegalStateException("no trace rule moves the differential out of tr(" + Printer.ascii(t.left()) + " * ("
                + Printer.ascii(t.m()) + "))");
    }

    /** The current Σ tr(L M), for the derivation. */
    static Expr render(List<Term> terms) {
        Expr sum = null;
        for (Term t : terms) {
            Expr tr = Apply.of(Trace.OP, Alg.mul(t.left(), t.m()));
            sum = sum == null ? tr : Apply.of(io.tracediff.ops.Add.OP, sum, tr);
        }
        return sum == null ? Num.ZERO : sum;
    }
}
