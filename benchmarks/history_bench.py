"""Benchmark of ``dkst history``: a repository of N commits over ~300 report files, built in a temporary folder.

    python benchmarks/history_bench.py [--commits 2000] [--units 160] [--subfolder du-lieu] [--runs 3] [--keep DIR]

The dataset comes from ``benchmarks/generate.py`` (``--units 160`` gives ~300 reports); its first commit holds
every file, then each later commit, by one of three people, on a day of 2023 in order, changes one to three
figures of one to three reports (sometimes a text too). The repository is written by ``git fast-import`` (one
pack, as a clone gives), and one report is left edited but not committed. Then it times, in a fresh process each
(so the figures include start-up): ``dkst history`` (every file), ``dkst history --after-deadline``,
``dkst history UNIT`` and ``dkst history --period H1 --format json``; and says how many revisions were read.

A benchmark, not a test: it prints figures (copy them into benchmarks/README.md), it never fails on time.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent
PEOPLE = [
    ("Nguyễn Văn An", "an@mttq.example.vn"),
    ("Trần Thị Bình", "binh@mttq.example.vn"),
    ("Lê Văn Cường", "cuong@mttq.example.vn"),
]
NUMBER = re.compile(
    r"^(  (?:propaganda_sessions|propaganda_participants|forums|ideas|supervisions|critiques): )(\d+)", re.M
)


def fast_import_stream(ds: Path, prefix: str, commits: int, seed: int) -> tuple[bytes, str]:
    """The fast-import stream of the history, and the path of a report to leave edited."""
    rng = random.Random(seed)
    files = {p.relative_to(ds).as_posix(): p.read_bytes() for p in sorted(ds.rglob("*")) if p.is_file()}
    reports = sorted(p for p in files if "/reports/" in p)
    out: list[bytes] = []
    start = datetime(2023, 1, 2, 8, 0, tzinfo=timezone(timedelta(hours=7)))
    step = timedelta(days=360) / commits

    def commit(n: int, message: str, changed: dict[str, bytes]) -> None:
        name, mail = PEOPLE[n % len(PEOPLE)] if n else PEOPLE[0]
        when = int((start + step * n).timestamp())
        who = f"{name} <{mail}> {when} +0700".encode()
        msg = message.encode()
        out.append(b"commit refs/heads/main\nauthor " + who + b"\ncommitter " + who + b"\n")
        out.append(b"data %d\n%s\n" % (len(msg), msg))
        for path, content in changed.items():
            full = f"{prefix}/{path}" if prefix else path
            out.append(b"M 100644 inline " + full.encode() + b"\n")
            out.append(b"data %d\n%s\n" % (len(content), content))

    commit(0, "Bộ dữ liệu năm 2023", files)
    for n in range(1, commits):
        changed = {}
        for path in rng.sample(reports, rng.randint(1, 3)):
            text = files[path].decode()
            hits = list(NUMBER.finditer(text))
            for m in rng.sample(hits, min(len(hits), rng.randint(1, 3))):
                text = text[: m.start(2)] + str(int(m.group(2)) + rng.randint(1, 9)) + text[m.end(2) :]
            if rng.random() < 0.2:
                text = text.replace("highlights: ", "highlights: Bổ sung. ", 1)
            files[path] = changed[path] = text.encode()
        commit(n, f"Cập nhật số liệu ({n})", changed)
    return b"".join(out), reports[0]


def build(top: Path, units: int, commits: int, subfolder: str, seed: int) -> Path:
    sys.path.insert(0, str(HERE))
    from generate import generate  # benchmarks/generate.py

    ds = top / subfolder if subfolder else top
    staging = top.parent / "staging"
    generate(staging, units, seed)
    (staging / ".dkst-bench.json").unlink(missing_ok=True)
    stream, edited = fast_import_stream(staging, subfolder, commits, seed)
    top.mkdir(parents=True)
    env = {**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"}
    subprocess.run(["git", "init", "-q", "-b", "main", str(top)], check=True, env=env)
    subprocess.run(["git", "fast-import", "--quiet"], cwd=top, input=stream, check=True, env=env)
    subprocess.run(["git", "checkout", "-q", "-f", "main"], cwd=top, check=True, env=env)
    report = ds / edited
    report.write_text(NUMBER.sub(lambda m: m.group(1) + "999", report.read_text(encoding="utf-8"), 1), encoding="utf-8")
    shutil.rmtree(staging)
    return ds


def timed(args: list[str], runs: int) -> tuple[float, float, str]:
    """The best wall time and the best CPU time (user + system of the process) of ``runs`` runs, and the output.

    On a shared machine the wall time includes waiting for a core; the CPU time is what the command itself
    costs (the wall time it takes on an idle core)."""
    import resource

    exe = Path(sys.executable).with_name("dkst")
    best, best_cpu = float("inf"), float("inf")
    out = ""
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t = time.perf_counter()
        done = subprocess.run([str(exe), *args], capture_output=True, text=True, encoding="utf-8")
        best = min(best, time.perf_counter() - t)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        best_cpu = min(best_cpu, after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        if done.returncode != 0:
            raise SystemExit(f"dkst {' '.join(args)}: exit {done.returncode}: {done.stderr}")
        out = done.stdout
    return best, best_cpu, out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--commits", type=int, default=2000)
    ap.add_argument("--units", type=int, default=160)
    ap.add_argument("--subfolder", default="", help="put the dataset in this folder of the repository")
    ap.add_argument("--seed", type=int, default=2023)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--keep", type=Path, help="build the repository here and keep it (measure it again if it exists)")
    args = ap.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="dkst-history-bench-"))
    try:
        top = args.keep or tmp / "repo"
        t = time.perf_counter()
        if (top / ".git").is_dir():  # --keep DIR of an earlier run: measured again as it is
            ds = top / args.subfolder if args.subfolder else top
        else:
            ds = build(top, args.units, args.commits, args.subfolder, args.seed)
        reports = sum(1 for _ in ds.glob("units/*/reports/*.yaml"))
        print(f"built: {args.commits} commits, {reports} report files, in {time.perf_counter() - t:.1f} s ({ds})")
        unit = sorted(p.name for p in (ds / "units").iterdir())[5]
        cases = [
            ("dkst history", []),
            ("dkst history --after-deadline", ["--after-deadline"]),
            (f"dkst history {unit}", [unit]),
            ("dkst history --period H1 --format json", ["--period", "H1", "--format", "json"]),
        ]
        for label, extra in cases:
            seconds, cpu, out = timed(["history", "--data", str(ds), *extra], args.runs)
            print(f"{label:45s} wall {seconds:6.2f} s  cpu {cpu:6.2f} s  ({len(out.splitlines())} lines of output)")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
