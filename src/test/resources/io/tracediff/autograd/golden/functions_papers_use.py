# softmax(dim=0), logsumexp over all entries, erf, max() and min() in PyTorch 1.13, float64: values, gradients and
# grad_fn names that FunctionsPapersUseGoldenTest compares with the Java engine and the interpreter. One line each:
# "name: grad_fn-or-shape v v v ...", values as round-trip decimals, row-major.
import torch

torch.set_default_dtype(torch.float64)
X0 = torch.tensor([[0.3, -1.2, 2.0, 0.7], [1.1, 0.4, -0.5, 2.2], [-0.8, 1.7, 0.9, -0.1]])
W = torch.tensor([[0.5, -1.0, 2.0, 0.25], [1.5, 0.75, -0.5, 1.0], [-2.0, 0.1, 0.3, -0.6]])


def show(name, t):
    print(name + ': ' + ' '.join(repr(v) for v in t.reshape(-1).tolist()))


def run(name, f):
    X = X0.clone().requires_grad_()
    y = f(X)
    print(name + ' grad_fn: ' + type(y.grad_fn).__name__)
    show(name + ' value', y.detach())
    (y * W).sum().backward() if y.dim() == 2 else y.backward()
    show(name + ' grad', X.grad)


run('softmax', lambda X: torch.softmax(X, dim=0))
run('logsumexp', lambda X: torch.logsumexp(X.reshape(-1), 0))
run('erf', lambda X: torch.erf(X))
run('max', lambda X: X.max())
run('min', lambda X: X.min())
for name, t in [('max tie', torch.tensor([1.0, 3.0, 3.0, 0.0])), ('min tie', torch.tensor([1.0, -2.0, 4.0, -2.0]))]:
    t.requires_grad_()
    (t.max() if name.startswith('max') else t.min()).backward()
    show(name + ' grad', t.grad)
show('softmax large', torch.softmax(torch.tensor([[1000.0], [999.0], [0.0]]), dim=0))
show('logsumexp large', torch.logsumexp(torch.tensor([1000.0, 1000.5, -1000.0]), 0))
