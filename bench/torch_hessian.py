#!/usr/bin/python3
"""PyTorch peer for bench/results/hessian.md: full Hessians by torch.autograd.functional.hessian(vectorize=True).

Problems as in HessianBench (float64, one thread):
  quadratic  f(x) = x'Ax + sum(exp(x)),           A n×n,  H = A + A' + diag(exp(x))
  logistic   f(w) = sum(softplus(Xw)) - y'Xw,      X 2n×n, H = X' diag(s(1-s)) X, s = sigmoid(Xw)
Each result is checked against the closed form written by hand; the time is the median of --reps calls
after one warm-up. Prints a Markdown table.

Run (Debian torch 1.13 with OpenBLAS 0.3.28 from the javacpp jar in place of the reference BLAS):
  bench/torch_hessian.sh            # sets LD_LIBRARY_PATH and the thread variables, then runs this
"""
import argparse
import statistics
import time

import torch
from torch.autograd.functional import hessian

DT = torch.float64


def median_time(fn, reps):
    fn()  # warm-up
    samples = []
    for _ in range(reps):
        t0 = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - t0)
    return statistics.median(samples)


def quadratic(n, g):
    A = torch.randn(n, n, dtype=DT, generator=g) / n
    x0 = (2 * torch.rand(n, dtype=DT, generator=g) - 1) * 0.5
    f = lambda x: x @ (A @ x) + torch.exp(x).sum()
    return f, x0, A + A.T + torch.diag(torch.exp(x0))


def logistic(n, g):
    m = 2 * n
    X = (2 * torch.rand(m, n, dtype=DT, generator=g) - 1) / n ** 0.5
    w0 = 2 * torch.rand(n, dtype=DT, generator=g) - 1
    y = torch.randint(0, 2, (m,), generator=g).to(DT)
    f = lambda w: torch.nn.functional.softplus(X @ w).sum() - y @ (X @ w)
    s = torch.sigmoid(X @ w0)
    return f, w0, X.T @ (X * (s * (1 - s))[:, None])


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="300,1000,2000")
    ap.add_argument("--reps", type=int, default=5)
    ap.add_argument("--threads", type=int, default=1)
    args = ap.parse_args()
    torch.set_num_threads(args.threads)
    print(f"torch {torch.__version__}, {torch.get_num_threads()} thread(s), {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}\n")
    print("| problem | n | vectorize=True median ms | max abs error vs closed form |")
    print("|---|---|---|---|")
    for name, make in (("quadratic", quadratic), ("logistic", logistic)):
        for n in (int(s) for s in args.sizes.split(",")):
            f, x0, ref = make(n, torch.Generator().manual_seed(n))
            err = (hessian(f, x0, vectorize=True) - ref).abs().max().item()
            t = median_time(lambda: hessian(f, x0, vectorize=True), args.reps)
            print(f"| {name} | {n} | {t * 1e3:.1f} | {err:.1e} |", flush=True)


if __name__ == "__main__":
    main()
