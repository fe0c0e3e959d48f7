package io.tracediff.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code tracediff codegen}: a file that javac compiles and that computes what grad --at computes. */
class CodegenCommandTest {
    @TempDir Path tmp;

    @Test void leastSquaresClassCompilesAndAgreesWithGrad() throws Exception {
        MainTest.Run r = MainTest.run("codegen", "norm2(X*w - y)^2", "--wrt", "w", "--class", "LeastSquares",
                "--package", "com.example", "--out", tmp.toString(), "--no-commons-math");
        assertEquals(0, r.code(), r.err());
        Path file = tmp.resolve("com/example/LeastSquares.java");
        assertEquals("wrote " + file + "\n", r.out());
        assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, null, "-encoding", "UTF-8", "-d", tmp.toString(), file.toString()));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {tmp.toUri().toURL()})) {
            Class<?> c = loader.loadClass("com.example.LeastSquares");
            Object fn = c.getConstructor().newInstance();
            double[][] x = {{1, 2}, {3, 4}, {5, 7}};
            double[] w = {0.5, -1}, y = {1, 0, 2};
            Object result = c.getMethod("evaluate", double[][].class, double[].class, double[].class).invoke(fn, x, w, y);
            double value = result.getClass().getField("value").getDouble(result);
            double[] grad = (double[]) result.getClass().getField("grad_w").get(result);
            // r = Xw − y = (−1.5−1, 1.5−4−0, 2.5−7−2) = (−2.5, −2.5, −6.5); f = ‖r‖², ∇ = 2 Xᵀ r
            assertEquals(6.25 + 6.25 + 42.25, value, 1e-12);
            assertArrayEquals(new double[] {2 * (-2.5 - 7.5 - 32.5), 2 * (-5 - 10 - 45.5)}, grad, 1e-12);
        }
    }

    /**
     * Routines that write an out buffer (the extremum indicator, vec, diag, inverse) keep doing so for a 1×1 result:
     * max(a) of a scalar once called argmaxIndicator as if it returned its value, and javac refused the class.
     */
    @Test void routinesOfAScalarCompileAndGiveTheGradient() throws Exception {
        for (String[] c : new String[][] {{"max(a)", "1"}, {"min(a)", "1"}, {"sum(vec(a))", "1"}, {"sum(diag(a))", "1"}, {"inv(a)", "-0.16"}}) {
            Path dir = Files.createDirectories(tmp.resolve("c" + c[0].hashCode()));
            MainTest.Run r = MainTest.run("codegen", c[0], "--wrt", "a", "--out", dir.toString(), "--no-commons-math");
            assertEquals(0, r.code(), c[0] + ": " + r.err());
            Path file = dir.resolve("LossGradient.java");
            var err = new java.io.ByteArrayOutputStream();
            assertEquals(0, ToolProvider.getSystemJavaCompiler().run(null, null, err, "-encoding", "UTF-8", "-d", dir.toString(), file.toString()), c[0] + ": " + err);
            try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()})) {
                Class<?> cls = loader.loadClass("LossGradient");
                Object result = cls.getMethod("evaluate", double.class).invoke(cls.getConstructor().newInstance(), 2.5);
                assertEquals(Double.parseDouble(c[1]), result.getClass().getField("grad_a").getDouble(result), 1e-12, c[0]);
            }
        }
    }

    @Test void existingFileNeedsForceAndNothingIsHalfWritten() throws Exception {
        String[] args = {"codegen", "x'*A*x", "--wrt", "x", "--out", tmp.toString()};
        assertEquals(0, MainTest.run(args).code());
        Path file = tmp.resolve("LossGradient.java");
        Files.writeString(file, "// mine");
        MainTest.Run again = MainTest.run(args);
        assertEquals(ExitCodes.USER_ERROR, again.code());
        assertEquals("error: " + file + " exists; use --force to replace it\n", again.err());
        assertEquals("// mine", Files.readString(file));
        String[] forced = {"codegen", "x'*A*x", "--wrt", "x", "--out", tmp.toString(), "--force"};
        assertEquals(0, MainTest.run(forced).code());
        assertTrue(Files.readString(file).contains("public final class LossGradient"));
        try (var files = Files.list(tmp)) { assertEquals(1, files.count(), "no temporary files left behind"); }
    }

    /** A link at the target, even one to nothing, is an existing file; a file where a package folder goes is named. */
    @Test void aDanglingLinkNeedsForceAndAFileInThePackagePathIsNamed() throws Exception {
        Files.createSymbolicLink(tmp.resolve("LossGradient.java"), tmp.resolve("nowhere"));
        MainTest.Run r = MainTest.run("codegen", "x'*x", "--wrt", "x", "--out", tmp.toString());
        assertEquals(ExitCodes.USER_ERROR, r.code());
        assertEquals("error: " + tmp.resolve("LossGradient.java") + " exists; use --force to replace it\n", r.err());
        Files.writeString(tmp.resolve("com"), "a file");
        MainTest.Run p = MainTest.run("codegen", "x'*x", "--wrt", "x", "--out", tmp.toString(), "--package", "com.ex");
        assertEquals(ExitCodes.USER_ERROR, p.code());
        assertEquals("error: cannot write " + tmp.resolve("com/ex/LossGradient.java") + ": " + tmp.resolve("com") + " is a file, not a folder\n", p.err());
    }

    /** A folder name past the file system's limit: the reason stays on the line, the path is cut (found by the fuzzing red team). */
    @Test void aFolderNameTooLongIsSaidToBe() {
        MainTest.Run r = MainTest.run("codegen", "x'*x", "--wrt", "x", "--out", tmp.resolve("d".repeat(300)).toString());
        assertEquals(ExitCodes.USER_ERROR, r.code());
        assertTrue(r.err().startsWith("error: cannot write " + tmp) && r.err().contains("characters): File name too long"), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
    }

    @Test void hostileNamesNeverReachTheSource() {
        MainTest.Run r = MainTest.run("codegen", "x'*x", "--wrt", "x", "--class", "X;System.exit(1);//");
        assertEquals(ExitCodes.USER_ERROR, r.code());
        assertTrue(r.err().startsWith("error: "), r.err());
        MainTest.Run p = MainTest.run("codegen", "x'*x", "--wrt", "x", "--package", "a.b;import");
        assertEquals(ExitCodes.USER_ERROR, p.code());
        for (String underscore : new String[] {"_", "a._", "a._.b"}) {   // a keyword since Java 9: javac would refuse the file
            MainTest.Run u = MainTest.run("codegen", "x'*x", "--wrt", "x", "--package", underscore);
            assertEquals("error: --package '" + underscore + "' is not a valid Java package name (e.g. com.example.grad)\n", u.err());
        }
    }

    /**
     * x'*x/0 has no derivative to write: a user error naming the divisor (it wrote 2 x / 0, not self-checked). So is a
     * divisor that is 0 only when added exactly: (1 + 10⁻²⁰) − (10⁻²⁰ + 1) printed exp(x) / 0.
     */
    @Test void divisionByConstantZeroIsAUserError() {
        for (String f : new String[] {"x'*x/0", "1/0*x'*x", "x'*x/(1 - 1)", "sum(exp(x))/((1+1e-20)-(1e-20+1))"}) {
            MainTest.Run r = MainTest.run("codegen", f, "--wrt", "x");
            assertEquals(ExitCodes.USER_ERROR, r.code(), r.err());
            assertTrue(r.err().startsWith("error: division by zero: the divisor is 0 as written"), r.err());
            assertEquals("", r.out());
        }
    }
}
