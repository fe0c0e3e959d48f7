package io.tracediff.codegen;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * Compiles one generated class in memory and loads it. Janino is the default: it compiles a typical
 * gradient class in a few milliseconds where javax.tools needs hundreds (see bench/results/codegen.md).
 */
public enum SourceCompiler {
    JANINO {
        @Override public boolean available() {
            try {
                Class.forName("org.codehaus.janino.SimpleCompiler", false, SourceCompiler.class.getClassLoader());
                return true;
            } catch (ClassNotFoundException | LinkageError e) {
                return false;
            }
        }

        @Override public Class<?> compile(String className, String source) {
            try {
                org.codehaus.janino.SimpleCompiler c = new org.codehaus.janino.SimpleCompiler();
                c.setParentClassLoader(SourceCompiler.class.getClassLoader());
                c.cook(source);
                return c.getClassLoader().loadClass(className);
            } catch (Exception e) {
                throw new IllegalStateException("generated code did not compile (janino): " + e.getMessage(), e);
            }
        }
    },
    JAVAC {
        @Override public boolean available() { return ToolProvider.getSystemJavaCompiler() != null; }

        @Override public Class<?> compile(String className, String source) {
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            if (javac == null) throw new IllegalStateException("no system Java compiler (running on a JRE?)");
            Map<String, ByteArrayOutputStream> classes = new HashMap<>();
            DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
            JavaFileManager files = new ForwardingJavaFileManager<>(javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
                @Override public JavaFileObject getJavaFileForOutput(Location l, String name, JavaFileObject.Kind k, FileObject sibling) {
                    return new SimpleJavaFileObject(URI.create("mem:///" + name.replace('.', '/') + k.extension), k) {
                        @Override public OutputStream openOutputStream() { return classes.computeIfAbsent(name, x -> new ByteArrayOutputStream()); }
                    };
                }
            };
            JavaFileObject src = new SimpleJavaFileObject(URI.create("string:///" + className + ".java"), JavaFileObject.Kind.SOURCE) {
                @Override public CharSequence getCharContent(boolean ignoreEncodingErrors) { return source; }
            };
            List<String> options = List.of("-classpath", System.getProperty("java.class.path"), "-proc:none", "-g:none", "-nowarn");
            if (!javac.getTask(null, files, diagnostics, options, null, List.of(src)).call()) {
                StringBuilder msg = new StringBuilder("generated code did not compile (javac):");
                for (Diagnostic<?> d : diagnostics.getDiagnostics())
                    if (d.getKind() == Diagnostic.Kind.ERROR) msg.append("\n  line ").append(d.getLineNumber()).append(": ").append(d.getMessage(null));
                throw new IllegalStateException(msg.toString());
            }
            ClassLoader loader = new ClassLoader(SourceCompiler.class.getClassLoader()) {
                @Override protected Class<?> findClass(String name) throws ClassNotFoundException {
                    ByteArrayOutputStream b = classes.get(name);
                    if (b == null) throw new ClassNotFoundException(name);
                    byte[] bytes = b.toByteArray();
                    return defineClass(name, bytes, 0, bytes.length);
                }
            };
            try {
                return loader.loadClass(className);
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
        }
    };

    public abstract boolean available();

    /** Compiles {@code source}, which declares the top-level class {@code className}, and loads that class. */
    public abstract Class<?> compile(String className, String source);

    /**
     * The compiler to use: -Dtracediff.compiler=janino|javac|none, else Janino when present, else javac;
     * null when none is available (or "none" was asked for).
     */
    public static SourceCompiler preferred() {
        String asked = System.getProperty("tracediff.compiler", "");
        if (asked.equalsIgnoreCase("none")) return null;
        for (SourceCompiler c : values())
            if (c.name().equalsIgnoreCase(asked) && c.available()) return c;
        for (SourceCompiler c : values()) if (c.available()) return c;
        return null;
    }
}
