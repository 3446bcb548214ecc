#!/usr/bin/python3
"""Where the time goes, operator by operator, on both sides of bench/run.

Reads two Chrome traces of the same workload on the same images (cnn2 training, or the shift
sweep): shiftlab's from libtorch's own profiler (Bench --only W --trace FILE) and PyTorch's from
torch.autograd.profiler (torch_bench.py --only W --trace FILE). For each
ATen operator it sums the *self* time, the duration of its calls minus the calls nested inside
them (an aten::conv2d that calls aten::mkldnn_convolution counts only its own overhead), per thread.
Writes JSON for report.py: the operators that take the most time on either side, with both sides'
milliseconds, call counts and the ratio.

Usage: /usr/bin/python3 bench/ops.py --shiftlab TRACE --pytorch TRACE --title T --workload TEXT
       --images N --out FILE
"""
import argparse
import collections
import json


def self_times(path):
    """Self time (microseconds) and call count per operator name over all threads of a trace."""
    with open(path) as f:
        trace = json.load(f)
    events = trace["traceEvents"] if isinstance(trace, dict) else trace
    threads = collections.defaultdict(list)
    for e in events:
        if e.get("ph") == "X" and "dur" in e and "name" in e:
            threads[(e.get("pid"), e.get("tid"))].append(e)
    own = collections.Counter()
    calls = collections.Counter()
    for evs in threads.values():
        evs.sort(key=lambda e: (float(e["ts"]), -float(e["dur"])))
        stack = []  # (end, name) of the calls that enclose the current one
        for e in evs:
            start, dur = float(e["ts"]), float(e["dur"])
            while stack and start >= stack[-1][0]:
                stack.pop()
            if stack:
                own[stack[-1][1]] -= dur
            own[e["name"]] += dur
            calls[e["name"]] += 1
            stack.append((start + dur, e["name"]))
    return own, calls


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--shiftlab", required=True)
    ap.add_argument("--pytorch", required=True)
    ap.add_argument("--title", required=True, help="the section's title")
    ap.add_argument("--workload", required=True, help="what ran under the profilers")
    ap.add_argument("--images", type=int, required=True, help="images through the model, each side")
    ap.add_argument("--top", type=int, default=12)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    sl, sl_calls = self_times(a.shiftlab)
    pt, pt_calls = self_times(a.pytorch)
    names = sorted(set(sl) | set(pt), key=lambda n: -max(sl[n], pt[n]))[:a.top]
    ops = [{"op": n, "shiftlab_ms": sl[n] / 1000, "shiftlab_calls": sl_calls[n],
            "pytorch_ms": pt[n] / 1000, "pytorch_calls": pt_calls[n]} for n in names]
    out = {"title": a.title, "workload": a.workload, "images": a.images,
           "shiftlab_profiler": "libtorch profiler (DJL JniUtils.startProfile)",
           "pytorch_profiler": "torch.autograd.profiler",
           "shiftlab_total_ms": sum(sl.values()) / 1000, "pytorch_total_ms": sum(pt.values()) / 1000,
           "ops": ops}
    with open(a.out, "w") as f:
        json.dump(out, f, indent=2)


if __name__ == "__main__":
    main()
