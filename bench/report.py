#!/usr/bin/python3
"""Writes bench/RESULTS.md from recorded runs. Never edit RESULTS.md by hand: rerun bench/run.

Usage: /usr/bin/python3 bench/report.py [--record NAME --current FILE] --results DIR --md FILE

--record NAME stores FILE (one bench/run's combined JSON) as DIR/NAME.json first. The page shows
the newest recorded run in full, and a before/after table when DIR holds before.json and after.json.
"""
import argparse
import json
import os
import shutil

TARGETS = {  # workload: (ratio target, label)
    "train_cnn2": 1.5, "train_resnet18_cifar": 1.5, "infer_cnn2": 1.0, "sweep_cnn2": 1.5,
    "e2e": 1.0}
LABELS = {
    "train_cnn2": "(a) training, cnn2, 28x28, batch 128",
    "train_resnet18_cifar": "(a) training, resnet18-cifar, 32x32, batch 128",
    "infer_cnn2": "(b) inference, cnn2, batch 1000",
    "sweep_cnn2": "(c) shift sweep, cnn2, 81 offsets",
    "e2e": "(d) reproduce shifted-digits, end to end"}
PEAK_SHARE_TARGET = 0.30  # of the matmul peak, cnn2 training


def fmt(v, digits=0):
    return ("{:,.%df}" % digits).format(v) if v is not None else "n/a"


def spread(f, key="median", lo="min", hi="max", digits=0):
    return "%s [%s - %s]" % (fmt(f[key], digits), fmt(f[lo], digits), fmt(f[hi], digits))


def machine_peak(run):
    peaks = [run[s]["matmul_peak"]["median"] for s in ("shiftlab", "pytorch")
             if "matmul_peak" in run.get(s, {})]
    return max(peaks) if peaks else None


def rows(run):
    """(key, label, unit, shiftlab text, pytorch text, ratio wall, ratio cpu, sl gflops, pt gflops,
    target) for every workload of a run."""
    out = []
    sl, pt = run["shiftlab"]["workloads"], run["pytorch"]["workloads"]
    for key in ("train_cnn2", "train_resnet18_cifar", "infer_cnn2", "sweep_cnn2"):
        a, b = sl.get(key), pt.get(key)
        if a is None or b is None:
            continue
        if "skipped" in a or "skipped" in b:
            out.append((key, LABELS[key], "images/s", "skipped: " + a.get("skipped", "-"),
                        "skipped: " + b.get("skipped", "-"), None, None, None, None,
                        TARGETS[key]))
            continue
        out.append((key, LABELS[key], a["unit"], spread(a), spread(b),
                    a["median"] / b["median"], a["cpu_median"] / b["cpu_median"],
                    a.get("gflops"), b.get("gflops"), TARGETS[key]))
    e = run.get("e2e")
    if e:
        s, p = e["shiftlab"], e["pytorch"]
        out.append(("e2e", LABELS["e2e"], "s (lower is better)", spread(s["wall"], digits=1),
                    spread(p["wall"], digits=1), p["wall"]["median"] / s["wall"]["median"],
                    p["cpu"]["median"] / s["cpu"]["median"], None, None, TARGETS["e2e"]))
    return out


def busy_machine(meta):
    """Whether a run started with a 1-minute load above half the cores."""
    return float(meta["load_start"].split()[0]) > 0.5 * meta["cores"]


def verdict(ratio, target):
    if ratio is None:
        return "-"
    return "met" if ratio >= target else "not met"


