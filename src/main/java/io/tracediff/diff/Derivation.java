package io.tracediff.diff;

import io.tracediff.expr.Expr;
import io.tracediff.print.notation.Format;
import io.tracediff.print.VariableNames;
import io.tracediff.print.Printer;
import java.util.ArrayList;
import java.util.List;

/**
 * The derivation as the classic notes write it: f, df with the differential rules used, each move of
 * the trace trick with the rule that made it, and the gradients read off. A step whose printed form
 * does not change (associativity, a factor of 1) is recorded but not shown.
 */
public record Derivation(List<Step> steps) {

    /** {@code label} is "f", "df", "" (a continuation) or the name of a gradient; {@code rule} may be empty. */
    public record Step(Label label, String variable, Expr value, String rule) {}

    public enum Label { FUNCTION, DIFFERENTIAL, CONTINUED, GRADIENT }

    /** Collects steps while deriving. */
    static final class Recorder {
        private final List<Step> steps = new ArrayList<>();

        void function(Expr f) { steps.add(new Step(Label.FUNCTION, null, f, "")); }

        void differential(Expr df, String rules) { steps.add(new Step(Label.DIFFERENTIAL, null, df, rules)); }

        /** Printing is left to {@link #render}: a deep model's steps print to far more than their DAGs hold. */
        void trace(Expr state, String rule) {
            if (!steps.isEmpty() && steps.get(steps.size() - 1).value() == state) return;
            steps.add(new Step(Label.CONTINUED, null, state, rule));
        }

        void gradient(String variable, Expr g) { gradient(variable, g, ""); }

        /** The gradient, with the rules the e-graph used to reach it (empty when the greedy form stood). */
        void gradient(String variable, Expr g, String rules) { steps.add(new Step(Label.GRADIENT, variable, g, rules)); }

        Derivation done() { return new Derivation(List.copyOf(steps)); }
    }

    /** The derivation in text (Unicode or ASCII) with rule names aligned in a column, or as a LaTeX align* block. */
    public String render(Format format) { return render(format, VariableNames.of(java.util.List.of())); }

    /** As {@link #render(Format)}, with {@code declared}'s names in scope too: a declared I makes the identity eye(n). */
    public String render(Format format, VariableNames declared) {
        VariableNames names = names().with(declared);
        if (format == Format.LATEX) return latex(names);
        List<String[]> rows = new ArrayList<>();
        String previous = null;
        for (Step s : steps) {
            String shown = Printer.print(s.value(), format, names);
            if (s.label() == Label.CONTINUED && shown.equals(previous)) continue; // a move that changes nothing printed
            previous = shown;
            String head = switch (s.label()) {
                case FUNCTION -> "f  = ";
                case DIFFERENTIAL -> format == Format.ASCII ? "df = " : "df = ";
                case CONTINUED -> "   = ";
                case GRADIENT -> (format == Format.ASCII ? "df/d" : "∂f/∂") + Printer.variable(s.variable(), format, names) + " = ";
            };
            rows.add(new String[] {head + shown, s.rule().isEmpty() ? "" : "[" + s.rule() + "]"});
        }
        return aligned(rows);
    }

    /** Lines {formula, [rule]} with the rule names in one column, four spaces past the longest formula (at most 72). */
    public static String aligned(List<String[]> rows) {
        int width = 0;
        for (String[] r : rows) if (!r[1].isEmpty()) width = Math.max(width, r[0].codePointCount(0, r[0].length()));
        width = Math.min(width, 72);
        StringBuilder sb = new StringBuilder();
        for (String[] r : rows) {
            sb.append(r[0]);
            if (!r[1].isEmpty()) sb.append(" ".repeat(Math.max(0, width - r[0].codePointCount(0, r[0].length())) + 4)).append(r[1]);
            sb.append('\n');
        }
        return sb.toString();
    }

    /** The names in scope: the function's variables (every later step's are among them) and the gradients' names. */
    private VariableNames names() {
        java.util.Set<String> vars = new java.util.TreeSet<>();
        for (Step s : steps) {
            if (s.label() == Label.FUNCTION) vars.addAll(VariableNames.variables(s.value()));
            if (s.variable() != null) vars.add(s.variable());
        }
        return VariableNames.of(vars);
    }

    private String latex(VariableNames names) {
        List<Step> shownSteps = new ArrayList<>();
        List<String> formulas = new ArrayList<>();
        for (Step s : steps) {
            String shown = Printer.print(s.value(), Format.LATEX, names);
            if (s.label() == Label.CONTINUED && !formulas.isEmpty() && shown.equals(formulas.get(formulas.size() - 1))) continue;
            shownSteps.add(s);
            formulas.add(shown);
        }
        StringBuilder sb = new StringBuilder("\\begin{align*}\n");
        for (int i = 0; i < shownSteps.size(); i++) {
            Step s = shownSteps.get(i);
            String head = switch (s.label()) {
                case FUNCTION -> "f";
                case DIFFERENTIAL -> "\\mathrm{d}f";
                case CONTINUED -> "";
                case GRADIENT -> "\\frac{\\partial f}{\\partial " + Printer.variable(s.variable(), Format.LATEX, names) + "}";
            };
            sb.append("  ").append(head).append(" &= ").append(formulas.get(i));
            if (!s.rule().isEmpty()) sb.append(" && \\text{").append(s.rule().replace("_", "\\_")).append("}");
            sb.append(i + 1 < shownSteps.size() ? " \\\\\n" : "\n");
        }
        return sb.append("\\end{align*}\n").toString();
    }
}
