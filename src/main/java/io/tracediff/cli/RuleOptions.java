package io.tracediff.cli;

import io.tracediff.ops.Functions;
import io.tracediff.rules.RuleSet;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The mathematics a command works with: the built-in rules, plus {@code --rules DIR}. Use as a {@code @Mixin}. */
public final class RuleOptions {

    @Option(names = "--rules", paramLabel = "DIR",
            description = "A folder of *.rules files added to the built-in rules (a rule with a built-in rule's name replaces it).")
    Path rulesDir;

    /** Rules and elementwise functions for this run. */
    public record Setup(RuleSet rules, Functions functions) {}

    public Setup setup() {
        RuleSet rules = rulesDir == null ? RuleSet.builtin() : RuleSet.builtinPlus(rulesDir);
        return new Setup(rules, Functions.builtin());
    }
}
