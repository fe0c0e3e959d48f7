package io.tracediff.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tracediff.core.UserError;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code tracediff batch FILE}: many requests in one process, so a script or an editor pays the JVM start once.
 * Each request is a command line of another command; each answer is that command's {@code --json} output on one
 * line, in request order, and a failed request answers {@code {"error": …, "exit": …, "request": …}}.
 */
@Command(name = "batch", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run many requests in one process and print one JSON result a line, in request order: what the "
                + "request's command prints with --json (added to each request whose command has it), or "
                + "{\"output\": …} for one that has no JSON form (codegen). A request that fails answers "
                + "{\"error\": MESSAGE, \"exit\": CODE, \"request\": N} and the others still run; warnings it gave before failing "
                + "come under \"warnings\": [...], never in MESSAGE.",
                "",
                "FILE (or - for standard input) holds either one request a line — a command line as typed after "
                + "'tracediff', words separated by spaces, \"double quotes\" grouping words (\\\" and \\\\ inside); a single "
                + "quote is a transpose, not a quote; blank lines and lines starting with # are skipped; N is the line "
                + "number — or a JSON list whose items are a command line (a string), its words (a list of strings), or "
                + "an object {\"command\": \"grad\", \"expression\": …, \"wrt\": \"x\", …} where every other key becomes "
                + "--key (true: a flag, a list: the option repeated); N is the item's position, from 1.",
                "",
                "Exit status: 0 when every request succeeded, otherwise the exit status of the first one that did not "
                + "(2 bad input, 3 a check disagreed, 1 internal error); 2 when FILE itself cannot be read."},
        footer = {"", "Example:",
                "  echo '[\"grad sum(exp(x)) --wrt x\", {\"command\": \"grad\", \"expression\": \"sum(sin(X))\", \"wrt\": \"X\"}]' > requests.json",
                "  tracediff batch requests.json",
                "  {\"closed_form\":{\"x\":\"exp(x)\"},\"printed\":{\"x\":\"exp(x)\"},\"self_check\":{\"points\":2,\"max_rel_err\":0.0}}",
                "  {\"closed_form\":{\"X\":\"cos(X)\"},\"printed\":{\"X\":\"cos(X)\"},\"self_check\":{\"points\":2,\"max_rel_err\":0.0}}"})
public final class BatchCommand extends BaseCommand {

    @Parameters(index = "0", paramLabel = "FILE", description = "Requests, one a line or a JSON list; - reads standard input.")
    String file;

    /** One line per result: the commands' JSON is written indented, the batch's compactly. */
    private static final ObjectWriter LINE = Json.mapper().writer().without(SerializationFeature.INDENT_OUTPUT);

    /**
     * A request: its number (line or position) and its words, or the reason it has none. {@code fromFields}: built from
     * a JSON object, whose every field is a value (written --key=value, the expression after "--"), never an option.
     */
    record Request(int number, List<String> args, String problem, boolean fromFields) {
        Request(int number, List<String> args, String problem) { this(number, args, problem, false); }
    }

    @Override
    public Integer call() {
        int exit = ExitCodes.OK;
        try (Reader in = open()) {
            BufferedReader reader = new BufferedReader(in);
            refuseBinary(reader);
            int first = firstCharacter(reader);
            if (first == '{') throw new UserError(where() + ": a JSON batch is a list of requests, [{…}, {…}], not one object");
            Iterator<Request> requests = first == '[' ? jsonRequests(reader) : lineRequests(reader);
            int leadingNotText = 0;   // requests that are not text before any that is: a binary stream, refused whole
            while (requests.hasNext()) {
                Request r = requests.next();
                boolean notText = r.problem() != null && (r.problem().contains("not UTF-8 text") || r.problem().contains("not text ("));
                leadingNotText = notText && leadingNotText >= 0 ? leadingNotText + 1 : -1;
                if (leadingNotText >= 8)
                    throw new UserError(where() + " is not a text file (its first 8 requests hold NUL bytes or bytes that are not UTF-8); "
                            + "a batch is text: one request a line, or a JSON list");
                int code = answer(r);
                if (exit == ExitCodes.OK) exit = code;
                // | head -1 or a full disk: no one reads the rest, so it is not computed
                if (out().checkError()) throw new UserError("stopped after request " + r.number() + ": the output cannot be written (closed or full)");
            }
        } catch (IOException e) {
            throw new UserError("cannot read " + where() + ": " + e.getMessage());
        }
        out().flush();
        return exit;
    }

