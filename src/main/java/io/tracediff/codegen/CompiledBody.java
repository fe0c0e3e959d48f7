package io.tracediff.codegen;

/**
 * What an in-memory generated class implements. Not thread-safe: the instance owns the buffers its
 * outputs live in, which the next {@link #run} overwrites.
 */
public interface CompiledBody {

    /** Evaluates on inputs given row-major, in declaration order, with their shapes (scalars as 1-element arrays). */
    void run(double[][] in, int[] rows, int[] cols);

    /** Output i of the last run, row-major (a scalar is a 1-element array). */
    double[] output(int i);

    int outputRows(int i);

    int outputCols(int i);
}
