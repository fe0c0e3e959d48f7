package io.tracediff.api;

import io.tracediff.ops.Functions;
import io.tracediff.rules.RuleSet;
import io.tracediff.symja.UserFunctions;
import java.nio.file.Path;
import java.util.List;

/**
 * The mathematics a derivation works with: the differentiation and simplification rules and the elementwise
 * functions an expression may call. {@link #builtin()} is what a plain command uses; {@link #of} adds a folder of
 * rule files ({@code --rules}) and functions defined by a formula ({@code --fn "sp(x) = log(1 + exp(x))"}).
 */
public record Mathematics(RuleSet rules, Functions functions) {

    /** The built-in rules and functions. */
    public static Mathematics builtin() { return new Mathematics(RuleSet.builtin(), Functions.builtin()); }

    /** The built-in rules plus the {@code *.rules} files in {@code rulesDir} (null for none), and each function definition. */
    public static Mathematics of(Path rulesDir, List<String> functionDefinitions) {
        RuleSet rules = rulesDir == null ? RuleSet.builtin() : RuleSet.builtinPlus(rulesDir);
        Functions functions = Functions.builtin();
        for (String definition : functionDefinitions) {
            UserFunctions.Defined d = UserFunctions.define(definition, functions, rules);
            functions = d.functions();
            rules = d.rules();
        }
        if (rulesDir != null) refuseShapeChangingUserRules(rules, functions, rulesDir);
        return new Mathematics(rules, functions);
    }

    /**
     * A user rule whose two sides have different shapes (d(tr(?A)) = d(?A)) is refused by name before it is used: its
     * steps would print a matrix where a number is. A rule wrong only in value is left to the self-check and to
     * {@code check}, which exist to show that disagreement (exit 3).
     */
    private static void refuseShapeChangingUserRules(RuleSet rules, Functions functions, Path dir) {
        io.tracediff.rules.RuleChecker checker = new io.tracediff.rules.RuleChecker(rules, functions);
        for (io.tracediff.rules.Rule rule : rules.all()) {
            if (!rules.fromUser().contains(rule.name())) continue;
            String mismatch;
            try {
                mismatch = checker.check(rule).shapeMismatch();
            } catch (RuntimeException cannotCheck) {
                continue;   // what the checker cannot build, the engine reports where it applies the rule
            }
            if (mismatch != null)
                throw new io.tracediff.core.UserError("rule " + rule.name() + " in " + io.tracediff.core.UserError.excerpt(dir.toString(), 200)
                        + " changes the shape: " + io.tracediff.core.UserError.excerpt(mismatch.replace('\n', ' '), 300) + "; fix or remove it");
        }
    }

    /** {@code expr} read under {@code lets} with these functions, the one reading of {@link Problem#of(String, List, Functions)}. */
    public Problem problem(String expr, List<String> lets) { return Problem.of(expr, lets, functions); }
}
