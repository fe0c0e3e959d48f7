package io.tracediff.cli;

import java.io.PrintWriter;
import java.lang.reflect.Field;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs a well-formed command line without picocli: the command's options are bound from {@link CommandTable},
 * which the build wrote from picocli's own model, instead of picocli reading every annotation of the command
 * (proxies, reflection, its converters), a third of a cold start. Anything it is not sure of is declined (null)
 * and picocli runs the line as before: help, version, an unknown option or command, a dash-led expression, a
 * missing, repeated or dash-led value, a number or name picocli might read otherwise, a missing required option.
 * So every message about a malformed command line is still picocli's. FastCommandLineTest checks that what this
 * binds is what picocli binds, on every command line the README, the help pages and a generator show.
 */
final class FastCommandLine {
    private FastCommandLine() {}

    /** How many command lines this process ran without picocli (FastCommandLineTest checks Main takes this path). */
    static final java.util.concurrent.atomic.AtomicLong TAKEN = new java.util.concurrent.atomic.AtomicLong();

    /** The command's exit status, or null when picocli should run this line. */
    static Integer run(String[] args, PrintWriter out, PrintWriter err) {
        Object command = parse(CommandTable.shipped(), args);
        if (!(command instanceof BaseCommand c)) return null;
        TAKEN.incrementAndGet();
        c.streams(out, err);
        try {
            Integer code = c.call();
            return code == null ? ExitCodes.OK : code;
        } catch (Exception e) {  // as picocli's execution-exception handler, Errors, would report it
            return Errors.report(e, err);
        }
    }

    /** Marks a value this class does not convert exactly as picocli would. */
    private static final Object DECLINE = new Object();

    /** The command object with every option and parameter of {@code args} set, or null to leave the line to picocli. */
    static Object parse(Map<String, CommandTable.Command> table, String[] args) {
        if (args.length == 0) return null;
        CommandTable.Command spec = table.get(args[0]);
        if (spec == null) return null;
        try {
            return bind(spec, args);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;  // a table out of step with the classes: picocli knows better
        }
    }

    private static Object bind(CommandTable.Command spec, String[] args) throws ReflectiveOperationException {
        Class<?> commandClass = Class.forName(spec.className());
        var constructor = commandClass.getDeclaredConstructor();
        constructor.setAccessible(true);
        Object command = constructor.newInstance();
        Map<String, Object> holders = new HashMap<>();
        holders.put(".", command);
        for (var m : spec.mixins().entrySet()) {
            var mc = Class.forName(m.getValue()).getDeclaredConstructor();
            mc.setAccessible(true);
            Object mixin = mc.newInstance();
            Field f = declaredField(commandClass, m.getKey());
            f.setAccessible(true);
            f.set(command, mixin);
            holders.put(m.getKey(), mixin);
        }
        Map<String, CommandTable.Option> byName = new HashMap<>();
        for (CommandTable.Option o : spec.options()) for (String n : o.names()) byName.put(n, o);

        // By identity: a record's hashCode is bootstrapped through method handles, which a cold start pays for.
        Set<CommandTable.Option> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        List<String> positional = new ArrayList<>();
        boolean optionsEnded = false;
        for (int i = 1; i < args.length; i++) {
            String a = args[i];
            if (!optionsEnded && a.equals("--")) { optionsEnded = true; continue; }
            if (optionsEnded || !a.startsWith("-") || a.equals("-")) { positional.add(a); continue; }
            int eq = a.indexOf('=');
            String name = eq > 0 ? a.substring(0, eq) : a, value = eq > 0 ? a.substring(eq + 1) : null;
            CommandTable.Option o = byName.get(name);
            if (o == null || o.type().equals("unsupported")) return null;
            boolean first = seen.add(o);
            if (!first && !o.repeatable()) return null;
            if (o.flag()) {
                if (value != null) return null;
                set(holders, o.holder(), o.field(), Boolean.TRUE);
                continue;
            }
            if (value == null) {
                if (i + 1 >= args.length) return null;
                value = args[++i];
            }
            if (value.startsWith("-")) return null;  // picocli may take it for an option, attached or not
            Object v = convert(o.type(), value);
            if (v == DECLINE) return null;
            if (o.repeatable()) {
                @SuppressWarnings("unchecked") List<Object> list = (List<Object>) get(holders, o.holder(), o.field());
                if (list == null || first && !list.isEmpty()) return null;  // picocli replaces initial elements; these start empty
                list.add(v);
            } else set(holders, o.holder(), o.field(), v);
        }
        int bound = 0;
        for (CommandTable.Positional p : spec.positionals()) {
            if (p.type().equals("unsupported") || p.from() != p.to()) return null;
            if (p.from() < positional.size()) {
                Object v = convert(p.type(), positional.get(p.from()));
                if (v == DECLINE) return null;
                set(holders, p.holder(), p.field(), v);
                bound++;
            } else if (p.required()) return null;
        }
        if (bound != positional.size()) return null;  // more parameters than the command takes
        for (CommandTable.Option o : spec.options()) {
            if (seen.contains(o)) continue;
            if (o.required()) return null;
            if (o.defaultValue() != null) {
                Object v = convert(o.type(), o.defaultValue());
                if (v == DECLINE || o.repeatable()) return null;
                set(holders, o.holder(), o.field(), v);
            }
        }
        return command;
    }

