package io.tracediff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The layers are one-way: package dependencies under src/main (imports and fully-qualified names, comments
 * left out) form no cycle, nothing depends on the CLI, autograd stands on the kernels alone, and the core
 * (errors, limits, kernels, shapes, the expression tree) depends on nothing above it.
 */
class ArchitectureTest {
    private static final String ROOT = "io.tracediff.";

    /**
     * The core every other layer builds on: user errors, resource limits, the numeric kernels (which rest on the
     * limits alone), shapes and sizes, the expression tree and the operator's identity.
     */
    private static final Set<String> CORE = Set.of("core", "limits", "kernel", "shape", "expr");

    private static final Pattern REFERENCE = Pattern.compile("\\bio\\.tracediff\\.((?:[a-z_][\\w]*\\.)*?[a-z_][\\w]*)\\.(?:[A-Z]\\w*|\\*)");

    private static final Map<String, Set<String>> DEPENDENCIES = dependencies(Path.of("src/main/java"));

    @Test
    void noPackageCycle() {
        List<Set<String>> cycles = cycles(DEPENDENCIES);
        assertTrue(cycles.isEmpty(), () -> "package cycles under src/main:\n" + cycles.stream()
                .map(c -> "  " + c + " via " + edgesWithin(c)).collect(Collectors.joining("\n")));
    }

    @Test
    void nothingDependsOnTheCli() {
        assertEquals(Set.of(), dependentsOf("cli"), "packages that depend on io.tracediff.cli");
    }

