package io.tracediff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs a command as the README or a --help footer shows it (shell quoting, {@code echo '…' > FILE} setup lines,
 * file arguments) in-process through {@link Main}, and compares what it prints with the lines shown.
 */
public final class ShownCommands {
    private ShownCommands() {}

    /** The project folder (where README.md is), from Maven's basedir or the working directory. */
    public static Path projectDir() {
        Path dir = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("README.md"))) dir = dir.getParent();
        if (dir == null) throw new IllegalStateException("README.md not found above " + System.getProperty("user.dir"));
        return dir;
    }


    public record Run(int code, String out, String err) {
        public String all() {
            return out + err;
        }
    }

    public static Run tracediff(List<String> args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(err), args.toArray(String[]::new));
        return new Run(code, out.toString().replace(System.lineSeparator(), "\n"), err.toString().replace(System.lineSeparator(), "\n"));
    }

    /** Splits a shell command line into words: single quotes, double quotes (with \" \\ \$ \`), blanks. */
    public static List<String> shellWords(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean inWord = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\'') {
                int close = line.indexOf('\'', i + 1);
                if (close < 0) throw new IllegalArgumentException("unclosed ' in: " + line);
                w.append(line, i + 1, close);
                i = close;
                inWord = true;
            } else if (c == '"') {
                int j = i + 1;
                for (; j < line.length() && line.charAt(j) != '"'; j++) {
                    char d = line.charAt(j);
                    if (d == '\\' && j + 1 < line.length() && "\"\\$`".indexOf(line.charAt(j + 1)) >= 0) d = line.charAt(++j);
                    w.append(d);
                }
                if (j >= line.length()) throw new IllegalArgumentException("unclosed \" in: " + line);
                i = j;
                inWord = true;
            } else if (c == ' ' || c == '\t') {
                if (inWord) words.add(w.toString());
                w.setLength(0);
                inWord = false;
            } else {
                w.append(c);
                inWord = true;
            }
        }
        if (inWord) words.add(w.toString());
        return words;
    }

    public static final List<String> PATH_OPTIONS = List.of("--at", "--problem", "--rules", "--out");

    /**
     * The arguments after {@code bin/tracediff} (or {@code tracediff}) with file arguments made to work in-process:
     * a path that exists in the project stays (examples/…); any other (values.json written by an {@code echo} line,
     * an {@code --out} folder) is taken inside {@code dir}, which stands for the user's working directory.
     */
    public static List<String> tracediffArgs(List<String> words, Path dir) {
        List<String> args = new ArrayList<>(words.subList(1, words.size()));
        for (int i = 0; i + 1 < args.size(); i++) {
            String opt = args.get(i), value = args.get(i + 1);
            if (!PATH_OPTIONS.contains(opt) || value.startsWith("{")) continue;
            boolean inProject = !opt.equals("--out") && Files.exists(projectDir().resolve(value));
            args.set(i + 1, inProject ? projectDir().resolve(value).toString() : dir.resolve(value).toString());
        }
        // A positional file an echo line wrote (batch requests.json) is in the user's working directory too.
        for (int i = 1; i < args.size(); i++) {
            String a = args.get(i);
            if (!a.startsWith("-") && !a.contains("/") && a.matches("[\\w.-]+") && Files.isRegularFile(dir.resolve(a)))
                args.set(i, dir.resolve(a).toString());
        }
        return args;
    }

    /** Runs a shown command line in {@code dir}: an {@code echo '…' > FILE} writes FILE; a tracediff command runs. */
    public static Run runShown(String where, String command, Path dir) throws IOException {
        List<String> words = shellWords(command);
        if (words.get(0).equals("echo")) {
            assertTrue(words.size() == 4 && words.get(2).equals(">"), where + ": only `echo '…' > FILE` is understood");
            Files.writeString(dir.resolve(words.get(3)), words.get(1) + "\n");
            return null;
        }
        assertTrue(words.get(0).equals("bin/tracediff") || words.get(0).equals("tracediff"), where + ": not a tracediff command");
        Run r = tracediff(tracediffArgs(words, dir));
        // What the user's terminal shows: the working directory is not spelled out in paths tracediff prints.
        String prefix = dir + java.io.File.separator;
        return new Run(r.code(), r.out().replace(prefix, ""), r.err().replace(prefix, ""));
    }

    /** Whether {@code actual} lines match {@code shown} lines, where a line "…" in {@code shown} stands for any lines. */
    public static boolean matches(List<String> shown, List<String> actual) {
        boolean[][] m = new boolean[shown.size() + 1][actual.size() + 1];  // m[i][j]: shown[i..] matches actual[j..]
        m[shown.size()][actual.size()] = true;
        for (int i = shown.size() - 1; i >= 0; i--)
            for (int j = actual.size(); j >= 0; j--) {
                if (shown.get(i).strip().equals("…")) m[i][j] = m[i + 1][j] || (j < actual.size() && m[i][j + 1]);
                else m[i][j] = j < actual.size() && shown.get(i).stripTrailing().equals(actual.get(j).stripTrailing()) && m[i + 1][j + 1];
            }
        return m[0][0];
    }

    public static void assertShownOutput(String where, List<String> shown, Run r) {
        // A shown "error:" is a user error (exit 2); anything else must succeed.
        boolean error = !shown.isEmpty() && shown.get(0).startsWith("error:");
        assertEquals(error ? 2 : 0, r.code(), where + "\nexit " + r.code() + "; printed:\n" + r.all());
        List<String> actual = r.all().lines().toList();
        if (!matches(shown, actual))
            fail(where + "\nshown:\n" + String.join("\n", shown) + "\nbut it prints:\n" + r.all());
    }

    /** Commands the test cannot run in-process, each with the reason and the test that covers it instead. */
    public static String notRunnable(String command) {
        if (shellWords(command).size() > 1 && shellWords(command).get(1).equals("serve"))
            return "serves until stopped; ServeCommandTest starts it as a process and checks this line";
        return null;
    }
}
