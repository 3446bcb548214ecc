#!/usr/bin/env python3
"""Writes the TorchScript fixtures of TorchScriptClassifierTest.

Regenerate (Debian: apt-get install python3-torch, PyTorch 1.13.x; any later PyTorch works too)
from this directory with:

    python3 make_fixtures.py

Files written next to this script:
  tiny_cnn.pt          1x28x28 -> 10 logits: conv 4@3x3 pad 1, ReLU, maxpool 2, flatten, linear;
                       torch.jit.script + torch.jit.save
  tiny_cnn_maps.pt     the same weights, forward returns (relu map (N,4,28,28), logits (N,10))
  state_dict.pt        torch.save(model.state_dict()): a ZIP with no code/, refused by shiftlab
  expected_logits.txt  the logits tiny_cnn.pt gives for fixed inputs, so the Java test needs no
                       Python; one line per case: NAME v0 v1 ... v9

The weights come from PyTorch's default initialisation under a fixed seed; they are stored in the
.pt files, so the Java test does not depend on the seed reproducing across PyTorch versions.
Inputs (float32, shape (1,1,28,28)); 'ramp' is arange(784)/783 in row-major order:
  zeros        all 0, as the module sees them (scale 1, no mean/std)
  ones         all 1
  ramp         the ramp
  ramp_norm    the ramp after shiftlab's transform with --scale 255 --mean 33 --std 78:
               (ramp * 255 - 33) / 78, computed in that order in float32
"""
import os
from typing import Tuple

import torch
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = 20261122


class TinyCnn(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 4, kernel_size=3, padding=1)
        self.pool = nn.MaxPool2d(2)
        self.fc = nn.Linear(4 * 14 * 14, 10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        h = self.pool(torch.relu(self.conv(x)))
        return self.fc(torch.flatten(h, 1))


class TinyCnnMaps(nn.Module):
    """TinyCnn returning (feature map, logits), the form shiftlab exposes as map0, logits."""

    def __init__(self, base: TinyCnn):
        super().__init__()
        self.conv = base.conv
        self.pool = base.pool
        self.fc = base.fc

    def forward(self, x: torch.Tensor) -> Tuple[torch.Tensor, torch.Tensor]:
        m = torch.relu(self.conv(x))
        return m, self.fc(torch.flatten(self.pool(m), 1))


def inputs():
    ramp = (torch.arange(784, dtype=torch.float32) / 783.0).reshape(1, 1, 28, 28)
    return [
        ("zeros", torch.zeros(1, 1, 28, 28)),
        ("ones", torch.ones(1, 1, 28, 28)),
        ("ramp", ramp),
        ("ramp_norm", (ramp * 255.0 - 33.0) / 78.0),
    ]


def main():
    torch.manual_seed(SEED)
    model = TinyCnn().eval()
    maps = TinyCnnMaps(model).eval()
    torch.jit.save(torch.jit.script(model), os.path.join(HERE, "tiny_cnn.pt"))
    torch.jit.save(torch.jit.script(maps), os.path.join(HERE, "tiny_cnn_maps.pt"))
    torch.save(model.state_dict(), os.path.join(HERE, "state_dict.pt"))

    loaded = torch.jit.load(os.path.join(HERE, "tiny_cnn.pt"))
    lines = [f"# logits of tiny_cnn.pt, PyTorch {torch.__version__}; see make_fixtures.py"]
    with torch.no_grad():
        for name, x in inputs():
            y = loaded(x)
            assert torch.equal(y, model(x))
            lines.append(name + " " + " ".join(f"{v:.9g}" for v in y[0].tolist()))
    with open(os.path.join(HERE, "expected_logits.txt"), "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
