"""Times generated modules against their peers in one process (see bench/codegen-python).

argv: WORKDIR (generated modules) PEERS_DIR [--quick]. One thread everywhere; each figure is the median of
repeated timings, generated and peer interleaved so both see the same machine load.
"""
import importlib.util
import statistics
import sys
import time

work, peers = sys.argv[1], sys.argv[2]
quick = "--quick" in sys.argv
sys.path.insert(0, work)
argv, sys.argv = sys.argv, [sys.argv[0], "--threads", "1"]   # numpy_bench parses its own flags when imported
spec = importlib.util.spec_from_file_location("numpy_bench", peers + "/numpy_bench.py")
numpy_bench = importlib.util.module_from_spec(spec)
spec.loader.exec_module(numpy_bench)
sys.argv = argv

import numpy as np  # noqa: E402
import mlp_numpy  # noqa: E402
try:
    import torch
    import quad_exp_torch
    import logistic_torch
    torch.set_num_threads(1)
except ImportError:  # the pyenv python3 has NumPy 2 with OpenBLAS but no torch: NumPy rows only
    torch = None


def timed(fn, min_time):
    fn()
    t0 = time.perf_counter(); fn(); one = time.perf_counter() - t0
    inner = max(1, int(min_time / max(one, 1e-9)))
    t0 = time.perf_counter()
    for _ in range(inner):
        fn()
    return (time.perf_counter() - t0) / inner


def race(a, b, rounds, min_time):
    """Median seconds per call of a and of b, alternating rounds."""
    ta, tb = [], []
    for _ in range(rounds):
        ta.append(timed(a, min_time))
        tb.append(timed(b, min_time))
    return statistics.median(ta), statistics.median(tb)


def fmt(s):
    return "%.1f µs" % (s * 1e6) if s < 1e-2 else "%.2f ms" % (s * 1e3)


rows = []
rounds = 3 if quick else 7
print("%s: numpy %s, torch %s, one thread" % (sys.executable, np.__version__, torch.__version__ if torch else "absent"))

# 1. MLP-loss gradient, generated NumPy vs hand-written NumPy (all dimensions n, batch n)
for n in (64, 256):
    rng = np.random.default_rng(1)
    X = rng.standard_normal((n, n)); Y = rng.standard_normal((n, n))
    W1 = rng.standard_normal((n, n)) / n ** 0.5; W2 = rng.standard_normal((n, n)) / n ** 0.5
    got = mlp_numpy.evaluate(W1=W1, W2=W2, X=X, Y=Y)
    f, g1, g2 = numpy_bench.mlp_grad(W1, W2, X, Y)
    err = max(abs(got["value"] - f) / abs(f), np.abs(got["grad_W1"] - g1).max() / np.abs(g1).max(),
              np.abs(got["grad_W2"] - g2).max() / np.abs(g2).max())
    tg, tp = race(lambda: mlp_numpy.evaluate(W1=W1, W2=W2, X=X, Y=Y), lambda: numpy_bench.mlp_grad(W1, W2, X, Y), rounds, 0.2)
    rows.append(("MLP-loss gradient (NumPy)", n, tg, tp, "hand-written NumPy (numpy_bench.mlp_grad)", tg / tp, "≤ 1.1×", err))

# 2. Hessians, generated PyTorch vs torch.autograd.functional.hessian(vectorize=True), CPU float64
n = 300
if torch is None:
    n = 0
for n in [n] if n else []:
    g = torch.Generator().manual_seed(2)
    A = torch.randn(n, n, generator=g, dtype=torch.float64) / n ** 0.5
    x = torch.randn(n, generator=g, dtype=torch.float64) * 0.1
    fq = lambda x: x @ A @ x + torch.exp(x).sum()
    H = torch.autograd.functional.hessian(fq, x, vectorize=True)
    err = (quad_exp_torch.evaluate(x=x, A=A)["hessian_x_x"] - H).abs().max().item() / H.abs().max().item()
    tg, tp = race(lambda: quad_exp_torch.evaluate(x=x, A=A), lambda: torch.autograd.functional.hessian(fq, x, vectorize=True), rounds, 0.3)
    rows.append(("Hessian of x'Ax + sum(exp(x)) (PyTorch)", n, tg, tp, "autograd.functional.hessian(vectorize=True)", tp / tg, "≥ 10× faster", err))

    for N in (n, 10 * n):
        Xl = torch.randn(N, n, generator=g, dtype=torch.float64) / n ** 0.5
        yl = (torch.rand(N, generator=g) < 0.5).to(torch.float64)
        wl = torch.randn(n, generator=g, dtype=torch.float64) * 0.1
        fl = lambda w: torch.nn.functional.softplus(Xl @ w).sum() - yl @ (Xl @ w)
        H = torch.autograd.functional.hessian(fl, wl, vectorize=True)
        err = (logistic_torch.evaluate(X=Xl, w=wl, y=yl)["hessian_w_w"] - H).abs().max().item() / H.abs().max().item()
        tg, tp = race(lambda: logistic_torch.evaluate(X=Xl, w=wl, y=yl), lambda: torch.autograd.functional.hessian(fl, wl, vectorize=True), rounds, 0.3)
        rows.append(("Hessian of logistic regression, N = %d (PyTorch)" % N, n, tg, tp, "autograd.functional.hessian(vectorize=True)", tp / tg, "≥ 10× faster", err))

print()
print("| case | n | generated | peer | peer time | ratio | goal | max rel. diff |")
print("|---|---|---|---|---|---|---|---|")
for case, n, tg, tp, peer, ratio, goal, err in rows:
    what = "generated / peer" if goal.startswith("≤") else "peer / generated"
    print("| %s | %d | %s | %s | %s | %.2f× (%s) | %s | %.1e |" % (case, n, fmt(tg), peer, fmt(tp), ratio, what, goal, err))
