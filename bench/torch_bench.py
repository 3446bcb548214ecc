#!/usr/bin/python3
"""The PyTorch half of bench/run: the matrix-multiply peak and workloads (a) training, (b) inference
and (c) the shift sweep, written the way a PyTorch user would write them, with the same models,
sizes, batch sizes and thread count as the shiftlab half (bench/src/.../Bench.java).

Usage: /usr/bin/python3 bench/torch_bench.py [--quick] [--threads T] [--device cpu|gpu]
       [--only peak,train,infer,sweep] [--with-resnet] [--trace FILE] --out FILE

--only train_cnn2 (or train_resnet18_cifar) trains that model alone; --trace FILE profiles the workloads that run (peak excepted)
with torch.autograd.profiler and exports a Chrome trace (bench/src/.../OpProfile.java compares it with shiftlab's).
"""
import argparse
import contextlib
import json
import sys

import numpy as np
import torch
import torch.nn.functional as F

import torch_common as tc

QUICK = dict(repeats=3, train=2560, resnet=256, infer=5000, sweep=500, sweep_repeats=3)
FULL = dict(repeats=5, train=12800, resnet=1280, infer=10000, sweep=10000, sweep_repeats=3)
TRAIN_BATCH = 128
EVAL_BATCH = 1000


def log(msg):
    print("pytorch: " + msg, file=sys.stderr, flush=True)


def matmul_peak(n, reps, repeats):
    a = torch.rand(n, n) * 2 - 1
    b = torch.rand(n, n) * 2 - 1
    out, cpu_out = [], []
    for r in range(-1, repeats):
        t0, c0 = tc.now(), tc.cpu()
        for _ in range(reps):
            a @ b
        secs, cpu_secs = tc.now() - t0, tc.cpu() - c0
        if r >= 0:
            out.append(2.0 * n ** 3 * reps / secs / 1e9)
            cpu_out.append(2.0 * n ** 3 * reps / cpu_secs / 1e9)
    return out, cpu_out


def train(model_name, model, x, y, val_x, val_y, repeats):
    """One warm-up epoch, then one measured epoch per repeat; the loop mirrors shiftlab's training
    loop: a fresh permutation per epoch, uint8 -> float / 255 per batch, Adam (eps 1e-7 as
    shiftlab), loss and accuracy read back every step; the validation pass is not timed."""
    opt = torch.optim.Adam(model.parameters(), lr=1e-3, betas=(0.9, 0.999), eps=1e-7)
    rng = np.random.default_rng(1)
    n = len(x)
    rates, cpu_rates = [], []
    for epoch in range(repeats + 1):
        model.train()
        order = rng.permutation(n)
        t0, c0 = tc.now(), tc.cpu()
        loss_sum, correct = 0.0, 0
        for start in range(0, n, TRAIN_BATCH):
            idx = order[start:start + TRAIN_BATCH]
            xb = torch.from_numpy(x[idx]).float().div_(255)
            yb = torch.from_numpy(y[idx])
            opt.zero_grad(set_to_none=True)
            logits = model(xb)
            loss = F.cross_entropy(logits, yb)
            loss.backward()
            opt.step()
            loss_sum += loss.item() * len(idx)
            correct += (logits.argmax(1) == yb).sum().item()
        rate, cpu_rate = n / (tc.now() - t0), n / (tc.cpu() - c0)
        tc.evaluate(model, val_x, val_y)
        log("train %s epoch %d: %.0f images/s" % (model_name, epoch + 1, rate))
        if epoch > 0:
            rates.append(rate)
            cpu_rates.append(cpu_rate)
    return rates, cpu_rates


def infer(model, x, repeats):
    model.eval()
    rates, cpu_rates = [], []
    for r in range(-1, repeats):
        t0, c0 = tc.now(), tc.cpu()
        with torch.inference_mode():
            preds = []
            for start in range(0, len(x), EVAL_BATCH):
                xb = torch.from_numpy(x[start:start + EVAL_BATCH]).float().div_(255)
                preds.append(model(xb).argmax(1).numpy())
        rate, cpu_rate = len(x) / (tc.now() - t0), len(x) / (tc.cpu() - c0)
        if r >= 0:
            rates.append(rate)
            cpu_rates.append(cpu_rate)
            log("infer: %.0f images/s" % rate)
    return rates, cpu_rates


