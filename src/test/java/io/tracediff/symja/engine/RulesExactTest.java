package io.tracediff.symja.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.tracediff.shape.Sizes;
import io.tracediff.algebra.Alg;
import io.tracediff.expr.Expr;
import io.tracediff.expr.Num;
import io.tracediff.expr.Var;
import io.tracediff.expr.VarKind;
import io.tracediff.ops.Functions;
import io.tracediff.ops.ScalarFunction;
import io.tracediff.core.UserError;
import io.tracediff.rules.PatternBindings;
import io.tracediff.rules.Pattern;
import io.tracediff.rules.PatternBuilder;
import io.tracediff.rules.Rule;
import io.tracediff.rules.RuleChecker;
import io.tracediff.rules.RuleFileParser;
import io.tracediff.rules.RuleSet;
import io.tracediff.symja.ExactCheck;
import io.tracediff.shape.Dim;
import io.tracediff.shape.Shape;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every differential, trace, vec and simplification rule proved exactly where small enough: pattern
 * variables get the most general shapes the rule allows (as the numeric {@link RuleChecker} types them),
 * every free dimension size 2 (matrices 2×2, vectors 2×1, scalars 1×1, matrix-power exponents 2), and both
 * sides are expanded entry by entry in symbols. d(P) is the derivative of P along symbolic directions
 * (Σ ∂P/∂X_ij dX_ij); a rule with ?f is proved for every elementwise function with a derivative rule.
 * Rules that cannot be expanded are reported as skipped with the reason, never dropped.
 */
class RulesExactTest {
    private static final RuleSet RULES = RuleSet.builtin();
    private static final Functions FUNCTIONS = Functions.builtin();
    private static final Set<Rule.Kind> KINDS = EnumSet.of(Rule.Kind.DIFFERENTIAL, Rule.Kind.TRACE, Rule.Kind.VEC,
            Rule.Kind.TRACE_IDENTITY, Rule.Kind.SIMPLIFY, Rule.Kind.SIMPLIFY_IF_SMALLER, Rule.Kind.EQUIVALENCE);

    /** What happened to one rule: proved (cases), skipped (why), or the failure. */
    private record Outcome(int cases, String skipped, String failure) {}

    @TestFactory Stream<DynamicTest> everyRuleIsProvedExactlyAtSizeTwo() {
        return RULES.all().stream().filter(r -> KINDS.contains(r.kind())).map(rule ->
                DynamicTest.dynamicTest(rule.name() + " (" + rule.where() + ") `" + rule.text() + "`", () -> {
                    Outcome o = builtin(rule);
                    if (o.skipped() != null) {
                        System.out.println("RulesExactTest: skipped " + rule + ": " + o.skipped());
                        Assumptions.abort("cannot be expanded exactly: " + o.skipped());
                    }
                    if (o.failure() != null) fail(o.failure());
                    assertTrue(o.cases() > 0, rule + " was not proved in any case");
                }));
    }

    @Test void mostRulesAreProvedNotSkipped() {
        int proved = 0, skipped = 0;
        List<String> why = new ArrayList<>();
        for (Rule r : RULES.all()) {
            if (!KINDS.contains(r.kind())) continue;
            Outcome o = builtin(r);
            if (o.skipped() != null) { skipped++; why.add(r.name() + ": " + o.skipped()); } else if (o.failure() == null) proved++;
        }
        System.out.println("RulesExactTest: " + proved + " rules proved exactly, " + skipped + " skipped " + why);
        assertTrue(proved >= 120, proved + " proved, skipped: " + why);
    }

    @Test void wrongSignOfTheInverseDifferentialIsCaughtExactly() {
        String failure = wrong("d-inv-bad: d(inv(?X)) = inv(?X) * d(?X) * inv(?X) ; wrong sign");
        assertTrue(failure.startsWith("rule d-inv-bad (user.rules:1): at ?X 2×2 entry (1, 1) the sides differ by "), failure);
        assertTrue(failure.contains("dX11"), failure); // the difference is a formula in the directions and entries
    }

    @Test void wrongRulesOfEveryKindAreCaught() {
        for (String line : List.of(
                "d-mul-swapped: d(?A * ?B) = d(?A) * ?B + d(?B) * ?A ; operands swapped",
                "d-det-no-det: d(det(?X)) = tr(inv(?X) * d(?X)) ; forgot det(X)",
                "d-elementwise-no-prime: d(?f(?A)) = ?f(?A) .* d(?A) ; f instead of f'",
                "trace-not-cyclic: tr(?L * (?A * ?B)) = tr((?L * ?B) * ?A) ; a transposition, not a rotation",
                "transpose-same-order: (?A * ?B)' ~> ?A' * ?B' ; order not reversed",
                "collect-off-by-one: ?a * ?A + ?A -> ?a * ?A ; drops a term"))
            assertFalse(wrong(line).isEmpty(), line);
    }

    /** The failure of a deliberately wrong rule (empty when it was proved, which would be a bug here). */
    private static String wrong(String line) {
        Rule r = RuleFileParser.parse(line + "\n", "user.rules").get(0);
        Outcome o = prove(RULES.with(r), r);
        assertEquals(null, o.skipped(), line);
        return o.failure() == null ? "" : o.failure();
    }

    /** Each shipped rule is proved once, for both tests. */
    private static final Map<String, Outcome> PROVED = new java.util.concurrent.ConcurrentHashMap<>();

    private static Outcome builtin(Rule rule) { return PROVED.computeIfAbsent(rule.kind() + " " + rule.name(), k -> prove(RULES, rule)); }

    // ---- proving one rule --------------------------------------------------------------------------------

