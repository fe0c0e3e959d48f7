import io.tracediff.autograd.*;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The MLPRegressor of the seed MatrixFlow article, on this engine: fits y = sin(x₀) + cos(x₁) from 100 points of
 * [−3.14, 3.14]² with ReLU layers h = relu(x·W + b) (weights and biases drawn uniform(−1, 1), as the article does),
 * a linear output, the sum of squared errors (y − out)ᵀ(y − out) on the full batch, and plain SGD with lr 0.001
 * for 1000 epochs. Unlike MatrixFlow's recursive backward, each node is visited once.
 * Run from the project root: java -cp <classpath> examples/autograd/MatrixFlowMlpRegressor.java [epochs] [hidden sizes…]
 */
public class MatrixFlowMlpRegressor {
    public static void main(String[] args) {
        int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        List<Integer> hidden = new ArrayList<>();
        for (int i = 1; i < args.length; i++) hidden.add(Integer.parseInt(args[i]));
        if (hidden.isEmpty()) hidden = List.of(10);

        Random random = new Random(7);
        Tensor x = uniform(random, 3.14, 100, 2);
        Tensor y = x.col(0).sin().add(x.col(1).cos()).reshape(100, 1);

        List<Tensor> weights = new ArrayList<>(), biases = new ArrayList<>();
        int width = 2;
        for (int size : hidden) {
            weights.add(uniform(random, 1, width, size).requiresGrad(true));
            biases.add(uniform(random, 1, 1, size).requiresGrad(true));
            width = size;
        }
        weights.add(uniform(random, 1, width, 1).requiresGrad(true));
        biases.add(uniform(random, 1, 1, 1).requiresGrad(true));

        int every = Math.max(1, epochs / 10);
        for (int epoch = 0; epoch < epochs; epoch++) {
            Tensor out = predict(x, weights, biases);
            Tensor error = y.sub(out);
            Tensor loss = error.t().mm(error);                  // a 1×1 matrix, as in the article
            loss.backward();
            try (GradMode off = Autograd.noGrad()) {
                for (Tensor p : weights) { p.sub_(p.grad().mul(0.001)); p.grad().zero_(); }
                for (Tensor p : biases) { p.sub_(p.grad().mul(0.001)); p.grad().zero_(); }
            }
            if (epoch % every == 0 || epoch == epochs - 1) System.out.printf("epoch %d loss %.6f%n", epoch, loss.item());
        }
        try (GradMode off = Autograd.noGrad()) {
            Tensor probe = Tensor.tensor(new double[][] {{0.5, 1.0}});
            System.out.printf("f(0.5, 1.0) = %.4f (true %.4f)%n", predict(probe, weights, biases).item(), Math.sin(0.5) + Math.cos(1.0));
        }
    }

    /** relu(x·W + b) through the hidden layers, then a linear output layer. */
    static Tensor predict(Tensor x, List<Tensor> weights, List<Tensor> biases) {
        Tensor h = x;
        for (int i = 0; i < weights.size(); i++) {
            h = h.mm(weights.get(i)).add(biases.get(i));
            if (i < weights.size() - 1) h = h.relu();
        }
        return h;
    }

    /** Entries uniform on (−bound, bound). */
    static Tensor uniform(Random random, double bound, int... shape) {
        return Tensor.rand(random, shape).mul(2 * bound).sub(bound);
    }
}