def run_section(name, run, md):
    meta = run["meta"]
    peak = machine_peak(run)
    md.append("## Run `%s`: %s, level %s, %d threads" % (name, meta["date"], meta["level"],
                                                         meta["threads"]))
    md.append("")
    md.append("- Machine: %s, %s cores, %s GiB memory." % (meta["cpu"], meta["cores"],
                                                          meta["memory_gib"]))
    md.append("- Load average (1, 5, 15 min) at the start: %s; at the end: %s.%s" % (
        meta["load_start"], meta["load_end"],
        " **The machine was shared and busy: wall-clock figures are inflated and noisy; the"
        " CPU-time ratios are the steadier ones.**"
        if busy_machine(meta) else ""))
    md.append("- shiftlab %s (commit `%s`), DJL %s, libtorch %s, Java %s." % (
        run["shiftlab"]["versions"]["shiftlab"], meta["commit"], run["shiftlab"]["versions"]["djl"],
        run["shiftlab"]["versions"]["libtorch"], run["shiftlab"]["versions"]["java"]))
    md.append("- PyTorch %s (Debian `python3-torch`, %s), Python %s." % (
        run["pytorch"]["versions"]["torch"], run["pytorch"]["versions"]["blas"],
        run["pytorch"]["versions"]["python"]))
    md.append("- Threads: both sides run %d intra-op thread(s) and one inter-op thread (shiftlab"
              " `--threads %d`; PyTorch `torch.set_num_threads(%d)`, `set_num_interop_threads(1)`)."
              % (meta["threads"], meta["threads"], meta["threads"]))
    unset = "unset (libgomp default: spin, then sleep)"
    omp = meta.get("omp_wait_policy", {"shiftlab": unset, "pytorch": unset})
    md.append("- `OMP_WAIT_POLICY`: shiftlab %s, PyTorch %s. (shiftlab's launchers default to"
              " PASSIVE since the `after` changes; the PyTorch side keeps what the environment"
              " gives, as a PyTorch user would.)" % (omp["shiftlab"], omp["pytorch"]))
    if "malloc" in meta:
        md.append("- malloc: shiftlab %s; PyTorch %s." % (meta["malloc"]["shiftlab"],
                                                        meta["malloc"]["pytorch"]))
    if peak:
        md.append("- Matrix-multiply peak (float32 1024 x 1024 products, same thread count):"
                  " shiftlab/libtorch %s GFLOP/s, PyTorch/OpenBLAS %s GFLOP/s; the machine's"
                  " peak below is the higher one, %s GFLOP/s." % (
                      spread(run["shiftlab"]["matmul_peak"], digits=1),
                      spread(run["pytorch"]["matmul_peak"], digits=1), fmt(peak, 1)))
    md.append("")
    md.append("Rates are medians [min - max] of the repeats after a warm-up; a ratio is shiftlab's"
              " rate over PyTorch's (for (d): PyTorch's time over shiftlab's), so above 1 means"
              " shiftlab is faster. The CPU ratio divides images per CPU-second of each process.")
    md.append("")
    md.append("| workload | unit | shiftlab | PyTorch | ratio (wall) | ratio (CPU) |"
              " shiftlab GFLOP/s (of peak) | PyTorch GFLOP/s (of peak) | target | wall |")
    md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---|")
    for key, label, unit, a, b, rw, rc, ga, gb, target in rows(run):
        def g(v):
            if v is None:
                return "-"
            return "%s (%s%%)" % (fmt(v, 1), fmt(100 * v / peak, 0)) if peak else fmt(v, 1)
        md.append("| %s | %s | %s | %s | %s | %s | %s | %s | >= %.1fx | %s |" % (
            label, unit, a, b, "%.2fx" % rw if rw else "-", "%.2fx" % rc if rc else "-", g(ga),
            g(gb), target, verdict(rw, target)))
    sl = run["shiftlab"]["workloads"].get("train_cnn2")
    if sl and peak and "gflops" in sl:
        share = sl["gflops"] / peak
        md.append("")
        md.append("cnn2 training reaches %.0f%% of the measured matmul peak (target >= %.0f%%: %s)."
                  % (100 * share, 100 * PEAK_SHARE_TARGET,
                     "met" if share >= PEAK_SHARE_TARGET else "not met"))
    e = run.get("e2e")
    if e:
        md.append("")
        md.append("(d) ran `shiftlab reproduce shifted-digits --%s` (data set %s, %d training and"
                  " %d test images, up to %d epochs per arm, batch %d) against"
                  " `bench/torch_shifted_digits.py` on the same exported splits, %d time(s) each;"
                  " CPU time: shiftlab %s s, PyTorch %s s." % (
                      e["level"], e["budget"]["dataset"], e["train_images"], e["test_images"],
                      e["budget"]["epochs"], e["budget"]["batch_size"],
                      len(e["shiftlab"]["wall"]["samples"]), spread(e["shiftlab"]["cpu"], digits=1),
                      spread(e["pytorch"]["cpu"], digits=1)))
    md.append("")


def memory_section(m, md):
    md.append("## Memory curve")
    md.append("")
    md.append("Latest `MemoryCurve` (%s, %d threads, malloc %s, JVM options `%s`): cnn2 trained for %d epochs of"
              " %d images by the real training loop; after each epoch a GC, then RSS, peak RSS, heap"
              " in use and DJL's live native resources. After epoch 1, RSS grew at most %+.1f%%,"
              " peak RSS %+.1f%% (limit +5%%); the live resources (%d arrays) %s. Flat: **%s**."
              " Curve: [`bench/results/memory.csv`](results/memory.csv)." % (
                  m.get("date", "?"), m.get("threads", 0), m.get("allocator", "not recorded"),
                  m.get("jvm_options", "?"), m["epochs"],
                  m.get("images_per_epoch", 0), 100 * m["rss_growth_after_epoch1"],
                  100 * m["peak_rss_growth_after_epoch1"], m["live_arrays"],
                  "stayed constant" if m["counts_flat"] else "changed",
                  "yes" if m["flat"] else "no"))
    if "jvm_committed_change_mib" in m:
        change = m["jvm_committed_change_mib"]
        parts = ", ".join("%s %+.1f MiB" % (k, v) for k, v in change.items() if k != "Total")
        md.append("")
        md.append("Where the growth went (native memory tracking of the JVM, epoch 1 to the last"
                  " epoch): the JVM's committed memory changed by %+.1f MiB in total (%s); RSS outside"
                  " the JVM's committed memory (libtorch and other native allocations) went from"
                  " %.1f to %.1f MiB, at most %+.1f%% after epoch 1." % (
                      change.get("Total", 0.0), parts or "no category by 0.5 MiB or more",
                      m["outside_jvm_mib_epoch1"], m["outside_jvm_mib_last"],
                      100 * m["outside_jvm_growth_after_epoch1"]))
    md.append("")
    md.append("![memory curve](results/memory.png)")
    md.append("")


