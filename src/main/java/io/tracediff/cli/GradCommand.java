package io.tracediff.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tracediff.api.Derivations;
import io.tracediff.api.Evaluation;
import io.tracediff.api.Mathematics;
import io.tracediff.api.Problem;
import io.tracediff.diff.Gradients;
import io.tracediff.eval.Matrix;
import io.tracediff.expr.Var;
import io.tracediff.print.notation.Format;
import io.tracediff.print.Printer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tracediff grad EXPR --wrt X}: the gradient in closed form, its derivation, and its value at numbers. */
@Command(name = "grad", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Gradient of the scalar EXPR with respect to each --wrt variable, in closed form, by matrix "
                + "differentials and the trace trick. Entry (i, j) of ∂f/∂X is ∂f/∂X_ij (the Matrix Cookbook layout). "
                + "For a symmetric X the result is the symmetric gradient (G + Gᵀ)/2: the S with df = tr(Sᵀ dX) for every symmetric dX "
                + "(the Matrix Cookbook's §2.8 form G + Gᵀ − G ∘ I counts each off-diagonal entry twice; logdet(S) gives S⁻¹, not 2S⁻¹ − S⁻¹ ∘ I)."},
        footer = {"", "Examples:",
                "  tracediff grad \"a'*exp(X*b)\" --wrt X",
                "  ∂f/∂X = (a ⊙ exp(X b)) bᵀ",
                "  tracediff grad \"a'*exp(X*b)\" --wrt X --steps",
                "  tracediff grad \"norm2(W2*tanh(W1*x + b1) - y)^2\" --wrt W1 --wrt W2 --cse",
                "  tracediff grad \"x'*A*x\" --wrt x --at '{\"x\": [1, 2], \"A\": [[2, 0], [0, 3]]}' --json",
                "  tracediff grad \"sum(sp(X*w))\" --wrt w --fn \"sp(x) = log(1 + exp(x))\""})
public final class GradCommand extends BaseCommand {

    @Mixin ProblemOptions problem;

    @Mixin WrtOptions wrt;

    @Mixin DerivationOptions derivation;

    @Mixin OutputOptions output;

    @Option(names = "--at", paramLabel = "VALUES",
            description = "values.json (or inline JSON): evaluate f and the gradients there.")
    String at;

    @Mixin RuleOptions rules;

    @Option(names = "--greedy", description = "Skip equality saturation: simplify rule by rule (first match wins) and by the scalar "
            + "normal form only (the default then runs an e-graph over the simplification rules and keeps the cheapest form).")
    boolean greedy;

    // The e-graph is the default now; the option stays so that scripts written for it keep working.
    @Option(names = "--egraph", hidden = true)
    boolean egraph;

    @Override
    public Integer call() {
        Mathematics mathematics = rules.mathematics();
        Problem p = problem.problem(mathematics);
        List<Var> vars = wrt.variables(p, problem.wrtFromFile());
        Gradients.Result r = Derivations.gradient(p, vars, derivation.options(mathematics, !greedy));
        DerivationOptions.warnIfUnchecked(err(), r.selfCheck(), derivation.selfCheck());
        if (r.simplifierLimit() != null)
            err().println("tracediff: the simplifier stopped at " + r.simplifierLimit() + "; part of the form shown is left as derived (correct, longer)");
        for (var run : r.limited())
            err().println("tracediff: the e-graph stopped at its " + run.stop().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                    + " (" + run.nodes() + " nodes, " + run.iterations() + " iterations); the form shown is the best found before it");
        Format f = output.format();
        DerivationOptions.noteNamesThatReadAsConstants(err(), p, f);
        Temporaries.Shown shown = Temporaries.Shown.of(new ArrayList<>(r.gradients().values()), p, derivation.cse);
        if (at != null || output.json()) {
            writeJson(p, r, shown, f);
            return ExitCodes.OK;
        }
        if (derivation.steps) out().print(r.derivation().render(f, Temporaries.names(p)));
        else {
            shown.define(out(), f);
            int i = 0;
            for (String name : r.gradients().keySet()) out().println(label(name, f, shown.names()) + shown.print(i++, f));
        }
        out().flush();
        return ExitCodes.OK;
    }

    private void writeJson(Problem p, Gradients.Result r, Temporaries.Shown shown, Format f) {
        ObjectNode o = Json.object();
        Map<String, Matrix> values = ValuesOptions.read(at, p, err());
        if (values != null) {
            Evaluation.Numbers at = Evaluation.gradients(p, r, values);
            o.set("value", Json.value(at.value()));
            ObjectNode grads = o.putObject("gradient");
            at.derivatives().forEach((name, g) -> grads.set(name, Json.value(g)));
        }
        if (r.simplifierLimit() != null) o.put("simplifier_limit", r.simplifierLimit());
        // A run that saturated is the normal case; one that stopped on a bound is said, with its sizes.
        if (!r.limited().isEmpty()) {
            var runs = o.putArray("egraph");
            for (var run : r.limited()) {
                ObjectNode x = runs.addObject();
                x.put("stop", run.stop().name().toLowerCase(java.util.Locale.ROOT));
                x.put("nodes", run.nodes());
                x.put("classes", run.classes());
                x.put("iterations", run.iterations());
            }
        }
        ObjectNode closed = o.putObject("closed_form");
        for (var g : r.gradients().entrySet()) closed.put(g.getKey(), Printer.ascii(g.getValue()));
        shown.writeJson(o, new ArrayList<>(r.gradients().keySet()), f);
        if (derivation.steps) o.put("steps", r.derivation().render(f, Temporaries.names(p)));
        DerivationOptions.report(o, r.selfCheck(), derivation.selfCheck());
        out().println(Json.write(o));
        out().flush();
    }

    private static String label(String name, Format f, io.tracediff.print.VariableNames names) {
        String variable = Printer.variable(name, f, names);
        return switch (f) {
            case UNICODE -> "∂f/∂" + variable + " = ";
            case ASCII -> "df/d" + variable + " = ";
            case LATEX -> "\\frac{\\partial f}{\\partial " + variable + "} = ";
        };
    }
}
