package io.tracediff.egraph;

import io.tracediff.expr.Apply;
import io.tracediff.expr.Expr;
import io.tracediff.expr.Num;
import io.tracediff.expr.Op;
import io.tracediff.expr.Var;
import io.tracediff.ops.ElementFn;
import io.tracediff.ops.ElementPow;
import io.tracediff.ops.Functions;
import io.tracediff.ops.Inv;
import io.tracediff.ops.MatrixPow;
import io.tracediff.ops.Mul;
import io.tracediff.ops.Neg;
import io.tracediff.ops.Operators;
import io.tracediff.ops.Transpose;
import io.tracediff.rules.PatternBindings;
import io.tracediff.rules.PatternMatcher;
import io.tracediff.rules.Pattern;
import io.tracediff.rules.PatternBuilder;
import io.tracediff.rules.Rule;
import io.tracediff.rules.RuleSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Equality saturation over the simplification rules ({@code ->}, {@code ~>} and {@code <->} lines, side
 * conditions honoured): every rule applied everywhere into one {@link EGraph}, then the cheapest member of the root's
 * class extracted under {@link #cost}. egg's BackoffScheduler keeps explosive rules (commutativity,
 * associativity) from swamping the graph: a rule whose matches in an iteration pass its budget is banned for a
 * while, its budget and ban doubling each time. Limits on nodes, iterations and time end the run with the best
 * form found so far, and the {@link Result} says which limit stopped it.
 */
public final class Saturation {

    /** Why a run ended. */
    public enum Stop { SATURATED, NODE_LIMIT, ITERATION_LIMIT, TIME_LIMIT }

    /**
     * The bounds of one run. Nodes and iterations decide where a run ends, the same on every machine and every
     * run; the time bound is only a guard against a pathological input and is far above what they allow.
     */
    public record Limits(int nodes, int iterations, long nanos) {
        public static final Limits DEFAULT = new Limits(4_000, 30, 3_000_000_000L);
    }

    /** The extracted form, why the run stopped, the graph's size, and the rules that merged classes on the way. */
    public record Result(Expr best, Stop stop, int nodes, int classes, int iterations, List<String> rulesUsed, long nanos) {
        public boolean limited() { return stop != Stop.SATURATED; }
    }

    /** Larger results keep the greedy form: an e-graph over them would not stay within the speed budget. */
    public static final int MAX_INPUT = 400;

    private final List<Rule> rules = new ArrayList<>();
    private final PatternBuilder builder;
    private final Limits limits;

    public Saturation(RuleSet ruleSet, Functions functions, Limits limits) {
        rules.addAll(ruleSet.of(Rule.Kind.SIMPLIFY));
        rules.addAll(ruleSet.of(Rule.Kind.SIMPLIFY_IF_SMALLER));
        rules.addAll(ruleSet.of(Rule.Kind.EQUIVALENCE));
        this.builder = PatternBuilder.forRewriting(functions, "simplification", true);
        this.limits = limits;
    }

