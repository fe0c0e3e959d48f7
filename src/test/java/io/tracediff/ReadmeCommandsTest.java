package io.tracediff;

import static io.tracediff.cli.ShownCommands.assertShownOutput;
import static io.tracediff.cli.ShownCommands.matches;
import static io.tracediff.cli.ShownCommands.notRunnable;
import static io.tracediff.cli.ShownCommands.projectDir;
import static io.tracediff.cli.ShownCommands.runShown;
import static io.tracediff.cli.ShownCommands.shellWords;
import static io.tracediff.cli.ShownCommands.tracediff;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.tracediff.cli.ShownCommands.Run;
import java.io.IOException;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * README.md tells the truth: every {@code $ bin/tracediff …} line of its fenced blocks, every plain
 * {@code bin/tracediff …} command it shows, every row of its gradient, Jacobian/Hessian and output-format tables,
 * and every Java snippet runs, in-process, and prints what the README shows. The README is parsed, so a new
 * example is tested without touching this class; each failure names the README line.
 */
class ReadmeCommandsTest {

    static final String README = "README.md";

    @TempDir Path tmp;

    // ---- reading the README -------------------------------------------------------------------------------

    static List<String> readmeLines() throws IOException {
        return Files.readAllLines(projectDir().resolve(README), StandardCharsets.UTF_8);
    }

    /** A fenced block: its info string, the README line of its first content line, its lines. */
    record Block(String info, int firstLine, List<String> lines) {}

