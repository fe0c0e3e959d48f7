package io.tracediff.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tracediff.diff.CommonSubexpressions;
import io.tracediff.diff.Gradients;
import io.tracediff.eval.VariableValues;
import io.tracediff.eval.Matrix;
import io.tracediff.expr.Expr;
import io.tracediff.expr.Var;
import io.tracediff.parse.UserError;
import io.tracediff.print.Format;
import io.tracediff.print.Printer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tracediff grad EXPR --wrt X}: the gradient in closed form, its derivation, and its value at numbers. */
@Command(name = "grad", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Gradient of the scalar EXPR with respect to each --wrt variable, in closed form, by matrix "
                + "differentials and the trace trick. Entry (i, j) of ∂f/∂X is ∂f/∂X_ij (the Matrix Cookbook layout). "
                + "For a symmetric X the result is the symmetric gradient (G + Gᵀ)/2: the S with df = tr(Sᵀ dX) for every symmetric dX."},
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

    @Option(names = "--egraph", description = "Simplify further by equality saturation (an e-graph over the simplification rules; "
            + "bounded in nodes, iterations and time, and it says on stderr when a bound stopped it).")
    boolean egraph;

    @Override
    public Integer call() {
        RuleOptions.Setup setup = rules.setup();
        Problem p = scalarProblem(problem.expression(), problem.declarations(), setup.functions());
        List<Var> vars = wrt.variables(p, problem.wrtFromFile());
        Gradients.Result r = Gradients.of(p.expr(), vars, setup.rules(), setup.functions(), derivation.selfCheck(),
                egraph ? io.tracediff.egraph.Saturation.Limits.DEFAULT : null);
        DerivationOptions.warnIfUnchecked(err(), r.selfCheck(), derivation.selfCheck());
        for (var run : r.limited())
            err().println("tracediff: the e-graph stopped at its " + run.stop().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                    + " (" + run.nodes() + " nodes, " + run.iterations() + " iterations); the form shown is the best found before it");
        Format f = output.format();
        Map<String, Expr> shown = r.gradients();
        Map<String, Expr> temporaries = Map.of();
        if (derivation.cse) {
            var c = CommonSubexpressions.of(new ArrayList<>(r.gradients().values()), p.variables().keySet());
            temporaries = c.names();
            shown = new LinkedHashMap<>();
            int i = 0;
            for (String name : r.gradients().keySet()) shown.put(name, c.roots().get(i++));
        }
        if (at != null || output.json()) {
            writeJson(p, r, temporaries, shown, f);
            return ExitCodes.OK;
        }
        if (derivation.steps) out().print(r.derivation().render(f));
        else {
            for (var t : temporaries.entrySet())
                out().println(Temporaries.name(t.getKey(), f) + " = " + Temporaries.print(t.getValue(), f, temporaries.keySet()));
            for (var g : shown.entrySet())
                out().println(label(g.getKey(), f) + Temporaries.print(g.getValue(), f, temporaries.keySet()));
        }
        out().flush();
        return ExitCodes.OK;
    }

    /** The problem in the one reading all commands share ({@link Problem#of(String, List, io.tracediff.ops.Functions)}). */
    static Problem scalarProblem(String expr, List<String> lets, io.tracediff.ops.Functions functions) {
        return Problem.of(expr, lets, functions);
    }

    private void writeJson(Problem p, Gradients.Result r, Map<String, Expr> temporaries, Map<String, Expr> shown, Format f) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        if (at != null) {
            Map<String, Matrix> values = ValuesOptions.read(at);
            ValuesOptions.warnUnused(p, values, err());
            VariableValues b = VariableValues.bind(p.variables(), values); // shapes and finiteness checked, with messages naming the variable
            // One evaluation: interpreted, as hessian and jacobian do (compiling first costs half a second cold).
            io.tracediff.eval.SizeCheck.check(r.f(), b.sizes());   // before allocating: a named subexpression too big is refused
            for (Expr g : r.gradients().values()) io.tracediff.eval.SizeCheck.check(g, b.sizes());
            var ev = new io.tracediff.jacobian.StructuredEvaluator(values, b.sizes());
            o.set("value", Json.value(checkedFinite(ev.value(r.f()), "f = " + Printer.ascii(r.f()))));
            ObjectNode grads = o.putObject("gradient");
            for (var g : r.gradients().entrySet())
                grads.set(g.getKey(), Json.value(checkedFinite(ev.value(g.getValue()), "the gradient with respect to " + g.getKey())));
        }
        if (!r.saturations().isEmpty()) {
            var runs = o.putArray("egraph");
            for (var run : r.saturations()) {
                ObjectNode x = runs.addObject();
                x.put("stop", run.stop().name().toLowerCase(java.util.Locale.ROOT));
                x.put("nodes", run.nodes());
                x.put("classes", run.classes());
                x.put("iterations", run.iterations());
            }
        }
        ObjectNode closed = o.putObject("closed_form");
        for (var g : r.gradients().entrySet()) closed.put(g.getKey(), Printer.ascii(g.getValue()));
        if (f != Format.ASCII) {
            ObjectNode printed = o.putObject("printed");
            for (var g : shown.entrySet()) printed.put(g.getKey(), Printer.print(g.getValue(), f));
        }
        if (!temporaries.isEmpty()) {
            ObjectNode t = o.putObject("subexpressions");
            for (var e : temporaries.entrySet()) t.put(e.getKey(), Printer.ascii(e.getValue()));
        }
        if (derivation.steps) o.put("steps", r.derivation().render(f));
        DerivationOptions.report(o, r.selfCheck(), derivation.selfCheck());
        out().println(Json.write(o));
        out().flush();
    }

    private static Matrix checkedFinite(Matrix m, String what) {
        for (double x : m.data)
            if (!Double.isFinite(x)) throw new UserError(what + " is " + x + " at the given values");
        return m.copy();
    }

    private static String label(String name, Format f) {
        String variable = Printer.variable(name, f);
        return switch (f) {
            case UNICODE -> "∂f/∂" + variable + " = ";
            case ASCII -> "df/d" + variable + " = ";
            case LATEX -> "\\frac{\\partial f}{\\partial " + variable + "} = ";
        };
    }
}
