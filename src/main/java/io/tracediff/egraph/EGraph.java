package io.tracediff.egraph;

import io.tracediff.algebra.Alg;
import io.tracediff.expr.Apply;
import io.tracediff.expr.Expr;
import io.tracediff.expr.Op;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An e-graph (egg, Willsey et al. POPL 2021): e-classes of equal expressions, e-nodes whose operands are
 * e-classes, a hash-cons so equal nodes are one node, union-find for merged classes, and egg's deferred
 * rebuilding, which restores congruence (equal operands make equal nodes) after a batch of unions.
 * Written here: the maintained e-graph libraries looked at are egg (Rust), Metatheory.jl (Julia), ego (OCaml)
 * and hegg (Haskell); no kept-up Java one turned up, and none would know shapes or this project's operators.
 */
public final class EGraph {

    /** An operator over e-classes, or a leaf (a {@link io.tracediff.expr.Var} or {@link io.tracediff.expr.Num}). */
    public record Node(Object head, List<Integer> kids) {
        boolean leaf() { return !(head instanceof Op); }

        // Written out: hash-consing hashes every node, and a record's generated methods are bootstrapped through
        // method handles, which a cold CLI start pays for.
        @Override public boolean equals(Object o) { return o instanceof Node n && java.util.Objects.equals(head, n.head) && kids.equals(n.kids); }
        @Override public int hashCode() { return 31 * java.util.Objects.hashCode(head) + kids.hashCode(); }
    }

    /** One e-class: its nodes, the nodes that use it, and one member term (for shapes and building). */
    static final class EClass {
        final List<Node> nodes = new ArrayList<>();
        final List<Map.Entry<Node, Integer>> parents = new ArrayList<>();
        Expr term;
    }

    private int[] parent = new int[64];
    private int size;
    /** Classes by id; null once merged into another (indexing beats a map of boxed ids in the matcher's loops). */
    private final List<EClass> classes = new ArrayList<>();
    private int live;
    private final Map<Node, Integer> memo = new HashMap<>();
    private final List<Integer> pending = new ArrayList<>();
    private int nodeCount;
    /**
     * egg's proof forest: every node is known by the id it was created with (its origin), and each union that
     * merged two classes adds one edge between the two nodes it equated, labelled with its reason (a rule's name,
     * or congruence). Merged classes are joined by exactly one edge, so the edges form a forest and the path between
     * two equal nodes is the explanation of their equality.
     */
    private final Map<Integer, List<int[]>> proof = new HashMap<>();
    private final List<String> reasons = new ArrayList<>();
    /** The origin of each node, by its canonical form. */
    private final Map<Node, Integer> origin = new HashMap<>();

    public int find(int id) {
        int root = id;
        while (parent[root] != root) root = parent[root];
        while (parent[id] != root) { int next = parent[id]; parent[id] = root; id = next; }
        return root;
    }

    public int nodes() { return nodeCount; }

    public int classCount() { return live; }

    EClass eclass(int id) { return classes.get(find(id)); }

    /** The ids of the classes now (roots), in creation order. */
    List<Integer> classIds() {
        List<Integer> out = new ArrayList<>(live);
        for (int i = 0; i < size; i++) if (classes.get(i) != null) out.add(i);
        return out;
    }

    /** One more than the largest class id. */
    int idBound() { return size; }

    /** A term of the class: the one it was made from (all its terms are equal and of one shape). */
    public Expr term(int id) { return eclass(id).term; }

    private Node canonical(Node n) {
        if (n.kids().isEmpty()) return n;
        List<Integer> k = new ArrayList<>(n.kids().size());
        for (int c : n.kids()) k.add(find(c));
        return new Node(n.head(), k);
    }

    /** Adds a node (operands already in the graph) built as {@code term}; the node's origin (find gives its class). */
    int add(Node n, Expr term) {
        n = canonical(n);
        Integer known = memo.get(n);
        if (known != null) return originOf(n, known);
        int id = size++;
        if (id == parent.length) parent = java.util.Arrays.copyOf(parent, 2 * id);
        parent[id] = id;
        EClass c = new EClass();
        c.nodes.add(n);
        c.term = term;
        classes.add(c);
        live++;
        for (int k : n.kids()) eclass(k).parents.add(Map.entry(n, id));
        memo.put(n, id);
        origin.put(n, id);
        nodeCount++;
        return id;
    }

    /**
     * The origin of a node of class {@code cls} (its canonical form now), or {@code cls} itself should the node's origin
     * be unknown or in another class: a union through it then still merges the right classes, only its explanation is coarser.
     */
    public int originOf(Node n, int cls) {
        Integer o = origin.get(canonical(n));
        return o != null && find(o) == find(cls) ? o : cls;
    }

