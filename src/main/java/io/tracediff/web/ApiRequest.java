package io.tracediff.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The body of {@code POST /api/COMMAND}, checked field by field, and the command lines it stands for. Only
 * fields that neither read nor write files exist here: {@code rules}, {@code out}, {@code problem} and
 * {@code force} are refused by name, {@code at} must be the values themselves, never a path.
 */
public record ApiRequest(Endpoint endpoint, String expression, List<String> lets, List<String> functions, List<String> wrt,
                         String at, String format, boolean steps, boolean cse, Integer trials, Long seed, boolean exact,
                         CodegenLanguage language, String className, String packageName, boolean commonsMath) {

    /** The API's endpoints, each with the fields it accepts (beyond expression and let). */
    public enum Endpoint {
        PRINT(Set.of("format")),
        GRAD(Set.of("wrt", "at", "fn", "format", "steps", "cse")),
        JACOBIAN(Set.of("wrt", "at", "fn", "format", "steps", "cse")),
        HESSIAN(Set.of("wrt", "at", "fn", "format", "steps", "cse")),
        CHECK(Set.of("wrt", "at", "fn", "trials", "seed", "exact")),
        CODEGEN(Set.of("wrt", "fn", "language", "class", "package", "commons_math"));

        private final Set<String> fields;

        Endpoint(Set<String> fields) { this.fields = fields; }

        /** The command's name, which is also the path: /api/grad runs tracediff grad. */
        public String command() { return name().toLowerCase(Locale.ROOT); }

        public static Endpoint of(String command) {
            for (Endpoint e : values()) if (e.command().equals(command)) return e;
            return null;
        }

        boolean accepts(String field) { return field.equals("expression") || field.equals("let") || fields.contains(field); }

        List<String> fieldNames() {
            List<String> all = new ArrayList<>(List.of("expression", "let"));
            fields.stream().sorted().forEach(all::add);
            return all;
        }
    }

    /** Options that name files: the server neither reads nor writes any. */
    private static final Map<String, String> FILE_OPTIONS = Map.of(
            "rules", "--rules reads rule files",
            "out", "--out writes files",
            "force", "--force replaces files",
            "problem", "--problem reads a problem file; send its expression and declarations as \"expression\" and \"let\"");

    /** Parses and checks a request body; every mistake is a 400 naming the field. */
    public static ApiRequest parse(Endpoint endpoint, String body) {
        JsonNode root;
        try {
            root = JsonText.MAPPER.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw bad("the body is not JSON: " + JsonText.plain(e.getOriginalMessage()));
        }
        if (!(root instanceof ObjectNode o))
            throw bad("the body must be a JSON object such as {\"expression\": \"x'*A*x\", \"wrt\": \"x\"}");
        for (Iterator<String> it = o.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (FILE_OPTIONS.containsKey(field))
                throw bad("\"" + field + "\" is not available over the API: " + FILE_OPTIONS.get(field) + ", and the server touches no files");
            if (!endpoint.accepts(field))
                throw bad("unknown field \"" + field + "\" for /api/" + endpoint.command() + "; its fields are " + String.join(", ", endpoint.fieldNames()));
        }
        String expression = text(o, "expression");
        if (expression == null || expression.isBlank()) throw bad("\"expression\" is required, e.g. {\"expression\": \"x'*A*x\"}");
        List<String> wrt = texts(o, "wrt");
        if (endpoint != Endpoint.PRINT && wrt.isEmpty())
            throw bad("\"wrt\" is required: the variable (or a list of them) to differentiate with respect to");
        for (String w : wrt)
            if (!w.matches("[A-Za-z][A-Za-z0-9_]*")) throw bad("\"wrt\": '" + w + "' is not a variable name");
        String format = text(o, "format");
        if (format != null && !List.of("unicode", "ascii", "latex").contains(format))
            throw bad("\"format\" is unicode, ascii or latex, not '" + format + "'");
        String languageId = text(o, "language");
        CodegenLanguage language = CodegenLanguage.byId(languageId == null ? "java" : languageId);
        if (language == null) throw bad("\"language\" is one of " + CodegenLanguage.ALL.stream().map(CodegenLanguage::id).toList() + ", not '" + languageId + "'");
        Integer trials = o.has("trials") ? (int) whole(o, "trials", 1, 10_000) : null;
        Long seed = o.has("seed") ? whole(o, "seed", Long.MIN_VALUE, Long.MAX_VALUE) : null;
        String className = text(o, "class"), packageName = text(o, "package");
        return new ApiRequest(endpoint, expression, texts(o, "let"), texts(o, "fn"), wrt, values(o), format, flag(o, "steps"),
                flag(o, "cse"), trials, seed, flag(o, "exact"), language, className, packageName,
                !o.has("commons_math") || flag(o, "commons_math"));
    }

    /** The declarations and definitions every command of this request gets, then --wrt, then the expression after "--". */
    private List<String> problem(boolean withWrt) {
        List<String> a = new ArrayList<>();
        for (String l : lets) a.add("--let=" + l);
        if (endpoint != Endpoint.PRINT) for (String f : functions) a.add("--fn=" + f);
        if (withWrt) for (String w : wrt) a.add("--wrt=" + w);
        a.add("--");  // the expression is never read as an option, even "--help"
        a.add(expression);
        return a;
    }

    /** The command line whose output is the answer: the command with --json (codegen: the source). */
    public List<String> mainCommand() {
        List<String> a = new ArrayList<>(List.of(endpoint.command()));
        switch (endpoint) {
            case PRINT, GRAD, JACOBIAN, HESSIAN -> {
                a.add("--json");
                if (format != null) a.add("--format=" + format);
                if (steps) a.add("--steps");
                if (cse) a.add("--cse");
            }
            case CHECK -> {
                a.add("--json");
                if (trials != null) a.add("--trials=" + trials);
                if (seed != null) a.add("--seed=" + seed);
                if (exact) a.add("--exact");
            }
            case CODEGEN -> {
                a.addAll(language.options());
                if (className != null) a.add("--class=" + className);
                if (packageName != null) a.add("--package=" + packageName);
                if (!commonsMath && language.id().equals("java")) a.add("--no-commons-math"); // the Commons Math overload is Java's
            }
        }
        if (at != null) a.add("--at=" + at);
        a.addAll(problem(endpoint != Endpoint.PRINT));
        return a;
    }

    /** The command whose LaTeX output the page renders: the same derivation (check and codegen: the gradient). */
    public List<String> latexCommand(boolean withSteps) {
        if (endpoint == Endpoint.PRINT) {
            List<String> a = new ArrayList<>(List.of("print", "--json", "--format=latex"));
            a.addAll(problem(false));
            return a;
        }
        String command = endpoint == Endpoint.CHECK || endpoint == Endpoint.CODEGEN ? "grad" : endpoint.command();
        List<String> a = new ArrayList<>(List.of(command, "--format=latex"));
        if (withSteps) a.add("--steps");
        else if (cse) a.add("--cse");
        a.addAll(problem(true));
        return a;
    }

    /** The values for --at: a JSON object, passed on as JSON text (a string is accepted only if it is such text). */
    private static String values(ObjectNode o) {
        JsonNode v = o.get("at");
        if (v == null || v.isNull()) return null;
        if (v.isObject()) return JsonText.write(v).strip();
        if (v.isTextual() && v.asText().strip().startsWith("{")) return v.asText().strip();
        throw bad("\"at\" is the values themselves, e.g. {\"x\": [1, 2]}; the server reads no files");
    }

    private static String text(ObjectNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isTextual()) throw bad("\"" + field + "\" must be a string");
        return v.asText();
    }

    /** A string or a list of strings. */
    private static List<String> texts(ObjectNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) return List.of();
        if (v.isTextual()) return v.asText().isBlank() ? List.of() : List.of(v.asText());
        if (!v.isArray()) throw bad("\"" + field + "\" must be a string or a list of strings");
        List<String> out = new ArrayList<>();
        for (JsonNode e : v) {
            if (!e.isTextual()) throw bad("\"" + field + "\" must be a string or a list of strings");
            if (!e.asText().isBlank()) out.add(e.asText());
        }
        return List.copyOf(out);
    }

    private static boolean flag(ObjectNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) return false;
        if (!v.isBoolean()) throw bad("\"" + field + "\" must be true or false");
        return v.asBoolean();
    }

    private static long whole(ObjectNode o, String field, long min, long max) {
        JsonNode v = o.get(field);
        if (!v.canConvertToLong() || !v.isIntegralNumber() || v.asLong() < min || v.asLong() > max)
            throw bad("\"" + field + "\" must be a whole number" + (min == 1 ? " from " + min + " to " + max : ""));
        return v.asLong();
    }

    private static ApiError bad(String message) { return new ApiError(400, message); }
}
