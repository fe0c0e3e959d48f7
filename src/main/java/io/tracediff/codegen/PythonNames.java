package io.tracediff.codegen;

import io.tracediff.core.UserError;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * User names in generated Python: identifiers that cannot inject code or shadow what the module uses
 * (keywords, builtins it calls, the framework's name, its own locals), escaped injectively to {@code v_…}
 * otherwise; text for docstrings, comments and string literals escaped separately.
 */
public final class PythonNames {
    private PythonNames() {}

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");
    private static final Pattern INTERNAL = Pattern.compile("t[0-9]+|v_.*|dim_.*");

    /** Python keywords and soft keywords, the builtins and module names generated code refers to, and its locals. */
    static final Set<String> RESERVED = Set.of(
            "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del",
            "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal",
            "not", "or", "pass", "raise", "return", "try", "while", "with", "yield", "match", "case", "type", "print",
            "ValueError", "TypeError", "str", "tuple", "float", "int", "len", "range", "isinstance", "dict", "list", "object",
            "np", "numpy", "torch", "jax", "jnp", "dtype", "device", "evaluate", "inputs", "result", "self", "cls");

    /** The Python identifier of a user's variable. */
    public static String identifier(String name) {
        if (PLAIN.matcher(name).matches() && !RESERVED.contains(name) && !INTERNAL.matcher(name).matches()) return name;
        StringBuilder b = new StringBuilder("v_");
        name.codePoints().forEach(cp -> {
            if (cp < 128 && Character.isLetterOrDigit(cp)) b.appendCodePoint(cp);
            else b.append('_').append(String.format("%04x", cp));
        });
        return b.toString();
    }

    /** A module name chosen by the user (--module): a plain identifier, not a keyword nor a framework's name. */
    public static String checkModule(String name) {
        if (name.length() > 64)
            throw new UserError("--module is " + name.length() + " characters long; a module name of at most 64 characters, e.g. --module loss_gradient");
        if (!Pattern.matches("[A-Za-z_][A-Za-z0-9_]{0,63}", name) || RESERVED.contains(name))
            throw new UserError("--module '" + Names.printable(name) + "' is not a valid Python module name (a letter or _, then letters, digits or _; "
                    + "not a keyword nor numpy, torch or jax), e.g. --module loss_gradient");
        if (SHADOWED.contains(name) || name.startsWith("__"))
            throw new UserError("--module '" + name + "' would shadow a module of that name that Python or the frameworks import; "
                    + "choose another, e.g. --module loss_gradient");
        return name;
    }

    /** Standard and framework modules that numpy, torch or jax import: a file of that name beside the caller's code hides them. */
    private static final Set<String> SHADOWED = Set.of(
            "abc", "argparse", "array", "ast", "asyncio", "atexit", "base64", "bisect", "builtins", "bz2", "calendar", "cmath", "codecs",
            "collections", "concurrent", "contextlib", "contextvars", "copy", "copyreg", "csv", "ctypes", "dataclasses", "datetime",
            "decimal", "difflib", "dis", "email", "enum", "errno", "fnmatch", "fractions", "functools", "gc", "glob", "gzip", "hashlib",
            "heapq", "html", "http", "importlib", "inspect", "io", "itertools", "json", "keyword", "linecache", "locale", "logging",
            "lzma", "marshal", "math", "mmap", "multiprocessing", "numbers", "opcode", "operator", "os", "pathlib", "pickle", "pkgutil",
            "platform", "posix", "posixpath", "pprint", "queue", "random", "re", "reprlib", "secrets", "select", "selectors", "shutil",
            "signal", "site", "socket", "sqlite3", "stat", "statistics", "string", "struct", "subprocess", "sys", "sysconfig", "tempfile",
            "textwrap", "threading", "time", "token", "tokenize", "traceback", "types", "typing", "typing_extensions", "unittest",
            "urllib", "uuid", "warnings", "weakref", "zipfile", "zipimport", "zlib", "setuptools", "distutils", "filelock", "fsspec",
            "jinja2", "sympy", "networkx", "mpmath", "scipy", "opt_einsum", "ml_dtypes", "jaxlib", "six");

    /** A Python string literal holding {@code text} exactly. */
    static String literal(String text) {
        StringBuilder b = new StringBuilder("\"");
        text.codePoints().forEach(cp -> {
            if (cp == '"' || cp == '\\') b.append('\\').appendCodePoint(cp);
            else if (cp < 0x20 || cp == 0x7f || cp == 0x2028 || cp == 0x2029 || cp == 0x85) b.append(String.format("\\u%04x", cp));
            else b.appendCodePoint(cp);
        });
        return b.append('"').toString();
    }

    /** Text safe inside a raw triple-quoted docstring or after '#': no quote, backslash at a line end, or line break. */
    static String docText(String text) {
        StringBuilder b = new StringBuilder();
        text.codePoints().forEach(cp -> {
            if (cp == '"') b.append('″');
            else if (cp < 0x20 || cp == 0x7f || cp == 0x2028 || cp == 0x2029 || cp == 0x85 || cp == 0x0c) b.append(' ');
            else b.appendCodePoint(cp);
        });
        String s = b.toString();
        return s.endsWith("\\") ? s + " " : s;
    }
}
