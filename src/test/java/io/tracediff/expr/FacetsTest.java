package io.tracediff.expr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.tracediff.autograd.Tensor;
import io.tracediff.check.AutogradBridge;
import io.tracediff.check.tensor.AutogradFacet;
import io.tracediff.codegen.CompiledFunction;
import io.tracediff.codegen.template.CodegenFacet;
import io.tracediff.codegen.template.Template;
import io.tracediff.eval.EvalFacet;
import io.tracediff.eval.Matrix;
import io.tracediff.eval.VariableValues;
import io.tracediff.eval.tree.Evaluator;
import io.tracediff.print.Printer;
import io.tracediff.print.notation.Format;
import io.tracediff.print.notation.Notation;
import io.tracediff.print.notation.NotationFacet;
import io.tracediff.shape.Dim;
import io.tracediff.shape.Shape;
import io.tracediff.shape.ShapeArgs;
import io.tracediff.shape.Sizes;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An operator outside {@code ops} reaches every backend through the backends' registries: by implementing their
 * facet interfaces (one class, as the built-in operators are written), or by a facet registered for it.
 */
class FacetsTest {

    /** cube(X) = X.^3 entry by entry, with its facets side by side as an {@code ops} class has them. */
    enum Cube implements Op, NotationFacet, EvalFacet, AutogradFacet, CodegenFacet {
        OP;
        @Override public String key() { return "cube"; }
        @Override public int arity() { return 1; }
        @Override public Shape shape(ShapeArgs a) { return a.shape(0); }
        @Override public Notation notation(Format f, List<Expr> args) { return Notation.function(f == Format.LATEX ? "\\operatorname{cube}" : "cube"); }
        @Override public Matrix eval(List<Matrix> v) {
            double[] d = v.get(0).data.clone();
            for (int i = 0; i < d.length; i++) d[i] = d[i] * d[i] * d[i];
            return new Matrix(v.get(0).rows, v.get(0).cols, d);
        }
        @Override public Tensor autograd(List<Tensor> a, Sizes s) { return a.get(0).pow(3); }
        @Override public Template codegen(List<Expr> args) { return new Template.Pointwise("(%1$s * %1$s * %1$s)"); }
    }

    /** twice(X) = 2 X, which implements no facet: each backend that knows it has it registered. */
    enum Twice implements Op {
        OP;
        @Override public String key() { return "twice"; }
        @Override public int arity() { return 1; }
        @Override public Shape shape(ShapeArgs a) { return a.shape(0); }
    }

    private static final Var X = new Var("X", Shape.of(new Dim.Fixed(2), new Dim.Fixed(3)), VarKind.MATRIX);
    private static final Matrix AT = Matrix.of(new double[][] {{1, -2, 3}, {0.5, 4, -1}});

    @Test
    void anOperatorImplementingTheFacetsPrintsEvaluatesRunsOnAutogradAndCompiles() {
        Expr e = Apply.of(Cube.OP, X);
        assertEquals("cube(X)", Printer.ascii(e));
        assertEquals("\\operatorname{cube}(X)", Printer.latex(e));
        assertEquals("cube(X)", e.toString());
        double[] expected = {1, -8, 27, 0.125, 64, -1};
        assertArrayEquals(expected, Evaluator.eval(e, VariableValues.bind(Map.of("X", X), Map.of("X", AT))).data, 0);
        Tensor t = AutogradBridge.forward(e, Map.of("X", AT), Map.of(), Sizes.FIXED_ONLY);
        assertArrayEquals(expected, t.data(), 1e-12);
        CompiledFunction f = CompiledFunction.compile(List.of(X), Map.of("y", e));
        assertArrayEquals(expected, f.evaluate(Map.of("X", AT)).get("y").data, 0);
    }

    @Test
    void aRegisteredFacetServesAnOperatorThatDoesNotImplementIt() {
        Expr e = Apply.of(Twice.OP, X);
        assertEquals("operator 'twice' has no numeric kernel",
                assertThrows(UnsupportedOperationException.class, () -> EvalFacet.of(Twice.OP)).getMessage());
        NotationFacet.REGISTRY.register(Twice.OP, (f, args) -> Notation.function("twice"));
        EvalFacet.REGISTRY.register(Twice.OP, v -> new Matrix(v.get(0).rows, v.get(0).cols,
                java.util.Arrays.stream(v.get(0).data).map(x -> 2 * x).toArray()));
        assertEquals("twice(X)", Printer.unicode(e));
        assertArrayEquals(new double[] {2, -4, 6, 1, 8, -2}, Evaluator.eval(e, VariableValues.bind(Map.of("X", X), Map.of("X", AT))).data, 0);
    }

    @Test
    void aMissingFacetIsRefusedAsBefore() {
        assertEquals("'twice' has no counterpart on the autograd engine",
                assertThrows(UnsupportedOperationException.class, () -> AutogradFacet.of(Twice.OP)).getMessage());
        assertEquals("operator 'twice' has no generated-code form",
                assertThrows(UnsupportedOperationException.class, () -> CodegenFacet.of(Twice.OP)).getMessage());
    }
}
