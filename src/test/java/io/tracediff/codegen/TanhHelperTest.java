package io.tracediff.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tracediff.kernel.Tanh;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tanh that generated Java carries is the interpreter's and the reverse-mode engine's, to the last bit. */
class TanhHelperTest {
    @TempDir Path dir;

    @Test void generatedJavaTanhIsTheKernelsToTheLastBit() throws Exception {
        var tanh = CarriedHelper.compile(dir, Tanh.JAVA_SOURCE, "tanh");
        Random random = new Random(5);
        for (int i = 0; i < 200_000; i++) {
            double x = i % 2 == 0 ? 50 * (random.nextDouble() - 0.5) : random.nextGaussian() * Math.pow(10, random.nextInt(20) - 15);
            assertEquals(Tanh.tanh(x), tanh.applyAsDouble(x), 0.0, "x = " + x);
        }
        for (double x : new double[] {Double.NaN, Double.POSITIVE_INFINITY, -0.0, 0.3, -20, 20.000001})
            assertEquals(Tanh.tanh(x), tanh.applyAsDouble(x), 0.0, "x = " + x);
    }
}
