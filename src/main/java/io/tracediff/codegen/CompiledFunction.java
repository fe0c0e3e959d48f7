package io.tracediff.codegen;

import io.tracediff.eval.VariableValues;
import io.tracediff.eval.Evaluator;
import io.tracediff.eval.Matrix;
import io.tracediff.expr.Expr;
import io.tracediff.expr.Var;
import io.tracediff.kernel.SingularMatrixException;
import io.tracediff.parse.UserError;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Named output expressions over ordered inputs, compiled to Java bytecode in memory: what
 * {@code grad --at} and the Java API evaluate gradients with. Repeated calls reuse every buffer, so
 * the steady state allocates nothing (the returned map and its matrices are overwritten by the next
 * call). Without a compiler it evaluates with the interpreter and says so once. Not thread-safe.
 */
public final class CompiledFunction {
    private static final AtomicBoolean WARNED = new AtomicBoolean(), WARNED_OP = new AtomicBoolean();
    private static final AtomicInteger CLASSES = new AtomicInteger();

    private final List<Var> inputs;
    private final List<String> names;
    private final List<Expr> exprs;
    private final String source;
    private final CompiledBody body;
    private final String backend;
    private final double[][] in;
    private final int[] rows, cols;
    private final Matrix[] views;
    private final Map<String, Matrix> results = new LinkedHashMap<>();
    private final Map<String, Matrix> resultsView = Collections.unmodifiableMap(results);

    private CompiledFunction(List<Var> inputs, Map<String, Expr> outputs, String source, CompiledBody body, String backend) {
        this.inputs = List.copyOf(inputs);
        this.names = new ArrayList<>(outputs.keySet());
        this.exprs = new ArrayList<>(outputs.values());
        this.source = source;
        this.body = body;
        this.backend = backend;
        this.in = new double[inputs.size()][];
        this.rows = new int[inputs.size()];
        this.cols = new int[inputs.size()];
        this.views = new Matrix[names.size()];
    }

    /** Compiles with the preferred compiler ({@link SourceCompiler#preferred()}), or falls back to the interpreter. */
    public static CompiledFunction compile(List<Var> inputs, Map<String, Expr> outputs) {
        return compile(inputs, outputs, SourceCompiler.preferred());
    }

    /** As {@link #compile(List, Map)} with a given compiler; null means the interpreter. */
    public static CompiledFunction compile(List<Var> inputs, Map<String, Expr> outputs, SourceCompiler compiler) {
        String className = "TracediffFunction" + CLASSES.incrementAndGet();
        String source;
        try {
            source = JavaGenerator.inMemory(inputs, outputs, className);
        } catch (UnsupportedOperationException e) {   // an operator without a code form: still evaluable
            if (WARNED_OP.compareAndSet(false, true))
                System.err.println("tracediff: " + e.getMessage() + "; evaluating with the (slower) interpreter");
            return new CompiledFunction(inputs, outputs, null, null, "interpreter");
        } catch (UnboundDimensionException e) {        // a size given as a value ("N": 5), not by an input's shape
            return new CompiledFunction(inputs, outputs, null, null, "interpreter");
        }
        if (compiler == null) {
            if (WARNED.compareAndSet(false, true))
                System.err.println("tracediff: no Java compiler available; gradients are evaluated by the (slower) interpreter");
            return new CompiledFunction(inputs, outputs, source, null, "interpreter");
        }
        Class<?> cls;
        try {
            cls = compiler.compile(className, source);
        } catch (IllegalStateException e) {      // e.g. a gradient too large for one JVM method (64 KB)
            System.err.println("tracediff: " + firstLine(e.getMessage()) + "; evaluating with the (slower) interpreter");
            return new CompiledFunction(inputs, outputs, source, null, "interpreter");
        }
        try {
            CompiledBody body = (CompiledBody) cls.getDeclaredConstructor().newInstance();
            return new CompiledFunction(inputs, outputs, source, body, compiler.name().toLowerCase());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot instantiate generated class: " + e, e);
        }
    }

    private static String firstLine(String s) {
        int nl = s == null ? -1 : s.indexOf('\n');
        return nl < 0 ? String.valueOf(s) : s.substring(0, nl);
    }

    /** "janino", "javac" or "interpreter". */
    public String backend() { return backend; }

    public boolean isCompiled() { return body != null; }

    /** The generated source (also when it runs interpreted); null when some operator has no code form. */
    public String source() { return source; }

    public List<String> outputNames() { return Collections.unmodifiableList(names); }

    /**
     * Evaluates every output at the given values (by variable name). The returned map and matrices are
     * reused: they stay valid until the next call. Bad shapes or missing values are a {@link UserError}.
     */
    public Map<String, Matrix> evaluate(Map<String, Matrix> values) {
        if (body == null) return interpret(values);
        for (int i = 0; i < inputs.size(); i++) {
            Var v = inputs.get(i);
            Matrix m = values.get(v.name());
            if (m == null) throw new UserError("no value given for variable '" + v.name() + "' (" + v.kind().word() + " " + v.shape() + ")");
            if (v.isScalar() && !m.isScalar())
                throw new UserError("input '" + v.name() + "' is " + m.shapeString() + ", but it is a scalar");
            in[i] = m.data;
            rows[i] = m.rows;
            cols[i] = m.cols;
        }
        try {
            body.run(in, rows, cols);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        } catch (SingularMatrixException e) {
            throw new UserError("a matrix to invert is singular at the given values: " + e.getMessage());
        } catch (ArithmeticException e) {   // a buffer's rows·cols past 2^31 (the generated code multiplies exactly)
            throw io.tracediff.limits.Limit.MATRIX_ENTRIES.exceeded("an intermediate matrix would have more than 2^31 entries");
        } finally {
            java.util.Arrays.fill(in, null);     // do not keep the caller's arrays alive
        }
        for (int i = 0; i < views.length; i++) {
            double[] data = body.output(i);
            int r = body.outputRows(i), c = body.outputCols(i);
            Matrix m = views[i];
            if (m == null || m.data != data || m.rows != r || m.cols != c) views[i] = m = new Matrix(r, c, data);
            results.put(names.get(i), m);
        }
        return resultsView;
    }

    private Map<String, Matrix> interpret(Map<String, Matrix> values) {
        Map<String, Var> vars = new LinkedHashMap<>();
        for (Var v : inputs) vars.put(v.name(), v);
        VariableValues b = VariableValues.bind(vars, values);
        Evaluator ev = new Evaluator(b.values(), Map.of(), b.sizes());
        for (int i = 0; i < names.size(); i++) results.put(names.get(i), ev.value(exprs.get(i)));
        return resultsView;
    }
}
