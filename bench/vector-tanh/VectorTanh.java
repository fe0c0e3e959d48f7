import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * tanh over 4,096 entries (the hidden layer of the n = 64 MLP) three ways, one sitting: the JDK 17 Vector API's
 * lanewise TANH (incubating), tracediff's scalar kernel.Tanh (what generated Java and reverse mode use), and
 * Math.tanh. Prints a Markdown table; run by bench/vector-tanh/run.
 */
public class VectorTanh {
    static final VectorSpecies<Double> S = DoubleVector.SPECIES_PREFERRED;

    static void vector(double[] a, double[] o) {
        int i = 0;
        for (; i < S.loopBound(a.length); i += S.length()) DoubleVector.fromArray(S, a, i).lanewise(VectorOperators.TANH).intoArray(o, i);
        for (; i < a.length; i++) o[i] = Math.tanh(a[i]);
    }

    static void kernel(double[] a, double[] o) { for (int i = 0; i < a.length; i++) o[i] = io.tracediff.kernel.Tanh.tanh(a[i]); }

    static void jdk(double[] a, double[] o) { for (int i = 0; i < a.length; i++) o[i] = Math.tanh(a[i]); }

    interface Loop { void run(double[] a, double[] o); }

    /** Median over rounds of ns per entry, each round {@code reps} calls after the warm-up rounds. */
    static double time(Loop f, double[] a, double[] o, int reps) {
        double[] rounds = new double[15];
        for (int r = 0; r < rounds.length + 5; r++) {
            long t0 = System.nanoTime();
            for (int k = 0; k < reps; k++) f.run(a, o);
            if (r >= 5) rounds[r - 5] = (System.nanoTime() - t0) / (double) reps / a.length;
        }
        java.util.Arrays.sort(rounds);
        return rounds[rounds.length / 2];
    }

    public static void main(String[] args) {
        double[] a = new double[4096], o = new double[4096], ref = new double[4096];
        java.util.Random r = new java.util.Random(1);
        for (int i = 0; i < a.length; i++) a[i] = r.nextGaussian() * 2;
        jdk(a, ref);
        double v = time(VectorTanh::vector, a, o, 4000);
        double worst = 0;
        for (int i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(o[i] - ref[i]) / Math.ulp(ref[i]));
        double k = time(VectorTanh::kernel, a, o, 4000), j = time(VectorTanh::jdk, a, o, 400);
        System.out.println("| tanh over 4,096 entries (" + S + ") | ns per entry | vs kernel.Tanh | max ulps vs Math.tanh |");
        System.out.println("|---|---|---|---|");
        System.out.printf("| Vector API lanewise TANH | %.2f | %.2f× | %.0f |%n", v, k / v, worst);
        System.out.printf("| kernel.Tanh (scalar) | %.2f | 1× | ≤ 3 (TanhTest) |%n", k);
        System.out.printf("| Math.tanh | %.2f | %.2f× | 0 |%n", j, k / j);
    }
}
