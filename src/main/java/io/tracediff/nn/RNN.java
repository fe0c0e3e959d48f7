package io.tracediff.nn;

import io.tracediff.autograd.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** An {@link RNNCell} unrolled over a sequence (time, batch, features), as a plain Java loop. */
public final class RNN extends Module {
    private final RNNCell cell;

    /** Hidden states at every step (time, batch, hidden) and the last one (batch, hidden). */
    public record Output(Tensor outputs, Tensor hidden) {}

    public RNN(int inputSize, int hiddenSize, Random random) { this.cell = new RNNCell(inputSize, hiddenSize, random); }

    /** All hidden states: {@code forward(sequence)} from zeros or {@code forward(sequence, h0)}. */
    @Override public Tensor forward(Tensor... inputs) {
        inputs(inputs, 1, 2);
        return run(inputs[0], inputs.length == 2 ? inputs[1] : null).outputs();
    }

    /** Unrolls from {@code h0} (null for zeros). */
    public Output run(Tensor sequence, Tensor h0) {
        if (sequence.dim() != 3) throw new IllegalArgumentException("RNN expects input of shape (time, batch, features)");
        Tensor h = h0 != null ? h0 : Tensor.zeros(sequence.size(1), cell.hiddenSize());
        List<Tensor> states = new ArrayList<>(sequence.size(0));
        for (int t = 0; t < sequence.size(0); t++) {
            h = cell.step(sequence.select(0, t), h);
            states.add(h);
        }
        return new Output(Tensor.stack(states, 0), h);
    }

    public RNNCell cell() { return cell; }

    /** PyTorch's nn.RNN names for its one layer: weight_ih_l0, weight_hh_l0, bias_ih_l0, bias_hh_l0. */
    @Override public Map<String, Tensor> namedParameters() { return cell.named("_l0"); }
}