    /** The oldest node of a class (the smallest origin): the input's own where the input had one. */
    public int oldestOrigin(int id) {
        int min = Integer.MAX_VALUE;
        for (Node n : eclass(id).nodes) min = Math.min(min, originOf(n, id));
        return min;
    }

    /** As {@link #union(int, int)}, recording why: {@code a} and {@code b} are the origins of the nodes equated. */
    public boolean union(int a, int b, String reason) {
        if (find(a) == find(b)) return false;
        reasons.add(reason);
        int r = reasons.size() - 1;
        proof.computeIfAbsent(a, k -> new ArrayList<>()).add(new int[] {b, r});
        proof.computeIfAbsent(b, k -> new ArrayList<>()).add(new int[] {a, r});
        return union(a, b);
    }

    /** The reasons on the proof path between two equal nodes (by origin), in order; empty when they are one node. */
    public List<String> explain(int from, int to) {
        Map<Integer, int[]> back = new HashMap<>();   // node → {previous node, reason}
        var queue = new java.util.ArrayDeque<Integer>();
        queue.add(from);
        back.put(from, null);
        while (!queue.isEmpty() && !back.containsKey(to)) {
            int x = queue.poll();
            for (int[] e : proof.getOrDefault(x, List.of()))
                if (!back.containsKey(e[0])) { back.put(e[0], new int[] {x, e[1]}); queue.add(e[0]); }
        }
        List<String> out = new ArrayList<>();
        if (!back.containsKey(to)) return out;
        for (int x = to; back.get(x) != null; x = back.get(x)[0]) out.add(0, reasons.get(back.get(x)[1]));
        return out;
    }

    /** Adds every subterm of {@code root} (post-order, explicit stack); the class of the root. */
    public int add(Expr root) {
        return io.tracediff.expr.PostOrder.<Integer>fold(root, new HashMap<>(), (e, kids) ->
                e instanceof Apply a ? add(new Node(a.op(), kids), e) : add(new Node(e, List.of()), e));
    }

    /** Merges two classes; congruence is restored by {@link #rebuild}. Whether anything changed. */
    public boolean union(int a, int b) {
        a = find(a);
        b = find(b);
        if (a == b) return false;
        EClass ca = classes.get(a), cb = classes.get(b);
        if (ca.nodes.size() + ca.parents.size() < cb.nodes.size() + cb.parents.size()) { int t = a; a = b; b = t; EClass tc = ca; ca = cb; cb = tc; }
        parent[b] = a;
        ca.nodes.addAll(cb.nodes);
        ca.parents.addAll(cb.parents);
        // The smaller term stands for the class: rules then build from short operands.
        if (cb.term.size() < ca.term.size()) ca.term = cb.term;
        classes.set(b, null);
        live--;
        pending.add(a);
        return true;
    }

    /** egg's rebuild: re-canonicalise the parents of merged classes, merging the nodes that became equal. */
    public void rebuild() {
        while (!pending.isEmpty()) {
            List<Integer> todo = new ArrayList<>(pending);
            pending.clear();
            for (int id : todo) repair(find(id));
        }
        for (EClass c : classes) {
            if (c == null) continue;
            List<Node> seen = new ArrayList<>();
            var set = new java.util.HashSet<Node>();
            for (Node n : c.nodes) {
                Node k = canonical(n);
                Integer o = origin.get(n);
                if (o != null && !k.equals(n)) origin.putIfAbsent(k, o);
                if (set.add(k)) seen.add(k);
            }
            c.nodes.clear();
            c.nodes.addAll(seen);
        }
    }

    private void repair(int id) {
        EClass c = classes.get(id);
        if (c == null) return;
        List<Map.Entry<Node, Integer>> old = new ArrayList<>(c.parents);
        for (var p : old) memo.remove(p.getKey());
        Map<Node, Integer> fresh = new HashMap<>();
        for (var p : old) {
            Node n = canonical(p.getKey());
            Integer o = origin.get(p.getKey());
            if (o != null) origin.putIfAbsent(n, o);
            Integer other = fresh.get(n);
            if (other != null) union(other, p.getValue(), "congruence");
            int cls = find(p.getValue());
            fresh.put(n, cls);
            memo.put(n, cls);
        }
        EClass now = classes.get(find(id));
        now.parents.clear();
        for (var e : fresh.entrySet()) now.parents.add(Map.entry(e.getKey(), find(e.getValue())));
    }

    /** The expression of a node with the given operand expressions, built canonically. */
    static Expr build(Node n, List<Expr> kids) {
        if (n.leaf()) return (Expr) n.head();
        return Alg.apply((Op) n.head(), kids);
    }
}
