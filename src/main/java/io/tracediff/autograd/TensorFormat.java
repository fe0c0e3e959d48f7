package io.tracediff.autograd;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * PyTorch 1.13's {@code repr} of a tensor with its default print options (precision 4, threshold 1000, edge items 3,
 * line width 80), showing values as float32 (PyTorch's default dtype) would hold them: one width for all elements, integer mode ({@code 4.}) when every finite non-zero value is whole,
 * scientific notation when the largest |value| exceeds 1e8, the ratio of largest to smallest exceeds 1000 or (not
 * integral) the smallest is below 1e-4, and rows wrapped to the line width. Values are rounded as Python rounds
 * (exact binary value, ties to even), never as {@link String#format} does.
 */
final class TensorFormat {
    static final int PRECISION = 4, THRESHOLD = 1000, EDGE_ITEMS = 3, LINE_WIDTH = 80;

    private final Tensor.Dtype dtype;
    private boolean intMode = true, sciMode;
    private int maxWidth = 1;

    private TensorFormat(double[] doubles, Tensor.Dtype dtype) {
        this.dtype = dtype;
        if (dtype != Tensor.Dtype.FLOAT32) {            // Python's str of each value: True/False, or the integer
            for (double v : doubles) maxWidth = Math.max(maxWidth, format(v).length());
            return;
        }
        double[] values = new double[doubles.length];
        for (int i = 0; i < values.length; i++) values[i] = asFloat(doubles[i]);
        double min = Double.POSITIVE_INFINITY, max = 0;
        boolean any = false;
        for (double v : values) {
            if (v == 0 || !Double.isFinite(v)) continue;
            any = true;
            min = Math.min(min, Math.abs(v));
            max = Math.max(max, Math.abs(v));
            if (v != Math.ceil(v)) intMode = false;
        }
        if (!any) return;
        sciMode = max / min > 1000 || max > 1e8 || (!intMode && min < 1e-4);
        for (double v : values) {
            if (v == 0 || !Double.isFinite(v)) continue;
            int width = sciMode ? scientific(v).length() : intMode ? fixed(v, 0).length() + 1 : fixed(v, PRECISION).length();
            maxWidth = Math.max(maxWidth, width);
        }
    }

    /** The whole repr: {@code tensor([…], grad_fn=<MulBackward0>)}. */
    static String repr(Tensor t) {
        String prefix = "tensor(";
        int indent = prefix.length();
        List<String> suffixes = new ArrayList<>();
        String body;
        if (t.data.length == 0) {
            if (t.shape.length != 1) suffixes.add("size=" + pythonTuple(t.shape));
            if (t.dtype != Tensor.Dtype.FLOAT32) suffixes.add("dtype=" + t.dtype.name);
            body = "[]";
        } else {
            boolean summarize = t.data.length > THRESHOLD;
            TensorFormat format = new TensorFormat(summarize ? summarized(t.data, t.shape) : t.data, t.dtype);
            StringBuilder sb = new StringBuilder();
            format.append(sb, t.data, t.shape, 0, 0, indent, summarize);
            body = sb.toString();
        }
        if (t.gradFn != null) suffixes.add("grad_fn=<" + t.gradFn.name() + ">");
        else if (t.requiresGrad) suffixes.add("requires_grad=True");
        return addSuffixes(prefix + body, suffixes, indent);
    }

    private static String addSuffixes(String tensorString, List<String> suffixes, int indent) {
        StringBuilder sb = new StringBuilder(tensorString);
        int lastLineLength = tensorString.length() - tensorString.lastIndexOf('\n') + 1;   // Python's arithmetic, +1 included
        for (String suffix : suffixes) {
            if (lastLineLength + suffix.length() + 2 > LINE_WIDTH) {
                sb.append(",\n").append(" ".repeat(indent)).append(suffix);
                lastLineLength = indent + suffix.length();
            } else {
                sb.append(", ").append(suffix);
                lastLineLength += suffix.length() + 2;
            }
        }
        return sb.append(')').toString();
    }

    private static String pythonTuple(int[] shape) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) sb.append(i > 0 ? ", " : "").append(shape[i]);
        return sb.append(shape.length == 1 ? ",)" : ")").toString();
    }

    /** The elements a summarized print shows (the first and last EDGE_ITEMS along every dimension): what sets widths. */
    private static double[] summarized(double[] data, int[] shape) {
        List<Double> out = new ArrayList<>();
        int[][] keep = new int[shape.length][];
        for (int d = 0; d < shape.length; d++) {
            int n = shape[d];
            if (n > 2 * EDGE_ITEMS) {
                keep[d] = new int[2 * EDGE_ITEMS];
                for (int i = 0; i < EDGE_ITEMS; i++) { keep[d][i] = i; keep[d][EDGE_ITEMS + i] = n - EDGE_ITEMS + i; }
            } else {
                keep[d] = new int[n];
                for (int i = 0; i < n; i++) keep[d][i] = i;
            }
        }
        int[] counter = new int[shape.length];
        while (true) {
            int offset = 0;
            for (int d = 0; d < shape.length; d++) offset = offset * shape[d] + keep[d][counter[d]];
            out.add(data[offset]);
            int d = shape.length - 1;
            while (d >= 0 && ++counter[d] == keep[d].length) counter[d--] = 0;
            if (d < 0) break;
        }
        double[] values = new double[out.size()];
        for (int i = 0; i < values.length; i++) values[i] = out.get(i);
        return values;
    }

    /** Appends the sub-tensor at {@code offset} whose shape is shape[dim:]; {@code indent} as Python's _tensor_str_with_formatter. */
    private void append(StringBuilder sb, double[] data, int[] shape, int dim, int offset, int indent, boolean summarize) {
        int rank = shape.length - dim;
        if (rank == 0) {
            sb.append(format(data[offset]));
            return;
        }
        int n = shape[dim], stride = 1;
        for (int d = dim + 1; d < shape.length; d++) stride *= shape[d];
        boolean cut = summarize && n > 2 * EDGE_ITEMS;
        if (rank == 1) {
            List<String> items = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                if (cut && i == EDGE_ITEMS) { items.add(" ..."); i = n - EDGE_ITEMS; }
                items.add(format(data[offset + i]));
            }
            int perLine = Math.max(1, (LINE_WIDTH - indent) / (maxWidth + 2));
            sb.append('[');
            for (int i = 0; i < items.size(); i++) {
                if (i > 0) sb.append(i % perLine == 0 ? ",\n" + " ".repeat(indent + 1) : ", ");
                sb.append(items.get(i));
            }
            sb.append(']');
            return;
        }
        String separator = "," + "\n".repeat(rank - 1) + " ".repeat(indent + 1);
        sb.append('[');
        for (int i = 0; i < n; i++) {
            if (i > 0) sb.append(separator);
            if (cut && i == EDGE_ITEMS) { sb.append("...").append(separator); i = n - EDGE_ITEMS; }
            append(sb, data, shape, dim + 1, offset + i * stride, indent + 1, summarize);
        }
        sb.append(']');
    }

    /**
     * The value PyTorch would hold in its default dtype, float32, so that choices such as "smallest below 1e-4" and the
     * rounding of the last digit agree; a double outside float's range (overflow, or a non-zero that would flush to 0) is kept.
     */
    static double asFloat(double v) {
        float f = (float) v;
        return Float.isInfinite(f) && !Double.isInfinite(v) || (f == 0 && v != 0) ? v : f;
    }

    private String format(double value) {
        double v = asFloat(value);
        String s;
        if (dtype == Tensor.Dtype.BOOL) s = value != 0 ? "True" : "False";
        else if (dtype == Tensor.Dtype.INT64) s = String.valueOf((long) value);
        else if (Double.isNaN(v)) s = "nan";
        else if (Double.isInfinite(v)) s = v > 0 ? "inf" : "-inf";
        else if (sciMode) s = scientific(v);
        else if (intMode) s = fixed(v, 0) + ".";
        else s = fixed(v, PRECISION);
        return s.length() >= maxWidth ? s : " ".repeat(maxWidth - s.length()) + s;
    }

    /** Python's {@code '{:.Nf}'.format(v)}: the exact binary value rounded half to even, sign kept on −0. */
    static String fixed(double v, int decimals) {
        String s = new BigDecimal(v).setScale(decimals, RoundingMode.HALF_EVEN).abs().toPlainString();
        return negative(v) ? "-" + s : s;
    }

    /** Python's {@code '{:.4e}'.format(v)}: d.dddde±XX. */
    static String scientific(double v) {
        String sign = negative(v) ? "-" : "";
        if (v == 0) return sign + "0." + "0".repeat(PRECISION) + "e+00";
        BigDecimal rounded = new BigDecimal(Math.abs(v)).round(new MathContext(PRECISION + 1, RoundingMode.HALF_EVEN));
        String digits = rounded.unscaledValue().toString();
        int exponent = digits.length() - 1 - rounded.scale();
        digits = (digits + "0".repeat(PRECISION + 1)).substring(0, PRECISION + 1);
        String e = String.valueOf(Math.abs(exponent));
        return sign + digits.charAt(0) + "." + digits.substring(1) + "e" + (exponent < 0 ? "-" : "+") + (e.length() < 2 ? "0" + e : e);
    }

    private static boolean negative(double v) { return v < 0 || (v == 0 && 1 / v < 0); }
}
