package io.tracediff.cli;

import io.tracediff.api.Mathematics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The mathematics a command works with: the built-in rules, plus {@code --rules DIR} and elementwise
 * functions defined with {@code --fn}. Use as a {@code @Mixin}.
 */
public final class RuleOptions {

    @Option(names = "--rules", paramLabel = "DIR",
            description = "A folder of *.rules files added to the built-in rules (a rule with a built-in rule's name replaces it).")
    Path rulesDir;

    @Option(names = "--fn", paramLabel = "DEF",
            description = "Define an elementwise function, e.g. \"sp(x) = log(1 + exp(x))\"; its derivative comes from Symja. Repeatable.")
    List<String> functionDefinitions = new ArrayList<>();

    /** Rules and elementwise functions for this run. */
    public Mathematics mathematics() { return Mathematics.of(rulesDir, functionDefinitions); }
}