    public Result run(Expr e) {
        long start = System.nanoTime();
        EGraph g = new EGraph();
        int root = g.add(e);
        Map<String, int[]> bans = new HashMap<>(); // rule → {banned until iteration, times banned}
        Stop stop = Stop.ITERATION_LIMIT;
        // Matches already applied (rule, class, bound classes): applying one again only rebuilds the same term.
        java.util.Set<List<Object>> applied = new java.util.HashSet<>();
        int iteration = 0;
        outer:
        for (; iteration < limits.iterations(); iteration++) {
            List<Object[]> todo = new ArrayList<>();
            // Classes by the operators of their nodes: a rule is matched only where its root operator occurs.
            Map<String, List<Integer>> byKey = new HashMap<>();
            List<Integer> all = new ArrayList<>();
            for (int id : g.classIds()) {
                all.add(id);
                var keys = new java.util.HashSet<String>();
                for (EGraph.Node n : g.eclass(id).nodes) if (n.head() instanceof Op op) keys.add(op.key());
                for (String k : keys) byKey.computeIfAbsent(k, x -> new ArrayList<>()).add(id);
            }
            for (Rule r : rules) {
                int[] ban = bans.computeIfAbsent(r.name(), k -> new int[2]);
                if (ban[0] > iteration) continue;
                List<Object[]> found = new ArrayList<>();
                int budget = 200 << ban[1];
                List<Integer> where = all;
                if (r.lhs() instanceof Pattern.App top) {
                    where = new ArrayList<>(byKey.getOrDefault(top.key(), List.of()));
                    if (top.key().equals("^")) where.addAll(byKey.getOrDefault(".^", List.of()));
                }
                for (int id : where) {
                    if (r.lhs() instanceof Pattern.Var) {   // a bare variable matches the class, whichever node
                        for (Map<String, Object> m : match(g, r.lhs(), id, new HashMap<>())) found.add(new Object[] {r, id, m, g.find(id)});
                        continue;
                    }
                    // Node by node, so that the proof forest records which node the rule rewrote.
                    for (EGraph.Node n : new ArrayList<>(g.eclass(id).nodes)) {
                        List<Map<String, Object>> ms = new ArrayList<>();
                        matchNode(g, r.lhs(), n, new HashMap<>(), ms);
                        for (Map<String, Object> m : ms) found.add(new Object[] {r, id, m, g.originOf(n, id)});
                    }
                }
                if (found.size() > budget) { ban[0] = iteration + (2 << ban[1]); ban[1]++; continue; }
                todo.addAll(found);
                if (System.nanoTime() - start > limits.nanos()) { stop = Stop.TIME_LIMIT; break outer; }
            }
            boolean changed = false;
            for (Object[] t : todo) {
                Rule r = (Rule) t[0];
                int id = (Integer) t[1];
                @SuppressWarnings("unchecked") Map<String, Object> m = (Map<String, Object>) t[2];
                List<Object> key = new ArrayList<>();
                key.add(r.name());
                key.add(g.find(id));
                for (var x : new java.util.TreeMap<>(m).entrySet()) { key.add(x.getKey()); key.add(x.getValue() instanceof Integer c ? g.find(c) : x.getValue()); }
                if (!applied.add(key)) continue;
                PatternBindings b = bindings(g, m);
                if (b == null || !r.admits(b)) continue;
                Expr out;
                try {
                    out = builder.build(r.rhs(), b);
                } catch (PatternBuilder.Rejected | io.tracediff.shape.ShapeException | IllegalStateException notHere) {
                    continue;
                }
                if (!out.shape().equals(g.term(id).shape())) continue;
                if (g.union((Integer) t[3], g.add(out), r.name())) changed = true;
                if (g.nodes() > limits.nodes()) { g.rebuild(); stop = Stop.NODE_LIMIT; break outer; }
            }
            g.rebuild();
            if (System.nanoTime() - start > limits.nanos()) { stop = Stop.TIME_LIMIT; break; }
            int now = iteration;
            boolean anyBanned = bans.values().stream().anyMatch(x -> x[0] > now);
            if (!changed && !anyBanned) { stop = Stop.SATURATED; break; }
        }
        Map<Integer, EGraph.Node> chosen = new HashMap<>();
        Expr best = extract(g, root, chosen);
        // egg's explanation: for each class the extracted form is made of, the rules on the proof path from the node
        // the input had there (the class's oldest) to the node extracted; congruence steps are the operands' own.
        List<String> used = new ArrayList<>();
        for (var c : chosen.entrySet()) {
            int oldest = g.oldestOrigin(c.getKey());
            for (String why : g.explain(oldest, g.originOf(c.getValue(), c.getKey())))
                if (!why.equals("congruence") && !used.contains(why)) used.add(why);
        }
        return new Result(best, stop, g.nodes(), g.classCount(), iteration, used, System.nanoTime() - start);
    }

    /** The operands' representative terms as the rules' bindings; null when ?f would stand for two functions. */
    private static PatternBindings bindings(EGraph g, Map<String, Object> m) {
        PatternBindings b = PatternBindings.empty();
        for (var e : m.entrySet()) {
            if (e.getKey().equals("?f")) b = b.withFn(((ElementFn) e.getValue()).fn());
            else if (e.getValue() instanceof PatternBindings.Constructor c) b = b.withConstructor(c.pattern(), c.met());
            else b = b.with(e.getKey(), g.term((Integer) e.getValue()));
        }
        return PatternMatcher.constructorsAgree(b) ? b : null;
    }

    // ---- e-matching ----

