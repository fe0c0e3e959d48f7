package io.tracediff.codegen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.DoubleUnaryOperator;
import javax.tools.ToolProvider;

/** A kernel's source as generated Java carries it (Erf, Tanh), compiled alone with javac -Werror into {@code dir}. */
final class CarriedHelper {
    private CarriedHelper() {}

    /** The static {@code double method(double)} of a class holding {@code memberSource}, compiled with nothing but the JDK. */
    static DoubleUnaryOperator compile(Path dir, String memberSource, String method) throws Exception {
        String cls = "Carried" + Character.toUpperCase(method.charAt(0)) + method.substring(1);
        Path file = dir.resolve(cls + ".java");
        Files.writeString(file, "public final class " + cls + " {\n" + memberSource.indent(4) + "}\n", StandardCharsets.UTF_8);
        var err = new java.io.ByteArrayOutputStream();
        int rc = ToolProvider.getSystemJavaCompiler().run(null, null, err, "-Xlint:all", "-Werror", "-classpath", dir.toString(), "-d", dir.toString(), file.toString());
        assertEquals(0, rc, err::toString);
        URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null);   // lives as long as the operator
        Method m = loader.loadClass(cls).getDeclaredMethod(method, double.class);
        m.setAccessible(true);
        return x -> {
            try {
                return (double) m.invoke(null, x);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        };
    }
}
