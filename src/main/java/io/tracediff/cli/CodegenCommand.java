package io.tracediff.cli;

import io.tracediff.codegen.derive.Derivatives;
import io.tracediff.api.Derivations;
import io.tracediff.api.Mathematics;
import io.tracediff.api.Problem;
import io.tracediff.codegen.JavaGenerator;
import io.tracediff.codegen.PythonNames;
import io.tracediff.codegen.PythonTarget;
import io.tracediff.expr.Var;
import io.tracediff.core.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tracediff codegen EXPR --wrt X [--lang L] [--jacobian|--hessian]}: one source file computing f and its derivatives. */
@Command(name = "codegen", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write one readable, self-contained source file computing f and its gradient (or, with --jacobian or "
                + "--hessian, its Jacobian or every Hessian block) with respect to each --wrt variable, from one derivation, "
                + "in Java (default), NumPy, PyTorch or JAX. Java: a class whose evaluate(...) takes double, double[], double[][] "
                + "(and Commons Math RealMatrix/RealVector; with --no-commons-math it compiles with plain javac against the JDK alone). Python: a module "
                + "whose evaluate(**inputs) returns a dict with value and grad_X (jacobian_X, hessian_X_Y)."},
        footer = {"", "Examples:",
                "  tracediff codegen \"norm2(X*w - y)^2\" --wrt w --class LeastSquares --package com.example --out src/main/java",
                "  wrote src/main/java/com/example/LeastSquares.java",
                "  tracediff codegen \"norm2(X*w - y)^2\" --wrt w --lang numpy --module least_squares --out .",
                "  tracediff codegen \"x'*A*x + sum(exp(x))\" --wrt x --hessian --lang torch",
                "  tracediff codegen \"tanh(W*x)\" --wrt W --jacobian --lang jax",
                "  tracediff codegen \"sum(softplus(X*w)) - y'*X*w\" --wrt w --hessian --class LogisticHessian",
                "", "Without --out the source goes to standard output. An existing file is replaced only with --force."})
public final class CodegenCommand extends BaseCommand {

    @Mixin ProblemOptions problem;

    @Mixin WrtOptions wrt;

    @Option(names = "--lang", paramLabel = "LANG", defaultValue = "java",
            description = "Target: java (default), numpy, torch or jax.")
    String lang;

    @Option(names = "--jacobian", description = "The Jacobian ∂vec(F)/∂vec(X)ᵀ of a vector- or matrix-valued EXPR (outputs jacobian_X).")
    boolean jacobian;

    @Option(names = "--hessian", description = "Every Hessian block of a scalar EXPR (outputs hessian_X_Y).")
    boolean hessian;

    @Option(names = "--class", paramLabel = "NAME", description = "Java class name (default LossGradient, JacobianOf, HessianOf).")
    String className;

    @Option(names = "--package", paramLabel = "PKG", defaultValue = "", description = "Java package of the class (default: none).")
    String packageName;

    @Option(names = "--module", paramLabel = "NAME", description = "Python module name, the file NAME.py (default loss_gradient, jacobian_of, hessian_of).")
    String moduleName;

    @Option(names = "--out", paramLabel = "DIR", description = "Write DIR/package/path/NAME.java instead of printing the source.")
    Path out;

    @Option(names = "--force", description = "Replace an existing file.")
    boolean force;

    @Option(names = "--no-commons-math", negatable = false, description = "Leave out the RealMatrix/RealVector overload.")
    boolean noCommonsMath;

    @Mixin RuleOptions rules;

    @Option(names = "--no-self-check",
            description = "Skip comparing the gradients with reverse mode at two random points before writing code (on by default).")
    boolean noSelfCheck;

