# Seed 004 ("Pytorch autograd,backward详解"): backward with grad_tensors, retain_graph, and torch.autograd.grad.
import torch

x = torch.tensor(1.0, requires_grad=True)
y = torch.tensor(2.0, requires_grad=True)
z = x**2+y
z.backward()
print(z, x.grad, y.grad)

x = torch.ones(2, requires_grad=True)
z = x + 2
try:
    z.backward()
except RuntimeError as e:
    print('RuntimeError:', e)
z.sum().backward()
print(x.grad)

x = torch.ones(2, requires_grad=True)
z = x + 2
z.backward(torch.ones_like(z))
print(x.grad)

x = torch.tensor([2., 1.], requires_grad=True).view(1, 2)
y = torch.tensor([[1., 2.], [3., 4.]], requires_grad=True)
z = torch.mm(x, y)
print(f"z:{z}")
z.backward(torch.Tensor([[1., 0]]), retain_graph=True)
print(f"x.grad: {x.grad}")
print(f"y.grad: {y.grad}")

x = torch.tensor([2., 1.], requires_grad=True)
y = torch.tensor([[1., 2.], [3., 4.]], requires_grad=True)
z = torch.mm(x.view(1, 2), y)
print(torch.autograd.grad(z, [x, y], grad_outputs=torch.tensor([[1., 0.]])))
w = torch.tensor([[0.5, -1.], [2., 0.25]], requires_grad=True)
try:
    torch.autograd.grad((x.view(1, 2) @ y).sum(), [x, w])
except RuntimeError as e:
    print('RuntimeError:', e)
print(torch.autograd.grad((x.view(1, 2) @ y).sum(), [x, w], allow_unused=True))
