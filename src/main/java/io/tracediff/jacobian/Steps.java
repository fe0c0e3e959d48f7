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
        private final List<Step> steps = new ArrayList<>();

        void line(String head, Expr value, String rule) { steps.add(new Step(head, value, rule)); }

        /** The printed form of the last step, and that step: each state is printed once. */
        private String lastShown;
        private Step lastStep;

        void step(Expr state, String rule) {
            if (!steps.isEmpty()) {
                Step last = steps.get(steps.size() - 1);
                if (last.value().equals(state)) return;
                if (last != lastStep) { lastShown = Printer.unicode(last.value()); lastStep = last; }
            }
            String shown = Printer.unicode(state);
            if (!steps.isEmpty() && lastShown.equals(shown)) return;
            Step s = new Step("", state, rule);
            steps.add(s);
            lastStep = s;
            lastShown = shown;
        }

        void addAll(Steps other) { steps.addAll(other.steps()); }

        Steps done() { return new Steps(List.copyOf(steps)); }
    }

    /** Text with the rule names in a column (Unicode, ASCII), or a LaTeX align* block. */
    public String render(Format format) {
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
