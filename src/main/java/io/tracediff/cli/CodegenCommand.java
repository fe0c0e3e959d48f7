package io.tracediff.cli;

import io.tracediff.codegen.JavaGenerator;
import io.tracediff.diff.Gradients;
import io.tracediff.expr.Expr;
import io.tracediff.expr.Var;
import io.tracediff.parse.UserError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tracediff codegen EXPR --wrt X}: a self-contained Java class computing f and its gradients. */
@Command(name = "codegen", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Write one readable, self-contained Java source file: a class whose evaluate(...) takes the inputs "
                + "(double, double[], double[][]; and an overload for Commons Math RealMatrix/RealVector) and returns f "
                + "and the gradient with respect to each --wrt variable. It compiles with plain javac against the JDK."},
        footer = {"", "Example:",
                "  tracediff codegen \"norm2(X*w - y)^2\" --wrt w --class LeastSquares --package com.example --out src/main/java",
                "  wrote src/main/java/com/example/LeastSquares.java",
                "", "Without --out the source goes to standard output. An existing file is replaced only with --force."})
public final class CodegenCommand extends BaseCommand {

    @Mixin ProblemOptions problem;

    @Mixin WrtOptions wrt;

    @Option(names = "--class", paramLabel = "NAME", defaultValue = "LossGradient", description = "Class name (default ${DEFAULT-VALUE}).")
    String className;

    @Option(names = "--package", paramLabel = "PKG", defaultValue = "", description = "Package of the class (default: none).")
    String packageName;

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
        JavaGenerator.Options options;
        try {
            options = new JavaGenerator.Options(className, packageName, !noCommonsMath);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
        RuleOptions.Setup setup = rules.setup();
        Problem p = GradCommand.scalarProblem(problem.expression(), problem.declarations(), setup.functions());
        List<Var> vars = wrt.variables(p, problem.wrtFromFile());
        Gradients.Result r = Gradients.of(p.expr(), vars, setup.rules(), setup.functions(), !noSelfCheck);
        DerivationOptions.warnIfUnchecked(err(), r.selfCheck(), !noSelfCheck);
        Map<String, Expr> outputs = new LinkedHashMap<>();
        String valueName = p.variables().containsKey("value") ? "f" : "value";
        outputs.put(valueName, r.f());
        for (var g : r.gradients().entrySet()) outputs.put("grad_" + g.getKey(), g.getValue());
        String source = JavaGenerator.standalone(new ArrayList<>(p.variables().values()), outputs, options);
        if (out == null) {
            out().print(source);
            out().flush();
            return ExitCodes.OK;
        }
        Path dir = out;
        if (!packageName.isEmpty()) for (String part : packageName.split("\\.")) dir = dir.resolve(part);
        Path target = dir.resolve(className + ".java");
        if (Files.exists(target) && !force) throw new UserError(target + " exists; use --force to replace it");
        if (Files.exists(out) && !Files.isDirectory(out)) throw new UserError("--out " + out + " is a file, not a directory");
        Path written;
        try {
            written = JavaGenerator.write(out, options, source);
        } catch (IOException e) {
            throw new UserError("cannot write " + target + ": " + e.getClass().getSimpleName().replace("Exception", "") + " " + e.getMessage());
        }
        out().println("wrote " + written);
        out().flush();
        return ExitCodes.OK;
    }
}
