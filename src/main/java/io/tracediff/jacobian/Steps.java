package io.tracediff.jacobian;

import io.tracediff.expr.Expr;
import io.tracediff.print.notation.Format;
import io.tracediff.print.VariableNames;
import io.tracediff.print.Printer;
import java.util.ArrayList;
import java.util.List;

/**
 * A Jacobian or Hessian derivation as the notes write it: F (or the gradient), vec(dF), each move of
 * a vec rule with its name, and the result. A step whose printed form does not change is not shown.
 */
public record Steps(List<Step> steps) {

    /** {@code head} is what the line states: F, vec(dF), a continuation, ∂vec(F)/∂vec(X)ᵀ. */
    public record Step(Head head, Expr value, String rule) {}

    /**
     * What a line states, written in each format when printed: the function (F, or the gradient ∂f/∂x whose
     * Jacobian a Hessian is, when {@code gradientOf} names x), vec of its differential, or its Jacobian by {@code wrt}.
     */
    public record Head(Kind kind, String gradientOf, String wrt) {
        public enum Kind { FUNCTION, DIFFERENTIAL, JACOBIAN, CONTINUED }

        static final Head CONTINUED = new Head(Kind.CONTINUED, null, null);

        boolean continued() { return kind == Kind.CONTINUED; }

        String text(Format f, VariableNames names) {
            String fn = gradientOf == null ? "F" : switch (f) {
                case UNICODE -> "∂f/∂" + Printer.variable(gradientOf, f, names);
                case ASCII -> "df/d" + gradientOf;
                case LATEX -> "\\frac{\\partial f}{\\partial " + Printer.variable(gradientOf, f, names) + "}";
            };
            return switch (kind) {
                case CONTINUED -> "";
                case FUNCTION -> fn;
                case DIFFERENTIAL -> switch (f) {
                    case LATEX -> "\\operatorname{vec}\\left(\\mathrm{d}" + fn + "\\right)";
                    case ASCII -> gradientOf == null ? "vec(dF)" : "vec(d(" + fn + "))";
                    case UNICODE -> gradientOf == null ? "vec(dF)" : "vec(d(" + fn + "))";
                };
                case JACOBIAN -> switch (f) {
                    // vec F as the result line writes it (jacobian's label); a gradient's vec keeps its brackets
                    case LATEX -> "\\frac{\\partial \\operatorname{vec}" + (gradientOf == null ? " F" : "\\left(" + fn + "\\right)")
                            + "}{\\partial \\operatorname{vec}(" + Printer.variable(wrt, f, names) + ")^\\top}";
                    case ASCII -> "dvec(" + fn + ")/dvec(" + wrt + ")'";
                    case UNICODE -> "∂vec(" + fn + ")/∂vec(" + Printer.variable(wrt, f, names) + ")ᵀ";
                };
            };
        }
    }

    static final class Recorder {
        /**
         * Terms, summed over the recorded continuations, past which the rest are counted, not kept: each is the whole
         * sum at that point, so recording all of a deep model's moves is quadratic in its terms (and unreadable).
         */
        static final int TERM_BUDGET = 20_000;

        private final List<Step> steps = new ArrayList<>();
        private long termsRecorded;
        private int notShown;

        void line(Head head, Expr value, String rule) {
            if (notShown > 0) rule = (rule.isEmpty() ? "" : rule + "; ") + notShown + " vec steps not shown";
            notShown = 0;
            steps.add(new Step(head, value, rule));
        }

        /** Whether to build and record a continuation of {@code terms} terms (false once the budget is spent). */
        boolean wants(int terms) {
            if (termsRecorded + terms > TERM_BUDGET) { notShown++; return false; }
            termsRecorded += terms;
            return true;
        }

        /**
         * A continuation. Printing waits for {@link #render}, which leaves out one that prints as the step before it:
         * printing each state as it was reached cost more than the derivation on deep models, with or without --steps.
         */
        void step(Expr state, String rule) {
            if (!steps.isEmpty() && steps.get(steps.size() - 1).value().equals(state)) return;
            steps.add(new Step(Head.CONTINUED, state, rule));
        }

        void addAll(Steps other) { steps.addAll(other.steps()); }

        Steps done() { return new Steps(List.copyOf(steps)); }
    }

    /** The steps shown: a continuation that prints (in Unicode) as the step shown before it is left out. */
    private List<Step> shown() {
        List<Step> out = new ArrayList<>();
        String last = null;
        Step lastStep = null;
        for (Step s : steps) {
            if (s.head().continued() && lastStep != null) {
                if (last == null) last = Printer.unicode(lastStep.value());
                String now = Printer.unicode(s.value());
                if (now.equals(last)) continue;
                last = now;
            } else last = null;
            out.add(s);
            lastStep = s;
        }
        return out;
    }

    /** The names in scope: those of every function line and every variable the lines name. */
    private VariableNames names() {
        java.util.Set<String> vars = new java.util.TreeSet<>();
        for (Step s : steps) {
            if (s.head().kind() == Head.Kind.FUNCTION) vars.addAll(VariableNames.variables(s.value()));
            if (s.head().gradientOf() != null) vars.add(s.head().gradientOf());
            if (s.head().wrt() != null) vars.add(s.head().wrt());
        }
        return VariableNames.of(vars);
    }

    /** Text with the rule names in a column (Unicode, ASCII), or a LaTeX align* block. */
    public String render(Format format) { return render(format, VariableNames.of(List.of())); }

    /** As {@link #render(Format)}, with {@code declared}'s names in scope too: a declared I makes the identity eye(n). */
    public String render(Format format, VariableNames declared) {
        List<Step> steps = shown();
        VariableNames names = names().with(declared);
        if (format == Format.LATEX) {
            StringBuilder sb = new StringBuilder("\\begin{align*}\n");
            for (int i = 0; i < steps.size(); i++) {
                Step s = steps.get(i);
                sb.append("  ").append(s.head().text(format, names)).append(" &= ").append(Printer.print(s.value(), format, names));
                if (!s.rule().isEmpty()) sb.append(" && \\text{").append(s.rule().replace("_", "\\_")).append("}");
                sb.append(i + 1 < steps.size() ? " \\\\\n" : "\n");
            }
            return sb.append("\\end{align*}\n").toString();
        }
        int headWidth = 0;
        List<String> heads = new ArrayList<>();
        for (Step s : steps) heads.add(s.head().text(format, names));
        for (String h : heads) headWidth = Math.max(headWidth, h.codePointCount(0, h.length()));
        List<String[]> rows = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            String head = heads.get(i) + " ".repeat(headWidth - heads.get(i).codePointCount(0, heads.get(i).length()));
            rows.add(new String[] {head + " = " + Printer.print(s.value(), format, names), s.rule().isEmpty() ? "" : "[" + s.rule() + "]"});
        }
        return io.tracediff.diff.Derivation.aligned(rows);
    }
}
