package io.tracediff.ops;

import io.tracediff.autograd.Tensor;
import io.tracediff.check.tensor.AutogradFacet;
import io.tracediff.codegen.template.CodegenFacet;
import io.tracediff.codegen.template.Template;
import io.tracediff.eval.EvalFacet;
import io.tracediff.eval.Matrix;
import io.tracediff.expr.Expr;
import io.tracediff.expr.Op;
import io.tracediff.print.notation.Format;
import io.tracediff.print.notation.Notation;
import io.tracediff.print.notation.NotationFacet;
import io.tracediff.shape.Shape;
import io.tracediff.shape.ShapeArgs;
import io.tracediff.shape.Sizes;
import java.util.List;

/**
 * argmax_indicator(X) (argmin_indicator(X)): 1 at the entry where X is largest (smallest), 0 elsewhere, X's
 * shape; the gradient of max(X) (min(X)). Printed 𝟙_argmax(X). Defined only where that entry is unique: at
 * a tie max is not differentiable, and evaluation throws {@link Tie} (a user error naming the expression)
 * rather than give one of its subgradients as "the" gradient.
 */
public enum ExtremumIndicator implements Op, NotationFacet, EvalFacet, AutogradFacet, CodegenFacet {
    ARGMAX("argmax_indicator", "argmax", "largest"), ARGMIN("argmin_indicator", "argmin", "smallest");

    private final String key, arg, word;

    ExtremumIndicator(String key, String arg, String word) { this.key = key; this.arg = arg; this.word = word; }

    /** The extreme entry is attained more than once: max (min) has no gradient there. */
    public static final class Tie extends ArithmeticException {
        public Tie(String message) { super(message); }
    }

    @Override public String key() { return key; }
    @Override public int arity() { return 1; }
    @Override public Shape shape(ShapeArgs a) { return a.shape(0); }
    @Override public Notation notation(Format f, List<Expr> args) {
        return Notation.function(switch (f) {
            case ASCII -> key;
            case UNICODE -> "𝟙_" + arg;
            // 𝕀, not \mathbb{1}: KaTeX has no blackboard digits and renders a plain 1, which reads as the number
            case LATEX -> "\\mathbb{I}_{\\operatorname{" + arg + "}}";
        });
    }

    @Override public Matrix eval(List<Matrix> v) {
        Matrix x = v.get(0);
        Matrix out = new Matrix(x.rows, x.cols);
        int at = Extremum.at(x.data, this == ARGMAX);
        if (Double.isNaN(x.data[at])) { java.util.Arrays.fill(out.data, Double.NaN); return out; }
        int count = 0;
        for (double e : x.data) if (e == x.data[at]) count++;
        if (count > 1)
            throw new Tie("its " + word + " entry, " + x.data[at] + ", is attained " + count + " times, so " + (this == ARGMAX ? "max" : "min")
                    + " has no gradient there; give values with a unique " + word + " entry");
        out.data[at] = 1;
        return out;
    }

    @Override public Template codegen(List<Expr> args) {
        String name = this == ARGMAX ? "argmaxIndicator" : "argminIndicator", cmp = this == ARGMAX ? ">" : "<";
        return new Template.Routine(name, """
                /** 1 at the unique %s entry of a, 0 elsewhere (the gradient of %s); a tie has no gradient and throws. */
                static void NAME(double[] out, int r, int c, double[] a, int ar, int ac) {
                    int best = 0, count = 0;
                    for (int k = 1; k < a.length; k++) if (a[k] CMP a[best] || a[k] != a[k]) best = k;
                    for (double e : a) if (e == a[best]) count++;
                    if (count > 1) throw new IllegalArgumentException("%s is not differentiable here: its %s entry is attained " + count + " times");
                    java.util.Arrays.fill(out, a[best] != a[best] ? Double.NaN : 0.0);
                    if (a[best] == a[best]) out[best] = 1.0;
                }""".formatted(word, this == ARGMAX ? "max" : "min", this == ARGMAX ? "max" : "min", word)
                .replace("NAME", name).replace("CMP", cmp).indent(4).strip());
    }

    /** (X == max(X)) as a constant of the graph: the indicator's own derivative is 0 wherever it is defined. */
    @Override public Tensor autograd(List<Tensor> a, Sizes s) {
        Tensor x = a.get(0).detach();
        return x.eq(this == ARGMAX ? x.max() : x.min()).toFloat();
    }
}
