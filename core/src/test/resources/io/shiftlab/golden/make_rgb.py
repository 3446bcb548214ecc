#!/usr/bin/env python3
"""Writes rgb_cnn.pt, the RGB TorchScript fixture of the image-folder probe tests: a small network
on 3x32x32 inputs (torchvision's ImageNet normalisation expected: mean 0.485,0.456,0.406, std
0.229,0.224,0.225) with 10 logits, so that a folder of 3 classes needs --class-map.

Regenerate (Debian: apt-get install python3-torch) from this directory with:

    /usr/bin/python3 make_rgb.py

Network: conv 3->8 3x3 pad 1, ReLU, max pool 2, conv 8->16 3x3 pad 1, ReLU, global average pool,
dense 16->10; PyTorch's default initialisation under a fixed seed, stored in the file.
"""
import os

import torch
from torch import nn

HERE = os.path.dirname(os.path.abspath(__file__))


class RgbCnn(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 8, 3, padding=1)
        self.conv2 = nn.Conv2d(8, 16, 3, padding=1)
        self.fc = nn.Linear(16, 10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        h = torch.max_pool2d(torch.relu(self.conv1(x)), 2)
        h = torch.relu(self.conv2(h)).mean(dim=(2, 3))
        return self.fc(h)


def main():
    torch.manual_seed(20261207)
    model = RgbCnn().eval()
    torch.jit.save(torch.jit.script(model), os.path.join(HERE, "rgb_cnn.pt"))


if __name__ == "__main__":
    main()
