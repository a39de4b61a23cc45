#!/usr/bin/python3
"""E1 training in PyTorch, the reference that precond's training time is compared with.

Same problem as precond's E1 benchmark: f(x) = cos(|x|) on [-4pi, 4pi]^2, 10,000 uniform points,
standardised, a 32-wide, 8-deep PReLU MLP, 1,000 full-batch Adam steps at rate 0.01, float32.
Prints one line of JSON: wall seconds for the training loop and the final training loss.
"""
import argparse
import json
import math
import time

import torch


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=10000)
    ap.add_argument("--width", type=int, default=32)
    ap.add_argument("--depth", type=int, default=8)
    ap.add_argument("--steps", type=int, default=1000)
    ap.add_argument("--lr", type=float, default=0.01)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()

    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    half = 4 * math.pi
    x = (torch.rand(a.n, 2) * 2 - 1) * half
    y = torch.cos(torch.linalg.norm(x, dim=1, keepdim=True))
    x = (x - x.mean(0)) / x.std(0)
    y = (y - y.mean(0)) / y.std(0)

    layers = []
    fan_in = 2
    for _ in range(a.depth):
        layers += [torch.nn.Linear(fan_in, a.width), torch.nn.PReLU(a.width, init=0.001)]
        fan_in = a.width
    layers.append(torch.nn.Linear(fan_in, 1))
    net = torch.nn.Sequential(*layers)
    opt = torch.optim.Adam(net.parameters(), lr=a.lr)
    loss_fn = torch.nn.MSELoss()

    start = time.perf_counter()
    for _ in range(a.steps):
        opt.zero_grad(set_to_none=True)
        loss = loss_fn(net(x), y)
        loss.backward()
        opt.step()
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "loss": float(loss), "torch": torch.__version__,
                      "threads": torch.get_num_threads()}))


if __name__ == "__main__":
    main()
