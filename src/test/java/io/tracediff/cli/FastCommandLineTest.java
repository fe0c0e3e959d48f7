package io.tracediff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * FastCommandLine binds exactly what picocli binds, or leaves the line to picocli: on every tracediff command line
 * the README shows and on 3,000 generated ones (valid and odd: signs, hex and exponent numbers, mixed-case names,
 * repeats, attached values, dash-led values, unknown options, help, extra parameters), every field the command
 * table names holds the same value after either parse. It must also take the plain lines people type.
 */
class FastCommandLineTest {
    private static final Map<String, CommandTable.Command> TABLE = CommandTable.read(CommandTable.write(CommandTableWriter.commands()));
    private static final PrintWriter NOWHERE = new PrintWriter(Writer.nullWriter());

    /** picocli's command object for {@code args} after parsing, or null when picocli rejects the line. */
    private static Object picocli(String[] args) {
        CommandLine cl = Main.commandLine(NOWHERE, NOWHERE, args);
        try {
            cl.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            return null;
        }
        CommandLine sub = cl.getSubcommands().get(args[0]);
        if (sub == null || sub.isUsageHelpRequested() || sub.isVersionHelpRequested() || cl.isUsageHelpRequested()) return null;
        return sub.getCommand();
    }

    private static Object value(Object command, CommandTable.Command spec, String holder, String field) throws Exception {
        Object h = holder.equals(".") ? command : FastCommandLine.declaredField(command.getClass(), holder).get(command);
        var f = FastCommandLine.declaredField(h.getClass(), field);
        f.setAccessible(true);
        return f.get(h);
    }

    /** Compares the two parses of {@code args}; returns whether the fast path took the line. */
    private static boolean agree(String[] args) throws Exception {
        Object fast = FastCommandLine.parse(TABLE, args);
        if (fast == null) return false;
        Object slow = picocli(args);
        if (slow == null) fail("the fast path took a line picocli rejects or answers with help: " + List.of(args));
        CommandTable.Command spec = TABLE.get(args[0]);
        for (CommandTable.Option o : spec.options())
            assertEquals(value(slow, spec, o.holder(), o.field()), value(fast, spec, o.holder(), o.field()), o.names() + " of " + List.of(args));
        for (CommandTable.Positional p : spec.positionals())
            assertEquals(value(slow, spec, p.holder(), p.field()), value(fast, spec, p.holder(), p.field()), "parameter " + p.field() + " of " + List.of(args));
        return true;
    }

    @Test void everyReadmeCommandLineBindsAsPicocliBindsIt() throws Exception {
        String readme = Files.readString(ShownCommands.projectDir().resolve("README.md"));
        Matcher m = Pattern.compile("bin/tracediff ([^`\\n]+)").matcher(readme);
        int lines = 0, taken = 0;
        while (m.find()) {
            List<String> words;
            try {
                words = ShownCommands.shellWords(m.group(1).replaceAll("\\s+[|>].*$", ""));
            } catch (IllegalArgumentException e) {
                continue;   // prose around a quoted fragment, not a command
            }
            if (words.isEmpty()) continue;
            lines++;
            if (agree(words.toArray(String[]::new))) taken++;
        }
        assertTrue(lines >= 15, "README command lines: " + lines);
        assertTrue(taken >= lines * 2 / 3, "the fast path took " + taken + " of " + lines + " README lines");
    }

    @Test void thePlainLinesPeopleTypeTakeTheFastPath() throws Exception {
        for (String line : List.of("grad \"x'*x\" --wrt x", "grad \"a'*exp(X*b)\" --wrt X --steps --format latex", "hessian \"x'*A*x + sum(exp(x))\" --wrt x",
                "jacobian \"tanh(W*x)\" --wrt x --json", "print \"x'*A*x\" --let \"A: symmetric(n)\" --format ascii",
                "eval \"x'*x\" --at '{\"x\": [1, 2]}'", "check \"log(det(X))\" --wrt X --trials 5 --seed 7",
                "codegen \"x'*A*x\" --wrt x --lang numpy --module m", "grad --problem p.txt --wrt W1 --wrt W2 --cse",
                "grad \"a'*sp(X*b)\" --fn \"sp(x) = log(1 + exp(x))\" --wrt=X", "serve --port 0 --time-limit 2.5 --workers 3"))
            assertTrue(agree(ShownCommands.shellWords(line).toArray(String[]::new)), "not taken: " + line);
    }