    static List<Block> blocks(List<String> readme) {
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < readme.size(); i++) {
            if (!readme.get(i).startsWith("```")) continue;
            String info = readme.get(i).substring(3).trim();
            int start = i + 1;
            int end = start;
            while (end < readme.size() && !readme.get(end).startsWith("```")) end++;
            blocks.add(new Block(info, start + 1, readme.subList(start, end)));
            i = end;
        }
        return blocks;
    }

    /** One shell command shown in the README with the output shown under it ("…" stands for any lines). */
    record Shown(int line, String command, List<String> output) {
        String where() {
            return README + ":" + line + ": " + command;
        }
    }

    static List<Shown> shownCommands(List<Block> blocks) {
        List<Shown> shown = new ArrayList<>();
        for (Block b : blocks) {
            if (b.info().equals("java") || b.info().equals("json")) continue;
            List<String> lines = b.lines();
            boolean prompted = lines.stream().anyMatch(l -> l.startsWith("$ "));
            for (int i = 0; i < lines.size(); i++) {
                String l = lines.get(i);
                if (prompted && l.startsWith("$ ")) {
                    int j = i + 1;
                    while (j < lines.size() && !lines.get(j).startsWith("$ ")) j++;
                    shown.add(new Shown(b.firstLine() + i, l.substring(2), List.copyOf(lines.subList(i + 1, j))));
                    i = j - 1;
                } else if (!prompted && l.startsWith("bin/tracediff ")) {
                    shown.add(new Shown(b.firstLine() + i, l, null));  // no output shown: it must succeed
                }
            }
        }
        return shown;
    }


    // ---- the tests ----------------------------------------------------------------------------------------


    @TestFactory
    Stream<DynamicTest> everyShownCommandPrintsWhatTheReadmeShows() throws IOException {
        List<Shown> shown = shownCommands(blocks(readmeLines()));
        assertTrue(shown.size() >= 8, "README commands found: " + shown.size());
        List<DynamicTest> tests = new ArrayList<>();
        List<Shown> echoes = new ArrayList<>();  // setup lines run before every later command, as in a terminal
        for (Shown s : shown) {
            if (s.command().startsWith("echo ")) {
                echoes.add(s);
                continue;
            }
            List<Shown> setup = List.copyOf(echoes);
            tests.add(DynamicTest.dynamicTest(s.where(), () -> {
                String reason = notRunnable(s.command());
                org.junit.jupiter.api.Assumptions.assumeTrue(reason == null, s.where() + ": " + reason);
                Path dir = Files.createTempDirectory(tmp, "cwd");
                for (Shown e : setup) runShown(e.where(), e.command(), dir);
                Run r = runShown(s.where(), s.command(), dir);
                if (s.output() == null) assertEquals(0, r.code(), s.where() + "\nprinted:\n" + r.all());
                else assertShownOutput(s.where(), s.output(), r);
            }));
        }
        return tests.stream();
    }

    static final Pattern INLINE_COMMAND = Pattern.compile("`(bin/tracediff [^`]+)`");

    /** Inline commands in the prose that name concrete files and expressions (not synopses with EXPR or […]) run. */
    @TestFactory
    Stream<DynamicTest> everyConcreteInlineCommandRuns() throws IOException {
        List<String> readme = readmeLines();
        List<DynamicTest> tests = new ArrayList<>();
        boolean inBlock = false;
        for (int i = 0; i < readme.size(); i++) {
            if (readme.get(i).startsWith("```")) inBlock = !inBlock;
            if (inBlock) continue;
            Matcher m = INLINE_COMMAND.matcher(readme.get(i));
            while (m.find()) {
                String command = m.group(1);
                if (command.matches(".*(\\b[A-Z]{3,}\\b|\\[|…).*")) continue;  // a synopsis: EXPR, FILE, [--wrt Y …]
                String where = README + ":" + (i + 1) + ": " + command;
                tests.add(DynamicTest.dynamicTest(where, () -> {
                    Run r = runShown(where, command, Files.createTempDirectory(tmp, "cwd"));
                    assertEquals(0, r.code(), where + "\nprinted:\n" + r.all());
                    assertFalse(r.out().isBlank(), where + ": printed nothing");
                }));
            }
        }
        assertFalse(tests.isEmpty(), "no inline bin/tracediff command found in " + README);
        return tests.stream();
    }

    // ---- tables -------------------------------------------------------------------------------------------

    /** A table row: its README line and its cells. */
    record Row(int line, List<String> cells) {}

    /** The body rows of every table whose header row satisfies {@code header}. */
    static List<Row> tableRows(List<String> readme, java.util.function.Predicate<String> header) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i + 1 < readme.size(); i++) {
            if (!readme.get(i).startsWith("|") || !header.test(readme.get(i)) || !readme.get(i + 1).startsWith("|---")) continue;
            for (int j = i + 2; j < readme.size() && readme.get(j).startsWith("|"); j++) rows.add(new Row(j + 1, cells(readme.get(j))));
        }
        return rows;
    }

    static List<String> cells(String row) {
        List<String> cells = new ArrayList<>();
        StringBuilder c = new StringBuilder();
        boolean code = false;
        for (int i = 1; i < row.length(); i++) {  // '|' inside `code` (and an escaped \|) is not a separator
            char ch = row.charAt(i);
            if (ch == '`') code = !code;
            if (ch == '\\' && i + 1 < row.length() && row.charAt(i + 1) == '|') {
                c.append('|');
                i++;
            } else if (ch == '|' && !code) {
                cells.add(c.toString().strip());
                c.setLength(0);
            } else c.append(ch);
        }
        return cells;
    }

    static final Pattern CODE = Pattern.compile("`([^`]+)`");

    static List<String> codeSpans(String cell) {
        List<String> spans = new ArrayList<>();
        Matcher m = CODE.matcher(cell);
        while (m.find()) spans.add(m.group(1));
        return spans;
    }

    /** Options written in a cell as code spans starting with "--" (e.g. `--let "b: vector(n)"`). */
    static List<String> optionSpans(String cell) {
        List<String> options = new ArrayList<>();
        for (String s : codeSpans(cell)) if (s.startsWith("--")) options.addAll(shellWords(s));
        return options;
    }

    static List<String> expressionSpans(String cell) {
        return codeSpans(cell).stream().filter(s -> !s.startsWith("--")).toList();
    }

    /** The right-hand sides of printed lines "LABEL = RESULT". */
    static List<String> resultsOf(Run r) {
        return r.out().lines().map(l -> l.substring(l.indexOf(" = ") + 3)).toList();
    }

    static DynamicTest rowTest(Row row, String what, List<String> args, List<String> expected) {
        String where = README + ":" + row.line() + ": tracediff " + String.join(" ", args);
        return DynamicTest.dynamicTest(where, () -> {
            Run r = tracediff(args);
            assertEquals(0, r.code(), where + " (" + what + ")\nprinted:\n" + r.all());
            assertEquals(expected, resultsOf(r), where + " (" + what + ")");
        });
    }

    /** | problem | `grad` prints |: `EXPR` wrt X → `RESULT` (several expressions pair with several results). */
    @TestFactory
    Stream<DynamicTest> gradientTableRowsPrintTheirGradient() throws IOException {
        List<Row> rows = tableRows(readmeLines(), h -> h.contains("`grad` prints"));
        assertTrue(rows.size() >= 5, "gradient table rows: " + rows.size());
        List<DynamicTest> tests = new ArrayList<>();
        for (Row row : rows) {
            Matcher wrt = Pattern.compile("\\bwrt (\\w+)").matcher(row.cells().get(0));
            assertTrue(wrt.find(), README + ":" + row.line() + ": no 'wrt X' in " + row.cells().get(0));
            List<String> exprs = expressionSpans(row.cells().get(0)), results = expressionSpans(row.cells().get(1));
            assertEquals(exprs.size(), results.size(), README + ":" + row.line() + ": expressions and results do not pair up");
            for (int k = 0; k < exprs.size(); k++) {
                List<String> args = new ArrayList<>(List.of("grad", exprs.get(k), "--wrt", wrt.group(1)));
                args.addAll(optionSpans(row.cells().get(0)));
                tests.add(rowTest(row, "gradients table", args, List.of(results.get(k))));
            }
        }
        return tests.stream();
    }

    /**
     * | expression | `--wrt` | result |: `EXPR` (jacobian) or hessian `EXPR`, one or more --wrt names, and the
     * result(s) (a Hessian's blocks in row order); text after the code spans is a note.
     */
    @TestFactory
    Stream<DynamicTest> jacobianAndHessianTableRowsPrintTheirResult() throws IOException {
        List<Row> rows = tableRows(readmeLines(), h -> h.matches("\\| expression \\| `--wrt` \\| result \\|.*"));
        assertTrue(rows.size() >= 5, "Jacobian/Hessian table rows: " + rows.size());
        List<DynamicTest> tests = new ArrayList<>();
        for (Row row : rows) {
            String first = row.cells().get(0);
            String command = first.startsWith("hessian ") ? "hessian" : "jacobian";
            List<String> exprs = expressionSpans(first);
            assertEquals(1, exprs.size(), README + ":" + row.line() + ": one expression per row");
            List<String> args = new ArrayList<>(List.of(command, exprs.get(0)));
            for (String w : row.cells().get(1).split(",")) args.addAll(List.of("--wrt", w.strip()));
            args.addAll(optionSpans(first));
            tests.add(rowTest(row, "Jacobians and Hessians table", args, expressionSpans(row.cells().get(2))));
        }
        return tests.stream();
    }

    /** | format | example: `EXPR` [with `--let …`] | notes |: `print EXPR --format F` prints the row's example first. */
    @TestFactory
    Stream<DynamicTest> outputFormatTableRowsPrintTheirExample() throws IOException {
        List<String> readme = readmeLines();
        String header = readme.stream().filter(l -> l.startsWith("| format | example:")).findFirst()
                .orElseThrow(() -> new AssertionError("no output-format table in " + README));
        String headerCell = cells(header).get(1);
        String expr = expressionSpans(headerCell).get(0);
        List<String> options = optionSpans(headerCell);
        List<Row> rows = tableRows(readme, h -> h.equals(header));
        assertTrue(rows.size() >= 3, "output-format rows: " + rows.size());
        return rows.stream().map(row -> {
            List<String> args = new ArrayList<>(List.of("print", expr, "--format", codeSpans(row.cells().get(0)).get(0)));
            args.addAll(options);
            String expected = codeSpans(row.cells().get(1)).get(0);
            String where = README + ":" + row.line() + ": tracediff " + String.join(" ", args);
            return DynamicTest.dynamicTest(where, () -> {
                Run r = tracediff(args);
                assertEquals(0, r.code(), where + "\nprinted:\n" + r.all());
                assertEquals(expected, r.out().lines().findFirst().orElse(""), where);
            });
        });
    }

    // ---- Java snippets ------------------------------------------------------------------------------------

    /**
     * Every ```java block compiles as written (its imports at the top of a class, its statements in a method) against
     * the project's classes, and runs without an exception.
     */
    @TestFactory
    Stream<DynamicTest> everyJavaSnippetCompilesAndRuns() throws IOException {
        List<Block> java = blocks(readmeLines()).stream().filter(b -> b.info().equals("java")).toList();
        assertTrue(java.size() >= 2, "java snippets: " + java.size());
        return java.stream().map(b -> DynamicTest.dynamicTest(README + ":" + b.firstLine() + ": java snippet", () -> {
            String cls = "ReadmeSnippetAtLine" + b.firstLine();
            StringBuilder src = new StringBuilder();
            List<String> body = new ArrayList<>();
            for (String l : b.lines()) {
                if (l.startsWith("import ")) src.append(l).append('\n');
                else body.add(l);
            }
            src.append("public class ").append(cls).append(" {\n  public static void run() throws Exception {\n");
            for (String l : body) src.append("    ").append(l).append('\n');
            src.append("  }\n}\n");
            Path dir = Files.createTempDirectory(tmp, "snippet");
            Path file = Files.writeString(dir.resolve(cls + ".java"), src.toString());
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            StringWriter diagnostics = new StringWriter();
            boolean ok = javac.getTask(diagnostics, null, null,
                    List.of("-encoding", "UTF-8", "-proc:none", "-d", dir.toString(), "-cp", System.getProperty("java.class.path")),
                    null, javac.getStandardFileManager(null, null, StandardCharsets.UTF_8).getJavaFileObjects(file)).call();
            if (!ok) fail(README + ":" + b.firstLine() + ": the java snippet does not compile as written:\n" + diagnostics);
            try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
                Method run = loader.loadClass(cls).getMethod("run");
                try {
                    run.invoke(null);
                } catch (java.lang.reflect.InvocationTargetException e) {
                    throw new AssertionError(README + ":" + b.firstLine() + ": the java snippet throws " + e.getCause(), e.getCause());
                }
            }
        }));
    }

    // ---- self-tests of the parsing --------------------------------------------------------------------------

    @org.junit.jupiter.api.Test
    void shellWordsAndElisionMatchAsAShellAndAReaderWould() {
        assertEquals(List.of("bin/tracediff", "grad", "a'*exp(X*b)", "--let", "a: \"v\""),
                shellWords("bin/tracediff grad \"a'*exp(X*b)\" --let 'a: \"v\"'"));
        assertEquals(List.of("x\"$y"), shellWords("\"x\\\"\\$y\""));
        assertTrue(matches(List.of("a", "…", "d"), List.of("a", "b", "c", "d")));
        assertTrue(matches(List.of("…", "b", "…"), List.of("a", "b", "c")));
        assertFalse(matches(List.of("a", "…", "d"), List.of("a", "b", "c")));
        assertFalse(matches(List.of("a", "b"), List.of("a", "b", "c")));
        assertEquals(List.of("x", "`y | z`", "w"), cells("| x | `y | z` | w |"));
        assertEquals(Arrays.asList("--let", "b: vector(n)"), optionSpans("`exp(X*b)` with `--let \"b: vector(n)\"`"));
    }
}
