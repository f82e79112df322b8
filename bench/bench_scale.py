"""Scale benchmark: documents per second, sequential vs worker processes (and Ray when installed).

Run: ``python -m bench.bench_scale`` (``--docs N`` to change the corpus size, default 200).

Every engine reads the same generated corpus, variants of our own example article and a few short
texts of ours, each in a fresh driver process (``--one ENGINE``), so each driver's peak RSS is its
own. Reported per engine: start-up (until the first batch of models arrives: loading spaCy, or starting
the workers), total wall time, documents per second over the whole run and after start-up, and the
driver's peak RSS. Speeds are ratios to the sequential engine measured in the same run.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import resource
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import date

from bench.report import ROOT, write_section
from faultlines.read import RawDocument, example_document

SHORT = [
    "Turkey sold drones to Azerbaijan in {year}. Armenia protested the sale and recalled its ambassador.",
    "Russia and Iran signed an energy agreement in March {year}. Israel criticised the agreement.",
    "The United States imposed sanctions on Iran in May {year}. Azerbaijan expanded oil exports to Israel.",
    "Georgia hosted talks between Armenia and Azerbaijan in {year}; both sides accused each other of shelling.",
]
ACTORS = [("Turkey", "Russia"), ("Israel", "Turkey"), ("Armenia", "Georgia"), ("Iran", "Iraq")]


def corpus(size: int) -> Iterator[RawDocument]:
    """``size`` distinct documents: every fourth a variant of the example article, the rest short texts."""
    base = example_document()
    for index in range(size):
        year = 1990 + index % 35
        if index % 4 == 0:
            old, new = ACTORS[(index // 4) % len(ACTORS)]
            text = base.text.replace("2024", str(year)).replace(old, new) + f"\n\nNote {index}."
            yield replace(base, text=text, title=f"example variant {index}")
        else:
            text = SHORT[index % len(SHORT)].format(year=year) + f" Report {index}."
            yield RawDocument(text=text, title=f"short {index}", date=date(2024, 1, 1), source=f"gen:{index}")


def tree_cpu_seconds(root: int) -> float:
    """CPU seconds (user + system, with reaped children) of a process and all its descendants (Linux)."""
    try:
        tick = os.sysconf("SC_CLK_TCK")
        parent: dict[int, int] = {}
        used: dict[int, int] = {}
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                with open(f"/proc/{entry}/stat", encoding="utf-8") as handle:
                    fields = handle.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            parent[int(entry)] = int(fields[1])
            used[int(entry)] = sum(int(f) for f in fields[11:15])  # utime stime cutime cstime
    except (OSError, ValueError):
        return float("nan")
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += used.get(pid, 0)
        stack.extend(child for child, up in parent.items() if up == pid)
    return total / tick


def run_one(engine: str, size: int, workers: int) -> dict[str, float]:
    """Read the corpus with one engine in this (fresh) process; timings and the peak RSS."""
    from faultlines.read import Skipped
    from faultlines.scale import read_parallel

    batch = 8
    cpu_start = tree_cpu_seconds(os.getpid())
    cpu = float("nan")
    start = time.perf_counter()
    first = 0.0
    models = skipped = 0
    for count, item in enumerate(read_parallel(corpus(size), engine=engine, workers=workers, batch_size=batch), 1):
        if count == batch:
            first = time.perf_counter() - start
        if count == size:  # every worker still alive and idle: count the CPU they used
            cpu = tree_cpu_seconds(os.getpid()) - cpu_start
        if isinstance(item, Skipped):
            skipped += 1
        else:
            models += 1
    wall = time.perf_counter() - start
    return {
        "docs": models,
        "skipped": skipped,
        "startup_s": first,
        "wall_s": wall,
        "docs_per_s": models / wall,
        "steady_docs_per_s": (models - batch) / max(wall - first, 1e-9),
        "cpu_s_per_doc": cpu / max(models, 1),
        "driver_peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def measure(engine: str, size: int, workers: int) -> dict[str, float]:
    command = [sys.executable, "-m", "bench.bench_scale", "--one", engine, "--docs", str(size)]
    command += ["--workers", str(workers)]
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=200, help="corpus size")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeat", type=int, default=2, help="runs per engine, interleaved; the fastest is kept")
    parser.add_argument("--one", choices=["local", "process", "ray"], help="measure one engine (internal)")
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one, args.docs, args.workers)))
        return
    engines = ["local", "process"] + (["ray"] if importlib.util.find_spec("ray") else [])
    load = os.getloadavg()[0]
    results: dict[str, dict[str, float]] = {}
    for _ in range(args.repeat):
        for engine in engines:
            run = measure(engine, args.docs, args.workers)
            print(engine, {k: round(v, 2) for k, v in run.items()}, flush=True)
            if engine not in results or run["wall_s"] < results[engine]["wall_s"]:
                results[engine] = run
    base = results["local"]
    rows = [
        "| engine | workers | docs | start-up s | wall s | docs/s | ratio | docs/s after start-up | ratio | "
        "CPU s/doc | ratio | driver peak RSS MB |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for engine, r in results.items():
        rows.append(
            f"| {engine} | {1 if engine == 'local' else args.workers} | {r['docs']:.0f} | {r['startup_s']:.1f} | "
            f"{r['wall_s']:.1f} | {r['docs_per_s']:.2f} | {r['docs_per_s'] / base['docs_per_s']:.2f} | "
            f"{r['steady_docs_per_s']:.2f} | {r['steady_docs_per_s'] / base['steady_docs_per_s']:.2f} | "
            f"{r['cpu_s_per_doc']:.3f} | {r['cpu_s_per_doc'] / base['cpu_s_per_doc']:.2f} | "
            f"{r['driver_peak_rss_mb']:.0f} |"
        )
    if "ray" not in results:
        rows.append("\nRay not installed: the ray engine was not measured (`pip install 'faultlines[cluster]'`).")
    body = (
        f"{args.docs} generated documents (a quarter variants of the built-in example article, the rest "
        f"short texts of ours), batch size 8, each engine in a fresh driver process, the fastest of "
        f"{args.repeat} interleaved runs. Machine load average at start: {load:.1f} "
        "(the machine is shared, so ratios matter more than rates).\n\n"
        + "\n".join(rows)
        + "\n\nStart-up is the time until the first batch of 8 models has arrived, which includes loading "
        "spaCy for `local`; starting the fork server (which loads spaCy once for all workers) for `process`; "
        "starting Ray and its actors for `ray`. "
        "CPU s/doc counts every process of the run (driver, fork server, workers; Ray's own processes "
        "for `ray`), start-up included: a ratio near 1 means the parallel engine adds little work, so on "
        "a machine with N idle cores it reads up to N times faster; on a loaded shared machine the "
        "workers only get the cores that are free, which the wall-clock ratios show. "
        "The process engine's driver never loads spaCy, hence its small RSS."
    )
    write_section("scale", "Scale: parallel reading", "python -m bench.bench_scale", body)


if __name__ == "__main__":
    main()