    @Test void mainRunsAPlainLineWithoutPicocliAndPrintsWhatPicocliPrints() {
        String[] args = {"grad", "a'*exp(X*b)", "--wrt", "X", "--format", "latex"};
        long before = FastCommandLine.TAKEN.get();
        ShownCommands.Run fast = ShownCommands.tracediff(List.of(args));
        assertEquals(before + 1, FastCommandLine.TAKEN.get(), "Main.run did not take the fast path");
        java.io.StringWriter out = new java.io.StringWriter(), err = new java.io.StringWriter();
        int code = Main.commandLine(new PrintWriter(out), new PrintWriter(err), args).execute(args);
        assertEquals(code, fast.code());
        assertEquals(out.toString(), fast.out());
        assertEquals(err.toString(), fast.err());
        assertTrue(fast.code() == 0 && !fast.out().isBlank(), fast.err());
    }

    @Test void oddLinesAreLeftToPicocli() {
        for (String line : List.of("grad --help", "grad \"x'*x\" -h", "--version", "batch", "grad \"x'*x\" --wrt", "grad \"x'*x\" --wrt --json",
                "grad \"x'*x\" --wat x", "grad \"-x'*x\" --wrt x", "grad \"x'*x\" \"y\" --wrt x", "grad \"x'*x\" --json=true",
                "grad \"x'*x\" --format LaTeX2", "check \"x'*x\" --trials 0x10", "check \"x'*x\" --trials +3", "check \"x'*x\" --seed 1e3",
                "grad \"x'*x\" --format unicode --format ascii", "eval \"x'*x\"", "prnt \"x'*x\""))
            assertNull(FastCommandLine.parse(TABLE, ShownCommands.shellWords(line).toArray(String[]::new)), line);
    }

    @Test void generatedLinesBindAsPicocliBindsThem() throws Exception {
        Random rnd = new Random(20261130);
        List<String> names = new ArrayList<>(TABLE.keySet());
        String[] odd = {"-5", "0x10", "1e3", "+3", "LaTeX", "ASCII", "", "=", "-", "--", "--json", "-h", "--help", "x'*x", "a b", "3.25", "007", "99999999999"};
        int taken = 0, total = 3000;
        for (int t = 0; t < total; t++) {
            CommandTable.Command spec = TABLE.get(names.get(rnd.nextInt(names.size())));
            List<String> args = new ArrayList<>(List.of(spec.name()));
            if (rnd.nextInt(4) > 0) args.add(rnd.nextInt(8) == 0 ? odd[rnd.nextInt(odd.length)] : "x'*A*x");
            int n = spec.options().isEmpty() ? 0 : rnd.nextInt(5);
            for (int i = 0; i < n; i++) {
                CommandTable.Option o = spec.options().get(rnd.nextInt(spec.options().size()));
                String name = o.names().get(0);
                String value = rnd.nextInt(6) == 0 ? odd[rnd.nextInt(odd.length)] : plain(o, rnd);
                if (o.flag()) {
                    args.add(rnd.nextInt(10) == 0 ? name + "=" + value : name);
                } else if (rnd.nextInt(3) == 0) args.add(name + "=" + value);
                else { args.add(name); args.add(value); }
            }
            if (rnd.nextInt(10) == 0) args.add(rnd.nextInt(args.size()), odd[rnd.nextInt(odd.length)]);
            if (agree(args.toArray(String[]::new))) taken++;
        }
        assertTrue(taken > total / 4, "the fast path took " + taken + " of " + total + " generated lines");
    }

    private static String plain(CommandTable.Option o, Random rnd) {
        String t = o.type();
        if (t.equals("int") || t.equals("Integer") || t.equals("long")) return Integer.toString(1 + rnd.nextInt(50));
        if (t.equals("double")) return rnd.nextBoolean() ? "2" : "1.5";
        if (t.startsWith("enum:")) return rnd.nextBoolean() ? "latex" : "Unicode";
        if (t.equals("Path")) return "dir/file.txt";
        return Objects.requireNonNull(o.names().get(0)).equals("--at") ? "{\"x\": [1, 2]}" : "X";
    }

    @Test void theShippedTableIsPicocliModelOfTheCommands() {
        assertNotNull(CommandTable.shipped().get("grad"), "the build writes " + CommandTable.RESOURCE);
        assertEquals(CommandTable.write(CommandTableWriter.commands()), CommandTable.write(List.copyOf(CommandTable.shipped().values())),
                "rebuild: the command table is stale");
    }
}
