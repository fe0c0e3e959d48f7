package io.tracediff.api;

import io.tracediff.eval.Matrix;
import io.tracediff.eval.tree.RandomPoints;
import io.tracediff.eval.ValuesJson;
import io.tracediff.eval.VariableValues;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Numbers for a problem's variables: a JSON object mapping each name to a number (scalar), a flat array
 * (vector) or an array of rows (matrix), given inline or as a file name, the one reading of {@code --at}.
 */
public final class Values {
    private Values() {}

    /**
     * {@code at} as JSON text when it looks like JSON (starts with '{' or '[', spans lines, or is long), otherwise as a
     * file holding it; files and text are bounded by {@link io.tracediff.limits.Limit}. Throws UserError for a missing
     * file, bad JSON or a value that is not a number, vector or matrix.
     */
    public static Map<String, Matrix> read(String at) { return ValuesJson.fromOption(at.strip()); }

    /** Names in {@code values} that are neither a variable nor a dimension of {@code p}, in the order given: probably misspelt. */
    public static List<String> unused(Problem p, Map<String, Matrix> values) {
        Set<String> known = new HashSet<>(p.variables().keySet());
        for (var d : RandomPoints.dimensions(List.of(p.expr()), p.variables().values())) known.add(d.toString());
        List<String> unused = new ArrayList<>();
        for (String name : values.keySet()) if (!known.contains(name)) unused.add(name);
        return unused;
    }

    /** The values bound to {@code p}'s variables, shapes and finiteness checked (messages name the variable). */
    public static VariableValues bind(Problem p, Map<String, Matrix> values) { return VariableValues.bind(p.variables(), values); }
}
