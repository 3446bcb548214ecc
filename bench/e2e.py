#!/usr/bin/python3
"""Workload (d): `shiftlab reproduce shifted-digits` against bench/torch_shifted_digits.py, whole
processes (start-up included), same splits, epochs, batch and thread count; each timed for wall
and CPU (children's user + system) time, alternating sides, `repeats` times.

Usage: /usr/bin/python3 bench/e2e.py --root REPO --level quick|smoke --threads T --repeats R
       --work DIR --out FILE
"""
import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time


def timed(cmd, log, env=None):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    with open(log, "w") as f:
        rc = subprocess.run(cmd, stdout=f, stderr=subprocess.STDOUT, env=env).returncode
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if rc != 0:
        sys.stderr.write("e2e: %s failed (exit %d); see %s\n" % (cmd[0], rc, log))
        sys.exit(1)
    return wall, cpu


def summary(values):
    return {"median": statistics.median(values), "min": min(values), "max": max(values),
            "samples": values}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", required=True)
    ap.add_argument("--level", default="quick", choices=["quick", "smoke", "full"])
    ap.add_argument("--threads", type=int, required=True)
    ap.add_argument("--repeats", type=int, default=1)
    ap.add_argument("--work", required=True)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    data = os.path.join(a.work, "digits-export")
    bench_java = os.path.join(a.root, "bench", "java")
    subprocess.run([bench_java, "io.shiftlab.bench.DigitsExport", "--level", a.level, "--seed",
                    "1", "--out", data], check=True)
    env = dict(os.environ, SHIFTLAB_NO_BUILD="1")
    level_flag = [] if a.level == "full" else ["--" + a.level]
    sides = {"shiftlab": {"wall": [], "cpu": []}, "pytorch": {"wall": [], "cpu": []}}
    for r in range(a.repeats):
        out = os.path.join(a.work, "e2e-shiftlab")
        w, c = timed([os.path.join(a.root, "shiftlab"), "reproduce", "shifted-digits"] + level_flag
                     + ["--threads", str(a.threads), "--out", out],
                     os.path.join(a.work, "e2e-shiftlab.log"), env)
        sides["shiftlab"]["wall"].append(w)
        sides["shiftlab"]["cpu"].append(c)
        sys.stderr.write("e2e: shiftlab reproduce shifted-digits: %.1f s wall, %.1f s CPU\n"
                         % (w, c))
        out = os.path.join(a.work, "e2e-pytorch")
        w, c = timed(["/usr/bin/python3", os.path.join(a.root, "bench", "torch_shifted_digits.py"),
                      "--data", data, "--out", out, "--threads", str(a.threads)],
                     os.path.join(a.work, "e2e-pytorch.log"))
        sides["pytorch"]["wall"].append(w)
        sides["pytorch"]["cpu"].append(c)
        sys.stderr.write("e2e: pytorch script: %.1f s wall, %.1f s CPU\n" % (w, c))
    with open(os.path.join(data, "budget.json")) as f:
        budget = json.load(f)
    result = {"level": a.level, "budget": {k: budget[k] for k in
                                           ("dataset", "epochs", "batch_size", "learning_rate",
                                            "patience")},
              "train_images": budget["train"]["n"], "test_images": budget["test"]["n"]}
    for side, v in sides.items():
        result[side] = {"unit": "s", "wall": summary(v["wall"]), "cpu": summary(v["cpu"])}
    with open(a.out, "w") as f:
        json.dump(result, f, indent=2)


if __name__ == "__main__":
    main()
