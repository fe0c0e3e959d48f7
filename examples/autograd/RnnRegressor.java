import io.tracediff.autograd.*;
import io.tracediff.nn.*;
import io.tracediff.optim.*;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * An Elman RNN (hidden 16) reads windows of a noisy sine wave and predicts the next value; trained with Adam
 * by backpropagation through time. Run from the project root:
 * java -cp <classpath> examples/autograd/RnnRegressor.java [steps]
 */
public class RnnRegressor {
    public static void main(String[] args) {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int window = 20, batch = 32;
        Random random = new Random(1);
        double[] wave = new double[2000];
        for (int t = 0; t < wave.length; t++) wave[t] = Math.sin(0.1 * t) + 0.05 * random.nextGaussian();

        RNN rnn = new RNN(1, 16, random);
        Linear head = new Linear(16, 1, random);
        List<Tensor> parameters = new ArrayList<>(rnn.parameters());
        parameters.addAll(head.parameters());
        Optimizer optimizer = new Adam(parameters, 0.01);

        int every = Math.max(1, steps / 10);
        for (int step = 0; step <= steps; step++) {
            double[] inputs = new double[window * batch], targets = new double[batch];
            for (int b = 0; b < batch; b++) {
                int start = random.nextInt(wave.length - window - 1);
                for (int t = 0; t < window; t++) inputs[t * batch + b] = wave[start + t];   // (time, batch, 1)
                targets[b] = wave[start + window];
            }
            Tensor sequence = Tensor.fromArray(inputs, window, batch, 1);
            Tensor target = Tensor.fromArray(targets, batch, 1);

            optimizer.zeroGrad();
            Tensor prediction = head.forward(rnn.run(sequence, null).hidden());
            Tensor loss = Losses.mseLoss(prediction, target);
            loss.backward();
            optimizer.step();
            if (step % every == 0 || step == steps) System.out.printf("step %d loss %.6f%n", step, loss.item());
        }
    }
}
