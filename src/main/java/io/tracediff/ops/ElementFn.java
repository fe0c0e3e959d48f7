package io.tracediff.ops;

import io.tracediff.eval.Elementwise;
import io.tracediff.eval.Matrix;
import io.tracediff.expr.Expr;
import io.tracediff.expr.Op;
import io.tracediff.print.Format;
import io.tracediff.print.Notation;
import io.tracediff.shape.Shape;
import io.tracediff.shape.ShapeArgs;
import java.util.List;

/** f(X) applied entry by entry, for one {@link ScalarFunction}. */
public record ElementFn(ScalarFunction fn) implements Op {
    @Override public String key() { return fn.name(); }
    @Override public int arity() { return 1; }
    @Override public Shape shape(ShapeArgs a) { return a.shape(0); }
    @Override public Notation notation(Format f, List<Expr> args) { return Notation.function(f == Format.LATEX ? fn.latex() : f == Format.UNICODE ? fn.unicode() : fn.name()); }
    @Override public Matrix eval(List<Matrix> v) { return Elementwise.map(v.get(0), fn.value()); }
    @Override public String javaTemplate() { return fn.javaTemplate(); }
    @Override public io.tracediff.codegen.Template codegen(List<Expr> args) { return new io.tracediff.codegen.Template.Pointwise(fn.javaTemplate().replace("%s", "%1$s")); }

    /** Elementwise functions the autograd engine has, by name (tan, sign and step composed from them). */
    @Override public io.tracediff.autograd.Tensor autograd(List<io.tracediff.autograd.Tensor> a, io.tracediff.eval.Sizes s) {
        io.tracediff.autograd.Tensor x = a.get(0);
        return switch (fn.name()) {
            case "exp" -> x.exp();
            case "log" -> x.log();
            case "sin" -> x.sin();
            case "cos" -> x.cos();
            case "tan" -> x.sin().div(x.cos());
            case "tanh" -> x.tanh();
            case "sigmoid" -> x.sigmoid();
            case "relu" -> x.relu();
            case "softplus" -> x.softplus();
            case "sqrt" -> x.sqrt();
            case "abs" -> x.abs();
            case "sign" -> x.gt(0).sub(x.neg().gt(0));
            case "step" -> x.gt(0);
            case "arctan" -> x.atan();
            case "arcsin" -> x.asin();
            case "arccos" -> x.acos();
            default -> throw new UnsupportedOperationException("the elementwise function '" + fn.name() + "' has no counterpart on the autograd engine");
        };
    }

    @Override public <M, T> M entries(io.tracediff.expr.Apply self, List<M> x, io.tracediff.expr.EntryAlgebra<M, T> alg, io.tracediff.eval.Sizes sizes) {
        return alg.map(x.get(0), u -> alg.apply(fn, u));
    }
}
