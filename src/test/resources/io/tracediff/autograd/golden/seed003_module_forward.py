# Seed 003: its nn.Module with forward(input_n, w1, w2) trained by hand for 20 epochs, with the seed's sizes and
# learning rate. The seed draws its data with randn; here entry i of each input is a float32-rounded sin or cos of
# i²·step (computed in float64), which the Java test builds identically, and losses are compared as values.
import torch

batch_n = 100
hidden_layer = 100
input_data = 1000
output_data = 10


def wave(fn, rows, cols, step):
    i = torch.arange(rows * cols, dtype=torch.float64)
    return fn(i * i * step).float().reshape(rows, cols)


class Model(torch.nn.Module):
    def __init__(self):
        super(Model, self).__init__()

    def forward(self, input_n, w1, w2):
        x = torch.mm(input_n, w1)
        x = torch.clamp(x, min=0)
        x = torch.mm(x, w2)
        return x


model = Model()
x = wave(torch.sin, batch_n, input_data, 0.37)
y = wave(torch.cos, batch_n, output_data, 0.11)
w1 = wave(torch.sin, input_data, hidden_layer, 0.53).requires_grad_()
w2 = wave(torch.cos, hidden_layer, output_data, 0.29).requires_grad_()
epoch_n = 20
learning_rate = 1e-6
for epoch in range(epoch_n):
    y_pred = model(x, w1, w2)
    loss = (y_pred-y).pow(2).sum()
    print("Epoch:{},Loss:{:.4f}".format(epoch, loss))
    loss.backward()
    w1.data -= learning_rate*w1.grad.data
    w2.data -= learning_rate*w2.grad.data
    w1.grad.data.zero_()
    w2.grad.data.zero_()
print(type(y_pred.grad_fn).__name__)
