# Seed 000 ("深度学习中的autograd与jacobian"): its programs with fixed inputs where the seed draws them, except the
# torch.manual_seed(5) part, whose drawn values are printed (as a list) for the Java test to read.
import torch
from torch.autograd.functional import jacobian

x = torch.ones(5)
y = torch.zeros(3)
w = (torch.arange(15.).reshape(5, 3) / 10 - 0.7).requires_grad_()
b = torch.tensor([0.25, -0.5, 0.125], requires_grad=True)
z = torch.matmul(x, w) + b
loss = torch.nn.functional.binary_cross_entropy_with_logits(z, y)
loss.backward()
print(w.grad)
print(b.grad)

inp = torch.eye(4, 5, requires_grad=True)
out = (inp+1).pow(2).t()
out.backward(torch.ones_like(out), retain_graph=True)
print(f"First call\n{inp.grad}")
out.backward(torch.ones_like(out), retain_graph=True)
print(f"\nSecond call\n{inp.grad}")
inp.grad.zero_()
out.backward(torch.ones_like(out), retain_graph=True)
print(f"\nCall after zeroing gradients\n{inp.grad}")


def func(x):
    return x.exp().sum(dim=1)


x = torch.tensor([[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]])
print(jacobian(func, x))
torch.manual_seed(5)
a = torch.randn(3)
print(a.tolist())
print(a)


def func2(x):
    return a+x


x = torch.rand(3)
print(jacobian(func2, x))

x1 = torch.tensor([[0.9, 0.8, 0.7], [0.6, 0.5, 0.4]], requires_grad=True)
print(jacobian(func, x1))
y = func(x1)
y.backward(torch.ones_like(y))
print(x1.grad)
print(torch.ones_like(y) @ jacobian(func, x1))

a = torch.tensor([[0.5, -1.5, 2.0], [1.25, 0.75, -0.5]], requires_grad=True)
b = torch.tensor([[1.0, 0.5, -0.25], [2.0, -1.0, 0.5], [0.125, 0.25, 3.0]], requires_grad=True)
print(a)
print(b)
y = a @ b
y.backward(torch.ones_like(y))
print(f'a.grad is : {a.grad}')
print(f'b.grad is : {b.grad}')


def func_a(a):
    return a @ b


def func_b(b):
    return a @ b


jacobian_a0 = jacobian(func_a, a[0])
jacobian_a1 = jacobian(func_a, a[1])
print(f'jacobian_a0 is : {jacobian_a0}')
print(f'jacobian_a1 is : {jacobian_a1}')
print(f'loss_jacobian_a0 is : {torch.ones_like(func_a(a[0])) @ jacobian_a0}')
print(f'loss_jacobian_a1 is : {torch.ones_like(func_a(a[1])) @ jacobian_a1}')
for j in range(3):
    jacobian_bj = jacobian(func_b, b[:, j])
    print(f'jacobian_b{j} is : {jacobian_bj}')
    print(f'loss_jacobian_b{j} is : {torch.ones_like(func_b(b[:, j])) @ jacobian_bj}')
