package io.tracediff.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.tracediff.kernel.Tanh;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tanh that generated Java carries is the interpreter's and the reverse-mode engine's, to the last bit. */
class TanhHelperTest {
    @TempDir Path dir;

    @Test void generatedJavaTanhIsTheKernelsToTheLastBit() throws Exception {
        String src = "public final class TanhHelper {\n" + Tanh.JAVA_SOURCE.indent(4) + "}\n";
        Path file = dir.resolve("TanhHelper.java");
        Files.writeString(file, src, StandardCharsets.UTF_8);
        var err = new java.io.ByteArrayOutputStream();
        int rc = ToolProvider.getSystemJavaCompiler().run(null, null, err, "-Xlint:all", "-Werror", "-classpath", dir.toString(), "-d", dir.toString(), file.toString());
        assertEquals(0, rc, err::toString);
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
            Method tanh = loader.loadClass("TanhHelper").getDeclaredMethod("tanh", double.class);
            tanh.setAccessible(true);
            Random random = new Random(5);
            for (int i = 0; i < 200_000; i++) {
                double x = i % 2 == 0 ? 50 * (random.nextDouble() - 0.5) : random.nextGaussian() * Math.pow(10, random.nextInt(20) - 15);
                assertEquals(Tanh.tanh(x), (double) tanh.invoke(null, x), 0.0, "x = " + x);
            }
            for (double x : new double[] {Double.NaN, Double.POSITIVE_INFINITY, -0.0, 0.3, -20, 20.000001})
                assertEquals(Tanh.tanh(x), (double) tanh.invoke(null, x), 0.0, "x = " + x);
        }
    }
}
