import io.tracediff.autograd.*;
import java.util.Random;

/**
 * The RNNRegressor of the seed MatrixFlow article, on this engine: 20 sequences of 6 steps of 3-vectors drawn
 * uniform(−1, 1); the target of a sequence is (x₀·x₁ + x₂·x₃)/2 (dot products of its first four steps). The
 * recurrence h ← relu(x_t·U + h·W) (embedding 3, no bias) starts from one hidden state drawn uniform(−1, 1); the
 * output h·V is compared with the target after every step and the six squared errors are summed; U, W, V (uniform
 * (−1, 1)) are updated by SGD with lr 0.001 after each sequence, for 100 epochs, printing the epoch's total loss.
 * Run from the project root: java -cp <classpath> examples/autograd/MatrixFlowRnnRegressor.java [epochs]
 */
public class MatrixFlowRnnRegressor {
    public static void main(String[] args) {
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int samples = 20, steps = 6, emb = 3;
        Random random = new Random(3);
        Tensor x = uniform(random, samples, steps, emb);
        double[] targets = new double[samples];
        for (int i = 0; i < samples; i++)
            targets[i] = (x.select(0, i).row(0).dot(x.select(0, i).row(1)).item() + x.select(0, i).row(2).dot(x.select(0, i).row(3)).item()) / 2;
        Tensor initHidden = uniform(random, 1, emb);
        Tensor u = uniform(random, emb, emb).requiresGrad(true);
        Tensor w = uniform(random, emb, emb).requiresGrad(true);
        Tensor v = uniform(random, emb, 1).requiresGrad(true);

        for (int epoch = 0; epoch < epochs; epoch++) {
            double total = 0;
            for (int i = 0; i < samples; i++) {
                Tensor hidden = initHidden, target = Tensor.full(targets[i], 1, 1);
                Tensor loss = Tensor.zeros(1, 1);
                for (int t = 0; t < steps; t++) {
                    Tensor input = x.select(0, i).row(t).reshape(1, emb);
                    hidden = input.mm(u).add(hidden.mm(w)).relu();
                    Tensor error = target.sub(hidden.mm(v));
                    loss = loss.add(error.t().mm(error));
                }
                loss.backward();
                total += loss.item();
                try (GradMode off = Autograd.noGrad()) {
                    for (Tensor p : new Tensor[] {u, w, v}) { p.sub_(p.grad().mul(0.001)); p.grad().zero_(); }
                }
            }
            System.out.printf("Epoch: %d, Loss: %.4g%n", epoch, total);
        }
    }

    /** Entries uniform on (−1, 1). */
    static Tensor uniform(Random random, int... shape) {
        return Tensor.rand(random, shape).mul(2).sub(1);
    }
}
