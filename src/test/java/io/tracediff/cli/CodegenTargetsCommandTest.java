package io.tracediff.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code codegen --lang …}, {@code --jacobian}, {@code --hessian}: the options, their errors, and the README's examples as shown. */
class CodegenTargetsCommandTest {
    @TempDir Path tmp;

    @Test void helpListsEveryLanguageAndMode() {
        MainTest.Run r = MainTest.run("codegen", "--help");
        assertEquals(0, r.code());
        for (String s : List.of("--lang", "java (default), numpy, torch or jax", "--jacobian", "--hessian", "--module", "--lang numpy", "--lang torch", "--lang jax"))
            assertTrue(r.out().contains(s), s + " in\n" + r.out());
    }

    @Test void pythonModulesAreWrittenUnderTheirModuleName() throws Exception {
        MainTest.Run r = MainTest.run("codegen", "x'*A*x", "--wrt", "x", "--hessian", "--lang", "torch", "--module", "quad_hessian", "--out", tmp.toString());
        assertEquals(0, r.code(), r.err());
        Path file = tmp.resolve("quad_hessian.py");
        assertEquals("wrote " + file + "\n", r.out());
        String src = Files.readString(file);
        assertTrue(src.contains("import torch\n") && src.contains("\"hessian_x_x\": ") && src.contains("A + Aᵀ"), src);
        MainTest.Run j = MainTest.run("codegen", "A*X*B", "--wrt", "X", "--jacobian", "--lang", "numpy", "--let", "A: matrix(m, n); X: matrix(n, p); B: matrix(p, q)");
        assertEquals(0, j.code(), j.err());
        assertTrue(j.out().contains("\"jacobian_X\": ") && j.out().contains("np.kron(B.T, A)"), j.out());
    }

    @Test void javaJacobianAndHessianClassesAreNamedForWhatTheyCompute() throws Exception {
        MainTest.Run h = MainTest.run("codegen", "x'*A*x + sum(exp(x))", "--wrt", "x", "--hessian", "--out", tmp.toString());
        assertEquals(0, h.code(), h.err());
        assertTrue(Files.readString(tmp.resolve("HessianOf.java")).contains("public final double[][] hessian_x_x;"));
        MainTest.Run j = MainTest.run("codegen", "X'", "--wrt", "X", "--jacobian", "--let", "X: matrix(m, n)", "--class", "TransposeJacobian");
        assertEquals(0, j.code(), j.err());
        assertTrue(j.out().contains("commutation(") && j.out().contains("jacobian_X"), j.out());
    }

    @Test void badCombinationsAreOneLineUserErrors() {
        String[][] cases = {
                {"codegen", "x'*x", "--wrt", "x", "--lang", "fortran"},
                {"codegen", "x'*x", "--wrt", "x", "--jacobian", "--hessian"},
                {"codegen", "x'*x", "--wrt", "x", "--module", "m"},
                {"codegen", "x'*x", "--wrt", "x", "--lang", "numpy", "--class", "C"},
                {"codegen", "x'*x", "--wrt", "x", "--lang", "numpy", "--package", "a.b"},
                {"codegen", "x'*x", "--wrt", "x", "--lang", "numpy", "--module", "os;import sys"},
                {"codegen", "x'*x", "--wrt", "x", "--lang", "jax", "--module", "jax"},
                {"codegen", "x'*x", "--wrt", "x", "--jacobian", "--lang", "torch"},
                {"codegen", "A*x", "--wrt", "x", "--hessian", "--lang", "numpy"}};
        for (String[] c : cases) {
            MainTest.Run r = MainTest.run(c);
            assertEquals(ExitCodes.USER_ERROR, r.code(), String.join(" ", c) + "\n" + r.err());
            assertTrue(r.err().startsWith("error: ") && r.err().strip().lines().count() == 1 && !r.err().contains("Exception"), r.err());
        }
    }

    /** Names that are well formed but taken say so, instead of calling the name invalid or letting javac or Python fail later. */
    @Test void takenNamesSayWhyTheyAreTaken() {
        String[][] cases = {
                {"--class", "Result", "error: --class 'Result' is a name the generated class itself uses (or java.lang's); choose another, e.g. --class LossGradient"},
                {"--package", "java.lang", "error: --package 'java.lang' is the JDK's (javac refuses classes there); choose your own, e.g. --package com.example.grad"},
                {"--module", "copy", "error: --module 'copy' would shadow a module of that name that Python or the frameworks import; choose another, e.g. --module loss_gradient"}};
        for (String[] c : cases) {
            MainTest.Run r = c[0].equals("--module") ? MainTest.run("codegen", "x'*x", "--wrt", "x", "--lang", "torch", c[0], c[1])
                    : MainTest.run("codegen", "x'*x", "--wrt", "x", c[0], c[1]);
            assertEquals(ExitCodes.USER_ERROR, r.code(), r.err());
            assertEquals(c[2] + "\n", r.err());
        }
    }

    /** Every codegen command in the README's code-generation section runs and prints the lines shown, in order ("…" skips). */
    @Test void readmeExamplesPrintWhatTheReadmeShows() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        String section = readme.substring(readme.indexOf("## Code generation"));
        section = section.substring(0, section.indexOf("\n## ", 5));
        int examples = 0;
        List<String> lines = section.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).startsWith("$ bin/tracediff ")) continue;
            List<String> args = words(lines.get(i).substring("$ bin/tracediff ".length()));
            List<String> shown = new ArrayList<>();
            for (int k = i + 1; k < lines.size() && !lines.get(k).startsWith("$ ") && !lines.get(k).startsWith("```"); k++) shown.add(lines.get(k));
            MainTest.Run r = MainTest.run(args.toArray(String[]::new));
            assertEquals(0, r.code(), lines.get(i) + "\n" + r.err());
            List<String> out = r.out().lines().toList();
            int at = 0;
            for (String s : shown) {
                if (s.equals("…")) continue;
                while (at < out.size() && !out.get(at).equals(s)) at++;
                assertTrue(at < out.size(), lines.get(i) + ": the README shows\n" + s + "\nbut the output (in order) is\n" + r.out());
                at++;
            }
            examples++;
        }
        assertEquals(4, examples, "one example per language");
    }

    /** Shell words: double-quoted strings kept whole. */
    static List<String> words(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean quoted = false, any = false;
        for (char c : line.toCharArray()) {
            if (c == '"') { quoted = !quoted; any = true; }
            else if (c == ' ' && !quoted) { if (any) out.add(w.toString()); w.setLength(0); any = false; }
            else { w.append(c); any = true; }
        }
        if (any) out.add(w.toString());
        assertFalse(quoted, line);
        return out;
    }
}
