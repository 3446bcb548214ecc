"""Shared pieces of the PyTorch side of bench/run: models, data loading, timing, FLOP counting.

Runs on Debian's python3-torch (1.13) with /usr/bin/python3. Every model here is the PyTorch twin
of a shiftlab catalog model (same layers, same shapes, same parameter count).
"""
import gzip
import os
import statistics
import time

import numpy as np
import torch
from torch import nn


def configure_threads(threads):
    """Intra-op threads as shiftlab's --threads; one inter-op thread, as shiftlab's TorchRuntime."""
    n = threads if threads > 0 else os.cpu_count()
    torch.set_num_threads(n)
    try:
        torch.set_num_interop_threads(1)
    except RuntimeError:
        pass
    return n


def cnn2(num_classes=10):
    """shiftlab's cnn2: conv 20@5x5, ReLU, max-pool 2, conv 40@5x5, ReLU, max-pool 2, 100, 10."""
    return nn.Sequential(
        nn.Conv2d(1, 20, 5), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(20, 40, 5), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(640, 100), nn.ReLU(), nn.Linear(100, num_classes))


def cnn1(num_classes=10):
    """shiftlab's cnn1: conv 20@5x5, ReLU, max-pool 2, dense 100, ReLU, dense classes."""
    return nn.Sequential(
        nn.Conv2d(1, 20, 5), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(20 * 12 * 12, 100), nn.ReLU(), nn.Linear(100, num_classes))


def mlp(num_classes=10):
    """shiftlab's mlp: flatten, dense 100, ReLU, dropout .5, dense 100, ReLU, dropout .25, dense."""
    return nn.Sequential(
        nn.Flatten(), nn.Linear(784, 100), nn.ReLU(), nn.Dropout(0.5),
        nn.Linear(100, 100), nn.ReLU(), nn.Dropout(0.25), nn.Linear(100, num_classes))


class ChannelsLast(nn.Module):
    """NCHW -> NHWC, as shiftlab's nn-article does before its per-pixel dense layers."""

    def forward(self, x):
        return x.permute(0, 2, 3, 1)


def nn_article(num_classes=10):
    """shiftlab's nn-article: per-pixel dense 100, 100 (channels-last), flatten, dense classes."""
    return nn.Sequential(
        ChannelsLast(), nn.Linear(1, 100), nn.ReLU(), nn.Dropout(0.5),
        nn.Linear(100, 100), nn.ReLU(), nn.Dropout(0.25),
        nn.Flatten(), nn.Linear(28 * 28 * 100, num_classes))


MODELS = {"cnn2": cnn2, "cnn1": cnn1, "mlp": mlp, "nn-article": nn_article}


def forward_flops_per_image(model, shape):
    """FLOPs of one forward pass per image, counted as shiftlab's FlopCount does: every module
    with a weight (convolution, linear) costs 2 x output elements x (weight elements / outputs)."""
    total = [0.0]

    def hook(mod, inp, out):
        w = mod.weight
        total[0] += 2.0 * out.numel() * (w.numel() / w.shape[0])

    handles = [m.register_forward_hook(hook) for m in model.modules()
               if isinstance(m, (nn.Conv2d, nn.Linear))]
    with torch.no_grad():
        model(torch.zeros((1,) + tuple(shape)))
    for h in handles:
        h.remove()
    return total[0]


def samples(values):
    """The same summary as shiftlab's Samples: median, min, max, values in order."""
    return {"median": statistics.median(values), "min": min(values), "max": max(values),
            "samples": list(values)}


def figure(unit, values, cpu_values, flops_per_image, images, batch):
    """One workload's figure, in the same shape as shiftlab's Figure.toMap()."""
    f = {"unit": unit, **samples(values), "cpu_median": statistics.median(cpu_values),
         "cpu_samples": list(cpu_values), "images": images, "batch": batch}
    if flops_per_image is not None:
        f["flops_per_image"] = flops_per_image
        f["gflops"] = f["median"] * flops_per_image / 1e9
    return f


def data_dir():
    env = os.environ.get("SHIFTLAB_DATA")
    base = env if env else os.path.join(os.path.expanduser("~"), ".cache", "shiftlab", "data")
    return base


def read_idx(path):
    with gzip.open(path, "rb") as f:
        raw = f.read()
    ndim = raw[3]
    dims = [int.from_bytes(raw[4 + 4 * i: 8 + 4 * i], "big") for i in range(ndim)]
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims).copy()


def fashion_mnist(split, n):
    """The first n images of a Fashion-MNIST split as uint8 (n, 1, 28, 28) and int64 labels."""
    d = os.path.join(data_dir(), "fashion-mnist")
    prefix = "train" if split == "train" else "t10k"
    x = read_idx(os.path.join(d, prefix + "-images-idx3-ubyte.gz"))[:n]
    y = read_idx(os.path.join(d, prefix + "-labels-idx1-ubyte.gz"))[:n]
    return np.ascontiguousarray(x[:, None, :, :]), y.astype(np.int64)


def evaluate(model, x, y, transform=None, batch=1000):
    """Mean cross-entropy and accuracy in inference mode, batches of `batch`, uint8 -> float / 255;
    `transform(xb, start)` may change each batch (e.g. shift it) before the forward pass."""
    import torch.nn.functional as F
    model.eval()
    loss_sum, correct = 0.0, 0
    with torch.inference_mode():
        for start in range(0, len(x), batch):
            xb = torch.from_numpy(x[start:start + batch]).float().div_(255)
            yb = torch.from_numpy(y[start:start + batch])
            if transform is not None:
                xb = transform(xb, start)
            logits = model(xb)
            loss_sum += F.cross_entropy(logits, yb, reduction="sum").item()
            correct += (logits.argmax(1) == yb).sum().item()
    return loss_sum / len(x), correct / len(x)


def now():
    return time.perf_counter()


def cpu():
    """CPU seconds of this process, all threads, user + system (as shiftlab's CpuClock)."""
    return time.process_time()