    private static List<Map<String, Object>> match(EGraph g, Pattern p, int id, Map<String, Object> b) {
        List<Map<String, Object>> out = new ArrayList<>();
        id = g.find(id);
        if (p instanceof Pattern.Var v) {
            Object bound = b.get(v.name());
            if (bound != null) { if (g.find((Integer) bound) == id) out.add(b); return out; }
            Expr t = g.term(id);
            if (v.scalarOnly() && !t.isScalar()) return out;
            if (v.vectorOrScalar() && !t.shape().cols().isOne()) return out;
            Map<String, Object> nb = new HashMap<>(b);
            nb.put(v.name(), id);
            out.add(nb);
            return out;
        }
        for (EGraph.Node n : new ArrayList<>(g.eclass(id).nodes))
            if (matchNode(g, p, n, b, out)) return out;
        return out;
    }

    /** The bindings under which {@code p} matches the one node {@code n}, added to {@code out}; true when a number matched (no other node can add to it). */
    private static boolean matchNode(EGraph g, Pattern p, EGraph.Node n, Map<String, Object> b, List<Map<String, Object>> out) {
        if (p instanceof Pattern.Num k) {
            if (n.head() instanceof Num x && x.value() == k.value()) { out.add(b); return true; }
            return false;
        }
        if (!(n.head() instanceof Op op)) return false;
        if (p instanceof Pattern.Call c) {
            if (c.name().equals("?f") && op instanceof ElementFn f) {
                Object fn = b.get("?f");
                if (fn != null && !((ElementFn) fn).fn().name().equals(f.fn().name())) return false;
                Map<String, Object> nb = new HashMap<>(b);
                nb.put("?f", f);
                out.addAll(match(g, c.args().get(0), n.kids().get(0), nb));
            }
            return false;
        }
        Pattern.App app = (Pattern.App) p;
        if (!keyMatches(app, op, g, n)) return false;
        Map<String, Object> at = b;
        if (Operators.constructor(app.key()) != null) {   // its dimensions are checked once the left side is bound (bindings)
            at = new HashMap<>(b);
            at.put("#constructor" + at.size(), new PatternBindings.Constructor(app, op));
        }
        if (op.arity() == 0) { out.add(at); return false; }
        // unvec(?v, m, n) matches on its value operand, as in the greedy matcher.
        List<Pattern> operands = app.matched() < app.args().size() ? app.args().subList(0, app.matched()) : app.args();
        if (operands.size() != n.kids().size()) return false;
        out.addAll(sequence(g, operands, n.kids(), 0, at));
        if (op.commutative() && n.kids().size() == 2 && g.find(n.kids().get(0)) != g.find(n.kids().get(1)))
            out.addAll(sequence(g, operands, List.of(n.kids().get(1), n.kids().get(0)), 0, at));
        return false;
    }

