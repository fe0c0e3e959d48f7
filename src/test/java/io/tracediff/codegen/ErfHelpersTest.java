package io.tracediff.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracediff.kernel.Erf;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The erf that generated Java and NumPy modules carry (neither JDK nor NumPy has one) is the interpreter's. */
class ErfHelpersTest {
    @TempDir Path dir;

    private static List<double[]> points() throws Exception {
        var m = Class.forName("io.tracediff.kernel.ErfTest").getDeclaredMethod("reference");
        m.setAccessible(true);
        @SuppressWarnings("unchecked") List<double[]> ref = (List<double[]>) m.invoke(null);
        return ref;
    }

    @Test void generatedJavaErfIsTheInterpretersToTheLastBit() throws Exception {
        var erf = CarriedHelper.compile(dir, Erf.JAVA_SOURCE, "erf");
        for (double[] p : points())
            assertEquals(Erf.erf(p[0]), erf.applyAsDouble(p[0]), 0.0, "x = " + p[0]);
        for (double x : new double[] {Double.NaN, Double.POSITIVE_INFINITY, -0.0, 26.6})
            assertEquals(Erf.erf(x), erf.applyAsDouble(x), 0.0, "x = " + x);
    }

    @Test void numpyErfHelperIsWithin1e15OfGlibcAndQuiet() throws Exception {
        PythonTargetsEqualInterpreterTest.assumeInstalled("numpy");
        StringBuilder xs = new StringBuilder(), want = new StringBuilder();
        for (double[] p : points()) { xs.append(p[0]).append(','); want.append(p[1]).append(','); }
        String script = "import warnings\nwarnings.simplefilter('error')\nimport numpy as np\n" + NumpyTarget.ERF
                + "x = np.array([" + xs + "float('nan'), float('inf'), -float('inf')])\n"
                + "want = np.array([" + want + "0.0, 1.0, -1.0])\n"
                + "got = _erf(x)\n"
                + "assert np.isnan(got[-3]) and got[-2] == 1.0 and got[-1] == -1.0, got[-3:]\n"
                + "rel = np.abs(got[:-3] - want[:-3]) / np.maximum(np.abs(want[:-3]), 1e-300)\n"
                + "print(repr(float(rel.max())))\n"
                + "print(_erf(np.float32(0.5)).dtype, _erf(np.ones((2, 3), dtype=np.float32)).dtype, _erf(np.ones((2, 3))).shape)\n";
        String[] out = PythonRunner.script("numpy", Map.of(), script).trim().split("\n");
        assertTrue(Double.parseDouble(out[0]) <= 1e-15, "max relative error " + out[0]);
        assertEquals("float32 float32 (2, 3)", out[1]);
    }
}