def sweep(model, x, y, r, repeats, out_csv):
    """All (2r+1)^2 integer offsets, zero fill (pad once per batch, crop per offset): accuracy and
    mean p(true) per offset, written as CSV, as shiftlab's sweep probe computes them."""
    model.eval()
    side = 2 * r + 1
    h, w = x.shape[2], x.shape[3]
    rates, cpu_rates = [], []
    for rep in range(-1, repeats):
        correct = np.zeros((side, side), dtype=np.int64)
        p_true = np.zeros((side, side))
        t0, c0 = tc.now(), tc.cpu()
        with torch.inference_mode():
            for start in range(0, len(x), EVAL_BATCH):
                xb = torch.from_numpy(x[start:start + EVAL_BATCH]).float().div_(255)
                yb = torch.from_numpy(y[start:start + EVAL_BATCH])
                rows = torch.arange(len(yb))
                padded = F.pad(xb, (r, r, r, r))
                for dy in range(-r, r + 1):
                    for dx in range(-r, r + 1):
                        shifted = padded[:, :, r - dy:r - dy + h, r - dx:r - dx + w]
                        probs = torch.softmax(model(shifted), 1)
                        correct[dy + r, dx + r] += (probs.argmax(1) == yb).sum().item()
                        p_true[dy + r, dx + r] += probs[rows, yb].sum().item()
        with open(out_csv, "w") as f:
            f.write("dx,dy,accuracy,correct,n,mean_p_true\n")
            for dy in range(-r, r + 1):
                for dx in range(-r, r + 1):
                    c = correct[dy + r, dx + r]
                    f.write("%d,%d,%.4f,%d,%d,%.4f\n" % (dx, dy, c / len(x), c, len(x),
                                                         p_true[dy + r, dx + r] / len(x)))
        rate, cpu_rate = side * side * len(x) / (tc.now() - t0), side * side * len(x) / (tc.cpu() - c0)
        if rep >= 0:
            rates.append(rate)
            cpu_rates.append(cpu_rate)
            log("sweep: %.0f shifted images/s" % rate)
    return rates, cpu_rates


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--threads", type=int, default=0)
    ap.add_argument("--device", default="cpu", choices=["cpu", "gpu"])
    ap.add_argument("--only", default="peak,train,infer,sweep")
    ap.add_argument("--with-resnet", action="store_true")
    ap.add_argument("--out", required=True)
    ap.add_argument("--trace")
    a = ap.parse_args()
    if a.device == "gpu" and not torch.cuda.is_available():
        print("torch_bench: --device gpu: this PyTorch sees no CUDA GPU", file=sys.stderr)
        sys.exit(2)
    sizes = QUICK if a.quick else FULL
    threads = tc.configure_threads(a.threads)
    torch.manual_seed(1)
    todo = a.only.split(",")
    result = {"side": "pytorch", "level": "quick" if a.quick else "full", "threads": threads,
              "device": a.device,
              "versions": {"torch": torch.__version__, "python": sys.version.split()[0],
                           "blas": "OpenBLAS (libopenblas0) via Debian python3-torch"},
              "workloads": {}}
    wl = result["workloads"]
    if "peak" in todo:
        p, cp = matmul_peak(1024, 5, sizes["repeats"])
        log("matmul peak %.1f GFLOP/s" % np.median(p))
        result["matmul_peak"] = tc.figure("GFLOP/s", p, cp, None, 1, 1024)
    test_n = max(sizes["infer"], sizes["sweep"])
    profiler = torch.autograd.profiler.profile() if a.trace else contextlib.nullcontext()
    with profiler:
        workloads(a, todo, sizes, test_n, wl)
    if a.trace:
        profiler.export_chrome_trace(a.trace)
    with open(a.out, "w") as f:
        json.dump(result, f, indent=2)
    log("wrote " + a.out)


def workloads(a, todo, sizes, test_n, wl):
    """Workloads (a)-(c), as --only selects them, their figures put into wl."""
    if "train" in todo or "train_cnn2" in todo:
        x, y = tc.fashion_mnist("train", sizes["train"])
        vx, vy = tc.fashion_mnist("train", sizes["train"] + 500)
        vx, vy = vx[sizes["train"]:], vy[sizes["train"]:]
        model = tc.cnn2()
        flops = 3 * tc.forward_flops_per_image(model, (1, 28, 28))
        rates, cpu_rates = train("cnn2", model, x, y, vx, vy, sizes["repeats"])
        wl["train_cnn2"] = tc.figure("images/s", rates, cpu_rates, flops, len(x), TRAIN_BATCH)
    if "train" in todo or "train_resnet18_cifar" in todo:
        if a.with_resnet:
            import torch_resnet
            rng = np.random.default_rng(2)
            cx = rng.integers(0, 256, (sizes["resnet"], 3, 32, 32), dtype=np.uint8)
            cy = rng.integers(0, 10, sizes["resnet"]).astype(np.int64)
            model = torch_resnet.resnet18_cifar()
            flops = 3 * tc.forward_flops_per_image(model, (3, 32, 32))
            rates, cpu_rates = train("resnet18-cifar", model, cx, cy, cx[:128], cy[:128],
                                     sizes["repeats"])
            wl["train_resnet18_cifar"] = tc.figure("images/s", rates, cpu_rates, flops, len(cx), TRAIN_BATCH)
        else:
            wl["train_resnet18_cifar"] = {"skipped": "model not in catalog"}
    if "infer" in todo or "sweep" in todo:
        tx, ty = tc.fashion_mnist("test", test_n)
        model = tc.cnn2()
        flops = tc.forward_flops_per_image(model, (1, 28, 28))
        if "infer" in todo:
            rates, cpu_rates = infer(model, tx[:sizes["infer"]], sizes["repeats"])
            wl["infer_cnn2"] = tc.figure("images/s", rates, cpu_rates, flops, sizes["infer"], EVAL_BATCH)
        if "sweep" in todo:
            rates, cpu_rates = sweep(model, tx[:sizes["sweep"]], ty[:sizes["sweep"]], 4,
                          sizes["sweep_repeats"], a.out + ".sweep.csv")
            wl["sweep_cnn2"] = tc.figure("shifted images/s", rates, cpu_rates, flops, sizes["sweep"],
                                         EVAL_BATCH)


if __name__ == "__main__":
    main()
