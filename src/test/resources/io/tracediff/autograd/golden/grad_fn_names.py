# The grad_fn PyTorch 1.13 records for each operation the Java engine has (GradFnNamesGoldenTest runs the same list).
import torch
import torch.nn.functional as F

x = (torch.arange(12.).reshape(3, 4) / 20 + 0.1).requires_grad_()
v = (torch.arange(4.) / 10 + 0.2).requires_grad_()
A = (torch.arange(16.).reshape(4, 4) / 30 + torch.eye(4)).requires_grad_()
B = (torch.arange(24.).reshape(2, 3, 4) / 25).requires_grad_()
C = (torch.arange(40.).reshape(2, 4, 5) / 50).requires_grad_()
ops = [
    ('x + x', x + x), ('x + 1', x + 1), ('x - x', x - x), ('x - 1', x - 1), ('1 - x', 1 - x), ('x * x', x * x),
    ('x * 2', x * 2), ('x / x', x / x), ('x / 2', x / 2), ('-x', -x), ('x ** 2', x ** 2), ('x ** x', x ** x),
    ('exp', x.exp()), ('log', x.log()), ('sin', x.sin()), ('cos', x.cos()), ('tanh', x.tanh()), ('sigmoid', x.sigmoid()),
    ('relu', x.relu()), ('softplus', F.softplus(x)), ('abs', x.abs()), ('atan', x.atan()), ('asin', x.asin()),
    ('acos', x.acos()), ('sqrt', x.sqrt()), ('erf', x.erf()), ('clamp', x.clamp(0.2, 0.5)),
    ('matmul 2-D @ 1-D', x @ v), ('matmul 1-D @ 2-D', v @ A), ('mm', A.mm(A)), ('matmul 2-D @ 2-D', A @ A),
    ('dot', v.dot(v)), ('matmul 1-D @ 1-D', v @ v), ('matmul 1-D @ 3-D', v @ C), ('matmul 3-D @ 3-D', B @ C),
    ('matmul 3-D @ 1-D', B @ v), ('matmul 3-D @ 2-D', B @ A), ('matmul 2-D @ 3-D', A @ C),
    ('linear', F.linear(x, A, v)), ('linear without bias', F.linear(x, A)), ('linear 1-D', F.linear(v, A, v)),
    ('linear 1-D without bias', F.linear(v, A)),
    ('trace', A.trace()), ('inverse', A.inverse()), ('det', A.det()), ('logdet', A.logdet()), ('norm', x.norm()),
    ('sum', x.sum()), ('sum(0)', x.sum(0)), ('mean', x.mean()), ('mean(1)', x.mean(1)), ('max', x.max()), ('min', x.min()),
    ('max(1)', x.max(1).values), ('logsumexp', x.logsumexp(1)), ('softmax', x.softmax(1)), ('log_softmax', x.log_softmax(1)),
    ('expand', v.expand(3, 4)), ('sum_to_size', x.sum_to_size(1, 4)), ('reshape', x.reshape(12)), ('view', x.view(12)),
    ('flatten', x.flatten()), ('unsqueeze', x.unsqueeze(0)), ('squeeze', x.unsqueeze(0).squeeze(0)), ('t', x.t()),
    ('transpose', x.transpose(0, 1)), ('narrow', x.narrow(1, 1, 2)), ('select', x.select(0, 1)),
    ('cat', torch.cat([x, x], 0)), ('stack', torch.stack([x, x], 0)), ('clone', x.clone()),
    ('mse_loss', F.mse_loss(x, x.detach() * 2)), ('binary_cross_entropy_with_logits', F.binary_cross_entropy_with_logits(x, x.detach())),
    ('cross_entropy', F.cross_entropy(x, torch.tensor([0, 1, 2]))), ('cross_entropy, probabilities', F.cross_entropy(x, x.detach().softmax(1))),
    ('t then reshape', x.t().reshape(12)), ('t then flatten', x.t().flatten()), ('transpose then reshape to its shape', x.transpose(0, 1).reshape(4, 3)),
    ('t t then reshape', x.t().t().reshape(12)), ('expand then reshape', v.expand(3, 4).reshape(12)),
    ('narrow(1) then reshape', x.narrow(1, 0, 2).reshape(6)), ('narrow(0) then reshape', x.narrow(0, 0, 1).reshape(4)),
    ('select(1) then reshape', x.select(1, 0).reshape(3)), ('t then unsqueeze', x.t().unsqueeze(0)),
    ('leaf t then reshape', x.t().reshape(2, 6)), ('t then view as 4x3', x.t().view(4, 3)),
]
for name, t in ops:
    print(name + ': ' + type(t.grad_fn).__name__)
try:
    x.t().view(12)
except RuntimeError as e:
    print('t then view: RuntimeError: ' + str(e))
for name, f in [('zero_', lambda y: y.zero_()), ('fill_', lambda y: y.fill_(2.)), ('add_', lambda y: y.add_(x)),
                ('sub_', lambda y: y.sub_(1)), ('mul_', lambda y: y.mul_(x)), ('div_', lambda y: y.div_(2)),
                ('clamp_', lambda y: y.clamp_(0.2, 0.5)), ('relu_', lambda y: y.relu_()), ('copy_', lambda y: y.copy_(v))]:
    y = x * 1
    f(y)
    print(name + ': ' + y.grad_fn.name().rsplit('::', 1)[-1] + ', version ' + str(y._version))
