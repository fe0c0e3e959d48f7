package io.tracediff.cli;

import static io.tracediff.cli.ShownCommands.assertShownOutput;
import static io.tracediff.cli.ShownCommands.notRunnable;
import static io.tracediff.cli.ShownCommands.runShown;
import static io.tracediff.cli.ShownCommands.tracediff;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.tracediff.cli.ShownCommands.Run;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Every {@code --help} keeps its example commands on one line each (so they paste), lists the exit codes, and
 * every example runs and prints the output lines shown under it. The footers are read from the commands, so a new
 * example is tested without touching this class.
 */
class HelpExamplesTest {

    @TempDir Path tmp;

    /** "tracediff" and each subcommand, with its --help as printed and its footer lines as written. */
    record Help(String name, List<String> args, String printed, List<String> footer) {}

    static List<Help> helps() {
        CommandLine main = Main.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        List<Help> helps = new ArrayList<>();
        helps.add(help("tracediff", List.of("--help"), main));
        main.getSubcommands().forEach((name, sub) -> helps.add(help("tracediff " + name, List.of(name, "--help"), sub)));
        return helps;
    }

    static Help help(String name, List<String> args, CommandLine cl) {
        Run r = tracediff(args);
        assertEquals(0, r.code(), name + " --help: " + r.err());
        return new Help(name, args, r.out(), List.of(cl.getCommandSpec().usageMessage().footer()));
    }

    static boolean isCommand(String footerLine) {
        return footerLine.startsWith("  tracediff ") || footerLine.startsWith("  echo ");
    }

    @TestFactory
    Stream<DynamicTest> everyHelpKeepsExamplesWholeAndListsExitCodes() {
        return helps().stream().map(h -> DynamicTest.dynamicTest(h.name() + " --help", () -> {
            List<String> printed = h.printed().lines().toList();
            List<String> examples = h.footer().stream().filter(HelpExamplesTest::isCommand).toList();
            assertFalse(examples.isEmpty(), h.name() + " --help shows no example command");
            for (String example : examples)
                assertTrue(printed.contains(example), h.name() + " --help wraps or drops the example line:\n" + example + "\nin:\n" + h.printed());
            int heading = printed.indexOf("Exit status:");
            assertTrue(heading >= 0, h.name() + " --help lists no exit codes:\n" + h.printed());
            for (var code : Main.EXIT_CODES.entrySet())
                assertTrue(printed.subList(heading, printed.size()).stream()
                        .anyMatch(l -> l.strip().startsWith(code.getKey() + " ") && l.contains(code.getValue().substring(0, Math.min(30, code.getValue().length())))),
                        h.name() + " --help does not explain exit code " + code.getKey() + ":\n" + h.printed());
        }));
    }

    /** An example command of a footer, the setup lines (echo) before it, and the output lines shown under it. */
    record Example(String help, String command, List<String> setup, List<String> output) {}

    static List<Example> examples(Help h) {
        List<Example> examples = new ArrayList<>();
        List<String> setup = new ArrayList<>();
        List<String> footer = h.footer();
        for (int i = 0; i < footer.size(); i++) {
            if (!isCommand(footer.get(i))) continue;
            String command = footer.get(i).strip();
            if (command.startsWith("echo ")) {
                setup.add(command);
                continue;
            }
            List<String> output = new ArrayList<>();  // indented lines up to the next command or blank line
            for (int j = i + 1; j < footer.size() && footer.get(j).startsWith("  ") && !isCommand(footer.get(j)); j++)
                output.add(footer.get(j).substring(2));
            examples.add(new Example(h.name(), command, List.copyOf(setup), output));
        }
        return examples;
    }

    @TestFactory
    Stream<DynamicTest> everyHelpExampleRunsAndPrintsWhatItShows() {
        List<Example> all = helps().stream().flatMap(h -> examples(h).stream()).toList();
        assertTrue(all.size() >= 15, "help examples found: " + all.size());
        return all.stream().map(e -> DynamicTest.dynamicTest(e.help() + " --help: " + e.command(), () -> {
            String where = e.help() + " --help example: " + e.command();
            String reason = notRunnable(e.command());
            Assumptions.assumeTrue(reason == null, where + ": " + reason);
            Path dir = Files.createTempDirectory(tmp, "cwd");
            for (String s : e.setup()) runShown(where, s, dir);
            Run r = runShown(where, e.command(), dir);
            if (e.output().isEmpty()) assertEquals(0, r.code(), where + "\nprinted:\n" + r.all());
            else assertShownOutput(where, e.output(), r);
        }));
    }
}