    private static List<Map<String, Object>> sequence(EGraph g, List<Pattern> ps, List<Integer> ids, int i, Map<String, Object> b) {
        if (i == ps.size()) return List.of(b);
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map<String, Object> next : match(g, ps.get(i), ids.get(i), b)) out.addAll(sequence(g, ps, ids, i + 1, next));
        return out;
    }

    /** As the greedy matcher decides it: the key, or for a shared name ("^") the operator the registry resolves for these operands. */
    private static boolean keyMatches(Pattern.App app, Op op, EGraph g, EGraph.Node n) {
        if (op.key().equals(app.key())) return true;
        Operators.Entry e = app.shared();
        if (e == null || n.kids().size() != app.matched()) return false;
        List<io.tracediff.shape.Shape> shapes = new ArrayList<>(n.kids().size());
        for (int k : n.kids()) shapes.add(g.term(k).shape());
        return e.resolve(shapes) == op;
    }

    // ---- extraction ----

    /**
     * The paper's taste, in one place: every operation costs one, a transpose of a name (or of X⁻¹, X²) nothing
     * (Xᵀ is one symbol) and of anything larger two, a whole-number exponent nothing, a negation one, and a number
     * scaling from the right or a factor −1 extra (scalars in front, no (−1) factors).
     */
    static int nodeCost(EGraph g, EGraph.Node n, int[] best) {
        if (n.leaf()) return 1;
        Op op = (Op) n.head();
        int kids = 0;
        for (int k : n.kids()) {
            int c = best[g.find(k)];
            if (c == Integer.MAX_VALUE) return Integer.MAX_VALUE;
            kids += c;
        }
        int own = 1;
        // A whole-number exponent is a superscript, not a term: X³ reads as one symbol.
        if ((op == MatrixPow.OP || op == ElementPow.OP) && classHasNumber(g, n.kids().get(1))) kids -= best[g.find(n.kids().get(1))];
        if (op == Transpose.OP) {
            boolean atom = classHasLeaf(g, n.kids().get(0)) || classHasInvOfLeaf(g, n.kids().get(0)) || classHasPowerOfLeaf(g, n.kids().get(0));
            own = atom ? 0 : 2;
        }
        if (op == Mul.OP) {
            if (classHasNegativeNumber(g, n.kids().get(0)) || classHasNegativeNumber(g, n.kids().get(1))) own += 2;
            if (classHasNumber(g, n.kids().get(1)) && !classHasNumber(g, n.kids().get(0))) own += 1;
        }
        if (op == Neg.OP) own = 1;
        return own + kids;
    }

    private static boolean classHasLeaf(EGraph g, int id) {
        for (EGraph.Node n : g.eclass(id).nodes) if (n.head() instanceof Var) return true;
        return false;
    }

    private static boolean classHasInvOfLeaf(EGraph g, int id) {
        for (EGraph.Node n : g.eclass(id).nodes) if (n.head() == Inv.OP && classHasLeaf(g, n.kids().get(0))) return true;
        return false;
    }

    private static boolean classHasPowerOfLeaf(EGraph g, int id) {
        for (EGraph.Node n : g.eclass(id).nodes) if (n.head() == MatrixPow.OP && classHasLeaf(g, n.kids().get(0))) return true;
        return false;
    }

    private static boolean classHasNumber(EGraph g, int id) {
        for (EGraph.Node n : g.eclass(id).nodes) if (n.head() instanceof Num) return true;
        return false;
    }

    private static boolean classHasNegativeNumber(EGraph g, int id) {
        for (EGraph.Node n : g.eclass(id).nodes) if (n.head() instanceof Num x && x.value() < 0) return true;
        return false;
    }

    /** Cheapest node of every class by fixed point (classes refer to each other), then the root's term. */
    static Expr extract(EGraph g, int root) { return extract(g, root, new HashMap<>()); }

    /** As {@link #extract(EGraph, int)}, putting the node chosen for each class the extracted term is made of in {@code chosen}. */
    static Expr extract(EGraph g, int root, Map<Integer, EGraph.Node> chosen) {
        int[] best = new int[g.idBound()];
        java.util.Arrays.fill(best, Integer.MAX_VALUE);
        Map<Integer, EGraph.Node> choice = new HashMap<>();
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int id : g.classIds()) {
                for (EGraph.Node n : g.eclass(id).nodes) {
                    int c = nodeCost(g, n, best);
                    if (c < best[id]) { best[id] = c; choice.put(id, n); changed = true; }
                }
            }
        }
        Map<Integer, Expr> built = new HashMap<>();
        var stack = new java.util.ArrayDeque<Integer>();
        stack.push(g.find(root));
        while (!stack.isEmpty()) {
            int id = stack.peek();
            if (built.containsKey(id)) { stack.pop(); continue; }
            EGraph.Node n = choice.get(id);
            boolean ready = true;
            for (int k : n.kids()) if (!built.containsKey(g.find(k))) { stack.push(g.find(k)); ready = false; }
            if (!ready) continue;
            stack.pop();
            List<Expr> kids = new ArrayList<>();
            for (int k : n.kids()) kids.add(built.get(g.find(k)));
            built.put(id, EGraph.build(n, kids));
            chosen.put(id, n);
        }
        return built.get(g.find(root));
    }

    /** Cost of a plain expression under the same model (a graph of its own nodes). */
    public static int cost(Expr e) {
        EGraph g = new EGraph();
        int root = g.add(e);
        int[] best = new int[g.idBound()];
        java.util.Arrays.fill(best, Integer.MAX_VALUE);
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int id : g.classIds())
                for (EGraph.Node n : g.eclass(id).nodes) {
                    int c = nodeCost(g, n, best);
                    if (c < best[id]) { best[id] = c; changed = true; }
                }
        }
        return best[g.find(root)];
    }

    static boolean isApply(Expr e) { return e instanceof Apply; }
}
