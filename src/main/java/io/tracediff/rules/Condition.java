package io.tracediff.rules;

import io.tracediff.expr.Alg;
import io.tracediff.expr.Apply;
import io.tracediff.expr.Expr;
import io.tracediff.expr.Num;
import io.tracediff.expr.Var;
import io.tracediff.expr.VarKind;
import io.tracediff.ops.Add;
import io.tracediff.ops.Div;
import io.tracediff.ops.ElementDiv;
import io.tracediff.ops.ElementFn;
import io.tracediff.ops.Hadamard;
import io.tracediff.ops.Mul;
import io.tracediff.ops.Neg;
import io.tracediff.shape.Dim;
import io.tracediff.shape.Shape;
import java.util.List;
import java.util.Set;

/**
 * A side condition of a rule, egg style ({@code name: lhs -> rhs ; if cols(?B) = 1 ; source}): the rule
 * applies to a match only where every condition holds of what the pattern variables bound.
 */
public sealed interface Condition permits Condition.SameSize, Condition.Property {

    boolean holds(PatternBindings b);

    /** The pattern variables the condition reads. */
    Set<String> variables();

    /** A dimension in a condition: rows(?A), cols(?A) or a whole number. */
    record Size(String of, String variable, int number) {
        Dim resolve(PatternBindings b) {
            if (variable == null) return Dim.of(number);
            Shape s = b.get(variable).shape();
            return of.equals("rows") ? s.rows() : s.cols();
        }

        @Override public String toString() { return variable == null ? Integer.toString(number) : of + "(?" + variable + ")"; }
    }

    /** {@code rows(?A) = cols(?B)}, {@code cols(?B) = 1}, or with {@code !=} their negation. */
    record SameSize(Size left, Size right, boolean equal) implements Condition {
        @Override public boolean holds(PatternBindings b) { return left.resolve(b).equals(right.resolve(b)) == equal; }

        @Override public Set<String> variables() {
            Set<String> out = new java.util.LinkedHashSet<>();
            if (left.variable() != null) out.add(left.variable());
            if (right.variable() != null) out.add(right.variable());
            return out;
        }

        @Override public String toString() { return left + (equal ? " = " : " != ") + right; }
    }

    /** {@code scalar(?a)}, {@code vector(?x)}, {@code square(?A)}, {@code symmetric(?A)}, {@code positive(?a)}, {@code negative(?a)}, {@code number(?a)}, {@code integer(?a)}; {@code not} negates. */
    record Property(String name, String variable, boolean negated) implements Condition {
        public static final List<String> NAMES = List.of("scalar", "vector", "square", "symmetric", "positive", "negative", "number", "integer");

        @Override public boolean holds(PatternBindings b) { return test(name, b.get(variable)) != negated; }

        @Override public Set<String> variables() { return Set.of(variable); }

        @Override public String toString() { return (negated ? "not " : "") + name + "(?" + variable + ")"; }

        static boolean test(String name, Expr e) {
            return switch (name) {
                case "scalar" -> e.isScalar();
                case "vector" -> e.shape().cols().isOne();
                case "square" -> e.shape().isSquare();
                case "symmetric" -> e.shape().isSquare() && Alg.symmetric(e);
                case "positive" -> positive(e);
                case "negative" -> e instanceof Num n && n.value() < 0 || e instanceof Apply a && a.op() == Neg.OP && positive(a.arg(0));
                case "number" -> e instanceof Num;
                case "integer" -> e instanceof Num n && n.isInteger();
                default -> throw new IllegalStateException(name);
            };
        }

        /** Every entry provably > 0: positive numbers and names, exp, σ, softplus, and sums, products and quotients of such. */
        private static boolean positive(Expr root) {
            var stack = new java.util.ArrayDeque<Expr>();
            stack.push(root);
            while (!stack.isEmpty()) {
                Expr e = stack.pop();
                if (e instanceof Num n) { if (n.value() > 0) continue; return false; }
                if (e instanceof Var v) { if (v.kind() == VarKind.POSITIVE) continue; return false; }
                Apply a = (Apply) e;
                if (a.op() instanceof ElementFn f && Set.of("exp", "sigmoid", "softplus").contains(f.fn().name())) continue;
                if (a.op() == Add.OP || a.op() == Mul.OP && (a.arg(0).isScalar() || a.arg(1).isScalar()) || a.op() == Div.OP
                        || a.op() == Hadamard.OP || a.op() == ElementDiv.OP) { a.args().forEach(stack::push); continue; }
                return false;
            }
            return true;
        }
    }
}
