package io.tracediff.diff;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracediff.api.Problem;
import io.tracediff.print.Printer;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * Issue 13's measure: on the textbook and example corpus (textbook-forms.tsv, 94 gradients with the form a
 * textbook prints), every printed Unicode form is at most 1.3 times as long as the textbook's, and no e-graph run
 * on them stops on a limit. bench/paper-lengths prints the same distribution for any build.
 */
class PaperLengthTest {

    record Row(String name, String f, String lets, String wrt, String textbook) {}

    static List<Row> corpus() throws Exception {
        List<Row> rows = new ArrayList<>();
        try (var in = new BufferedReader(new InputStreamReader(
                Objects.requireNonNull(PaperLengthTest.class.getResourceAsStream("textbook-forms.tsv")), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] c = line.split("\t", -1);
                rows.add(new Row(c[0], c[1], c[2], c[3], c[4]));
            }
        }
        return rows;
    }

    private static int length(String s) { return s.codePointCount(0, s.length()); }

    @Test void everyPrintedFormIsAtMostOnePointThreeTimesTheTextbooks() throws Exception {
        List<String> over = new ArrayList<>(), limited = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        int[] egraph = new int[3];   // runs, most nodes, most iterations
        for (Row r : corpus()) {
            Problem p = Problem.of(r.f(), r.lets());
            Gradients.Result g = Gradients.of(p.expr(), List.of(p.variables().get(r.wrt())));
            String printed = Printer.unicode(g.gradients().get(r.wrt()));
            double q = (double) length(printed) / length(r.textbook());
            ratios.add(q);
            if (q > 1.3) over.add(String.format("%.2f× %s: %s (textbook %s)", q, r.name(), printed, r.textbook()));
            if (!g.limited().isEmpty() || g.simplifierLimit() != null) limited.add(r.name());
            for (var run : g.saturations()) {
                egraph[0]++;
                egraph[1] = Math.max(egraph[1], run.nodes());
                egraph[2] = Math.max(egraph[2], run.iterations());
            }
        }
        ratios.sort(null);
        System.out.printf("paper lengths: %d gradients, median %.2f×, max %.2f×, %d longer than the textbook; e-graph: %d runs, at most %d nodes and %d iterations%n",
                ratios.size(), ratios.get(ratios.size() / 2), ratios.get(ratios.size() - 1), ratios.stream().filter(q -> q > 1).count(),
                egraph[0], egraph[1], egraph[2]);
        assertTrue(ratios.size() >= 90, "corpus too small: " + ratios.size());
        assertTrue(over.isEmpty(), "longer than 1.3× the textbook:\n  " + String.join("\n  ", over));
        assertTrue(limited.isEmpty(), "a simplifier limit was reached on " + limited);
    }
}
