package io.tracediff.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Build step: writes {@link CommandTable} from picocli's model of the annotated commands, so the annotations
 * stay the one definition of the command line. An option the fast path cannot bind is written with type
 * {@code unsupported}, and a command line that uses it goes to picocli.
 */
public final class CommandTableWriter {
    private CommandTableWriter() {}

    /** {@code CommandTableWriter OUT_FILE}. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) throw new IllegalArgumentException("usage: CommandTableWriter OUT_FILE");
        Path out = Path.of(args[0]);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
        Files.writeString(tmp, CommandTable.write(commands()), StandardCharsets.UTF_8);
        Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Every subcommand, as picocli's model describes it. */
    static List<CommandTable.Command> commands() {
        PrintWriter nowhere = new PrintWriter(Writer.nullWriter());
        List<CommandTable.Command> out = new ArrayList<>();
        for (var e : Main.commandLine(nowhere, nowhere).getSubcommands().entrySet()) out.add(describe(e.getKey(), e.getValue().getCommandSpec()));
        return out;
    }

    static CommandTable.Command describe(String name, CommandSpec spec) {
        Class<?> commandClass = spec.userObject().getClass();
        Map<String, String> mixins = new LinkedHashMap<>();
        Map<Class<?>, String> mixinByClass = new LinkedHashMap<>();
        for (var m : spec.mixins().entrySet()) {
            Class<?> c = m.getValue().userObject().getClass();
            if (!c.getPackageName().equals(CommandTableWriter.class.getPackageName())) continue;  // picocli's own (help options)
            Field f = field(commandClass, m.getKey());
            if (f.getType() != c) throw new IllegalStateException(name + ": mixin " + m.getKey() + " is not a field of type " + c.getName());
            if (mixinByClass.put(c, m.getKey()) != null) throw new IllegalStateException(name + ": two mixins of " + c.getName());
            mixins.put(m.getKey(), c.getName());
        }
        List<CommandTable.Option> options = new ArrayList<>();
        for (OptionSpec o : spec.options()) {
            if (!(o.userObject() instanceof Field f) || !f.getDeclaringClass().getPackageName().equals(CommandTableWriter.class.getPackageName()))
                continue;  // --help and --version: the fast path leaves those to picocli
            String type = bindsAsPicocliDoes(o) ? type(f) : "unsupported";
            boolean flag = type.equals("boolean") && o.arity().max() == 0;
            if (!flag && !(o.arity().min() == 1 && o.arity().max() == 1)) type = "unsupported";
            if (type.equals("boolean") && !flag) type = "unsupported";
            options.add(new CommandTable.Option(holder(name, commandClass, mixinByClass, f), f.getName(), type, flag, o.isMultiValue(), o.required(),
                    o.defaultValue(), List.of(o.names())));
        }
        List<CommandTable.Positional> positionals = new ArrayList<>();
        for (PositionalParamSpec p : spec.positionalParameters()) {
            Field f = (Field) p.userObject();
            String type = p.isMultiValue() || p.arity().max() > 1 || !bindsAsPicocliDoes(p) || p.defaultValue() != null ? "unsupported" : type(f);
            positionals.add(new CommandTable.Positional(holder(name, commandClass, mixinByClass, f), f.getName(), type, p.index().min(), p.index().max(), p.arity().min() > 0));
        }
        return new CommandTable.Command(name, commandClass.getName(), mixins, options, positionals);
    }

    /**
     * Whether nothing but the option's type decides its value: no converter of its own, no split, no negated form,
     * no default resolved from the environment at run time. Anything else the fast path leaves to picocli.
     */
    private static boolean bindsAsPicocliDoes(picocli.CommandLine.Model.ArgSpec a) {
        if (a.converters() != null && a.converters().length > 0) return false;
        if (a.splitRegex() != null && !a.splitRegex().isEmpty()) return false;
        if (a instanceof OptionSpec o && o.negatable()) return false;
        // The default as written: picocli resolves ${…} when the model is built, which is build time for this table.
        Field f = (Field) a.userObject();
        var option = f.getAnnotation(picocli.CommandLine.Option.class);
        var parameters = f.getAnnotation(picocli.CommandLine.Parameters.class);
        String written = option != null ? option.defaultValue() : parameters != null ? parameters.defaultValue() : "";
        return !written.contains("${");
    }

    private static String holder(String command, Class<?> commandClass, Map<Class<?>, String> mixinByClass, Field f) {
        if (f.getDeclaringClass().isAssignableFrom(commandClass)) return ".";
        String m = mixinByClass.get(f.getDeclaringClass());
        if (m == null) throw new IllegalStateException(command + ": " + f + " belongs to neither the command nor one of its mixins");
        return m;
    }

    static Field field(Class<?> c, String name) {
        try {
            return FastCommandLine.declaredField(c, name);
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /** The types {@link FastCommandLine} converts as picocli does; anything else is "unsupported". */
    static String type(Field f) {
        Class<?> t = f.getType();
        if (t == String.class) return "String";
        if (t == int.class) return "int";
        if (t == Integer.class) return "Integer";
        if (t == long.class) return "long";
        if (t == double.class) return "double";
        if (t == boolean.class) return "boolean";
        if (t == Path.class) return "Path";
        if (t.isEnum()) return "enum:" + t.getName();
        if (t == List.class && f.getGenericType() instanceof ParameterizedType pt && pt.getActualTypeArguments()[0] == String.class) return "List<String>";
        return "unsupported";
    }
}
