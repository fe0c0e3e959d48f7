package io.tracediff.symja;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracediff.api.Problem;
import io.tracediff.check.FiniteDifferences;
import io.tracediff.codegen.CompiledFunction;
import io.tracediff.diff.Gradients;
import io.tracediff.eval.tree.Evaluator;
import io.tracediff.eval.Matrix;
import io.tracediff.eval.tree.RandomPoints;
import io.tracediff.eval.VariableValues;
import io.tracediff.expr.Expr;
import io.tracediff.expr.Var;
import io.tracediff.kernel.CentralDifference;
import io.tracediff.ops.Functions;
import io.tracediff.ops.ScalarFunction;
import io.tracediff.core.UserError;
import io.tracediff.rules.Rule;
import io.tracediff.rules.RuleFileParser;
import io.tracediff.rules.RuleSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class UserFunctionsTest {
    private static final Functions BUILTIN = Functions.builtin();
    private static final RuleSet RULES = RuleSet.builtin();
    private static final String VECTORS = "a: vector(m); b: vector(n); X: matrix(m, n)";

    /** sp(x) = log(1 + eˣ), shared: Symja starts once for the whole class. */
    private static UserFunctions.Defined sp;

    @BeforeAll
    static void defineSoftplus() { sp = UserFunctions.define("sp(x) = log(1 + exp(x))", BUILTIN, RULES); }

    private static DoubleUnaryOperator derivativeOf(UserFunctions.Defined d) {
        return Terms.compile(Terms.fromPattern(d.derivative().rhs(), d.functions()));
    }

    /** f′ against central differences of f's own value, at points of (lo, hi). */
    private static void assertDerivativeMatchesDifferences(UserFunctions.Defined d, double lo, double hi) {
        DoubleUnaryOperator f = d.function().value(), df = derivativeOf(d);
        for (int i = 0; i < 20; i++) {
            double x = lo + (hi - lo) * (i + 0.5) / 20;
            double numeric = CentralDifference.derivative(f, x, 1e-6);
            assertEquals(numeric, df.applyAsDouble(x), 1e-6 * Math.max(1, Math.abs(numeric)), d.derivative() + " at x = " + x);
        }
    }

    /** The closed-form gradient of src wrt one variable against central differences at a random point. */
    private static void assertGradientMatchesDifferences(String src, String wrt, UserFunctions.Defined d) {
        Problem t = Problem.of(src, List.of(VECTORS), d.functions());
        Var x = t.variables().get(wrt);
        Expr g = Gradients.of(t.expr(), List.of(x), d.rules(), d.functions()).gradients().get(wrt);
        Map<String, Matrix> values = new RandomPoints(17, 3).values(t.variables().values());
        Matrix closed = Evaluator.eval(g, VariableValues.bind(t.variables(), values));
        Matrix numeric = FiniteDifferences.gradient(t.expr(), t.variables(), values, x, 1e-6);
        assertTrue(closed.maxAbsDiff(numeric) < 1e-6 * Math.max(1, numeric.maxAbs()),
                "∂(" + src + ")/∂" + wrt + ": closed form " + closed + " vs differences " + numeric);
    }

    @Test
    void softplusDerivativeIsSigmoid() {
        Rule rule = sp.derivative();
        assertEquals("sp", rule.name());
        assertEquals(Rule.Kind.DERIVATIVE, rule.kind());
        assertSame(rule, sp.rules().derivative("sp"));
        DoubleUnaryOperator dsp = derivativeOf(sp);
        for (double x = -30; x <= 30; x += 0.5) assertEquals(Functions.sigmoid(x), dsp.applyAsDouble(x), 1e-12, "sp'(" + x + ")");
    }

    @Test
    void softplusDerivativeIsWrittenEntrywise() {
        assertEquals("sp'(x) = exp(x) ./ (1 + exp(x))", sp.derivative().text());
    }

    @Test
    void softplusValueLatexAndJavaTemplate() {
        ScalarFunction f = sp.functions().get("sp").orElseThrow();
        assertSame(sp.function(), f);
        assertEquals(Math.log(1 + Math.exp(0.7)), f.apply(0.7), 1e-15);
        assertEquals("\\operatorname{sp}", f.latex());
        assertEquals("Math.log(1.0 + Math.exp(%s))", f.javaTemplate());
        assertTrue(BUILTIN.get("sp").isEmpty(), "the given table is left as it was");
        assertNull(RULES.derivative("sp"), "the given rules are left as they were");
    }

    @Test
    void gradientOfATransposeSoftplusXbMatchesFiniteDifferences() {
        assertGradientMatchesDifferences("a'*sp(X*b)", "X", sp);
        assertGradientMatchesDifferences("a'*sp(X*b)", "b", sp);
    }

    @Test
    void nestedUserFunctionsDifferentiateThroughTheInnerBody() {
        UserFunctions.Defined g = UserFunctions.define("g(t) = sp(t)^2 + sin(t)", sp.functions(), sp.rules());
        assertEquals(Math.pow(Math.log(1 + Math.exp(0.3)), 2) + Math.sin(0.3), g.function().apply(0.3), 1e-15);
        assertDerivativeMatchesDifferences(g, -3, 3);
        assertGradientMatchesDifferences("a'*g(X*b)", "X", g);
        assertFalse(g.function().javaTemplate().contains("sp("), "generated code cannot call sp: its body is inlined");
        UserFunctions.Defined h = UserFunctions.define("h(y) = g(2 * y) - sp(-y)", g.functions(), g.rules());
        assertDerivativeMatchesDifferences(h, -2, 2);
    }

    @Test
    void deepCompositionsDifferentiateCorrectly() {
        for (String definition : List.of(
                "n1(x) = tanh(sp(sin(x)^2 + log(1 + x^2)) * exp(-x^2/2))",
                "n2(x) = (x^3 - 2*x + 1)^5 / (1 + exp(-x))^3 + arctan(x^2) * sqrt(1 + sp(x))",
                "n3(x) = sp(sp(sp(sp(x))))",
                "n4(x) = sigmoid(sigmoid(sigmoid(x))) * tanh(tanh(x))"))
            assertDerivativeMatchesDifferences(UserFunctions.define(definition, sp.functions(), sp.rules()), -2, 2);
    }

    @Test
    void generatedCodeAgreesWithTheInterpreterOnUserFunctions() {
        UserFunctions.Defined g = UserFunctions.define("g(t) = sp(t)^2 ./ (1 + t .^ 2) + tanh(-t / 3)", sp.functions(), sp.rules());
        Problem t = Problem.of("a'*g(X*b)", List.of(VECTORS), g.functions());
        Var x = t.variables().get("X");
        Map<String, Expr> outputs = new LinkedHashMap<>();
        outputs.put("f", t.expr());
        outputs.put("dX", Gradients.of(t.expr(), List.of(x), g.rules(), g.functions()).gradients().get("X"));
        CompiledFunction compiled = CompiledFunction.compile(List.copyOf(t.variables().values()), outputs);
        assertTrue(compiled.isCompiled(), "the template passes the code generator's safety check and compiles");
        Map<String, Matrix> values = new RandomPoints(5, 4).values(t.variables().values());
        Map<String, Matrix> got = compiled.evaluate(values);
        VariableValues b = VariableValues.bind(t.variables(), values);
        for (var e : outputs.entrySet())
            assertTrue(got.get(e.getKey()).maxAbsDiff(Evaluator.eval(e.getValue(), b)) < 1e-12, e.getKey());
    }

    @Test
    void anyParameterNameStandsForTheArgument() {
        UserFunctions.Defined m = UserFunctions.define("swish(u) = u * sigmoid(u)", BUILTIN, RULES);
        assertEquals(2 * Functions.sigmoid(2), m.function().apply(2), 1e-15);
        assertDerivativeMatchesDifferences(m, -4, 4);
        assertGradientMatchesDifferences("a'*swish(X*b)", "X", m);
    }

    @Test
    void elementwiseOperatorsAndDecimalsAreScalarArithmetic() {
        UserFunctions.Defined q = UserFunctions.define("q(x) = x .* sqrt(x) ./ (0.25 + x .^ 2) - 1e-1 * log(x) / 3", BUILTIN, RULES);
        assertEquals(0.5 * Math.sqrt(0.5) / (0.25 + 0.25) - 0.1 * Math.log(0.5) / 3, q.function().apply(0.5), 1e-15);
        assertDerivativeMatchesDifferences(q, 0.1, 4);
    }

    @Test
    void aConstantDerivativeBroadcastsAndZeroKeepsTheShape() {
        UserFunctions.Defined affine = UserFunctions.define("aff(x) = 3*x + 1", BUILTIN, RULES);
        assertEquals("aff'(x) = 3", affine.derivative().text());
        assertGradientMatchesDifferences("a'*aff(X*b)", "X", affine);
        UserFunctions.Defined constant = UserFunctions.define("five(x) = 5", BUILTIN, RULES);
        assertEquals("five'(x) = 0 * x", constant.derivative().text());
        assertGradientMatchesDifferences("a'*five(X*b) + a'*X*b", "X", constant);
    }

    @Test
    void absDifferentiatesToSign() {
        UserFunctions.Defined soft = UserFunctions.define("softsign(x) = x ./ (1 + abs(x))", BUILTIN, RULES);
        assertDerivativeMatchesDifferences(soft, -3, -0.1);
        assertDerivativeMatchesDifferences(soft, 0.1, 3);
        UserFunctions.Defined mag = UserFunctions.define("mag(x) = 2 * abs(x)", BUILTIN, RULES);
        assertEquals("mag'(x) = 2 * sign(x)", mag.derivative().text());
    }

    @Test
    void aDerivativeFromTheUsersRulesFileWins() {
        Rule given = RuleFileParser.parse("r: r'(x) = 2 * step(x) ; hand-derived", "mine.rules").get(0);
        UserFunctions.Defined r = UserFunctions.define("r(x) = 2 * relu(x)", BUILTIN, RULES.with(given));
        assertSame(given, r.derivative());
        assertSame(given, r.rules().derivative("r"));
        assertEquals(4, r.function().apply(2));
        assertEquals(0, r.function().apply(-2));
        assertGradientMatchesDifferences("a'*r(X*b)", "X", r);
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
                Arguments.of("sp2(x) = log(1 + exp(x)",
                        "expected ')' to close 'log(' but found end of input\n  sp2(x) = log(1 + exp(x)\n                         ^"),
                Arguments.of("f(x) = (1 + * x)", "expected an operand but found '*'\n  f(x) = (1 + * x)\n              ^"),
                Arguments.of("  sq2(x)  =  log(1 + x))", "unbalanced ')': no '(' opens it\n    sq2(x)  =  log(1 + x))\n                         ^"),
                Arguments.of("f(x) = lgo(x)", "unknown function 'lgo'; did you mean 'log'?\n  f(x) = lgo(x)\n         ^^^"),
                Arguments.of("f(x) = x + y",
                        "'y' is not the parameter of f; the body may use only x, numbers and elementwise functions\n  f(x) = x + y\n             ^"),
                Arguments.of("exp(x) = x", "'exp' is a built-in function; choose another name\n  exp(x) = x\n  ^^^"),
                Arguments.of("tr(x) = x", "'tr' is a built-in function; choose another name\n  tr(x) = x\n  ^^"),
                Arguments.of("sp(x) = x", "'sp' is already defined; choose another name\n  sp(x) = x\n  ^^"),
                Arguments.of("r(x) = x * relu(x)",
                        "cannot differentiate r symbolically: relu has no symbolic derivative; give one in a rules file (--rules DIR), "
                                + "a line like  r: r'(x) = … ; source\n  r(x) = x * relu(x)\n             ^^^^"),
                Arguments.of("f(x) log(x)", "a function definition needs '=': name(x) = body, e.g. sp(x) = log(1 + exp(x))\n  f(x) log(x)\n  ^^^^^^^^^^^"),
                Arguments.of("f(x, y) = x", "a function takes exactly one parameter (it is applied entry by entry)\n  f(x, y) = x\n    ^^^^"),
                Arguments.of("f() = 1", "name the parameter: f(x) = …\n  f() = 1\n   ^^"),
                Arguments.of("2f(x) = x", "expected name(x) before '=', e.g. sp(x) = log(1 + exp(x))\n  2f(x) = x\n  ^^^^^"),
                Arguments.of("f(x) = ", "nothing after '='; write the body, e.g. sp(x) = log(1 + exp(x))\n  f(x) = \n       ^"),
                Arguments.of("f(x) = tr(x)",
                        "'tr' is a matrix function; a function body may use only elementwise functions, + - * / ^ and numbers\n  f(x) = tr(x)\n         ^^"),
                Arguments.of("f(x) = f(x)", "f cannot call itself (no recursive definitions)\n  f(x) = f(x)\n         ^"),
                Arguments.of("f(x) = x'", "a transpose has no meaning in a scalar function\n  f(x) = x'\n          ^"),
                Arguments.of("f(x) = exp(x, 2)", "exp takes one argument, got 2\n  f(x) = exp(x, 2)\n         ^^^"));
    }

    @ParameterizedTest
    @MethodSource("mistakes")
    void mistakesAreUserErrorsWithACaret(String definition, String message) {
        UserError e = assertThrows(UserError.class, () -> UserFunctions.define(definition, sp.functions(), sp.rules()));
        assertEquals(message, e.getMessage());
    }

    @Test
    void aSyntaxErrorFarIntoALongBodyIsShownUnderTheDefinition() {
        String definition = "longname(x) = " + "exp(x) + ".repeat(15) + "x * * 2" + " + exp(x)".repeat(10);
        int at = definition.indexOf("* *") + 2;
        UserError e = assertThrows(UserError.class, () -> UserFunctions.define(definition, BUILTIN, RULES));
        assertEquals("expected an operand but found '*'\n" + UserError.caret(definition, at, at + 1), e.getMessage());
    }

    @Test
    void aNestedFunctionWithoutSymbolicDerivativeIsNamed() {
        Rule given = RuleFileParser.parse("lr: lr'(x) = step(x) + 0.01 * step(-x) ; leaky ReLU", "mine.rules").get(0);
        UserFunctions.Defined lr = UserFunctions.define("lr(x) = relu(x) - 0.01 * relu(-x)", BUILTIN, RULES.with(given));
        UserError e = assertThrows(UserError.class, () -> UserFunctions.define("sq(x) = lr(x)^2", lr.functions(), lr.rules()));
        assertEquals("cannot differentiate sq symbolically: lr (which uses relu) has no symbolic derivative; give one in a rules file "
                + "(--rules DIR), a line like  sq: sq'(x) = … ; source\n  sq(x) = lr(x)^2\n          ^^", e.getMessage());
    }

    @Test
    void aComplexDerivativeIsRefusedWithSymjasAnswer() {
        UserError e = assertThrows(UserError.class, () -> UserFunctions.define("alt(x) = (-1)^x", BUILTIN, RULES));
        assertEquals("Symja's derivative of alt is I*(-1)^x*Pi; tracediff cannot write I in a formula. Give the derivative in a rules "
                + "file (--rules DIR), a line like  alt: alt'(x) = … ; source\n  alt(x) = (-1)^x\n           ^^^^^^", e.getMessage());
    }
}