    /**
     * Symja's 45 jars stay off bin/tracediff's class path until a run needs them (symja.SymjaJars): only the engine
     * package names Symja's classes, and nothing names the engine (it is loaded by name, with Symja's jars).
     */
    @Test
    void onlyTheSymjaEngineNamesSymjaAndNothingNamesTheEngine() throws IOException {
        assertEquals(Set.of(), dependentsOf("symja.engine"), "packages that depend on io.tracediff.symja.engine");
        Pattern symja = Pattern.compile("\\b(org\\.matheclipse|org\\.hipparchus|edu\\.jas|org\\.apfloat)\\.");
        List<String> outside = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java") && !p.startsWith(Path.of("src/main/java/io/tracediff/symja/engine"))).toList())
                if (symja.matcher(withoutCommentsAndStrings(Files.readString(f))).find()) outside.add(f.toString());
        }
        assertEquals(List.of(), outside, "sources outside io.tracediff.symja.engine that name Symja's classes");
    }

    @Test
    void autogradStandsOnTheKernelsAlone() {
        assertEquals(Set.of("kernel"), DEPENDENCIES.getOrDefault("autograd", Set.of()), "io.tracediff.autograd depends on");
    }

    @Test
    void theCoreDependsOnNothingAboveIt() {
        Map<String, Set<String>> above = new TreeMap<>();
        for (String p : CORE) {
            Set<String> out = new TreeSet<>(DEPENDENCIES.getOrDefault(p, Set.of()));
            out.removeAll(CORE);
            if (!out.isEmpty()) above.put(p, out);
        }
        assertEquals(Map.of(), above, "core packages depending on packages above the core");
    }

    @Test
    void theAnalysisSeesFullyQualifiedNamesAndSkipsComments() {
        String src = """
                package io.tracediff.a;
                import io.tracediff.b.B; // io.tracediff.x.X in a comment
                /** {@link io.tracediff.y.Y} */
                class A { io.tracediff.c.sub.C c; String s = "//"; io.tracediff.d.D d; }
                """;
        assertEquals(Set.of("b", "c.sub", "d"), referencedPackages(src));
    }

    @Test
    void tarjanFindsEachCycleOnce() {
        Map<String, Set<String>> g = Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a", "d"), "d", Set.of("e"), "e", Set.of("d"), "f", Set.of("a"));
        assertEquals(List.of(Set.of("a", "b", "c"), Set.of("d", "e")), cycles(g));
    }

    private static Set<String> dependentsOf(String target) {
        return DEPENDENCIES.entrySet().stream().filter(e -> e.getValue().contains(target)).map(Map.Entry::getKey)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static String edgesWithin(Set<String> cycle) {
        List<String> edges = new ArrayList<>();
        for (String p : new TreeSet<>(cycle))
            for (String q : new TreeSet<>(DEPENDENCIES.getOrDefault(p, Set.of()))) if (cycle.contains(q)) edges.add(p + "→" + q);
        return String.join(", ", edges);
    }

    /** package (relative to io.tracediff) → the packages its sources refer to. */
    private static Map<String, Set<String>> dependencies(Path root) {
        Map<String, Set<String>> deps = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String src = Files.readString(f);
                Matcher m = Pattern.compile("^package\\s+" + Pattern.quote(ROOT) + "([\\w.]+)\\s*;", Pattern.MULTILINE).matcher(src);
                if (!m.find()) continue;
                String pkg = m.group(1);
                Set<String> out = deps.computeIfAbsent(pkg, k -> new TreeSet<>());
                for (String q : referencedPackages(src)) if (!q.equals(pkg)) out.add(q);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return deps;
    }

    /** Packages named in imports and fully-qualified names, with comments and string literals removed first. */
    static Set<String> referencedPackages(String src) {
        String code = withoutCommentsAndStrings(src).replaceFirst("(?m)^package\\s+[\\w.]+\\s*;", "");
        Set<String> out = new TreeSet<>();
        Matcher m = REFERENCE.matcher(code);
        while (m.find()) out.add(m.group(1));
        return out;
    }

    /** The source with comments and string/char literals blanked, so "//" in a string or a name in a comment does not count. */
    private static String withoutCommentsAndStrings(String s) {
        StringBuilder b = new StringBuilder(s.length());
        int i = 0, n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c == '/' && i + 1 < n && s.charAt(i + 1) == '/') {
                while (i < n && s.charAt(i) != '\n') i++;
            } else if (c == '/' && i + 1 < n && s.charAt(i + 1) == '*') {
                int end = s.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
                b.append(' ');
            } else if (s.startsWith("\"\"\"", i)) {
                int end = s.indexOf("\"\"\"", i + 3);
                while (end > 0 && s.charAt(end - 1) == '\\') end = s.indexOf("\"\"\"", end + 1);
                i = end < 0 ? n : end + 3;
                b.append("\"\"");
            } else if (c == '"' || c == '\'') {
                int j = i + 1;
                while (j < n && s.charAt(j) != c) j += s.charAt(j) == '\\' ? 2 : 1;
                i = j + 1;
                b.append(c).append(c);
            } else {
                b.append(c);
                i++;
            }
        }
        return b.toString();
    }

    /** The strongly connected components with more than one package (Tarjan, iterative), each as a sorted set, sorted. */
    static List<Set<String>> cycles(Map<String, Set<String>> g) {
        Map<String, Integer> index = new HashMap<>(), low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new java.util.HashSet<>();
        List<Set<String>> out = new ArrayList<>();
        Set<String> nodes = new TreeSet<>(g.keySet());
        g.values().forEach(nodes::addAll);
        int[] counter = {0};
        for (String start : nodes) {
            if (index.containsKey(start)) continue;
            // Each frame: a node and the iterator over its successors still to visit.
            Deque<Map.Entry<String, java.util.Iterator<String>>> frames = new ArrayDeque<>();
            visit(start, index, low, stack, onStack, counter);
            frames.push(Map.entry(start, new TreeSet<>(g.getOrDefault(start, Set.of())).iterator()));
            while (!frames.isEmpty()) {
                var top = frames.peek();
                String v = top.getKey();
                if (top.getValue().hasNext()) {
                    String w = top.getValue().next();
                    if (!index.containsKey(w)) {
                        visit(w, index, low, stack, onStack, counter);
                        frames.push(Map.entry(w, new TreeSet<>(g.getOrDefault(w, Set.of())).iterator()));
                    } else if (onStack.contains(w)) low.put(v, Math.min(low.get(v), index.get(w)));
                    continue;
                }
                frames.pop();
                if (!frames.isEmpty()) {
                    String parent = frames.peek().getKey();
                    low.put(parent, Math.min(low.get(parent), low.get(v)));
                }
                if (low.get(v).equals(index.get(v))) {
                    Set<String> scc = new TreeSet<>();
                    String w;
                    do {
                        w = stack.pop();
                        onStack.remove(w);
                        scc.add(w);
                    } while (!w.equals(v));
                    if (scc.size() > 1) out.add(scc);
                }
            }
        }
        out.sort(java.util.Comparator.comparing(Object::toString));
        return out;
    }

    private static void visit(String v, Map<String, Integer> index, Map<String, Integer> low, Deque<String> stack, Set<String> onStack, int[] counter) {
        index.put(v, counter[0]);
        low.put(v, counter[0]++);
        stack.push(v);
        onStack.add(v);
    }
}
