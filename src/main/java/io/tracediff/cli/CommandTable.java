package io.tracediff.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The options of every command as data: which field of which object each option and positional parameter sets,
 * its type, whether it takes a value, repeats, is required, and its default. The build writes it from picocli's
 * own model of the annotated commands ({@link CommandTableWriter}, run after compiling), so {@link FastCommandLine}
 * can bind a well-formed command line without picocli reading every annotation at start-up.
 *
 * <p>One record a line, fields separated by tabs: {@code command NAME CLASS}, then that command's
 * {@code mixin FIELD CLASS}, {@code option HOLDER FIELD TYPE FLAG REPEATABLE REQUIRED DEFAULT NAME,NAME…} and
 * {@code positional HOLDER FIELD TYPE FROM TO REQUIRED}, where HOLDER is {@code .} for the command itself or a mixin's
 * field, booleans are 0 or 1, DEFAULT is {@code -} for none or {@code =} followed by the text, and FROM..TO is the
 * range of positional indexes the parameter takes.
 */
final class CommandTable {
    static final String RESOURCE = "io/tracediff/cli/commands.tsv";

    record Option(String holder, String field, String type, boolean flag, boolean repeatable, boolean required, String defaultValue, List<String> names) {}

    record Positional(String holder, String field, String type, int from, int to, boolean required) {}

    record Command(String name, String className, Map<String, String> mixins, List<Option> options, List<Positional> positionals) {}

    private CommandTable() {}

    private static volatile Map<String, Command> shipped;

    /** The table the build wrote; empty when there is none (classes compiled outside Maven), so every line goes to picocli. */
    static Map<String, Command> shipped() {
        Map<String, Command> t = shipped;
        if (t == null) {
            try (InputStream in = CommandTable.class.getClassLoader().getResourceAsStream(RESOURCE)) {
                t = in == null ? Map.of() : read(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            shipped = t;
        }
        return t;
    }

    static Map<String, Command> read(String text) {
        Map<String, Command> out = new LinkedHashMap<>();
        Command current = null;
        for (String line : text.split("\n")) {
            if (line.isEmpty()) continue;
            String[] f = line.split("\t", -1);
            switch (f[0]) {
                case "command" -> {
                    current = new Command(f[1], f[2], new LinkedHashMap<>(), new ArrayList<>(), new ArrayList<>());
                    out.put(f[1], current);
                }
                case "mixin" -> current.mixins().put(f[1], f[2]);
                case "option" -> current.options().add(new Option(f[1], f[2], f[3], f[4].equals("1"), f[5].equals("1"), f[6].equals("1"),
                        f[7].equals("-") ? null : f[7].substring(1), List.of(f[8].split(","))));
                case "positional" -> current.positionals().add(new Positional(f[1], f[2], f[3], Integer.parseInt(f[4]), Integer.parseInt(f[5]), f[6].equals("1")));
                default -> throw new IllegalStateException("unknown line in " + RESOURCE + ": " + line);
            }
        }
        return out;
    }

    static String write(List<Command> commands) {
        StringBuilder b = new StringBuilder();
        for (Command c : commands) {
            b.append("command\t").append(c.name()).append('\t').append(c.className()).append('\n');
            c.mixins().forEach((field, cls) -> b.append("mixin\t").append(field).append('\t').append(cls).append('\n'));
            for (Option o : c.options()) {
                if (o.defaultValue() != null && (o.defaultValue().indexOf('\t') >= 0 || o.defaultValue().indexOf('\n') >= 0))
                    throw new IllegalArgumentException("a default value with a tab or newline: " + o);
                b.append("option\t").append(o.holder()).append('\t').append(o.field()).append('\t').append(o.type()).append('\t')
                        .append(o.flag() ? 1 : 0).append('\t').append(o.repeatable() ? 1 : 0).append('\t').append(o.required() ? 1 : 0).append('\t')
                        .append(o.defaultValue() == null ? "-" : "=" + o.defaultValue()).append('\t').append(String.join(",", o.names())).append('\n');
            }
            for (Positional p : c.positionals())
                b.append("positional\t").append(p.holder()).append('\t').append(p.field()).append('\t').append(p.type()).append('\t')
                        .append(p.from()).append('\t').append(p.to()).append('\t').append(p.required() ? 1 : 0).append('\n');
        }
        return b.toString();
    }
}
