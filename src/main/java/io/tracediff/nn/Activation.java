package io.tracediff.nn;

import io.tracediff.autograd.Tensor;
import java.util.function.UnaryOperator;

/** A parameter-free elementwise block: {@link #TANH}, {@link #RELU}, {@link #SIGMOID}, {@link #SOFTPLUS}. */
public final class Activation extends Module {
    public static final Activation TANH = new Activation("Tanh", Tensor::tanh);
    public static final Activation RELU = new Activation("ReLU", Tensor::relu);
    public static final Activation SIGMOID = new Activation("Sigmoid", Tensor::sigmoid);
    public static final Activation SOFTPLUS = new Activation("Softplus", Tensor::softplus);

    private final String name;
    private final UnaryOperator<Tensor> function;

    public Activation(String name, UnaryOperator<Tensor> function) {
        this.name = name;
        this.function = function;
    }

    @Override public Tensor forward(Tensor... inputs) { return function.apply(single(inputs)); }

    @Override public String toString() { return name + "()"; }
}