    private static Outcome prove(RuleSet rules, Rule rule) {
        // Size conditions are built into the typing; a condition on values (whole-number exponents, signs,
        // symmetry) is not an assumption of the symbolic expansion: such rules are checked numerically only.
        for (io.tracediff.rules.Condition c : rule.conditions())
            if (c instanceof io.tracediff.rules.Condition.Property p && !List.of("scalar", "vector", "square").contains(p.name()))
                return new Outcome(0, "its condition " + p + " is not assumed by the exact expansion", null);
        RuleChecker.Typing typing;
        try {
            typing = new RuleChecker(rules, FUNCTIONS).typing(rule);
        } catch (RuntimeException e) {
            return new Outcome(0, "its sides do not typecheck: " + e.getMessage(), null);
        }
        Map<String, Expr> bound = new LinkedHashMap<>();
        Map<Dim, Integer> sizes = new HashMap<>();
        List<String> described = new ArrayList<>();
        for (var e : typing.shapes().entrySet()) {
            if (typing.exponents().contains(e.getKey())) {
                bound.put(e.getKey(), new Num(2));
                described.add("?" + e.getKey() + " = 2");
                continue;
            }
            int m = size(e.getValue().rows(), sizes), n = size(e.getValue().cols(), sizes);
            Shape s = Shape.of(Dim.of(m), Dim.of(n));
            VarKind kind = s.isScalar() ? VarKind.SCALAR : n == 1 ? VarKind.VECTOR : VarKind.MATRIX;
            bound.put(e.getKey(), new Var(e.getKey(), s, kind));
            described.add("?" + e.getKey() + " " + m + "×" + n);
        }
        List<ScalarFunction> fns = new ArrayList<>();
        if (usesFunction(rule.lhs()) || usesFunction(rule.rhs())) {
            for (Rule d : rules.of(Rule.Kind.DERIVATIVE)) FUNCTIONS.get(((Pattern.Call) d.lhs()).name()).ifPresent(fns::add);
        } else fns.add(null);

        int cases = 0;
        for (ScalarFunction fn : fns) {
            PatternBindings b = new PatternBindings(bound, fn);
            String at = String.join(", ", described) + (fn == null ? "" : ", ?f = " + fn.name());
            boolean differential = rule.kind() == Rule.Kind.DIFFERENTIAL;
            boolean simplification = rule.kind() == Rule.Kind.SIMPLIFY || rule.kind() == Rule.Kind.SIMPLIFY_IF_SMALLER
                    || rule.kind() == Rule.Kind.EQUIVALENCE;
            Expr left, right;
            try {
                Pattern lhs = differential ? ((Pattern.Call) rule.lhs()).args().get(0) : rule.lhs();
                left = new PatternBuilder(new Context(rules)).build(lhs, b);
                if (differential) left = Alg.d(left);
                right = new PatternBuilder(new Context(rules), simplification).build(rule.rhs(), b);
            } catch (PatternBuilder.Rejected e) {
                continue; // a simplification the simplifier never applies at these shapes
            } catch (RuntimeException e) {
                return new Outcome(cases, null, header(rule) + "at " + at + " its sides cannot be built: " + e.getMessage());
            }
            Expansion x = new Expansion(Sizes.FIXED_ONLY, 12); // L of trace-vec is the row 1×(m·n)
            Expansion.Entries l, r;
            try {
                l = x.expand(left);
                r = x.expand(right);
            } catch (UserError e) {
                return new Outcome(cases, e.getMessage(), null);
            }
            if (!(l.rows() == r.rows() && l.cols() == r.cols()))
                return new Outcome(cases, null, header(rule) + "at " + at + " the left side is " + l.rows() + "×" + l.cols()
                        + " but the right side " + r.rows() + "×" + r.cols());
            for (ExactCheck.Entry e : ExactProver.equal(x, l, r)) {
                if (e.verdict() == ExactCheck.Verdict.PROVED) continue;
                String what = e.verdict() == ExactCheck.Verdict.DIFFERS ? " the sides differ by " : " Symja could not decide the difference ";
                return new Outcome(cases, null, header(rule) + "at " + at + " entry (" + (e.row() + 1) + ", " + (e.col() + 1) + ")" + what + e.difference());
            }
            cases++;
        }
        if (cases == 0) return new Outcome(0, "the simplifier never builds its right side at these shapes", null);
        return new Outcome(cases, null, null);
    }

    private static String header(Rule rule) { return "rule " + rule + ": "; }

    /**
     * Free dimensions 2, 3, 4 … in the order met, distinct so a dropped size (𝟏ᵀ𝟏 = N) or two confused
     * dimensions cannot hide; dimensions the rule forces equal are one dimension already.
     */
    private static int size(Dim d, Map<Dim, Integer> sizes) {
        return io.tracediff.shape.Sizes.resolve(d, s -> sizes.computeIfAbsent(s, k -> 2 + sizes.size()));
    }

    private static boolean usesFunction(Pattern p) {
        if (p instanceof Pattern.Call c) return c.name().startsWith("?f") || c.args().stream().anyMatch(RulesExactTest::usesFunction);
        if (p instanceof Pattern.App a) return a.args().stream().anyMatch(RulesExactTest::usesFunction);
        return false;
    }

    /** d(Q) stays a differential node (the expansion differentiates it); ?f' comes from the derivative rules. */
    private record Context(RuleSet rules) implements PatternBuilder.Context {
        @Override public Expr differential(Expr e) { return Alg.d(e); }

        @Override public Expr derivative(ScalarFunction f, Expr arg) {
            Rule r = rules.derivative(f.name());
            if (r == null) throw new IllegalStateException("no derivative rule for " + f.name());
            return new PatternBuilder(this).build(r.rhs(), PatternBindings.empty().with("x", arg));
        }

        @Override public ScalarFunction function(String name) { return FUNCTIONS.get(name).orElse(null); }
    }
}
