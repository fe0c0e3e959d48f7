package io.tracediff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tracediff grad}: closed forms, the derivation, numbers, and clean errors. */
class GradCommandTest {

    static MainTest.Run run(String... args) { return MainTest.run(args); }

    @TempDir Path tmp;

    @Test void issueDerivationOfAExpXb() {
        MainTest.Run r = run("grad", "a'*exp(X*b)", "--wrt", "X", "--steps");
        assertEquals(0, r.code(), r.err());
        assertEquals("""
                f  = aᵀ exp(X b)
                df = aᵀ (exp(X b) ⊙ (dX b))        [d-elementwise]
                   = tr(aᵀ (exp(X b) ⊙ (dX b)))    [scalar-is-trace]
                   = tr((a ⊙ exp(X b))ᵀ dX b)      [trace-hadamard]
                   = tr(b (a ⊙ exp(X b))ᵀ dX)      [trace-cyclic]
                ∂f/∂X = (a ⊙ exp(X b)) bᵀ
                """, r.out());
    }

    @Test void defaultsReadAsVectorsWhenOnlyThatGivesAScalar() {
        assertEquals("∂f/∂X = (a ⊙ exp(X b)) bᵀ\n", run("grad", "a'*exp(X*b)", "--wrt", "X").out());
        // Declared scalars stay scalars: then f is a matrix and there is no gradient.
        MainTest.Run r = run("grad", "a'*exp(X*b)", "--wrt", "X", "--let", "a: scalar; b: scalar");
        assertEquals(ExitCodes.USER_ERROR, r.code());
        assertTrue(r.err().contains("needs a scalar function") && r.err().contains("jacobian"), r.err());
    }

    /** An undeclared N is a matrix (A–Z), so −N/2 logdet(Σ) is not a scalar: the message says how to declare it. */
    @Test void undeclaredCapitalReadAsAMatrixIsNamed() {
        MainTest.Run r = run("grad", "-N/2*logdet(Sigma)", "--wrt", "Sigma", "--let", "Sigma: spd(n)");
        assertEquals(ExitCodes.USER_ERROR, r.code());
        assertTrue(r.err().contains("if N is a number, declare it: --let \"N: scalar\" (undeclared, it is a matrix, as A–Z are)"), r.err());
        MainTest.Run typed = run("grad", "N*x'*x", "--wrt", "x");
        assertTrue(typed.err().contains("N is m_N×n_N but x' is 1×n_x; if N is a number, declare it"), typed.err());
        MainTest.Run declared = run("grad", "x'*A", "--wrt", "x", "--let", "A: matrix(n, m)");
        assertFalse(declared.err().contains("declare it"), declared.err());   // declared sizes: no default to blame
    }

    @Test void severalVariablesAndFormats() {
        MainTest.Run r = run("grad", "norm2(A*x - b)^2", "--wrt", "x", "--wrt", "A", "--format", "ascii");
        assertEquals(0, r.code(), r.err());
        assertEquals("df/dx = 2*(A'*(A*x - b))\ndf/dA = 2*((A*x - b)*x')\n", r.out());
        assertEquals("\\frac{\\partial f}{\\partial X} = X^{-\\top}\n", run("grad", "logdet(X)", "--wrt", "X", "--format", "latex").out());
    }

    @Test void latexDerivationIsAnAlignBlock() {
        String out = run("grad", "logdet(X)", "--wrt", "X", "--steps", "--format", "latex").out();
        assertTrue(out.startsWith("\\begin{align*}\n") && out.endsWith("\\end{align*}\n"), out);
        assertTrue(out.contains("\\mathrm{d}f &= \\operatorname{tr}(X^{-1} \\mathrm{d}X) && \\text{d-logdet}"), out);
    }

    @Test void commonSubexpressionsAreNamed() {
        MainTest.Run r = run("grad", "norm2(W2*tanh(W1*x + b1) - y)^2", "--wrt", "W1", "--wrt", "W2", "--cse");
        assertEquals("""
                t₀ = tanh(W1 x + b1)
                t₁ = W2 t₀ − y
                ∂f/∂W1 = 2 ((W2ᵀ t₁) ⊙ (1 − t₀²)) xᵀ
                ∂f/∂W2 = 2 t₁ t₀ᵀ
                """, r.out());
    }

