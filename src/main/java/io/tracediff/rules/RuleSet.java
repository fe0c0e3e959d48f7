package io.tracediff.rules;

import io.tracediff.core.UserError;
import java.io.IOException;
import java.io.InputStream;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The rules the engine works from, by kind, in file order (the first matching rule wins). Built-in
 * rules are the {@code rules/*.rules} files shipped on the classpath; {@code --rules DIR} adds or
 * replaces files. A later rule with the same name replaces an earlier one, so a user file can override.
 */
public final class RuleSet {
    private final Map<String, Rule> byName = new LinkedHashMap<>();

    private RuleSet() {}

    private static volatile RuleSet builtin;

    /** The shipped rules (cached: they are immutable once loaded). */
    public static RuleSet builtin() {
        RuleSet r = builtin;
        if (r == null) {
            synchronized (RuleSet.class) {
                if (builtin == null) builtin = load(classpathFiles());
                r = builtin;
            }
        }
        return r;
    }

    /**
     * The built-in rules plus every {@code *.rules} file in {@code dir}. A user rule with a built-in rule's
     * name and kind replaces it where it stands; a new user rule is tried before the built-in ones.
     */
    public static RuleSet builtinPlus(Path dir) {
        RuleSet user = load(directoryFiles(dir)), base = builtin();
        RuleSet set = new RuleSet();
        for (var e : user.byName.entrySet()) if (!base.byName.containsKey(e.getKey())) set.byName.put(e.getKey(), e.getValue());
        for (var e : base.byName.entrySet()) set.byName.put(e.getKey(), user.byName.getOrDefault(e.getKey(), e.getValue()));
        return set;
    }

    /** Rules from file name → text, in file-name order. */
    public static RuleSet load(Map<String, String> files) {
        RuleSet set = new RuleSet();
        for (var f : new TreeMap<>(files).entrySet())
            for (Rule rule : RuleFileParser.parse(f.getValue(), f.getKey())) set.byName.put(rule.name() + "@" + rule.kind(), rule);
        return set;
    }

    public List<Rule> all() { return List.copyOf(byName.values()); }

    public List<Rule> of(Rule.Kind kind) {
        List<Rule> out = new ArrayList<>();
        for (Rule r : byName.values()) if (r.kind() == kind) out.add(r);
        return Collections.unmodifiableList(out);
    }

    /** The derivative rule of an elementwise function, or null. */
    public Rule derivative(String function) {
        Rule r = byName.get(function + "@" + Rule.Kind.DERIVATIVE);
        if (r != null && r.lhs() instanceof Pattern.Call c && c.name().equals(function)) return r;
        for (Rule x : of(Rule.Kind.DERIVATIVE)) if (((Pattern.Call) x.lhs()).name().equals(function)) return x;
        return null;
    }

    /** A copy with one more rule (later rules of the same name and kind replace earlier ones). */
    public RuleSet with(Rule extra) {
        RuleSet set = new RuleSet();
        set.byName.putAll(byName);
        set.byName.put(extra.name() + "@" + extra.kind(), extra);
        return set;
    }

    private static Map<String, String> directoryFiles(Path dir) {
        if (!Files.isDirectory(dir)) throw new UserError("rules directory " + UserError.excerpt(dir.toString()) + " does not exist");
        Map<String, String> files = new TreeMap<>();
        try (var stream = Files.list(dir)) {
            for (Path p : stream.filter(p -> p.toString().endsWith(".rules")).toList())
                files.put(p.getFileName().toString(), io.tracediff.limits.InputFiles.read(p, io.tracediff.limits.Limit.SOURCE_BYTES, "rules file"));
        } catch (IOException e) {
            throw new UserError("cannot read rules from " + UserError.excerpt(dir.toString()) + ": " + UserError.excerpt(String.valueOf(e.getMessage())));
        }
        return files;
    }

    /** Every rules/*.rules resource, from a directory (tests, IDE) or from the jar. */
    private static Map<String, String> classpathFiles() {
        URL url = RuleSet.class.getClassLoader().getResource("rules/differentials.rules");
        if (url == null) throw new IllegalStateException("the built-in rules are not on the classpath (rules/differentials.rules)");
        try {
            if (url.getProtocol().equals("file")) return directoryFiles(Path.of(url.toURI()).getParent());
            Map<String, String> files = new TreeMap<>();
            JarURLConnection conn = (JarURLConnection) url.openConnection();
            try (JarFile jar = conn.getJarFile()) {
                for (JarEntry e : Collections.list(jar.entries())) {
                    String n = e.getName();
                    if (n.startsWith("rules/") && n.endsWith(".rules")) {
                        try (InputStream in = jar.getInputStream(e)) {
                            files.put(n.substring("rules/".length()), new String(in.readAllBytes(), StandardCharsets.UTF_8));
                        }
                    }
                }
            }
            return files;
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("cannot read the built-in rules: " + e, e);
        }
    }
}