def ops_section(o, md):
    md.append("## %s, operator by operator" % o["title"])
    md.append("")
    md.append("%s, %s images through the model on each side: self time of each ATen operator (its calls minus the operators nested inside them),"
              " shiftlab from the %s, PyTorch from the %s. Total: shiftlab %s ms, PyTorch %s ms."
              " Both profilers add their own overhead, so compare the operators, not the totals"
              " with (a)." % (o["workload"], fmt(o["images"]), o["shiftlab_profiler"],
                              o["pytorch_profiler"], fmt(o["shiftlab_total_ms"]),
                              fmt(o["pytorch_total_ms"])))
    md.append("")
    md.append("| operator | shiftlab ms | calls | PyTorch ms | calls | shiftlab / PyTorch |")
    md.append("|---|---:|---:|---:|---:|---:|")
    for op in o["ops"]:
        ratio = ("%.2fx" % (op["shiftlab_ms"] / op["pytorch_ms"])
                 if op["pytorch_ms"] > 0 and op["shiftlab_ms"] > 0 else "-")
        md.append("| `%s` | %s | %s | %s | %s | %s |" % (
            op["op"], fmt(op["shiftlab_ms"], 1), fmt(op["shiftlab_calls"]), fmt(op["pytorch_ms"], 1),
            fmt(op["pytorch_calls"]), ratio))
    md.append("")


def before_after(before, after, md):
    md.append("## Before and after")
    md.append("")
    md.append("`before`: %s, commit `%s`, load %s. `after`: %s, commit `%s`, load %s." % (
        before["meta"]["date"], before["meta"]["commit"], before["meta"]["load_start"],
        after["meta"]["date"], after["meta"]["commit"], after["meta"]["load_start"]))
    md.append("")
    md.append("| workload | shiftlab before | shiftlab after | change (wall) | change (CPU) |"
              " ratio before (wall / CPU) | ratio after (wall / CPU) |")
    md.append("|---|---:|---:|---:|---:|---:|---:|")
    rb = {r[0]: r for r in rows(before)}
    for r in rows(after):
        b = rb.get(r[0])
        if b is None or r[5] is None or b[5] is None:
            continue
        if r[0] == "e2e":
            sb, sa = before["e2e"]["shiftlab"], after["e2e"]["shiftlab"]
            cw = sb["wall"]["median"] / sa["wall"]["median"]
            cc = sb["cpu"]["median"] / sa["cpu"]["median"]
            tb, ta = fmt(sb["wall"]["median"], 1) + " s", fmt(sa["wall"]["median"], 1) + " s"
        else:
            fb = before["shiftlab"]["workloads"][r[0]]
            fa = after["shiftlab"]["workloads"][r[0]]
            cw = fa["median"] / fb["median"]
            cc = fa["cpu_median"] / fb["cpu_median"]
            tb, ta = fmt(fb["median"]), fmt(fa["median"])
        md.append("| %s | %s | %s | %.2fx | %.2fx | %.2fx / %.2fx | %.2fx / %.2fx |" % (
            r[1], tb, ta, cw, cc, b[5], b[6], r[5], r[6]))
    md.append("")
    busy = [n for n, r in (("before", before), ("after", after)) if busy_machine(r["meta"])]
    note = ("" if not busy else " The %s run%s taken on a shared, busy machine (load above half"
            " the cores); compare the CPU columns first." % (
                " and ".join("`%s`" % n for n in busy), "s were" if len(busy) > 1 else " was"))
    md.append("A change above 1x is faster." + note)
    md.append("")


ENGINE_WORKLOADS = ("train_cnn2", "train_resnet18_cifar", "infer_cnn2", "sweep_cnn2")
ENGINE_TARGET = 1.3  # a fallback within 1.3x of the native speed


