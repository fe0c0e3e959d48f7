package io.tracediff.ops.added;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracediff.api.Problem;
import io.tracediff.cli.Main;
import io.tracediff.codegen.CompiledFunction;
import io.tracediff.eval.tree.Evaluator;
import io.tracediff.eval.Matrix;
import io.tracediff.expr.Expr;
import io.tracediff.ops.Functions;
import io.tracediff.ops.Operators;
import io.tracediff.print.notation.Format;
import io.tracediff.print.notation.Notation;
import io.tracediff.rules.Rule;
import io.tracediff.rules.RuleChecker;
import io.tracediff.rules.RuleSet;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One operator of each kind added from the test tree, each one class ({@link Softsign}, {@link Inner},
 * {@link LeftDivision}) plus rule lines, with no main file edited: print, grad, check and codegen run on them.
 */
class AddedOperatorsTest {
    static final String RULES = """
            d-softsign:      d(softsign(?X)) = d(?X) ./ (1 + abs(?X)) .^ 2                    ; softsign'(x) = 1/(1 + |x|)²
            d-inner:         d(inner(?A, ?B)) = inner(d(?A), ?B) + inner(?A, d(?B))           ; product rule of Σ AᵢⱼBᵢⱼ
            trace-inner:     tr(?L * inner(?A, ?B)) = tr((?L * ?A)' * ?B)                     ; L Σ AᵢⱼBᵢⱼ = tr((L A)ᵀ B), L a scalar; inner is commutative
            d-left-division: d(?A \\ ?B) = ?A \\ d(?B) - ?A \\ (d(?A) * (?A \\ ?B))          ; d(A⁻¹B) = A⁻¹ dB − A⁻¹ dA A⁻¹ B
            trace-left-division: tr(?L * (?A \\ ?B)) = tr((?A' \\ ?L')' * ?B)                ; tr(L A⁻¹ B) = tr((A⁻ᵀ Lᵀ)ᵀ B)
            """;

    private static final List<Operators.Registration> registered = new ArrayList<>();

    @TempDir static Path rulesDir;

    @BeforeAll static void register() throws IOException {
        registered.add(Operators.register(Softsign.OP, new Operators.Syntax.Elementwise(), "softsign"));
        registered.add(Operators.register(Inner.OP, new Operators.Syntax.Function(2), "inner"));
        registered.add(Operators.register(LeftDivision.OP, new Operators.Syntax.Infix(Notation.level(Notation.PRODUCT, Format.ASCII), false), "\\"));
        Files.writeString(rulesDir.resolve("added.rules"), RULES);
    }

    @AfterAll static void unregister() {
        registered.forEach(Operators.Registration::close);
        assertEquals(null, Operators.get("inner"));
    }

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString().replace(System.lineSeparator(), "\n"), err.toString().replace(System.lineSeparator(), "\n"));
    }

    private static String grad(String expr, String wrt, String lets) {
        Run r = run("grad", expr, "--wrt", wrt, "--let", lets, "--rules", rulesDir.toString(), "--format", "ascii");
        assertEquals(0, r.code(), r.err());
        return r.out();
    }

    @Test void printParsesEachKindAtItsPrecedence() {
        Run r = run("print", "inner(A, S \\ C * B) + sum(softsign(-X'))", "--let", "A: matrix(n, p); S: matrix(n, n); C: matrix(n, m); B: matrix(m, p); X: matrix(p, n)",
                "--format", "ascii");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("inner(A, S \\ C*B) + sum(softsign(-X'))\n"), r.out());
        // Left-associative at the level of *: S \ C * B is (S \ C) * B, and the printer writes it back so.
        Expr e = Problem.of("S \\ C * B", "S: matrix(n, n); C: matrix(n, m); B: matrix(m, p)").expr();
        assertEquals(LeftDivision.OP, ((io.tracediff.expr.Apply) e.args().get(0)).op());
        Run shape = run("print", "S \\ C", "--let", "S: matrix(n, m); C: matrix(n, p)");
        assertEquals(2, shape.code());
        assertTrue(shape.err().contains("needs a square matrix"), shape.err());
    }

    @Test void gradientsComeFromTheRuleLines() {
        String lets = "A: matrix(n, p); X: matrix(n, p); S: matrix(n, n); C: matrix(n, p); W: matrix(n, p)";
        assertEquals("df/dX = A\n", grad("inner(A, X)", "X", lets));
        assertEquals("df/dX = W./(1 + abs(X)).^2\n", grad("sum(W .* softsign(X))", "X", lets));
        assertEquals("df/dC = S' \\ W\n", grad("sum(W .* (S \\ C))", "C", lets));
        assertEquals("df/dS = S' \\ -W*(S \\ C)'\n", grad("sum(W .* (S \\ C))", "S", lets));
    }

    @Test void checkAgreesThreeWays() {
        Run r = run("check", "inner(W, S \\ softsign(C)) + inner(C, C)", "--wrt", "S", "--wrt", "C", "--let", "S: matrix(n, n); C: matrix(n, p); W: matrix(n, p)",
                "--rules", rulesDir.toString());
        assertEquals(0, r.code(), r.err() + r.out());
        assertTrue(r.out().contains("all agree"), r.out());
    }

    @Test void generatedCodeComputesWhatTheInterpreterDoes() {
        Run r = run("codegen", "inner(W, S \\ softsign(C))", "--wrt", "C", "--let", "S: matrix(n, n); C: matrix(n, p); W: matrix(n, p)",
                "--rules", rulesDir.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Math.abs") && r.out().contains("static double inner("), r.out());
        var typed = Problem.of("inner(W, S \\ softsign(C)) + sum(softsign(W))", "S: matrix(n, n); C: matrix(n, p); W: matrix(n, p)");
        var f = typed.expr();
        var compiled = CompiledFunction.compile(new ArrayList<>(typed.variables().values()), Map.of("f", f));
        var values = new io.tracediff.eval.tree.RandomPoints(5, 3).values(typed.variables().values());
        Matrix generated = compiled.evaluate(values).get("f");
        Matrix interpreted = Evaluator.eval(f, io.tracediff.eval.VariableValues.bind(typed.variables(), values));
        assertEquals(interpreted.scalarValue(), generated.scalarValue(), 1e-12 * Math.abs(interpreted.scalarValue()));
    }

    @Test void theRuleCheckerPassesTheLinesAndCatchesAWrongOne() {
        RuleSet rules = RuleSet.builtinPlus(rulesDir);
        RuleChecker checker = new RuleChecker(rules, Functions.builtin());
        for (String name : List.of("d-softsign", "d-inner", "trace-inner", "d-left-division", "trace-left-division")) {
            Rule rule = rules.all().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
            RuleChecker.Report report = checker.check(rule);
            assertTrue(report.ok() && report.checks() > 0, report.message());
        }
        Rule wrong = io.tracediff.rules.RuleFileParser.parse("d-left-division: d(?A \\ ?B) = ?A \\ d(?B) ; the dA term left out on purpose", "wrong.rules").get(0);
        assertFalse(new RuleChecker(rules.with(wrong), Functions.builtin()).check(wrong).ok());
    }
}