    @Override
    public Integer call() throws IOException {
        if (jacobian && hessian) throw new UserError("--jacobian and --hessian exclude each other: generate one at a time");
        Derivatives.Mode mode = jacobian ? Derivatives.Mode.JACOBIAN : hessian ? Derivatives.Mode.HESSIAN : Derivatives.Mode.GRADIENT;
        PythonTarget python = PythonTarget.named(lang);
        if (python == null && !lang.equals("java"))
            throw new UserError("--lang " + lang + " is not a target; choose java, numpy, torch or jax");
        JavaGenerator.Options options = null;
        String fileName;
        if (python == null) {
            if (moduleName != null) throw new UserError("--module names a Python module; for --lang java use --class (and --package)");
            String cls = className != null ? className : switch (mode) { case GRADIENT -> "LossGradient"; case JACOBIAN -> "JacobianOf"; case HESSIAN -> "HessianOf"; };
            try {
                options = new JavaGenerator.Options(cls, packageName, !noCommonsMath);
            } catch (IllegalArgumentException e) {
                throw new UserError(e.getMessage());
            }
            fileName = cls + ".java";
        } else {
            if (className != null || !packageName.isEmpty() || noCommonsMath)
                throw new UserError("--class, --package and --no-commons-math are for --lang java; a Python module is named with --module");
            String module = PythonNames.checkModule(moduleName != null ? moduleName
                    : switch (mode) { case GRADIENT -> "loss_gradient"; case JACOBIAN -> "jacobian_of"; case HESSIAN -> "hessian_of"; });
            fileName = module + ".py";
        }
        Mathematics mathematics = rules.mathematics();
        Problem p = problem.problem(mathematics);
        if (mode == Derivatives.Mode.JACOBIAN) p.requireNonScalar();
        List<Var> vars = wrt.variables(p, problem.wrtFromFile());
        Derivatives d = Derivations.forCode(mode, p, vars, new Derivations.Options(mathematics, !noSelfCheck, false));
        DerivationOptions.warnIfUnchecked(err(), d.selfCheck(), !noSelfCheck);
        String source = python == null ? Derivations.javaSource(p, d, options) : Derivations.pythonSource(p, d, python);
        if (out == null) {
            out().print(source);
            out().flush();
            return ExitCodes.OK;
        }
        if (out.toString().isEmpty()) throw new UserError("--out is empty: give the folder to write " + fileName + " in (. for this one)");
        Path dir = out;
        if (!packageName.isEmpty()) for (String part : packageName.split("\\.")) dir = dir.resolve(part);
        Path target = dir.resolve(fileName);
        // A link counts as there, even one to nothing: replacing it is what --force is for.
        if (Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS) && !force) throw new UserError(target + " exists; use --force to replace it");
        if (Files.exists(out) && !Files.isDirectory(out)) throw new UserError("--out " + out + " is a file, not a directory");
        for (Path folder = dir; folder != null && !folder.equals(out.getParent()); folder = folder.getParent())
            if (Files.exists(folder) && !Files.isDirectory(folder)) throw new UserError("cannot write " + target + ": " + folder + " is a file, not a folder");
        Path written;
        try {
            written = JavaGenerator.write(dir, fileName, source);
        } catch (java.nio.file.FileSystemException e) {
            // A path of hundreds of characters is cut to its start, so the reason after it stays on the line ("File name too long").
            String why = e.getReason() != null ? e.getReason() : reason(e);
            throw new UserError("cannot write " + UserError.excerpt(target.toString(), 120) + ": " + why
                    + (e.getFile() != null && !e.getFile().equals(target.toString()) ? " (" + UserError.excerpt(e.getFile(), 120) + ")" : ""));
        } catch (IOException e) {
            throw new UserError("cannot write " + UserError.excerpt(target.toString(), 120) + ": " + e.getMessage());
        }
        out().println("wrote " + written);
        out().flush();
        return ExitCodes.OK;
    }

    /** The operating system's reason in words where Java gives only the exception's class. */
    private static String reason(java.nio.file.FileSystemException e) {
        if (e instanceof java.nio.file.NoSuchFileException) return "no such file or folder can be made there";
        if (e instanceof java.nio.file.AccessDeniedException) return "permission denied";
        if (e instanceof java.nio.file.FileAlreadyExistsException) return "a file of that name exists";
        if (e instanceof java.nio.file.NotDirectoryException) return "a part of the path is not a folder";
        return e.getClass().getSimpleName().replace("Exception", "");
    }
}
