package io.tracediff.symja;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Where Symja's side ({@code io.tracediff.symja.engine}) is loaded from.
 *
 * <p>A JVM started with an application class-data archive opens every jar on its class path as it starts, and
 * Symja brings 45 jars of some 20,000 entries: about 30 ms of every CLI run, which almost never needs Symja. So
 * bin/tracediff leaves them off the class path and names them in the system property {@value #PROPERTY}. The
 * engine is then loaded on first use by a loader over those jars and the engine's own classes that is parent-first
 * for everything but the engine package: the engine sees Symja, and shares every other class with its caller.
 * Without the property (Maven's tests, an IDE, the Java API) Symja is on the class path and the engine is an
 * ordinary class.
 */
final class SymjaJars {
    /** The jars bin/tracediff kept off the class path, separated as a class path is. */
    static final String PROPERTY = "tracediff.symjaClasspath";
    /** The package that alone names Symja's classes (ArchitectureTest), loaded with them. */
    static final String ENGINE = "io.tracediff.symja.engine.";

    private SymjaJars() {}

    private static volatile SymjaService service;
    /** A failed load, kept so that later calls (batch, serve) report it again instead of opening the jars again. */
    private static volatile IllegalStateException failure;

    static SymjaService service() {
        SymjaService s = service;
        if (s == null) {
            synchronized (SymjaJars.class) {
                if (failure != null) throw failure;
                s = service;
                if (s == null) {
                    try {
                        service = s = load();
                    } catch (IllegalStateException e) {
                        failure = e;
                        throw e;
                    }
                }
            }
        }
        return s;
    }

    private static SymjaService load() {
        ClassLoader loader = null;
        try {
            loader = loader();
            Class.forName("org.matheclipse.core.interfaces.IExpr", false, loader);  // Symja itself is there, not only the engine
            return (SymjaService) Class.forName(ENGINE + "SymjaEngine", true, loader).getConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError | MalformedURLException e) {
            if (loader instanceof EngineLoader own) {
                try {
                    own.close();
                } catch (java.io.IOException ignored) {
                    // the failure below is what matters
                }
            }
            throw new IllegalStateException("cannot load Symja's side of tracediff (" + PROPERTY + " = "
                    + System.getProperty(PROPERTY, "unset") + "): " + e, e);
        }
    }

    /** The loader the engine comes from: this class's own, unless bin/tracediff deferred Symja's jars. */
    static ClassLoader loader() throws MalformedURLException {
        ClassLoader own = SymjaJars.class.getClassLoader();
        String deferred = System.getProperty(PROPERTY);
        if (deferred == null || deferred.isBlank()) return own;
        List<URL> urls = new ArrayList<>();
        urls.add(SymjaJars.class.getProtectionDomain().getCodeSource().getLocation());  // the engine's classes
        for (String jar : deferred.split(File.pathSeparator)) if (!jar.isBlank()) urls.add(Path.of(jar).toUri().toURL());
        return new EngineLoader(urls.toArray(URL[]::new), own);
    }

    /** Parent-first, except that it defines the engine package itself, so the engine's references to Symja resolve here. */
    private static final class EngineLoader extends URLClassLoader {
        static { registerAsParallelCapable(); }

        EngineLoader(URL[] urls, ClassLoader parent) { super("tracediff-symja", urls, parent); }

        @Override protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith(ENGINE)) return super.loadClass(name, resolve);
            synchronized (getClassLoadingLock(name)) {
                Class<?> c = findLoadedClass(name);
                if (c == null) c = findClass(name);
                if (resolve) resolveClass(c);
                return c;
            }
        }
    }
}