    /** picocli's conversion where it is unambiguous; DECLINE elsewhere (a sign, a hex or exponent number, an unknown name). */
    static Object convert(String type, String text) {
        switch (type) {
            case "String", "List<String>" -> { return text; }
            case "int", "Integer" -> { return digits(text, 0, 9) == text.length() ? (Object) Integer.valueOf(text) : DECLINE; }
            case "long" -> { return digits(text, 0, 18) == text.length() ? (Object) Long.valueOf(text) : DECLINE; }
            case "double" -> {
                int end = digits(text, 0, 15);
                if (end > 0 && end < text.length() && text.charAt(end) == '.') end = digits(text, end + 1, 15);
                return end == text.length() ? (Object) Double.valueOf(text) : DECLINE;
            }
            case "Path" -> {
                try {
                    return Path.of(text);
                } catch (InvalidPathException e) {
                    return DECLINE;
                }
            }
            default -> {
                if (!type.startsWith("enum:")) return DECLINE;
                try {
                    for (Object c : Class.forName(type.substring("enum:".length())).getEnumConstants())
                        if (((Enum<?>) c).name().equalsIgnoreCase(text)) return c;
                } catch (ClassNotFoundException e) {
                    return DECLINE;
                }
                return DECLINE;
            }
        }
    }

    /** The field {@code name} of {@code c} or a superclass. */
    static Field declaredField(Class<?> c, String name) throws NoSuchFieldException {
        for (Class<?> k = c; k != null; k = k.getSuperclass())
            for (Field f : k.getDeclaredFields()) if (f.getName().equals(name)) return f;
        throw new NoSuchFieldException(c.getName() + "." + name);
    }

    /**
     * Where an optional minus and 1 to {@code max} ASCII digits starting at {@code from} end, or -1: the numbers
     * picocli reads the same (a regular expression here would cost a cold start its method-handle spinning).
     */
    private static int digits(String text, int from, int max) {
        int i = from;
        if (from == 0 && i < text.length() && text.charAt(i) == '-') i++;
        int start = i;
        while (i < text.length() && i - start < max && text.charAt(i) >= '0' && text.charAt(i) <= '9') i++;
        return i == start || i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9' ? -1 : i;
    }

    private static Field field(Object holder, String name) throws NoSuchFieldException {
        Field f = declaredField(holder.getClass(), name);
        f.setAccessible(true);
        return f;
    }

    private static Object get(Map<String, Object> holders, String holder, String name) throws ReflectiveOperationException {
        Object h = holders.get(holder);
        return field(h, name).get(h);
    }

    private static void set(Map<String, Object> holders, String holder, String name, Object value) throws ReflectiveOperationException {
        Object h = holders.get(holder);
        field(h, name).set(h, value);
    }
}