    /** In ASCII with --cse the JSON states the form with its temporaries too, which parses back with them substituted. */
    @Test void asciiJsonWithCommonSubexpressionsHasThePrintedForm() throws Exception {
        MainTest.Run r = run("grad", "norm2(W2*tanh(W1*x + b1) - y)^2", "--wrt", "W1", "--cse", "--format", "ascii", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals("2*(W2'*(W2*t0 - y).*(1 - t0.^2)*x')", j.get("printed").get("W1").asText());
        assertEquals("tanh(W1*x + b1)", j.get("subexpressions").get("t0").asText());
    }

    /** A gradient that is 0, against reverse mode's rounding noise, is not reported as off by 100 %. */
    @Test void aZeroGradientReportsASmallError() throws Exception {
        MainTest.Run r = run("grad", "tr(X*inv(X))", "--wrt", "X", "--json");
        assertEquals(0, r.code(), r.err());
        double rel = new ObjectMapper().readTree(r.out()).get("self_check").get("max_rel_err").asDouble();
        assertTrue(rel < 1e-6, "max_rel_err " + rel);
    }

    @Test void valuesAndGradientsAsOneJsonObject() throws Exception {
        Path values = tmp.resolve("values.json");
        Files.writeString(values, "{\"x\": [1, 2], \"A\": [[2, 0], [1, 3]]}");
        MainTest.Run r = run("grad", "x'*A*x", "--wrt", "x", "--at", values.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals(16.0, j.get("value").asDouble(), 1e-12);         // 2 + 2·1·2·… : xᵀAx = 2 + 2 + 12
        assertEquals("[6.0,13.0]", j.get("gradient").get("x").toString()); // (A + Aᵀ) x = [[4,1],[1,6]] [1,2]
        assertEquals("(A + A')*x", j.get("closed_form").get("x").asText());
    }

    @Test void symmetricVariableGetsTheSymmetricGradient() {
        assertEquals("∂f/∂S = ½ (a bᵀ + b aᵀ)\n",
                run("grad", "a'*S*b", "--wrt", "S", "--let", "S: symmetric(n); a: vector(n); b: vector(n)").out());
        assertEquals("∂f/∂S = S⁻¹\n", run("grad", "logdet(S)", "--wrt", "S", "--let", "S: spd(n)").out());
    }

    @Test void userErrorsAreOneCleanLine() {
        MainTest.Run unknown = run("grad", "x'*A*x", "--wrt", "q");
        assertEquals(ExitCodes.USER_ERROR, unknown.code());
        assertEquals("error: --wrt q: 'q' does not occur in x'*A*x; its variables are x, A\n", unknown.err());
        MainTest.Run shape = run("grad", "A*x + y'", "--wrt", "x");
        assertEquals(ExitCodes.USER_ERROR, shape.code());
        assertFalse(shape.err().contains("Exception"), shape.err());
        MainTest.Run missing = run("grad", "x'*A*x", "--wrt", "x", "--at", "{\"x\": [1, 2]}");
        assertEquals(ExitCodes.USER_ERROR, missing.code());
        assertTrue(missing.err().contains("'A'"), missing.err());
        assertEquals("", missing.out());
    }

    /** A rule whose sides differ in shape holds under no reading: refused by name when the folder is read, before any step shows it. */
    @Test void aUserRuleThatChangesTheShapeIsRefusedByName() throws Exception {
        Files.writeString(tmp.resolve("shape.rules"), "d-trace: d(tr(?A)) = d(?A) ; wrong on purpose\n");
        MainTest.Run r = run("grad", "trace(X)", "--wrt", "X", "--rules", tmp.toString(), "--steps");
        assertEquals(ExitCodes.USER_ERROR, r.code());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("error: rule d-trace in " + tmp + " changes the shape: ") && r.err().contains("the left side is 1×1 but the right side is"), r.err());
    }

    @Test void aRulesFolderChangesTheMathematicsWithoutJava() throws Exception {
        Files.writeString(tmp.resolve("broken.rules"), "d-bad: d(inv(?X)) = inv(?X) * d(?X) * inv(?X) ; wrong on purpose\n");
        String broken = run("grad", "a'*inv(X)*b", "--wrt", "X", "--rules", tmp.toString(), "--no-self-check").out();
        assertEquals("∂f/∂X = X⁻ᵀ a bᵀ X⁻ᵀ\n", broken, "a user rule replaces the built-in one of the same kind and pattern order");
        // With the self-check (the default) the wrong form is withheld: nothing on stdout, and the user's rule is named as
        // the likely cause (exit 2): the built-in rules are proved by the tests, a --rules folder's are not.
        MainTest.Run checked = run("grad", "a'*inv(X)*b", "--wrt", "X", "--rules", tmp.toString());
        assertEquals(ExitCodes.USER_ERROR, checked.code());
        assertEquals("", checked.out());
        assertTrue(checked.err().startsWith("error: the derived closed form failed its self-check (∂f/∂X: max relative error "), checked.err());
        assertTrue(checked.err().contains("rules from --rules were in use (d-bad), and a wrong one is the likely cause"), checked.err());
        assertFalse(checked.err().contains("please report"), checked.err());
        // Without --rules the same expression derives and checks.
        assertEquals(0, run("grad", "a'*inv(X)*b", "--wrt", "X").code());
    }

    @Test void userDefinedFunctionGetsItsDerivativeFromSymja() {
        MainTest.Run r = run("grad", "sum(sp(X*w))", "--wrt", "w", "--fn", "sp(x) = log(1 + exp(x))");
        assertEquals(0, r.code(), r.err());
        // Symja's exp(x) / (1 + exp(x)), recognised as σ (sigmoid-quotient in simplify.rules).
        assertEquals("∂f/∂w = Xᵀ σ(X w)\n", r.out());
        MainTest.Run bad = run("grad", "sum(sp(x))", "--wrt", "x", "--fn", "sp(x) = log(1 + ");
        assertEquals(ExitCodes.USER_ERROR, bad.code());
        assertFalse(bad.err().contains("Exception"), bad.err());
    }

    @Test void userRulesComeFirstAndRulesThatUndoEachOtherStillEnd() throws Exception {
        Files.writeString(tmp.resolve("z-last-by-name.rules"), "d-inv-wrong: d(inv(?X)) = inv(?X) * d(?X) * inv(?X) ; wrong on purpose\n");
        assertEquals("∂f/∂X = X⁻ᵀ a bᵀ X⁻ᵀ\n", run("grad", "a'*inv(X)*b", "--wrt", "X", "--rules", tmp.toString(), "--no-self-check").out(),
                "a new user rule is tried before the built-in rules, whatever its file is called");
        Path cyc = Files.createDirectory(tmp.resolve("cyclic"));
        // Expanding A'(Ax − y) fights the built-in factoring; the simplifier must stop, not overflow the stack.
        Files.writeString(cyc.resolve("c.rules"), "normal-equations: ?A' * (?A * ?x - ?y) -> ?A' * ?A * ?x - ?A' * ?y ; distributivity\n");
        MainTest.Run r = run("grad", "norm2(A*x - y)^2", "--wrt", "x", "--rules", cyc.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("∂f/∂x = 2 (Aᵀ A x − Aᵀ y)\n", r.out());
    }
}
