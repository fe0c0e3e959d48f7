package io.tracediff.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import io.tracediff.nn.Module;
import org.junit.jupiter.api.Test;

/**
 * The Java translation of each program in {@code src/test/resources/io/tracediff/autograd/golden/*.py} prints the
 * bytes PyTorch 1.13 printed for it (the committed {@code .txt}); {@link PyTorchGoldenRegenerationTest} reruns Python.
 */
class PyTorchGoldenTest {

    /** Python's print: str of each argument joined by spaces; null is None, a list a tuple. */
    static final class Out {
        final StringBuilder sb = new StringBuilder();

        void print(Object... items) {
            for (int i = 0; i < items.length; i++) sb.append(i > 0 ? " " : "").append(str(items[i]));
            sb.append('\n');
        }

        static String str(Object o) {
            if (o == null) return "None";
            if (o instanceof List<?> list) {
                StringBuilder t = new StringBuilder("(");
                for (int i = 0; i < list.size(); i++) t.append(i > 0 ? ", " : "").append(str(list.get(i)));
                return t.append(list.size() == 1 ? ",)" : ")").toString();
            }
            return o.toString();
        }
    }

    static String golden(String name) throws IOException {
        try (InputStream in = PyTorchGoldenTest.class.getResourceAsStream("golden/" + name)) {
            if (in == null) throw new IllegalStateException("missing golden " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Tensor t(double... v) { return Tensor.tensor(v); }

    @Test
    void printingMatchesPyTorch() throws IOException {
        double nan = Double.NaN, inf = Double.POSITIVE_INFINITY;
        Out o = new Out();
        o.print(Tensor.arange(4));
        o.print(t(0, 4, 8, 12));
        o.print(t(204.8, 2048, 0.2048));
        o.print(t(1e-5, 1));
        o.print(t(1, 2000));
        o.print(t(1e9, 1));
        o.print(t(-1.5, 2.25, 100.125));
        o.print(t(nan, inf, -inf, 1.5));
        o.print(t(nan, 1));
        o.print(t(inf, -3));
        o.print(Tensor.zeros(3));
        o.print(t(-0.0, 0.0));
        o.print(Tensor.scalar(3.14159));
        o.print(Tensor.scalar(1e-5));
        o.print(Tensor.scalar(-2));
        o.print(t(0.00015, 0.12345, 2.675));
        o.print(t(0.5, 1.5, 2.5, -0.25));
        o.print(t(123456.5, 1.5));
        o.print(Tensor.arange(12).reshape(3, 4).div(7));
        o.print(Tensor.arange(24).reshape(2, 3, 4));
        o.print(Tensor.arange(16).reshape(2, 2, 2, 2).sub(8));
        o.print(Tensor.arange(30).div(3));
        o.print(Tensor.arange(40).mul(1000));
        o.print(Tensor.arange(1000));
        o.print(Tensor.arange(1001));
        o.print(Tensor.arange(1600).reshape(40, 40).div(16));
        o.print(Tensor.arange(2000).reshape(10, 10, 20));
        o.print(Tensor.arange(1200).reshape(2, 600));
        o.print(Tensor.arange(5).requiresGrad(true));
        o.print(Tensor.arange(26).requiresGrad(true).mul(1.5));
        o.print(Tensor.arange(28).requiresGrad(true).mul(1.5).reshape(2, 14));
        o.print(Tensor.scalar(2).requiresGrad(true).mul(3));
        o.print(Tensor.zeros(0));
        o.print(Tensor.zeros(2, 0));
        o.print(t(1, 2).eq(t(1, 3)));
        o.print(Tensor.tensor(new double[][] {{1, 2}, {3, 4}}).gt(2));
        o.print(t(1, 2).eq(1).all());
        o.print(t(1, 2).gt(1).any());
        o.print(t(1, 2).lt(Tensor.tensor(new double[][] {{0}, {5}})));
        o.print(t(1e-3, 2e-3));
        o.print(t(1e-4, 2e-4));
        o.print(t(99999999., 1));
        o.print(t(1e8, 2e8));
        o.print(t(0.1, 0.2, 0.3).mul(3));
        Tensor b = t(1, 0, 2).gt(0.5);
        o.print(b.sum());
        o.print(Tensor.arange(12).reshape(3, 4).gt(5).sum(1));
        o.print(b.add(b));
        o.print(b.mul(b));
        o.print(b.add(1));
        o.print(b.mul(2));
        o.print(b.div(2));
        o.print(b.reshape(3, 1).t());
        o.print(Tensor.cat(List.of(b, b), 0));
        o.print(Tensor.stack(List.of(b, b), 0));
        o.print(b.mul(100000).sum());
        o.print(b.add(1).mul(1.5));
        assertEquals(golden("printing.txt"), o.sb.toString());
    }

    @Test
    void gradFnNamesMatchPyTorch() throws IOException {
        Tensor x = Tensor.arange(12).reshape(3, 4).div(20).add(0.1).requiresGrad(true);
        Tensor v = Tensor.arange(4).div(10).add(0.2).requiresGrad(true);
        Tensor a = Tensor.arange(16).reshape(4, 4).div(30).add(Tensor.eye(4)).requiresGrad(true);
        Tensor b = Tensor.arange(24).reshape(2, 3, 4).div(25).requiresGrad(true);
        Tensor c = Tensor.arange(40).reshape(2, 4, 5).div(50).requiresGrad(true);
        Tensor xd = x.detach();
        Object[][] ops = {
            {"x + x", x.add(x)}, {"x + 1", x.add(1)}, {"x - x", x.sub(x)}, {"x - 1", x.sub(1)}, {"1 - x", x.rsub(1)},
            {"x * x", x.mul(x)}, {"x * 2", x.mul(2)}, {"x / x", x.div(x)}, {"x / 2", x.div(2)}, {"-x", x.neg()},
            {"x ** 2", x.pow(2)}, {"x ** x", x.pow(x)}, {"exp", x.exp()}, {"log", x.log()}, {"sin", x.sin()}, {"cos", x.cos()},
            {"tanh", x.tanh()}, {"sigmoid", x.sigmoid()}, {"relu", x.relu()}, {"softplus", x.softplus()}, {"abs", x.abs()},
            {"atan", x.atan()}, {"asin", x.asin()}, {"acos", x.acos()}, {"sqrt", x.sqrt()}, {"erf", x.erf()}, {"clamp", x.clamp(0.2, 0.5)},
            {"matmul 2-D @ 1-D", x.matmul(v)}, {"matmul 1-D @ 2-D", v.matmul(a)}, {"mm", a.mm(a)}, {"matmul 2-D @ 2-D", a.matmul(a)},
            {"dot", v.dot(v)}, {"matmul 1-D @ 1-D", v.matmul(v)}, {"matmul 1-D @ 3-D", v.matmul(c)}, {"matmul 3-D @ 3-D", b.matmul(c)},
            {"matmul 3-D @ 1-D", b.matmul(v)}, {"matmul 3-D @ 2-D", b.matmul(a)}, {"matmul 2-D @ 3-D", a.matmul(c)},
            {"linear", Tensor.linear(x, a, v)}, {"linear without bias", Tensor.linear(x, a, null)},
            {"linear 1-D", Tensor.linear(v, a, v)}, {"linear 1-D without bias", Tensor.linear(v, a, null)},
            {"trace", a.trace()}, {"inverse", a.inverse()}, {"det", a.det()}, {"logdet", a.logdet()}, {"norm", x.norm()},
            {"sum", x.sum()}, {"sum(0)", x.sum(0)}, {"mean", x.mean()}, {"mean(1)", x.mean(1)}, {"max", x.max()}, {"min", x.min()},
            {"max(1)", x.max(1).values()}, {"logsumexp", x.logsumexp(1, false)}, {"softmax", x.softmax(1)},
            {"log_softmax", x.logSoftmax(1)}, {"expand", v.expand(3, 4)}, {"sum_to_size", x.sumToSize(1, 4)},
            {"reshape", x.reshape(12)}, {"view", x.view(12)}, {"flatten", x.flatten()}, {"unsqueeze", x.unsqueeze(0)},
            {"squeeze", x.unsqueeze(0).squeeze(0)}, {"t", x.t()}, {"transpose", x.transpose(0, 1)}, {"narrow", x.narrow(1, 1, 2)},
            {"select", x.select(0, 1)}, {"cat", Tensor.cat(List.of(x, x), 0)}, {"stack", Tensor.stack(List.of(x, x), 0)},
            {"clone", x.copy()}, {"mse_loss", Losses.mseLoss(x, xd.mul(2))},
            {"binary_cross_entropy_with_logits", Losses.binaryCrossEntropyWithLogits(x, xd)},
            {"cross_entropy", Losses.crossEntropy(x, new int[] {0, 1, 2})},
            {"cross_entropy, probabilities", Losses.crossEntropy(x, xd.softmax(1))},
            {"t then reshape", x.t().reshape(12)}, {"t then flatten", x.t().flatten()},
            {"transpose then reshape to its shape", x.transpose(0, 1).reshape(4, 3)}, {"t t then reshape", x.t().t().reshape(12)},
            {"expand then reshape", v.expand(3, 4).reshape(12)}, {"narrow(1) then reshape", x.narrow(1, 0, 2).reshape(6)},
            {"narrow(0) then reshape", x.narrow(0, 0, 1).reshape(4)}, {"select(1) then reshape", x.select(1, 0).reshape(3)},
            {"t then unsqueeze", x.t().unsqueeze(0)}, {"leaf t then reshape", x.t().reshape(2, 6)}, {"t then view as 4x3", x.t().view(4, 3)},
        };
        Out o = new Out();
        for (Object[] op : ops) o.print(op[0] + ": " + ((Tensor) op[1]).gradFn().name());
        try {
            x.t().view(12);
        } catch (IllegalArgumentException e) {
            o.print("t then view: RuntimeError: " + e.getMessage());
        }
        Object[][] inPlace = {
            {"zero_", (UnaryOperator<Tensor>) Tensor::zero_}, {"fill_", (UnaryOperator<Tensor>) y -> y.fill_(2)},
            {"add_", (UnaryOperator<Tensor>) y -> y.add_(x)}, {"sub_", (UnaryOperator<Tensor>) y -> y.sub_(1)},
            {"mul_", (UnaryOperator<Tensor>) y -> y.mul_(x)}, {"div_", (UnaryOperator<Tensor>) y -> y.div_(2)},
            {"clamp_", (UnaryOperator<Tensor>) y -> y.clamp_(0.2, 0.5)}, {"relu_", (UnaryOperator<Tensor>) Tensor::relu_},
            {"copy_", (UnaryOperator<Tensor>) y -> y.copy_(v)},
        };
        for (Object[] op : inPlace) {
            Tensor y = x.mul(1);
            @SuppressWarnings("unchecked") UnaryOperator<Tensor> f = (UnaryOperator<Tensor>) op[1];
            f.apply(y);
            o.print(op[0] + ": " + y.gradFn().name() + ", version " + y.version());
        }
        assertEquals(golden("grad_fn_names.txt"), o.sb.toString());
    }

    @Test
    void seed002AutogradBasics() throws IOException {
        Out o = new Out();
        Tensor x = Tensor.arange(4);
        o.print(x);
        x.requiresGrad(true);
        o.print(x.grad());
        Tensor y = x.dot(x).mul(2);
        o.print(y);
        y.backward();
        o.print(x.grad());
        o.print(x.grad().eq(x.mul(4)));
        x.grad().zero_();
        y = x.sum();
        y.backward();
        o.print(x.grad());
        x.grad().zero_();
        y = x.mul(x);
        y.sum().backward();
        o.print(x.grad());
        x.grad().zero_();
        y = x.mul(x);
        Tensor u = y.detach();
        Tensor z = u.mul(x);
        z.sum().backward();
        o.print(x.grad().eq(u));
        x.grad().zero_();
        y.sum().backward();
        o.print(x.grad().eq(x.mul(2)));
        for (double start : new double[] {0.8125, -0.375}) {
            Tensor a = Tensor.scalar(start).requiresGrad(true);
            Tensor d = controlFlow(a);
            d.backward();
            o.print(d);
            o.print(a.grad());
            o.print(a.grad().eq(d.div(a)));
        }
        assertEquals(golden("seed002_autograd_basics.txt"), o.sb.toString());
    }

    /** The seed's f: doubles b until its norm reaches 1000, then keeps it or multiplies by 100 depending on the sign. */
    private static Tensor controlFlow(Tensor a) {
        Tensor b = a.mul(2);
        while (b.norm().item() < 1000) b = b.mul(2);
        return b.sum().item() > 0 ? b : b.mul(100);
    }

    @Test
    void seed004BackwardAndGrad() throws IOException {
        Out o = new Out();
        List<String> warnings = new ArrayList<>();
        Autograd.setWarningHandler(warnings::add);
        try {
            Tensor x = Tensor.scalar(1).requiresGrad(true);
            Tensor y = Tensor.scalar(2).requiresGrad(true);
            Tensor z = x.pow(2).add(y);
            z.backward();
            o.print(z, x.grad(), y.grad());

            x = Tensor.ones(2).requiresGrad(true);
            z = x.add(2);
            try {
                z.backward();
            } catch (IllegalStateException e) {
                o.print("RuntimeError:", e.getMessage());
            }
            z.sum().backward();
            o.print(x.grad());

            x = Tensor.ones(2).requiresGrad(true);
            z = x.add(2);
            z.backward(Tensor.onesLike(z));
            o.print(x.grad());

            x = t(2, 1).requiresGrad(true).view(1, 2);
            y = Tensor.tensor(new double[][] {{1, 2}, {3, 4}}).requiresGrad(true);
            z = x.mm(y);
            o.print("z:" + z);
            z.backward(Tensor.tensor(new double[][] {{1, 0}}), true, false);
            o.print("x.grad: " + Out.str(x.grad()));
            o.print("y.grad: " + Out.str(y.grad()));
            assertEquals(List.of(Tensor.NON_LEAF_GRAD), warnings);

            Tensor x1 = t(2, 1).requiresGrad(true);
            Tensor y1 = Tensor.tensor(new double[][] {{1, 2}, {3, 4}}).requiresGrad(true);
            z = x1.view(1, 2).mm(y1);
            o.print(Autograd.grad(List.of(z), List.of(x1, y1), List.of(Tensor.tensor(new double[][] {{1, 0}})), false, false, false));
            Tensor w = Tensor.tensor(new double[][] {{0.5, -1}, {2, 0.25}}).requiresGrad(true);
            try {
                Autograd.grad(List.of(x1.view(1, 2).matmul(y1).sum()), List.of(x1, w), null, false, false, false);
            } catch (IllegalStateException e) {
                o.print("RuntimeError:", e.getMessage());
            }
            o.print(Autograd.grad(List.of(x1.view(1, 2).matmul(y1).sum()), List.of(x1, w), null, false, false, true));
        } finally {
            Autograd.setWarningHandler(m -> System.err.println("UserWarning: " + m));
        }
        assertEquals(golden("seed004_backward_and_grad.txt"), o.sb.toString());
    }

    @Test
    void seed000BackwardAndJacobian() throws IOException {
        String expected = golden("seed000_backward_and_jacobian.txt");
        Out o = new Out();
        Tensor x = Tensor.ones(5);
        Tensor y = Tensor.zeros(3);
        Tensor w = Tensor.arange(15).reshape(5, 3).div(10).sub(0.7).requiresGrad(true);
        Tensor b = t(0.25, -0.5, 0.125).requiresGrad(true);
        Tensor z = x.matmul(w).add(b);
        Losses.binaryCrossEntropyWithLogits(z, y).backward();
        o.print(w.grad());
        o.print(b.grad());

        Tensor inp = Tensor.eye(4, 5).requiresGrad(true);
        Tensor out = inp.add(1).pow(2).t();
        out.backward(Tensor.onesLike(out), true, false);
        o.print("First call\n" + inp.grad());
        out.backward(Tensor.onesLike(out), true, false);
        o.print("\nSecond call\n" + inp.grad());
        inp.grad().zero_();
        out.backward(Tensor.onesLike(out), true, false);
        o.print("\nCall after zeroing gradients\n" + inp.grad());

        UnaryOperator<Tensor> func = v -> v.exp().sum(1);
        o.print(Functional.jacobian(func, Tensor.tensor(new double[][] {{0.1, 0.2, 0.3}, {0.4, 0.5, 0.6}})));
        // torch.manual_seed(5); torch.randn(3): the values PyTorch drew, read from its output
        Matcher drawn = Pattern.compile("\\[(-?[0-9.e-]+), (-?[0-9.e-]+), (-?[0-9.e-]+)\\]\n").matcher(expected);
        assertTrue(drawn.find(), "the golden lists the drawn values");
        Tensor a = t(Double.parseDouble(drawn.group(1)), Double.parseDouble(drawn.group(2)), Double.parseDouble(drawn.group(3)));
        o.print(drawn.group(0).strip());
        o.print(a);
        Tensor fixedA = a;
        o.print(Functional.jacobian(v -> fixedA.add(v), Tensor.rand(3)));

        Tensor x1 = Tensor.tensor(new double[][] {{0.9, 0.8, 0.7}, {0.6, 0.5, 0.4}}).requiresGrad(true);
        o.print(Functional.jacobian(func, x1));
        y = func.apply(x1);
        y.backward(Tensor.onesLike(y));
        o.print(x1.grad());
        o.print(Tensor.onesLike(y).matmul(Functional.jacobian(func, x1)));

        Tensor ma = Tensor.tensor(new double[][] {{0.5, -1.5, 2.0}, {1.25, 0.75, -0.5}}).requiresGrad(true);
        Tensor mb = Tensor.tensor(new double[][] {{1.0, 0.5, -0.25}, {2.0, -1.0, 0.5}, {0.125, 0.25, 3.0}}).requiresGrad(true);
        o.print(ma);
        o.print(mb);
        y = ma.matmul(mb);
        y.backward(Tensor.onesLike(y));
        o.print("a.grad is : " + ma.grad());
        o.print("b.grad is : " + mb.grad());
        UnaryOperator<Tensor> funcA = r -> r.matmul(mb), funcB = c -> ma.matmul(c);
        Tensor ja0 = Functional.jacobian(funcA, ma.row(0)), ja1 = Functional.jacobian(funcA, ma.row(1));
        o.print("jacobian_a0 is : " + ja0);
        o.print("jacobian_a1 is : " + ja1);
        o.print("loss_jacobian_a0 is : " + Tensor.onesLike(funcA.apply(ma.row(0))).matmul(ja0));
        o.print("loss_jacobian_a1 is : " + Tensor.onesLike(funcA.apply(ma.row(1))).matmul(ja1));
        for (int j = 0; j < 3; j++) {
            Tensor jb = Functional.jacobian(funcB, mb.col(j));
            o.print("jacobian_b" + j + " is : " + jb);
            o.print("loss_jacobian_b" + j + " is : " + Tensor.onesLike(funcB.apply(mb.col(j))).matmul(jb));
        }
        assertEquals(expected, o.sb.toString());
    }

    /** Seed 003's Model: forward(input_n, w1, w2) = clamp(input_n w1, min=0) w2. */
    static final class ThreeInputModel extends Module {
        @Override public Tensor forward(Tensor... in) {
            inputs(in, 3, 3);
            return in[0].mm(in[1]).clamp(0, Double.POSITIVE_INFINITY).mm(in[2]);
        }
    }

    /** Entry i is float32(fn(i² step)), as the golden program builds its inputs. */
    private static Tensor wave(java.util.function.DoubleUnaryOperator fn, int rows, int cols, double step) {
        double[] v = new double[rows * cols];
        for (int i = 0; i < v.length; i++) {
            double k = i;
            v[i] = (float) fn.applyAsDouble(k * k * step);
        }
        return Tensor.fromArray(v, rows, cols);
    }

    @Test
    void seed003ModuleWithThreeInputsTrainsLikePyTorch() throws IOException {
        Module model = new ThreeInputModel();
        Tensor x = wave(Math::sin, 100, 1000, 0.37), y = wave(Math::cos, 100, 10, 0.11);
        Tensor w1 = wave(Math::sin, 1000, 100, 0.53).requiresGrad(true), w2 = wave(Math::cos, 100, 10, 0.29).requiresGrad(true);
        double learningRate = 1e-6;
        List<Double> losses = new ArrayList<>();
        Tensor yPred = null;
        for (int epoch = 0; epoch < 20; epoch++) {
            yPred = model.forward(x, w1, w2);
            Tensor loss = yPred.sub(y).pow(2).sum();
            losses.add(loss.item());
            loss.backward();
            for (Tensor w : List.of(w1, w2)) {
                double[] data = w.data(), g = w.grad().data();
                for (int k = 0; k < data.length; k++) data[k] -= learningRate * g[k];
                w.grad().zero_();
            }
        }
        String[] lines = golden("seed003_module_forward.txt").split("\n");
        Matcher m = Pattern.compile("Epoch:(\\d+),Loss:([0-9.]+)").matcher("");
        for (int epoch = 0; epoch < 20; epoch++) {
            assertTrue(m.reset(lines[epoch]).matches(), lines[epoch]);
            double torch = Double.parseDouble(m.group(2));
            assertEquals(torch, losses.get(epoch), 1e-4 * torch, "epoch " + epoch + " (PyTorch computes in float32)");
        }
        assertEquals(lines[20], yPred.gradFn().name());
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> model.forward(x, w1));
        assertEquals("ThreeInputModel.forward() takes 3 inputs but 2 were given", e.getMessage());
    }
}
