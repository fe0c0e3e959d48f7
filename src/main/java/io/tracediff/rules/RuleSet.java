package io.tracediff.rules;

import io.tracediff.core.UserError;
import io.tracediff.expr.Expr;
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
    /** The names of rules read from a --rules folder: unproven, so the first suspects when a derived form fails its self-check. */
    private java.util.Set<String> fromUser = java.util.Set.of();

    private RuleSet() {}

    /** Names of the rules that came from the user's folder (added or replacing a built-in one); empty for the built-in set. */
    public java.util.Set<String> fromUser() { return fromUser; }

    private static volatile RuleSet builtin;

    /** The shipped rules (cached: they are immutable once loaded). */
    public static RuleSet builtin() {
        RuleSet r = builtin;
        if (r == null) {
            synchronized (RuleSet.class) {
                if (builtin == null) builtin = loadBuiltin();
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
        java.util.Set<String> names = new java.util.TreeSet<>();
        for (Rule r : user.byName.values()) names.add(r.name());
        set.fromUser = java.util.Collections.unmodifiableSet(names);
        return set;
    }

    /** Whether the built-in rules came from the encoded form (RuleCodecTest checks start-up reads it). */
    static volatile boolean builtinDecoded;

    /** The encoded form the build wrote ({@link RuleCodec}), else (classes compiled outside Maven) the rule files parsed. */
    private static RuleSet loadBuiltin() {
        try (InputStream in = RuleSet.class.getClassLoader().getResourceAsStream(RuleCodec.RESOURCE)) {
            if (in == null) return load(classpathFiles());
            RuleSet set = new RuleSet();
            for (Rule rule : RuleCodec.decode(in)) set.put(rule);
            builtinDecoded = true;
            return set;
        } catch (IOException e) {
            throw new IllegalStateException("the encoded built-in rules (" + RuleCodec.RESOURCE + ") are damaged; rebuild: " + e.getMessage(), e);
        }
    }

    /** Rules from file name → text, in file-name order. */
    public static RuleSet load(Map<String, String> files) {
        RuleSet set = new RuleSet();
        for (var f : new TreeMap<>(files).entrySet())
            for (Rule rule : RuleFileParser.parse(f.getValue(), f.getKey())) set.put(rule);
        return set;
    }

    /** A later rule with the same name and kind replaces an earlier one (what lets a user file override). */
    private void put(Rule rule) { byName.put(key(rule), rule); }

    private static String key(Rule rule) { return key(rule.name(), rule.kind()); }

    private static String key(String name, Rule.Kind kind) { return name + "@" + kind; }

    public List<Rule> all() { return List.copyOf(byName.values()); }

    /** A rule with the parts of its left side the engine matches ({@link #matchedParts}), computed once. */
    private record Candidate(Rule rule, List<Pattern> parts) {}

    /** Rules by kind in file order, computed once: a rule set is not changed after it is built ({@link #with} copies). */
    private volatile Map<Rule.Kind, List<Candidate>> byKind;

    private Map<Rule.Kind, List<Candidate>> byKind() {
        Map<Rule.Kind, List<Candidate>> m = byKind;
        if (m == null) {
            m = new java.util.EnumMap<>(Rule.Kind.class);
            for (Rule.Kind k : Rule.Kind.values()) m.put(k, new ArrayList<>());
            for (Rule r : byName.values()) m.get(r.kind()).add(new Candidate(r, r.kind() == Rule.Kind.DERIVATIVE ? List.of() : matchedParts(r)));
            byKind = m;
        }
        return m;
    }

    public List<Rule> of(Rule.Kind kind) {
        List<Rule> out = new ArrayList<>();
        for (Candidate c : byKind().get(kind)) out.add(c.rule());
        return Collections.unmodifiableList(out);
    }

    /**
     * The parts of a term the engine matches a rule's left side against, in order: the operand of d(·) for a
     * differential, M of vec(M) for a vec move, ?L and M of tr(?L * M) for a trace move, else the whole left side.
     */
    public static List<Pattern> matchedParts(Rule rule) {
        if (rule.kind() == Rule.Kind.DIFFERENTIAL) return List.of(((Pattern.Call) rule.lhs()).args().get(0));
        if (rule.kind() == Rule.Kind.VEC) return List.of(((Pattern.App) rule.lhs()).args().get(0));
        if (rule.kind() == Rule.Kind.TRACE) return ((Pattern.App) ((Pattern.App) rule.lhs()).args().get(0)).args();
        return List.of(rule.lhs());
    }

    /** Every way a rule's left side matches {@code parts} (see {@link #matchedParts}), written order first. */
    public static List<PatternBindings> matches(Rule rule, List<Expr> parts) { return matches(matchedParts(rule), parts); }

    private static List<PatternBindings> matches(List<Pattern> ps, List<Expr> parts) {
        if (ps.size() != parts.size()) return List.of();
        List<PatternBindings> out;
        if (ps.size() == 1) out = PatternMatcher.matches(ps.get(0), parts.get(0), PatternBindings.empty());
        else {
            out = List.of(PatternBindings.empty());
            for (int i = 0; i < ps.size() && !out.isEmpty(); i++) {
                List<PatternBindings> next = new ArrayList<>(1);
                for (PatternBindings b : out) next.addAll(PatternMatcher.matches(ps.get(i), parts.get(i), b));
                out = next;
            }
        }
        // Constructors are checked only once every part is bound (a dimension may come from a later part).
        for (int i = 0; i < out.size(); i++) {
            if (out.get(i).constructors().isEmpty()) continue;
            List<PatternBindings> agreeing = new ArrayList<>(out.size());
            for (PatternBindings b : out) if (PatternMatcher.constructorsAgree(b)) agreeing.add(b);
            return agreeing;
        }
        return out;
    }

    /**
     * Which rule the engine applies: the rules of {@code kind} in order; each whose left side matches {@code parts} is
     * offered to {@code apply} with its matches (written order first), and the first non-null answer wins; null when none.
     * The differentiator, trace mover and simplifier choose with it, and the rule checker asks it whether a rule is reached.
     */
    public <T> T firstApplicable(Rule.Kind kind, List<Expr> parts, java.util.function.BiFunction<Rule, List<PatternBindings>, T> apply) {
        for (Candidate c : byKind().get(kind)) {
            List<PatternBindings> found = matches(c.parts(), parts);
            if (!c.rule().conditions().isEmpty()) found = found.stream().filter(c.rule()::admits).toList();
            if (found.isEmpty()) continue;
            T answer = apply.apply(c.rule(), found);
            if (answer != null) return answer;
        }
        return null;
    }

    /** The derivative rule of an elementwise function, or null. */
    public Rule derivative(String function) {
        Rule r = byName.get(key(function, Rule.Kind.DERIVATIVE));
        if (r != null && r.lhs() instanceof Pattern.Call c && c.name().equals(function)) return r;
        for (Rule x : of(Rule.Kind.DERIVATIVE)) if (((Pattern.Call) x.lhs()).name().equals(function)) return x;
        return null;
    }

    /** A copy with one more rule (later rules of the same name and kind replace earlier ones). */
    public RuleSet with(Rule extra) {
        RuleSet set = new RuleSet();
        set.byName.putAll(byName);
        set.fromUser = fromUser;
        set.put(extra);
        return set;
    }

    static Map<String, String> directoryFiles(Path dir) {
        // Path.of("") is the working folder: an empty --rules would read it unasked
        if (dir.toString().isEmpty()) throw new UserError("--rules is empty: give a folder of *.rules files");
        if (Files.isRegularFile(dir))
            throw new UserError("rules directory " + UserError.excerpt(dir.toString()) + " is a file: give the folder that holds it (--rules takes a folder of *.rules files)");
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
    static Map<String, String> classpathFiles() {
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
