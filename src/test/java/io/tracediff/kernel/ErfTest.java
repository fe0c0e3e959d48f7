package io.tracediff.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Cody's erf against glibc's at 2000 points (erf_reference.txt, made by erf_reference.py with /usr/bin/python3). */
class ErfTest {

    /** x and glibc's erf(x), as committed. */
    static List<double[]> reference() throws IOException {
        List<double[]> out = new ArrayList<>();
        try (InputStream in = ErfTest.class.getResourceAsStream("erf_reference.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.startsWith("#") || line.isBlank()) continue;
                String[] f = line.trim().split(" ");
                out.add(new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1])});
            }
        }
        return out;
    }

    @Test void erfIsWithin1e15RelativeOfGlibcOnTheWholeLine() throws IOException {
        List<double[]> ref = reference();
        assertEquals(2000, ref.size());
        double worst = 0, at = 0;
        for (double[] p : ref) {
            double got = Erf.erf(p[0]), rel = p[1] == 0 ? Math.abs(got) : Math.abs(got - p[1]) / Math.abs(p[1]);
            if (rel > worst) { worst = rel; at = p[0]; }
        }
        assertTrue(worst <= 1e-15, "relative error " + worst + " at x = " + at);
    }

    @Test void erfIsOddAndTendsToOne() {
        for (double x : new double[] {1e-310, 1e-9, 0.3, 0.46875, 0.5, 1, 2.5, 4, 4.5, 5.99, 6, 30})
            assertEquals(-Erf.erf(x), Erf.erf(-x), 0.0, "x = " + x);
        assertEquals(0.0, Erf.erf(0.0), 0.0);
        assertEquals(1.0, Erf.erf(Double.POSITIVE_INFINITY), 0.0);
        assertEquals(-1.0, Erf.erf(Double.NEGATIVE_INFINITY), 0.0);
        assertTrue(Double.isNaN(Erf.erf(Double.NaN)));
        assertEquals(0.8427007929497149, Erf.erf(1.0), 2e-16);   // A&S Table 7.1: erf(1) = 0.842700792949714869
    }
}
