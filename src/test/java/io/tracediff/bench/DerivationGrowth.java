package io.tracediff.bench;

import io.tracediff.api.Problem;
import io.tracediff.diff.CommonSubexpressions;
import io.tracediff.diff.Gradients;
import io.tracediff.expr.Expr;
import io.tracediff.expr.Var;
import io.tracediff.print.notation.Format;
import io.tracediff.print.Printer;
import io.tracediff.rules.RuleSet;
import java.lang.management.ManagementFactory;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * How derivation grows with the model: an RNN unrolled T steps (gradient wrt W and U) and an MLP of L layers
 * (gradient wrt every weight matrix). Per case: median derivation time (warm, as in a long-lived process),
 * bytes allocated while deriving (the rewrite work, measured from outside the engine), sizes of the
 * differential and the gradients as DAGs and as trees, and the printed size plain and with --cse.
 * Prints a Markdown table. Run: bench/growth [--quick]
 */
public final class DerivationGrowth {

    /** ‖V h_T − y‖² with h_t = tanh(W x_t + U h_{t−1}). */
    public static String rnn(int steps) {
        String h = "h0";
        for (int t = 1; t <= steps; t++) h = "tanh(W*x" + t + " + U*" + h + ")";
        return "norm2(V*" + h + " - y)^2";
    }

    /** ‖W_L h_{L−1} − y‖² with h_k = tanh(W_k h_{k−1} + b_k), h_0 = x. */
    public static String mlp(int layers) {
        String h = "x";
        for (int k = 1; k < layers; k++) h = "tanh(W" + k + "*" + h + " + b" + k + ")";
        return "norm2(W" + layers + "*" + h + " - y)^2";
    }

    record Case(String model, int size, String expr, String decls, List<String> wrt) {}

    record Row(Case c, double medianMs, double allocMb, long dfDag, long gradDag, double gradTree, long plainChars,
               long cseChars, int temporaries, String note) {}

    public static void main(String[] args) throws Exception {
        boolean quick = Arrays.asList(args).contains("--quick");
        List<Case> cases = new ArrayList<>();
        for (int t : quick ? new int[] {3, 5, 10} : new int[] {3, 5, 10, 20, 50})
            cases.add(new Case("RNN", t, rnn(t), "", List.of("W", "U")));
        for (int l : quick ? new int[] {2, 4} : new int[] {2, 4, 8, 16}) {
            StringBuilder d = new StringBuilder();
            List<String> wrt = new ArrayList<>();
            for (int k = 1; k <= l; k++) {
                if (k < l) d.append("b").append(k).append(": vector(d").append(k).append("); ");
                wrt.add("W" + k);
            }
            cases.add(new Case("MLP", l, mlp(l), d.toString(), wrt));
        }
        RuleSet.builtin();
        List<Row> rows = new ArrayList<>();
        for (Case c : cases) {
            Row[] out = new Row[1];
            // The CLI's stack (Main.STACK_BYTES), so an overflow here is one a user would meet.
            Thread t = new Thread(null, () -> out[0] = measure(c), "growth", 256L << 20);
            t.start();
            t.join();
            rows.add(out[0]);
            System.err.println(c.model() + " " + c.size() + " done");
        }
        System.out.println("| model | size | derive ms (median) | allocated MB | df DAG nodes | gradient DAG nodes | gradient tree nodes | printed chars | --cse printed chars | --cse temporaries | note |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|");
        for (Row r : rows)
            System.out.printf("| %s | %s = %d | %.2f | %.1f | %d | %d | %.3g | %s | %d | %d | %s |%n", r.c().model(),
                    r.c().model().equals("RNN") ? "T" : "L", r.c().size(), r.medianMs(), r.allocMb(), r.dfDag(), r.gradDag(),
                    r.gradTree(), r.plainChars() < 0 ? "—" : Long.toString(r.plainChars()), r.cseChars(), r.temporaries(), r.note());
    }

    static Row measure(Case c) {
        try {
            Problem typed = Problem.of(c.expr(), c.decls());
            List<Var> wrt = new ArrayList<>();
            for (String name : c.wrt()) wrt.add(typed.variables().get(name));
            var mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
            Gradients.Result r = Gradients.of(typed.expr(), wrt);
            long warm = System.nanoTime();
            for (int i = 0; i < 50 && (i < 3 || System.nanoTime() - warm < 1_000_000_000L); i++) r = Gradients.of(typed.expr(), wrt); // JIT warm-up
            int runs = 7;
            double[] ms = new double[runs];
            long allocated = 0;
            for (int i = 0; i < runs; i++) {
                long a0 = mx.getCurrentThreadAllocatedBytes(), t0 = System.nanoTime();
                r = Gradients.of(typed.expr(), wrt);
                ms[i] = (System.nanoTime() - t0) / 1e6;
                allocated = mx.getCurrentThreadAllocatedBytes() - a0;
                if (ms[i] > 5_000) { ms = Arrays.copyOf(ms, i + 1); break; }
            }
            Arrays.sort(ms);
            List<Expr> grads = new ArrayList<>(r.gradients().values());
            double tree = 0;
            for (Expr g : grads) tree += g.size();
            long plain = -1;
            if (tree < 2e6) {
                plain = 0;
                for (Expr g : grads) plain += Printer.print(g, Format.UNICODE).length();
            }
            CommonSubexpressions.Result cse = CommonSubexpressions.of(grads, typed.variables().keySet());
            long cseChars = 0;
            for (Expr e : cse.names().values()) cseChars += Printer.print(e, Format.UNICODE).length();
            for (Expr e : cse.roots()) cseChars += Printer.print(e, Format.UNICODE).length();
            String note = r.derivation().steps().isEmpty() ? "no steps" : "";
            return new Row(c, ms[ms.length / 2], allocated / 1e6, dagSize(List.of(r.differential())), dagSize(grads), tree, plain,
                    cseChars, cse.names().size(), note);
        } catch (StackOverflowError e) {
            return new Row(c, Double.NaN, Double.NaN, 0, 0, 0, -1, 0, 0, "stack overflow");
        } catch (RuntimeException e) {
            return new Row(c, Double.NaN, Double.NaN, 0, 0, 0, -1, 0, 0, e.toString().replace('|', '/'));
        }
    }

    /** Distinct subexpressions (by value), walked with an explicit stack. */
    static long dagSize(List<Expr> roots) {
        Set<Expr> seen = new java.util.HashSet<>();
        ArrayDeque<Expr> stack = new ArrayDeque<>(roots);
        while (!stack.isEmpty()) {
            Expr e = stack.pop();
            if (seen.add(e)) for (Expr a : e.args()) stack.push(a);
        }
        return seen.size();
    }
}
