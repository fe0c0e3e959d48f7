package io.tracediff.parse;

import io.tracediff.expr.Op;
import io.tracediff.ops.*;
import java.util.Map;
import java.util.Set;

/** Which operator a symbol or function name denotes; overloaded names are settled by operand shapes. */
public final class OpTable {
    private OpTable() {}

    static final Map<String, Op> BINARY = Map.of(
            "+", Add.OP, "-", Sub.OP, "*", Mul.OP, "/", Div.OP, ".*", Hadamard.OP, "./", ElementDiv.OP, ".^", ElementPow.OP);

    static final Map<String, Op> UNARY_FUNCTIONS = Map.ofEntries(
            Map.entry("tr", Trace.OP), Map.entry("trace", Trace.OP), Map.entry("det", Det.OP), Map.entry("logdet", LogDet.OP),
            Map.entry("inv", Inv.OP), Map.entry("sum", Sum.OP), Map.entry("norm1", Norm1.OP), Map.entry("norm2", Norm2.OP),
            Map.entry("norm", Norm2.OP), Map.entry("norm_fro", Norm2.OP), Map.entry("vec", Vec.OP),
            Map.entry("softmax", Softmax.OP), Map.entry("logsumexp", LogSumExp.OP), Map.entry("max", Extremum.MAX), Map.entry("min", Extremum.MIN),
            Map.entry("argmax_indicator", ExtremumIndicator.ARGMAX), Map.entry("argmin_indicator", ExtremumIndicator.ARGMIN));

    /** Operators that derivations produce and rules name but the input language does not offer (yet). */
    static final Map<String, Op> DERIVED = Map.of("kron", Kron.OP, "powsum", PowerSum.OP);

    /** Functions whose arguments are dimensions, not expressions. */
    static final Set<String> CONSTRUCTORS = Set.of("eye", "ones", "zeros");

    /** The operator a binary symbol denotes ("^" is settled by shape, so it is not here); null if none. */
    public static Op binary(String symbol) { return BINARY.get(symbol); }

    /** The operator a function name denotes in a rule: a matrix function, a reduction or a derived operator (kron); null if none. */
    public static Op function(String name) {
        Op op = UNARY_FUNCTIONS.get(name);
        return op != null ? op : DERIVED.get(name);
    }

    /** Every function name of the language, for "did you mean" suggestions. */
    public static Set<String> functionNames() {
        var s = new java.util.TreeSet<>(UNARY_FUNCTIONS.keySet());
        s.addAll(CONSTRUCTORS);
        s.add("diag");
        return s;
    }
}
