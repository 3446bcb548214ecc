#!/usr/bin/python3
"""Workload (d) on the PyTorch side: the equivalent of `shiftlab reproduce shifted-digits`, written
as a PyTorch user would: the same five arms (nn-article, mlp, cnn1, cnn2, cnn2 + Keras-style shift
augmentation), the same splits (exported by shiftlab's DigitsExport), the same epochs, batch size,
Adam learning rate and early-stopping patience; a checkpoint (model + optimizer state) saved after
every epoch; then accuracy on the clean test set, ShiftMin (+-1 px), Shift (+-4 x +-3 px) and the
curve of maximum shifts 1..6 px, each with one random offset per image (|d| = U(0, max) with a random
sign, bilinear, zero fill via grid_sample). Writes results.csv and results.json.

Not equivalent, in PyTorch's favour: no figures, no HTML/Markdown report, no manifest or checksums.
Initialisation is PyTorch's default (shiftlab's is its own); cost does not depend on it.

Usage: /usr/bin/python3 bench/torch_shifted_digits.py --data DIR --out DIR [--threads T]
"""
import argparse
import copy
import json
import os

import numpy as np
import torch
import torch.nn.functional as F

import torch_common as tc

ARMS = [("NN (nn-article)", "nn-article", False), ("MLP", "mlp", False), ("CNN1", "cnn1", False),
        ("CNN2", "cnn2", False), ("CNN2+aug", "cnn2", True)]
CURVE_MAX = 6
EVAL_BATCH = 1000


def load(data, split, meta):
    m = meta[split]
    x = np.fromfile(os.path.join(data, split + "-images.u8"), dtype=np.uint8)
    x = x.reshape(m["n"], m["channels"], m["height"], m["width"])
    y = np.fromfile(os.path.join(data, split + "-labels.i32"), dtype="<i4").astype(np.int64)
    return x, y


def shift(x, dx, dy, padding):
    """Moves image b by (dx[b], dy[b]) pixels (right, down), bilinear."""
    n, _, h, w = x.shape
    theta = torch.zeros(n, 2, 3)
    theta[:, 0, 0] = 1
    theta[:, 1, 1] = 1
    theta[:, 0, 2] = -2 * dx / w
    theta[:, 1, 2] = -2 * dy / h
    grid = F.affine_grid(theta, list(x.shape), align_corners=False)
    return F.grid_sample(x, grid, mode="bilinear", padding_mode=padding, align_corners=False)


def signed_magnitude(gen, n, max_dx, max_dy):
    def draw(m):
        mag = torch.rand(n, generator=gen) * m
        sign = torch.where(torch.rand(n, generator=gen) < 0.5, -1.0, 1.0)
        return mag * sign
    return draw(max_dx), draw(max_dy)


def evaluate(model, x, y, offsets=None):
    """Loss and accuracy, each image moved by its own offset when `offsets` is given."""
    if offsets is None:
        return tc.evaluate(model, x, y, batch=EVAL_BATCH)
    return tc.evaluate(model, x, y, batch=EVAL_BATCH, transform=lambda xb, s: shift(
        xb, offsets[0][s:s + len(xb)], offsets[1][s:s + len(xb)], "zeros"))


def train_arm(name, model_name, augment, splits, meta, out, seed):
    (tx, ty), (vx, vy) = splits["train"], splits["val"]
    torch.manual_seed(seed)
    model = tc.MODELS[model_name](meta["train"]["classes"])
    opt = torch.optim.Adam(model.parameters(), lr=meta["learning_rate"], eps=1e-7)
    rng = np.random.default_rng(seed)
    gen = torch.Generator().manual_seed(seed)
    bs, patience = meta["batch_size"], meta["patience"]
    h, w = tx.shape[2], tx.shape[3]
    best_loss, best_state, bad = float("inf"), None, 0
    run_dir = os.path.join(out, "runs", model_name + ("-aug" if augment else ""))
    os.makedirs(run_dir, exist_ok=True)
    epochs_run = 0
    for epoch in range(1, meta["epochs"] + 1):
        model.train()
        order = rng.permutation(len(tx))
        for s in range(0, len(tx), bs):
            idx = order[s:s + bs]
            xb = torch.from_numpy(tx[idx]).float().div_(255)
            yb = torch.from_numpy(ty[idx])
            if augment:
                dx = (torch.rand(len(idx), generator=gen) * 2 - 1) * 0.1 * w
                dy = (torch.rand(len(idx), generator=gen) * 2 - 1) * 0.1 * h
                xb = shift(xb, dx, dy, "border")
            opt.zero_grad(set_to_none=True)
            logits = model(xb)
            loss = F.cross_entropy(logits, yb)
            loss.backward()
            opt.step()
            loss.item()
            (logits.argmax(1) == yb).sum().item()
        epochs_run = epoch
        val_loss, val_acc = evaluate(model, vx, vy)
        torch.save({"model": model.state_dict(), "optimizer": opt.state_dict(), "epoch": epoch},
                   os.path.join(run_dir, "checkpoint.pt"))
        if val_loss < best_loss:
            best_loss, best_state, bad = val_loss, copy.deepcopy(model.state_dict()), 0
        else:
            bad += 1
            if bad >= patience:
                break
    model.load_state_dict(best_state)
    torch.save(model.state_dict(), os.path.join(run_dir, "model.pt"))
    return model, epochs_run


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--threads", type=int, default=0)
    a = ap.parse_args()
    tc.configure_threads(a.threads)
    with open(os.path.join(a.data, "budget.json")) as f:
        meta = json.load(f)
    splits = {s: load(a.data, s, meta) for s in ("train", "val", "test")}
    x, y = splits["test"]
    seed = meta["seed"]
    gen = torch.Generator().manual_seed(seed)
    n = len(x)
    shift_min = signed_magnitude(gen, n, 1, 1)
    shift_big = signed_magnitude(gen, n, 4, 3)
    curves = [signed_magnitude(gen, n, s, s) for s in range(1, CURVE_MAX + 1)]
    os.makedirs(a.out, exist_ok=True)
    rows = []
    for label, model_name, augment in ARMS:
        model, epochs = train_arm(label, model_name, augment, splits, meta, a.out, seed)
        clean = evaluate(model, x, y)[1]
        curve = [clean] + [evaluate(model, x, y, c)[1] for c in curves]
        rows.append({"model": label, "epochs": epochs, "clean": clean,
                     "shift_min": evaluate(model, x, y, shift_min)[1],
                     "shift": evaluate(model, x, y, shift_big)[1], "curve": curve})
    with open(os.path.join(a.out, "results.csv"), "w") as f:
        f.write("model,epochs,clean,shift_min,shift\n")
        for r in rows:
            f.write("%s,%d,%.4f,%.4f,%.4f\n" % (r["model"], r["epochs"], r["clean"],
                                                r["shift_min"], r["shift"]))
    with open(os.path.join(a.out, "results.json"), "w") as f:
        json.dump({"budget": meta, "arms": rows}, f, indent=2)
    for r in rows:
        print("%-16s clean %.4f  ShiftMin %.4f  Shift %.4f" % (r["model"], r["clean"],
                                                               r["shift_min"], r["shift"]))


if __name__ == "__main__":
    main()
