import io.tracediff.autograd.*;
import io.tracediff.nn.*;
import io.tracediff.optim.*;
import java.util.Random;

/**
 * Fits y = sin(x₀) + cos(x₁) on [−π, π]² with a 2-32-32-1 tanh MLP and Adam, printing the training loss.
 * Run from the project root: java -cp <classpath> examples/autograd/MlpRegressor.java [steps]
 */
public class MlpRegressor {
    public static void main(String[] args) {
        int steps = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        Random random = new Random(0);
        Tensor x = Tensor.rand(random, 256, 2).mul(2 * Math.PI).sub(Math.PI);
        Tensor y = x.col(0).sin().add(x.col(1).cos()).reshape(256, 1);

        MLP model = new MLP(random, 2, 32, 32, 1);
        Optimizer optimizer = new Adam(model.parameters(), 0.01);
        int every = Math.max(1, steps / 10);
        for (int step = 0; step <= steps; step++) {
            optimizer.zeroGrad();
            Tensor loss = Losses.mseLoss(model.forward(x), y);
            loss.backward();
            optimizer.step();
            if (step % every == 0 || step == steps) System.out.printf("step %d loss %.6f%n", step, loss.item());
        }
        try (GradMode off = Autograd.noGrad()) {
            Tensor probe = Tensor.tensor(new double[][] {{0.5, 1.0}});
            System.out.printf("f(0.5, 1.0) = %.4f (true %.4f)%n", model.forward(probe).item(), Math.sin(0.5) + Math.cos(1.0));
        }
    }
}