def engine_section(e, md):
    md.append("## Engine self-check")
    md.append("")
    m = e["meta"]
    md.append("Written by `bench/engine-check` on %s, commit `%s`, %d threads, %d interleaved rounds"
              " (each figure the median of the rounds' medians), %s, load %s at the end. Arms:"
              " `baseline` is commit `%s`, before the check existed; `native` is this commit as it"
              " runs here; `padded-filters` and `unfold-gemm` are this commit forced onto each"
              " fallback (`SHIFTLAB_CONV`), what a host whose libtorch convolution fails the check"
              " would run." % (m["date"], m["commit"], m["threads"], m["rounds"], m["cpu"],
                               m["load"], m["baseline"]))
    md.append("")
    md.append("What the check chose here (`shiftlab doctor`, uncached):")
    md.append("")
    md.append("```")
    md.extend(e["doctor"].rstrip().splitlines())
    md.append("```")
    md.append("")
    arms = list(e["arms"])
    md.append("| workload | " + " | ".join(arms) + " | " +
              " | ".join("%s / native" % a for a in arms if a != "native") + " |")
    md.append("|---|" + "---:|" * (2 * len(arms) - 1))
    for k in ENGINE_WORKLOADS:
        if not all(k in e["arms"][a] for a in arms):
            continue
        nat = e["arms"]["native"][k]["median"]
        cells = [fmt(e["arms"][a][k]["median"]) for a in arms]
        ratios = ["%.2fx" % (e["arms"][a][k]["median"] / nat) for a in arms if a != "native"]
        md.append("| %s | %s | %s |" % (LABELS[k], " | ".join(cells), " | ".join(ratios)))
    md.append("")
    md.append("Images per second (higher is better); a ratio below 1x is slower than `native`. The"
              " target for a fallback is at most %.1fx slower than the native kernels (a ratio of"
              " at least %.2fx); the fastest fallback that passes the check is chosen"
              " automatically." % (ENGINE_TARGET, 1 / ENGINE_TARGET))
    md.append("")


def location_grid_section(results, md):
    """The location-grid budget study: the table bench/location-grid-study printed
    (location-grid-study.md), then the finding written from it (location-grid-study-finding.md)."""
    table = os.path.join(results, "location-grid-study.md")
    if not os.path.exists(table):
        return
    md.append("## Location-grid budget study")
    md.append("")
    md.append("Written by `bench/location-grid-study` (`io.shiftlab.bench.LocationGridStudy`):"
              " [`bench/results/location-grid-study.csv`](results/location-grid-study.csv),"
              " breakdown [`location-grid-study-breakdown.csv`](results/location-grid-study-breakdown.csv),"
              " chart [`docs/img/location-grid-budget.png`](../docs/img/location-grid-budget.png).")
    md.append("")
    with open(table) as fh:
        md.extend(fh.read().rstrip().splitlines())
    md.append("")
    md.append("![location-grid budget study](../docs/img/location-grid-budget.png)")
    md.append("")
    finding = os.path.join(results, "location-grid-study-finding.md")
    if os.path.exists(finding):
        with open(finding) as fh:
            md.extend(fh.read().rstrip().splitlines())
        md.append("")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--record")
    ap.add_argument("--current")
    ap.add_argument("--results", required=True)
    ap.add_argument("--md", required=True)
    a = ap.parse_args()
    os.makedirs(a.results, exist_ok=True)
    if a.record:
        shutil.copyfile(a.current, os.path.join(a.results, a.record + ".json"))
    runs = {}
    for f in sorted(os.listdir(a.results)):
        if f.endswith(".json") and not f.startswith(("memory", "ops-", "engine-")):
            with open(os.path.join(a.results, f)) as fh:
                runs[f[:-5]] = json.load(fh)
    newest = a.record or max(runs, key=lambda k: runs[k]["meta"]["date"])
    md = ["# shiftlab against PyTorch: benchmark results", "",
          "_Written by `bench/run` (`bench/report.py`) from the recorded runs in `bench/results/`;"
          " never edited by hand. Rerun `bench/run [--quick] [--record NAME]` to update._", ""]
    if "before" in runs and "after" in runs:
        before_after(runs["before"], runs["after"], md)
    run_section(newest, runs[newest], md)
    mem = os.path.join(a.results, "memory.json")
    if os.path.exists(mem):
        with open(mem) as fh:
            memory_section(json.load(fh), md)
    eng = os.path.join(a.results, "engine-check.json")
    if os.path.exists(eng):
        with open(eng) as fh:
            engine_section(json.load(fh), md)
    location_grid_section(a.results, md)
    for f in sorted(os.listdir(a.results)):
        if f.startswith("ops-") and f.endswith(".json"):
            with open(os.path.join(a.results, f)) as fh:
                ops_section(json.load(fh), md)
    for k in sorted(runs):
        if k != newest:
            run_section(k, runs[k], md)
    with open(a.md, "w") as f:
        f.write("\n".join(md).rstrip() + "\n")


if __name__ == "__main__":
    main()
