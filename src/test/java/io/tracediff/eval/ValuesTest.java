package io.tracediff.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tracediff.eval.tree.Evaluator;
import io.tracediff.expr.Sexp;
import io.tracediff.core.UserError;
import io.tracediff.api.Problem;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** values.json: its layout, and a message naming the variable whose value is missing or misshapen. */
class ValuesTest {

    private static String bindError(String src, String decls, String json) {
        Problem r = Sexp.typed(src, decls);
        return assertThrows(UserError.class, () -> VariableValues.bind(r.variables(), ValuesJson.parse(json, "values.json"))).getMessage();
    }

    @Test void layoutNumberFlatArrayArrayOfRows() {
        var v = ValuesJson.parse("{\"a\": 2.5, \"x\": [1, 2, 3], \"A\": [[1, 2], [3, 4], [5, 6]]}", "values.json");
        assertEquals("1×1", v.get("a").shapeString());
        assertEquals("3×1", v.get("x").shapeString());
        assertEquals("3×2", v.get("A").shapeString());
        assertEquals(4, v.get("A").get(1, 1));
    }

    @Test void missingVariableIsNamed() {
        assertEquals("no value given for variable 'A' (matrix n×n)", bindError("x'*A*x", "A: matrix(n, n)", "{\"x\": [1, 2]}"));
    }

    @Test void wrongShapeNamesTheVariableAndItsDeclaration() {
        assertEquals("the value given for 'A' is 2×2, but 'A' is matrix n×n and n = 3 (from 'x')",
                bindError("x'*A*x", "x: vector(n); A: matrix(n, n)", "{\"x\": [1, 2, 3], \"A\": [[1, 2], [3, 4]]}"));
        assertEquals("the value given for 'A' is 2×3, but 'A' is matrix 2×2 (2 columns)",
                bindError("tr(A)", "A: matrix(2, 2)", "{\"A\": [[1, 2, 3], [4, 5, 6]]}"));
        assertEquals("the value given for 'x' is 1×1, but 'x' is vector n×1 and n = 2 (from 'A')",
                bindError("A*x", "A: matrix(n, n); x: vector(n)", "{\"A\": [[1, 0], [0, 1]], \"x\": 5}"));
    }

    @Test void dimensionSizesMayBeGivenByName() {
        Problem r = Sexp.typed("sum(eye(n))", "");
        assertEquals(4, Evaluator.eval(r.expr(), VariableValues.bind(r.variables(), ValuesJson.parse("{\"n\": 4}", "v"))).scalarValue());
        assertEquals("the size of dimension 'n' is not fixed by any given value; give it, e.g. \"n\": 3",
                assertThrows(UserError.class, () -> Evaluator.eval(r.expr(), VariableValues.bind(r.variables(), ValuesJson.parse("{}", "v"))))
                        .getMessage());
        assertEquals("the value given for 'x' is 2×1, but 'x' is vector n×1 and n = 3 (from 'n')",
                bindError("x'*x", "x: vector(n)", "{\"n\": 3, \"x\": [1, 2]}"));
    }

    @Test void fixedDimensionMismatchSaysHowManyRowsOrColumns() {
        assertEquals("the value given for 'x' is 1×2, but 'x' is vector n_x×1 (1 column)", bindError("x", "", "{\"x\": [[1, 2]]}"));
    }

    @Test void singularDeterminantIsZeroButLogdetIsUndefined() {
        Problem r = Sexp.typed("det(A) + logdet(A)", "");
        var values = ValuesJson.parse("{\"A\": [[1, 2], [2, 4]]}", "v");
        assertEquals(0, Evaluator.eval(Sexp.typed("det(A)", "").expr(), VariableValues.bind(r.variables(), values)).scalarValue());
        assertEquals("logdet(A) is undefined at the given values: A is singular",
                assertThrows(UserError.class, () -> Evaluator.eval(r.expr(), VariableValues.bind(r.variables(), values))).getMessage());
    }

    @Test void symmetricDeclarationIsChecked() {
        assertEquals("variable 'S' is declared symmetric but its value is not symmetric",
                bindError("tr(S)", "S: symmetric(n)", "{\"S\": [[1, 2], [3, 4]]}"));
    }

    @Test void malformedValues() {
        assertEquals("values.json: 'x' entry 1 is not a number", bindError("x", "", "{\"x\": [1, \"two\"]}"));
        assertEquals("values.json: 'A' row 1 has 1 entries, row 0 has 2", bindError("A", "", "{\"A\": [[1, 2], [3]]}"));
        assertEquals("values.json: 'x' is an empty array; a vector or matrix needs at least one entry", bindError("x", "", "{\"x\": []}"));
        assertEquals("values.json: 'x' must be a number, a flat array or an array of rows", bindError("x", "", "{\"x\": \"one\"}"));
        assertEquals("values.json: 'A' row 1 is 3, not an array; an array of rows needs every row to be one", bindError("A", "", "{\"A\": [[1, 2], 3]}"));
        assertEquals("values.json: expected a JSON object mapping variable names to values", bindError("x", "", "[1, 2]"));
    }

    @Test void invalidJsonSaysWhere() {
        String msg = bindError("x", "", "{\"x\": [1, 2");
        assertEquals(true, msg.startsWith("values.json: not valid JSON at line 1, column 12: Unexpected end-of-input"), msg);
        assertEquals(false, msg.contains("Source"), msg);
        // Jackson's advice names its own settings; the message says what that means for a values file.
        assertEquals("values.json: not valid JSON at line 1, column 14: Non-standard token 'NaN' (JSON has no NaN or Infinity; give finite numbers)",
                bindError("x", "", "{\"x\": [1, NaN]}"));
        String longString = bindError("x", "", "{\"x\": \"" + "a".repeat(200_000) + "\"}");
        assertEquals(false, longString.contains("StreamReadConstraints"), longString);
    }

    @Test void missingFileIsAUserError() {
        assertEquals("values file not found: no/such/values.json",
                assertThrows(UserError.class, () -> ValuesJson.read(Path.of("no/such/values.json"))).getMessage());
    }

    @Test void singularInverseAtTheGivenValues() {
        Problem r = Sexp.typed("inv(A)", "");
        VariableValues b = VariableValues.bind(r.variables(), ValuesJson.parse("{\"A\": [[1, 2], [2, 4]]}", "v"));
        assertEquals("inv(A) is undefined at the given values: A is singular",
                assertThrows(UserError.class, () -> Evaluator.eval(r.expr(), b)).getMessage());
    }
}
