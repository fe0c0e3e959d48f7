package io.tracediff.limits;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Inputs a hostile user or a broken script could give: sizes at and past every limit, huge exponents,
 * endless and binary files, long and deep --fn bodies, JSON bombs, control characters, deep nesting and
 * megabyte expressions. Shared by the in-process test and the subprocess table (bench/hostile).
 */
final class HostileInputs {
    private HostileInputs() {}

    /** One command line; {@code exit} 0 with {@code expected} on stdout, or 2 with it in the one-line message. */
    record Case(String name, List<String> args, int exit, String expected) {
        @Override public String toString() { return name; }
    }

    private static final List<Case> cases = new ArrayList<>();

    private static void add(String name, int exit, String expected, String... args) { cases.add(new Case(name, List.of(args), exit, expected)); }

    private static String matrixJson(String name, int n) {
        String row = "[" + String.join(",", java.util.Collections.nCopies(n, "0.5")) + "]";
        return "{\"" + name + "\": [" + String.join(",", java.util.Collections.nCopies(n, row)) + "]}";
    }

    /** Every case; files they read are written under {@code dir}. */
    static synchronized List<Case> all(Path dir) throws IOException {
        cases.clear();
        // Sizes: the largest matrix is 2^24 entries (4096 × 4096).
        add("ones(n, n) at the entries limit, n = 4096", 0, "1.6777216E7", "eval", "sum(ones(n, n))", "--at", "{\"n\": 4096}");
        add("ones(n, n) one past the limit, n = 4097", 2, "maxEntries", "eval", "sum(ones(n, n))", "--at", "{\"n\": 4097}");
        add("eye(n), n = 46341 (n² past 2^31)", 2, "maxEntries", "eval", "sum(eye(n))", "--at", "{\"n\": 46341}");
        add("sum(ones(n, n)), n = 65536 (n² wraps to 0 in int)", 2, "maxEntries", "eval", "sum(ones(n, n))", "--at", "{\"n\": 65536}");
        add("ones(n, n), n = 100000", 2, "maxEntries", "eval", "sum(ones(n, n))", "--at", "{\"n\": 100000}");
        add("grad --at, ones(n, n) with n = 65536 (compiled path)", 2, "maxEntries",
                "grad", "lam*sum(ones(n, n))", "--wrt", "lam", "--let", "lam: scalar", "--at", "{\"lam\": 1, \"n\": 65536}", "--json");
        add("jacobian of X (K is 10^4 × 10^4) at a 100×100 X", 2, "maxEntries", "jacobian", "X", "--wrt", "X", "--at", matrixJson("X", 100));
        add("hessian of sum(X.*X) (4900 × 4900) at a 70×70 X", 2, "maxEntries",
                "hessian", "sum(X.*X)", "--wrt", "X", "--at", matrixJson("X", 70), "--json");
        StringBuilder names = new StringBuilder("{\"x\": [1, 2]");
        for (int i = 0; i <= 100_000; i++) names.append(", \"x").append(i).append("\": [1]");
        Path manyNames = Files.writeString(dir.resolve("names.json"), names.append('}'));
        add("a values file of 100,002 one-entry names (1.5 MB)", 2, "names at most 100000", "eval", "sum(x)", "--at", manyNames.toString());
        Path x200 = Files.writeString(dir.resolve("x200.json"), matrixJson("X", 200));
        add("check at a 200×200 X (finite differences over 40,000 entries)", 2, "maxCheckedEntries",
                "check", "sum(X.*X)", "--wrt", "X", "--at", x200.toString());
        add("check --trials 20 at 100×100 points (200,000 entries in all)", 2, "maxCheckedEntries",
                "check", "sum(exp(X*x))", "--wrt", "X", "--let", "X: matrix(100, 100)", "--trials", "20");
        add("vector(2147483648) in --let", 2, "maxEntries", "print", "x", "--let", "x: vector(2147483648)");
        add("vector(99999999999999999999) in --let", 2, "maxEntries", "print", "x", "--let", "x: vector(99999999999999999999)");
        add("size -1 in --at", 2, "is -1; a size is a whole number", "eval", "sum(ones(n))", "--at", "{\"n\": -1}");
        add("size 0 in --at", 2, "is 0; a size is a whole number", "eval", "sum(ones(n))", "--at", "{\"n\": 0}");
        add("size 1.5 in --at", 2, "is 1.5; a size is a whole number", "eval", "sum(ones(n))", "--at", "{\"n\": 1.5}");
        add("size 1e10 in --at", 2, "maxEntries", "eval", "sum(ones(n))", "--at", "{\"n\": 1e10}");
        add("size [3] in --at", 2, "not an array", "eval", "sum(ones(n))", "--at", "{\"n\": [3]}");
        add("size [3] for a dimension of x", 2, "not an array", "eval", "x'*x", "--let", "x: vector(n)", "--at", "{\"x\": [1, 2, 3], \"n\": [3]}");
        add("trailing garbage after the --at JSON", 2, "not valid JSON", "eval", "x'*x", "--at", "{\"x\": [1, 2]} garbage");
        add("a variable named exp", 2, "built-in", "print", "exp(x)", "--let", "exp: vector(n)");
        add("a variable named tr", 2, "built-in", "print", "x", "--let", "tr: scalar");
        add("a variable named eye", 2, "built-in", "print", "x", "--let", "eye: matrix(n)");
        add("n: vector(n)", 2, "cannot also name a dimension", "print", "n'*n", "--let", "n: vector(n)");
        // Powers: values by repeated squaring, tr(X^k) for any k, other differentials up to 32 terms.
        add("tr(A^0) differentiated", 0, "∂f/∂A = 0", "grad", "tr(A^0)", "--wrt", "A");
        add("tr(A'^0) differentiated", 0, "∂f/∂A = 0", "grad", "tr(A'^0)", "--wrt", "A");
        add("tr(X^100000) differentiated", 0, "100000 (X⁹⁹⁹⁹⁹)ᵀ", "grad", "tr(X^100000)", "--wrt", "X");
        add("X^2147483648 evaluated (exponent past 2^31)", 0, "2.147483648E9", "eval", "X^2147483648", "--at", "{\"X\": [[1, 1], [0, 1]]}");
        add("tr(X^1000000000) evaluated", 0, "0.0", "eval", "tr(X^1000000000)", "--at", "{\"X\": [[0.5, 0.1], [0.2, 0.3]]}");
        add("a'*A^8*b differentiated (written out: at the expansion limit)", 0, "∂f/∂A = ", "grad", "a'*A^8*b", "--wrt", "A", "--let", "a: vector(n); b: vector(n)");
        add("a'*A^9*b differentiated (one sum term past it)", 0, "∂f/∂A = powsum(A, b aᵀ, 9)ᵀ", "grad", "a'*A^9*b", "--wrt", "A", "--let", "a: vector(n); b: vector(n)");
        add("a'*A^1000000000*b differentiated", 0, "powsum(A, b aᵀ, 1000000000)ᵀ", "grad", "a'*A^1000000000*b", "--wrt", "A", "--let", "a: vector(n); b: vector(n)");
        add("a'*A^2147483648*b differentiated and evaluated", 0, "\"gradient\"", "grad", "a'*A^2147483648*b", "--wrt", "A", "--let", "a: vector(n); b: vector(n)",
                "--at", "{\"a\": [1, 2], \"b\": [0.5, 1], \"A\": [[0.5, 0.1], [0.2, 0.3]]}", "--json");
        add("hessian of tr(X^100000)", 2, "powsum", "hessian", "tr(X^100000)", "--wrt", "X");
        add("check --exact of tr(X^100000)", 2, "maxPowerTerms", "check", "tr(X^100000)", "--wrt", "X", "--exact", "--trials", "1", "--at",
                "{\"X\": [[0.5, 0.1], [0.2, 0.3]]}");
        add("A^1e20 (not a whole number below 10^15)", 2, "exponent must be below 10^15 (this one is 100000000000000000000)", "print", "A^1e20");
        // Files.
        add("@/dev/zero (no picocli @file expansion)", 2, "unexpected character '@'", "print", "@/dev/zero");
        add("a rule file's ? before the transpose sign (the fuzzer's ?ᵀ: an internal error)", 2, "unexpected character '?'", "grad", "?ᵀ", "--wrt", "x");
        add("an unmatched 200 KB argument", 2, "after its EXPR 'x' as another EXPR", "print", "x", "y", "z".repeat(200_000));
        add("--problem /dev/zero", 2, "NUL byte", "print", "--problem", "/dev/zero");
        add("--problem /dev/urandom", 2, "not a text file", "print", "--problem", "/dev/urandom");
        add("--at /dev/zero", 2, "NUL byte", "eval", "x'*x", "--at", "/dev/zero");
        add("--at /dev/urandom", 2, "not a text file", "eval", "x'*x", "--at", "/dev/urandom");
        Path big = dir.resolve("big.problem");
        Files.writeString(big, "x: scalar\n".repeat(110_000));
        add("--problem of 1.1 MB", 2, "maxSourceBytes", "print", "--problem", big.toString());
        Path latin1 = dir.resolve("latin1.problem");
        Files.write(latin1, "f = x'*x # caf\u00e9".getBytes(StandardCharsets.ISO_8859_1));
        add("--problem in Latin-1", 2, "not UTF-8", "print", "--problem", latin1.toString());
        add("--problem a folder", 2, "is a folder", "print", "--problem", dir.toString());
        Path rules = Files.createDirectories(dir.resolve("rules"));
        Files.write(rules.resolve("binary.rules"), new byte[] {'d', '-', 0, 1, 2, 3});
        add("--rules with a binary rules file", 2, "NUL byte", "grad", "x'*x", "--wrt", "x", "--rules", rules.toString());
        // --fn bodies.
        add("--fn body of 6,000 characters", 2, "maxFunctionChars", "grad", "sum(sp(x))", "--wrt", "x", "--fn", "sp(x) = " + "x+".repeat(2999) + "x");
        add("--fn body nested 600 deep", 2, "maxDepth", "grad", "sum(sp(x))", "--wrt", "x", "--fn", "sp(x) = " + "-(".repeat(600) + "x" + ")".repeat(600));
        add("--fn sp(x) = 1/0", 2, "undefined", "grad", "sum(sp(x))", "--wrt", "x", "--fn", "sp(x) = 1/0");
        add("--fn sp(x) = 0/0", 2, "undefined", "grad", "sum(sp(x))", "--wrt", "x", "--fn", "sp(x) = 0/0");
        // JSON bombs.
        add("--at nested 60,000 deep", 2, "nesting depth", "eval", "a", "--at", "{\"a\": " + "[".repeat(60_000) + "]".repeat(60_000) + "}");
        add("values file with a 1 MB number", 2, "not valid JSON", "eval", "a", "--at",
                Files.writeString(dir.resolve("number.json"), "{\"a\": 1" + "0".repeat(1_000_000) + "}").toString());
        add("values file with a 1 MB name", 2, "not valid JSON", "eval", "a", "--at",
                Files.writeString(dir.resolve("name.json"), "{\"" + "a".repeat(1_000_000) + "\": 1}").toString());
        add("--at with a name given twice", 2, "Duplicate field", "eval", "a", "--at", "{\"a\": 1, \"a\": 2}");
        add("--at with 200,000 entries for a 2-vector", 2, "'x'", "eval", "x'*x", "--let", "x: vector(2)",
                "--at", Files.writeString(dir.resolve("long.json"), "{\"x\": [" + "1,".repeat(199_999) + "1]}").toString());
        // NUL and control characters.
        add("NUL in the expression", 2, "U+0000", "print", "x'*x\u0000+1");
        add("ESC in the expression", 2, "U+001B", "print", "x'*x\u001b[31m");
        add("NUL in --let", 2, "malformed declaration", "print", "x", "--let", "x: vec\u0000tor(n)");
        add("NUL in the --at JSON", 2, "not valid JSON", "eval", "x'*x", "--at", "{\"x\": [1,\u0000 2]}");
        // Deep and long expressions.
        add("10^5-deep parentheses", 2, "maxExpressionChars", "print", "(".repeat(100_000) + "x" + ")".repeat(100_000));
        add("problem file with 10^5-deep parentheses", 2, "maxExpressionChars", "print", "--problem",
                Files.writeString(dir.resolve("deep.problem"), "f = " + "(".repeat(100_000) + "x" + ")".repeat(100_000) + "\n").toString());
        add("40,000-deep parentheses", 2, "maxDepth", "print", "(".repeat(40_000) + "x" + ")".repeat(40_000));
        add("1 MB expression", 2, "maxExpressionChars", "grad", "x'*x" + " + x'*x".repeat(150_000), "--wrt", "x");
        add("a 90,000-digit number", 2, "too large for a double", "print", "x*1" + "0".repeat(90_000) + "+y");
        add("a 90,000-letter unknown function", 2, "unknown function", "print", "f" + "a".repeat(90_000) + "(x)");
        add("--wrt a 90,000-letter name", 2, "does not occur", "grad", "x'*x", "--wrt", "w".repeat(90_000));
        add("1 MB --let", 2, "maxExpressionChars", "print", "x", "--let", "x: vector(n);".repeat(80_000));
        add("1 MB malformed --let", 2, "maxExpressionChars", "print", "x", "--let", "x".repeat(1_000_000));
        // Its derivative shares prefixes and suffixes: 41,399 operations written out, a few thousand distinct ones.
        add("a product of 200 matrices differentiated", 0, "∂f/∂X", "grad", "a'*" + "X*".repeat(199) + "X*b", "--wrt", "X",
                "--let", "a: vector(n); b: vector(n)");
        return List.copyOf(cases);
    }
}
