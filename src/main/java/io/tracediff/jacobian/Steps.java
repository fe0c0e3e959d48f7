package io.tracediff.jacobian;

import io.tracediff.expr.Expr;
import io.tracediff.print.notation.Format;
import io.tracediff.print.Printer;
import java.util.ArrayList;
import java.util.List;

/**
 * A Jacobian or Hessian derivation as the notes write it: F (or the gradient), vec(dF), each move of
 * a vec rule with its name, and the result. A step whose printed form does not change is not shown.
 */
public record Steps(List<Step> steps) {

    /** {@code head} is what the line states ("F", "vec(dF)", "" for a continuation, "∂vec F/∂vec(X)ᵀ"). */
    public record Step(String head, Expr value, String rule) {}

    static final class Recorder {
        /**
         * Terms, summed over the recorded continuations, past which the rest are counted, not kept: each is the whole
         * sum at that point, so recording all of a deep model's moves is quadratic in its terms (and unreadable).
         */
        static final int TERM_BUDGET = 20_000;

        private final List<Step> steps = new ArrayList<>();
        private long termsRecorded;
        private int notShown;

        void line(String head, Expr value, String rule) {
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
            steps.add(new Step("", state, rule));
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
            if (s.head().isEmpty() && lastStep != null) {
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

    /** Text with the rule names in a column (Unicode, ASCII), or a LaTeX align* block. */
    public String render(Format format) {
        List<Step> steps = shown();
        if (format == Format.LATEX) {
            StringBuilder sb = new StringBuilder("\\begin{align*}\n");
            for (int i = 0; i < steps.size(); i++) {
                Step s = steps.get(i);
                sb.append("  ").append(s.head().isEmpty() ? "" : "\\text{" + s.head() + "}").append(" &= ").append(Printer.latex(s.value()));
                if (!s.rule().isEmpty()) sb.append(" && \\text{").append(s.rule().replace("_", "\\_")).append("}");
                sb.append(i + 1 < steps.size() ? " \\\\\n" : "\n");
            }
            return sb.append("\\end{align*}\n").toString();
        }
        int headWidth = 0;
        for (Step s : steps) headWidth = Math.max(headWidth, s.head().codePointCount(0, s.head().length()));
        List<String[]> rows = new ArrayList<>();
        for (Step s : steps) {
            String head = s.head() + " ".repeat(headWidth - s.head().codePointCount(0, s.head().length()));
            rows.add(new String[] {head + " = " + Printer.print(s.value(), format), s.rule().isEmpty() ? "" : "[" + s.rule() + "]"});
        }
        return io.tracediff.diff.Derivation.aligned(rows);
    }
}
