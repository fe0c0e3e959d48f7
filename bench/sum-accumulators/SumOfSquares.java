import io.tracediff.api.Problem;
import io.tracediff.codegen.CompiledFunction;
import io.tracediff.eval.Matrix;
import java.util.*;

/** sum(X.*X) over a 64×64 X (the MLP loss reduction), compiled: median of 15 rounds of 20,000 calls. Run by bench/sum-accumulators/run. */
public class SumOfSquares {
  public static void main(String[] a) {
    Problem p = Problem.of("sum(X.*X)", "X: matrix(n, k)");
    CompiledFunction f = CompiledFunction.compile(new ArrayList<>(p.variables().values()), Map.of("value", p.expr()));
    Matrix x = new Matrix(64, 64); Random r = new Random(1); for (int i = 0; i < x.data.length; i++) x.data[i] = r.nextGaussian();
    Map<String, Matrix> in = Map.of("X", x);
    double s = 0; double[] med = new double[15];
    for (int round = 0; round < 20; round++) {
      long t0 = System.nanoTime(); for (int k = 0; k < 20000; k++) s += f.evaluate(in).get("value").data[0];
      if (round >= 5) med[round - 5] = (System.nanoTime() - t0) / 20000.0 / 1000;
    }
    Arrays.sort(med); System.out.printf("sum(X.*X), X 64×64: %.2f µs (median of 15)%n", med[7]);
    if (s == 42) System.out.println();
  }
}