    private Reader open() throws IOException {
        // Bytes that are not UTF-8 become U+FFFD, refused for their request alone (see notText), not for the whole batch.
        var utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(java.nio.charset.CodingErrorAction.REPLACE)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPLACE);
        if (file.equals("-")) return new InputStreamReader(System.in, utf8);
        if (file.isEmpty()) throw new UserError("the batch file name is empty: give a file, or - for standard input");
        if (Files.isDirectory(Path.of(file))) throw new UserError("batch file " + UserError.excerpt(file, 200) + " is a folder, not a file");
        io.tracediff.limits.InputFiles.refuseNamedPipe(Path.of(file), "batch file");   // - is standard input, read as it arrives
        try {
            return new InputStreamReader(Files.newInputStream(Path.of(file)), utf8);
        } catch (NoSuchFileException e) {
            throw new UserError("batch file not found: " + UserError.excerpt(file, 200));
        }
    }

    /** The longest request line: what a problem file may hold (/dev/zero, a line that never ends, stops there). */
    private static final long MAX_LINE = io.tracediff.limits.Limit.SOURCE_BYTES.value();

    /** The next line without its end, or null at the end of input; a line past {@link #MAX_LINE} characters stops the batch. */
    private String boundedLine(BufferedReader reader, int number) throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = reader.read()) != -1 && c != '\n') {
            if (line.length() >= MAX_LINE)
                throw io.tracediff.limits.Limit.SOURCE_BYTES.exceeded(where() + ": line " + number + " is longer than " + MAX_LINE + " characters");
            line.append((char) c);
        }
        if (c == -1 && line.length() == 0) return null;
        int end = line.length();
        if (end > 0 && line.charAt(end - 1) == '\r') line.setLength(end - 1);
        return line.toString();
    }

    /**
     * Refuses input that is not text at all (a binary file, /dev/zero), which would otherwise answer one error a line,
     * without end: eight NULs or eight bytes that are not UTF-8 in its first line (at most 4,096 characters read, and no
     * more than that line: a script writing requests to standard input one at a time is not kept waiting). A stream whose
     * first lines are short is caught by its first eight requests (see call). A stray byte in a text file stays the error
     * of its own request.
     */
    private void refuseBinary(BufferedReader reader) throws IOException {
        char[] head = new char[4096];
        reader.mark(head.length);
        int n = 0, c;
        while (n < head.length && (c = reader.read()) != -1) {
            head[n++] = (char) c;
            if (c == '\n') break;
        }
        reader.reset();
        int nul = 0, bad = 0;
        for (int i = 0; i < n; i++) { if (head[i] == '\0') nul++; else if (head[i] == '\uFFFD') bad++; }
        if (nul >= 8 || bad >= 8)
            throw new UserError(where() + " is not a text file (" + (nul > 0 ? "it holds NUL bytes" : "it holds bytes that are not UTF-8")
                    + " in its first " + n + " characters); a batch is text: one request a line, or a JSON list");
    }

    /** Why a request's text is not one, or null: a NUL or bytes that are not UTF-8 (read as U+FFFD). */
    private static String notText(String t) {
        if (t.indexOf('\0') >= 0) return "not text (a NUL character)";
        if (t.indexOf('\uFFFD') >= 0) return "not UTF-8 text";
        return null;
    }

    private String where() { return file.equals("-") ? "standard input" : file; }

    /** Runs one request in this process and writes its one-line answer; returns its exit status. */
    private int answer(Request r) {
        if (r.problem() != null) return error(r, r.problem(), ExitCodes.USER_ERROR);
        List<String> args = new ArrayList<>(r.args());
        if (args.isEmpty()) return error(r, "empty request: give a command, e.g. grad \"x'*x\" --wrt x", ExitCodes.USER_ERROR);
        if (args.get(0).equals("batch")) return error(r, "batch cannot run inside batch", ExitCodes.USER_ERROR);
        // serve never returns: the rest of the batch would wait forever behind an open port.
        if (args.get(0).equals("serve")) return error(r, "serve cannot run inside batch (it runs until stopped); start it on its own", ExitCodes.USER_ERROR);
        StringWriter text = new StringWriter(), problems = new StringWriter();
        PrintWriter out = new PrintWriter(text), err = new PrintWriter(problems);
        int code;
        try {
            CommandLine cl = Main.commandLine(out, err, args.toArray(String[]::new));
            // A field's value is a value even when it starts like an option ("let": "-h"): it is attached (--let=-h).
            if (r.fromFields()) cl.setAllowOptionsAsOptionParameters(true);
            CommandLine sub = cl.getSubcommands().get(args.get(0));
            int optionsEnd = args.indexOf("--") < 0 ? args.size() : args.indexOf("--");   // after "--" every word is positional
            if (sub != null && sub.getCommandSpec().findOption("--json") != null && !args.subList(0, optionsEnd).contains("--json"))
                args.add(optionsEnd, "--json");
            code = cl.execute(args.toArray(String[]::new));
        } catch (RuntimeException | StackOverflowError e) {  // from outside picocli's handlers, as in Main.run
            code = Errors.report(e, err);
        }
        out.flush();
        err.flush();
        String printed = text.toString();
        JsonNode json = parsedJson(printed);
        if (json != null && (code == ExitCodes.OK || code == ExitCodes.DISAGREE)) {
            out().println(write(json));
        } else if (code == ExitCodes.OK) {
            ObjectNode o = Json.object();
            o.put("output", printed);
            out().println(write(o));
        } else {
            return error(r, problems.toString(), code);
        }
        out().flush();
        return code;
    }

    /** The failed request's answer: the message alone under "error", and the warnings before it, if any, under "warnings". */
    private int error(Request r, String stderr, int code) {
        List<String> warnings = new ArrayList<>(), message = new ArrayList<>();
        for (String line : stderr.strip().split("\\R", -1))
            (line.startsWith(WARNING) ? warnings : message).add(line.startsWith(WARNING) ? line.substring(WARNING.length()) : line);
        String m = String.join("\n", message);
        ObjectNode o = Json.object();
        o.put("error", m.startsWith("error: ") ? m.substring("error: ".length()) : m);
        o.put("exit", code);
        o.put("request", r.number());
        if (!warnings.isEmpty()) warnings.forEach(o.putArray("warnings")::add);
        out().println(write(o));
        out().flush();
        return code;
    }

    /** How a command's stderr begins a line that is not its error ("tracediff: warning: …", "tracediff: note: …"). */
    private static final String WARNING = "tracediff: ";

    private static JsonNode parsedJson(String printed) {
        String t = printed.strip();
        if (!t.startsWith("{")) return null;
        try {
            return Json.mapper().readTree(t);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static String write(JsonNode n) {
        try {
            return LINE.writeValueAsString(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise JSON", e);
        }
    }

    /** The first non-blank character ('[' starts a JSON list); the reader is left where it was. */
    private static int firstCharacter(BufferedReader reader) throws IOException {
        reader.mark(1 << 16);
        int c;
        int read = 0;
        do {
            c = reader.read();
            read++;
        } while (c != -1 && Character.isWhitespace(c) && read < (1 << 16) - 1);
        reader.reset();
        return c;
    }

    /** One request per line, read as the lines arrive (so a pipe gets each answer before sending the next). */
    private Iterator<Request> lineRequests(BufferedReader reader) {
        return new Iterator<>() {
            private Request next;
            private int lineNumber;

            @Override public boolean hasNext() {
                while (next == null) {
                    String line;
                    try {
                        line = boundedLine(reader, lineNumber + 1);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    if (line == null) return false;
                    lineNumber++;
                    String t = line.strip();
                    if (t.isEmpty() || t.startsWith("#")) continue;
                    String why = notText(t);
                    next = why != null ? new Request(lineNumber, List.of(), "line " + lineNumber + " is " + why) : fromCommandLine(lineNumber, t);
                }
                return true;
            }

            @Override public Request next() {
                if (!hasNext()) throw new java.util.NoSuchElementException();
                Request r = next;
                next = null;
                return r;
            }
        };
    }

    /** The items of a JSON list, parsed one at a time so a long list is never held whole. */
    private Iterator<Request> jsonRequests(BufferedReader reader) throws IOException {
        JsonParser parser = Json.mapper().getFactory().createParser(reader);
        try {
            parser.nextToken(); // the '['
        } catch (JsonProcessingException e) {
            throw new UserError(where() + ": not a JSON list: " + problem(e));
        }
        return new Iterator<>() {
            private int position;
            private Boolean more;

            @Override public boolean hasNext() {
                if (more == null) {
                    try {
                        JsonToken t = parser.nextToken();
                        if (t == null) throw new UserError(where() + ": the JSON list is not closed with ']'");
                        more = t != JsonToken.END_ARRAY;
                    } catch (com.fasterxml.jackson.core.io.JsonEOFException e) {
                        throw new UserError(where() + ": the JSON list is not closed with ']'");
                    } catch (JsonProcessingException e) {
                        throw new UserError(where() + ": bad JSON after request " + position + ": " + problem(e));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
                return more;
            }

            @Override public Request next() {
                if (!hasNext()) throw new java.util.NoSuchElementException();
                more = null;
                position++;
                JsonNode item;
                try {
                    item = parser.readValueAsTree();
                } catch (JsonProcessingException e) {
                    throw new UserError(where() + ": bad JSON in request " + position + ": " + problem(e));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return fromJson(position, item);
            }
        };
    }

    /** Jackson's message without its source excerpt, and where. */
    private static String problem(JsonProcessingException e) {
        String m = io.tracediff.web.JsonText.plain(e.getOriginalMessage());
        var at = e.getLocation();
        return at == null ? m : m + " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
    }

    static Request fromJson(int number, JsonNode item) {
        if (item.isTextual()) return fromCommandLine(number, item.asText());
        List<String> args = new ArrayList<>();
        if (item.isArray()) {
            for (JsonNode w : item) {
                if (!w.isValueNode() || w.isNull()) return new Request(number, null, "a request given as a list holds words (strings), not " + w);
                args.add(w.asText());
            }
            return new Request(number, args, null);
        }
        if (!item.isObject()) return new Request(number, null, "a request is a command line, a list of words or an object, not " + item);
        JsonNode command = item.get("command");
        if (command == null || !command.isTextual())
            return new Request(number, null, "a request object needs \"command\", e.g. {\"command\": \"grad\", \"expression\": \"x'*x\", \"wrt\": \"x\"}");
        args.add(command.asText());
        JsonNode expression = item.get("expression");
        if (expression != null && !expression.isTextual())
            return new Request(number, null, "\"expression\" must be a string, not " + UserError.excerpt(expression.toString(), 80));
        for (Iterator<Map.Entry<String, JsonNode>> it = item.fields(); it.hasNext(); ) {
            var e = it.next();
            if (e.getKey().equals("command") || e.getKey().equals("expression")) continue;
            String option = "--" + e.getKey();
            JsonNode v = e.getValue();
            // Values are words: a string or a number (true for a flag, a list to repeat an option); only "at" holds an object.
            String wrong = v.isNull() ? "null" : v.isObject() && !e.getKey().equals("at") ? "an object" : null;
            if (v.isArray()) for (JsonNode x : v) if (!x.isValueNode() || x.isNull() || x.isBoolean()) wrong = "a list holding " + x;
            if (wrong != null)
                return new Request(number, null, "\"" + UserError.excerpt(e.getKey(), 40) + "\" must be a string, a number, true for a flag, "
                        + "or a list of strings, not " + UserError.excerpt(wrong, 80));
            if (v.isBoolean()) {
                if (v.asBoolean()) args.add(option);
            } else if (v.isArray()) {
                for (JsonNode x : v) args.add(option + "=" + x.asText());
            } else {
                args.add(option + "=" + (v.isValueNode() ? v.asText() : v.toString())); // an object (inline --at values) as JSON text
            }
        }
        // "expression" is the expression whatever it starts with ("-h'*x", "--help"): after "--", no word is an option.
        if (expression != null) { args.add("--"); args.add(expression.asText()); }
        return new Request(number, args, null, true);
    }

    /** Words separated by white space; "…" groups (with \" and \\); a single quote is an ordinary character. */
    static Request fromCommandLine(int number, String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false, quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"') quoted = false;
                else if (c == '\\' && i + 1 < line.length() && (line.charAt(i + 1) == '"' || line.charAt(i + 1) == '\\')) word.append(line.charAt(++i));
                else word.append(c);
            } else if (c == '"') {
                quoted = true;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) { words.add(word.toString()); word.setLength(0); inWord = false; }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quoted) return new Request(number, null, "unterminated \" in: " + line);
        if (inWord) words.add(word.toString());
        return new Request(number, words, null);
    }
}
