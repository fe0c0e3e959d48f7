package io.tracediff.codegen;

import io.tracediff.core.UserError;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns user-chosen names into Java identifiers that cannot inject code or collide with the
 * generator's own names. Plain names ({@code W1}, {@code x_0}) are kept; anything else is escaped
 * injectively to {@code v_…} (every character outside [A-Za-z0-9] becomes _hhhh), so two distinct
 * names never map to the same identifier. Text for comments and string literals is escaped separately.
 */
public final class Names {
    private Names() {}

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");
    private static final Pattern INTERNAL = Pattern.compile("t[0-9]+n?|o[0-9]+|in[0-9]*|[ijk]4?|acc[0-3]?|elt|outs|outRows|outCols|rows|cols");
    private static final Pattern QUALIFIED = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*");

    /** Java keywords, literals and contextual keywords, plus every simple name generated code refers to. */
    private static final Set<String> RESERVED = Set.of(
            "abstract", "assert", "boolean", "break", "byte", "case", "catch", "char", "class", "const", "continue",
            "default", "do", "double", "else", "enum", "extends", "final", "finally", "float", "for", "goto", "if",
            "implements", "import", "instanceof", "int", "interface", "long", "native", "new", "package", "private",
            "protected", "public", "return", "short", "static", "strictfp", "super", "switch", "synchronized", "this",
            "throw", "throws", "transient", "try", "void", "volatile", "while", "true", "false", "null", "var",
            "record", "yield", "sealed", "permits", "non", "module", "open", "exports", "requires", "with", "to",
            "Math", "System", "String", "Double", "Integer", "Object", "Override", "Result", "RealMatrix", "RealVector",
            "Array2DRowRealMatrix", "ArrayRealVector", "IllegalArgumentException", "ArithmeticException",
            "CompiledBody", "java", "javax", "org", "io", "com", "sun", "jdk", "evaluate", "compute", "run",
            "output", "outputRows", "outputCols", "gemm", "diagGram", "dot", "pow", "softplus", "erf", "softmax", "logsumexp", "logSoftmax", "sigmoid", "luFactor", "luSolve",
            "luInverse", "luDet", "luLogDet", "trace", "inv", "det", "logdet", "diagMatrix", "diagVector", "vec",
            "unvec", "eye", "buffer", "flatten", "toRows", "shapeError", "BLOCK");

    /** A Java identifier for a user's variable or output name. */
    public static String identifier(String name) {
        if (PLAIN.matcher(name).matches() && !RESERVED.contains(name) && !INTERNAL.matcher(name).matches()
                && !name.startsWith("v_") && !name.startsWith("dim_"))
            return name;
        StringBuilder b = new StringBuilder("v_");
        name.codePoints().forEach(cp -> {
            if (cp < 128 && Character.isLetterOrDigit(cp)) b.appendCodePoint(cp);
            else b.append('_').append(String.format("%04x", cp));
        });
        return b.toString();
    }

    /** File systems take names of 255 bytes; a name is one (a class, a module) or a folder each (a package's parts). */
    static final int MAX_NAME = 200;

    /** Refuses a name longer than {@link #MAX_NAME}, which no file system would take as a file or a folder. */
    static void checkLength(String option, String name, int max) {
        if (name.length() > max)
            throw new UserError(option + " is " + name.length() + " characters long; give a name of at most " + max + " characters");
    }

    /** Identifier of a symbolic dimension's size; a namespace of its own. */
    public static String dimension(String name) { return "dim_" + identifier(name); }

    /** A class name chosen by the user (--class): must already be a plain identifier. */
    public static String checkClassName(String name) {
        checkLength("--class", name, 64);
        if (!PLAIN.matcher(name).matches() || !Character.isUpperCase(name.charAt(0)))
            throw new UserError("--class '" + printable(name) + "' is not a valid Java class name (a letter, then letters, digits or _; starting upper-case)");
        if (RESERVED.contains(name))
            throw new UserError("--class '" + name + "' is a name the generated class itself uses (or java.lang's); choose another, e.g. --class LossGradient");
        return name;
    }

    /** A package name chosen by the user (--package): dotted identifiers, no keywords; empty means none. */
    public static String checkPackage(String name) {
        if (name.isEmpty()) return name;
        checkLength("--package", name, MAX_NAME);
        boolean ok = QUALIFIED.matcher(name).matches();
        if (ok) for (String part : name.split("\\.")) ok &= !part.equals("_") && (!RESERVED.contains(part) || part.equals("io") || part.equals("org")
                || part.equals("com") || part.equals("java"));   // _ is a keyword since Java 9
        if (!ok) throw new UserError("--package '" + printable(name) + "' is not a valid Java package name (e.g. com.example.grad)");
        String top = name.split("\\.")[0];
        if (top.equals("java") || top.equals("javax") || top.equals("jdk") || top.equals("sun"))
            throw new UserError("--package '" + name + "' is the JDK's (javac refuses classes there); choose your own, e.g. --package com.example.grad");
        return name;
    }

    /**
     * Text safe inside any Java comment: no comment terminator, no line break and no backslash (javac
     * reads unicode escapes even in comments).
     */
    public static String comment(String text) {
        StringBuilder b = new StringBuilder();
        text.codePoints().forEach(cp -> {
            if (cp == '\\') b.append('∖');
            else if (cp < 0x20 || cp == 0x7f || cp == 0x2028 || cp == 0x2029) b.append(' ');
            else b.appendCodePoint(cp);
        });
        return b.toString().replace("*/", "*∕").replace("/*", "∕*").replace("@", "＠");
    }

    /** A Java string literal (with quotes) holding {@code text} exactly. */
    public static String literal(String text) {
        StringBuilder b = new StringBuilder("\"");
        text.codePoints().forEach(cp -> {
            switch (cp) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (cp < 0x20 || cp == 0x7f) b.append(String.format("\\%03o", cp));
                    else b.appendCodePoint(cp);
                }
            }
        });
        return b.append('"').toString();
    }

    /** A name shown in an error message: control characters made visible. */
    static String printable(String name) { return name.codePoints().collect(StringBuilder::new,
            (b, cp) -> { if (cp < 0x20 || cp == 0x7f) b.append(String.format("\\u%04x", cp)); else b.appendCodePoint(cp); },
            StringBuilder::append).toString(); }
}
