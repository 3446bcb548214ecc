#!/usr/bin/env python3
"""Writes the PyTorch golden fixture of GoldenTorchTest: what PyTorch itself computes for a
cnn2-shaped network, so shiftlab's numbers can be checked against it on every host, in CI.

Regenerate (Debian: apt-get install python3-torch, PyTorch 1.13.x) from this directory with:

    /usr/bin/python3 make_golden.py

The network: conv 1->20 5x5 valid, ReLU, max pool 2, conv 20->40 5x5 valid, ReLU, max pool 2,
flatten (640), dense 640->10. 20 and 40 output channels are not multiples of 16, the case libtorch
2.7.1's oneDNN kernels got wrong on some hosts. Weights: PyTorch's default initialisation under a
fixed seed, then multiplied by 2 so that predictions move under small shifts.

Images: 64 images of 28x28 uint8, sums of Gaussian strokes at seeded positions. They are picked
from a larger pool so that, at every offset of the sweep, the top logit leads the second by at
least MARGIN: a correct count then cannot flip on float32 rounding, and must agree exactly.
Labels: PyTorch's prediction on the unshifted image (so the centre count is 64).

Files written next to this script (all little-endian, row-major):
  cnn2_golden.pt    torch.jit.script + torch.jit.save of the network
  images.u8         64 x 1 x 28 x 28 uint8 pixels; the model sees pixels / 255 (float32)
  labels.txt        64 labels, one line
  weights.f32       float32: conv1.weight (20,1,5,5), conv1.bias, conv2.weight (40,20,5,5),
                    conv2.bias, fc.weight (10,640), fc.bias
  logits.f32        float32 (64, 10): the logits at batch 64
  grad.f32          float32 (64, 1, 28, 28): d/dx of sum_i logit_i[label_i], at batch 64
  sweep.txt         correct counts at every offset (dx, dy) in [-2..2]^2 with zero fill, as lines
                    'dx dy correct'; out(x, y) = in(x - dx, y - dy), 0 outside
"""
import os

import torch
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = 20261206
N = 64
POOL = 400
RANGE = 2
MARGIN = 1e-3


class Cnn2(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 20, 5)
        self.conv2 = nn.Conv2d(20, 40, 5)
        self.fc = nn.Linear(640, 10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        h = torch.max_pool2d(torch.relu(self.conv1(x)), 2)
        h = torch.max_pool2d(torch.relu(self.conv2(h)), 2)
        return self.fc(torch.flatten(h, 1))


def strokes(gen: torch.Generator, n: int) -> torch.Tensor:
    yy, xx = torch.meshgrid(torch.arange(28.0), torch.arange(28.0), indexing="ij")
    out = torch.zeros(n, 1, 28, 28)
    for i in range(n):
        img = torch.zeros(28, 28)
        for _ in range(int(torch.randint(2, 6, (1,), generator=gen))):
            cy, cx = (torch.rand(2, generator=gen) * 16 + 6).tolist()
            sy, sx = (torch.rand(2, generator=gen) * 3 + 1).tolist()
            img += torch.exp(-((yy - cy) ** 2) / (2 * sy * sy) - ((xx - cx) ** 2) / (2 * sx * sx))
        out[i, 0] = img / img.max()
    return (out * 255).round().clamp(0, 255).to(torch.uint8)


def shift(x: torch.Tensor, dx: int, dy: int) -> torch.Tensor:
    h, w = x.shape[-2:]
    out = torch.zeros_like(x)
    ys, yd = (slice(0, h - dy), slice(dy, h)) if dy >= 0 else (slice(-dy, h), slice(0, h + dy))
    xs, xd = (slice(0, w - dx), slice(dx, w)) if dx >= 0 else (slice(-dx, w), slice(0, w + dx))
    out[..., yd, xd] = x[..., ys, xs]
    return out


def margins(logits: torch.Tensor) -> torch.Tensor:
    top = logits.topk(2, dim=1).values
    return top[:, 0] - top[:, 1]


def main():
    torch.manual_seed(SEED)
    model = Cnn2().eval()
    with torch.no_grad():
        for p in model.parameters():
            p.mul_(2.0)
    gen = torch.Generator().manual_seed(SEED)
    pool = strokes(gen, POOL)
    xs = pool.float() / 255
    offsets = [(dx, dy) for dy in range(-RANGE, RANGE + 1) for dx in range(-RANGE, RANGE + 1)]
    with torch.no_grad():
        ok = torch.ones(POOL, dtype=torch.bool)
        for dx, dy in offsets:
            ok &= margins(model(shift(xs, dx, dy))) >= MARGIN
    keep = ok.nonzero().flatten()[:N]
    assert keep.numel() == N, f"only {keep.numel()} images have margin {MARGIN} at every offset"
    images = pool[keep]
    x = images.float() / 255

    scripted = torch.jit.script(model)
    torch.jit.save(scripted, os.path.join(HERE, "cnn2_golden.pt"))
    loaded = torch.jit.load(os.path.join(HERE, "cnn2_golden.pt"))
    with torch.no_grad():
        logits = loaded(x)
        assert torch.equal(logits, model(x))
    labels = logits.argmax(1)

    xg = x.clone().requires_grad_(True)
    out = loaded(xg)
    out.gather(1, labels[:, None]).sum().backward()

    images.numpy().tofile(os.path.join(HERE, "images.u8"))
    torch.cat([p.detach().flatten() for p in model.parameters()]).numpy().tofile(
        os.path.join(HERE, "weights.f32"))
    logits.numpy().astype("<f4").tofile(os.path.join(HERE, "logits.f32"))
    xg.grad.numpy().astype("<f4").tofile(os.path.join(HERE, "grad.f32"))
    with open(os.path.join(HERE, "labels.txt"), "w") as f:
        f.write(" ".join(str(v) for v in labels.tolist()) + "\n")
    lines = [f"# PyTorch {torch.__version__}; dx dy correct (of {N}); see make_golden.py"]
    with torch.no_grad():
        for dx, dy in offsets:
            pred = loaded(shift(x, dx, dy)).argmax(1)
            lines.append(f"{dx} {dy} {int((pred == labels).sum())}")
    with open(os.path.join(HERE, "sweep.txt"), "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
