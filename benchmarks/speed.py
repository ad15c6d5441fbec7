"""Speed and memory of `cleaner clean` on a corpus built from the development set.

    python benchmarks/speed.py [--mb 200] [--html 100]

Builds, in a temporary folder (never in the repository), a corpus of at least `--mb` MB
by copying the development set's text dumps
(`../shared/datasets/trafilatura-eval/dump/`) and `raw/` under new ids, one folder per
copy, and prints in one run:

- text mode, whole batches (counting pass + cleaning pass + writing), MB/s and files/s
  with --jobs 1 and --jobs 2 (each twice, taking turns; the faster run counts);
- the same corpus as one JSONL file in and one out, `--jobs 1` (one run): the batch without
  the two files it creates per input in folder mode;
- the folder batch's ceiling on this machine: creating its outputs alone (two files per
  input, each written atomically as the batch writes it, the input's own bytes as the body
  and a sidecar-sized JSON beside it), in CPU time; no folder batch can run faster than it;
- baselines measured in the same run, one process: a plain Python pass that reads each
  file and splits its lines, the same pass plus one regex scan for words (the tokenizer
  the language and classify stages share: what a single pass of regex over the text
  costs), and datatrove's C4 line filter when datatrove is installed;
- the machine's own scaling: one process cleaning one copy of the corpus
  (`Cleaner.clean_bytes`, nothing else) against two independent processes cleaning half of
  it each at the same time. `--jobs 2 / --jobs 1` is bounded by this ratio: it is what two
  processes get from this machine's two cores, before any pool, transfer or writing (best of
  three runs of each);
- where a `--jobs 1` batch's time goes: the same corpus in a new process, phase by phase
  (start-up, the counting pass, cleaning, writing the outputs), each in CPU seconds;
- where the cleaning's time goes: seconds per stage over one copy of the corpus, one process
  (the text stages as the core times them, and the Python shell around its one call per
  document), and the classify stage's share of the core's time (the line model: its
  features, its two forests, its evidence), on that pass and on a second pass over the same
  files, when every rule pattern they need is compiled;
- `Cleaner.clean_text` on the development dump nearest 10 kB: microseconds per call, against
  reading and decoding the file;
- peak memory of the worker processes (--jobs 2) at 1x and 10x a slice of the corpus
  (`--mem-files` files, then ten copies of them), with the parent's peak and the repeats
  counter and table reported separately; and one process cleaning that slice ten times,
  its peak after the first pass and after the last. At 1x each of the two workers meets
  about half of the slice's pages, and at 10x all of them (the rules those pages need are
  compiled on first use): the second figure is the growth with the volume cleaned alone;
  and one process cleaning every file of one copy of the corpus once, its peak after the
  slice and after all of them: what a worker meeting ever more different pages takes,
  which ten copies of the slice never show;
- HTML input: the time in the `extract` stage (trafilatura) against all stages after it,
  on a first pass over the pages (which compiles the rules they need), after as many other
  pages cleaned untimed (most of those rules compiled, trafilatura meeting the pages for
  the first time: a long batch's steady state) and on a second pass over the same pages
  (whose extraction trafilatura's own caches speed up); and, apart from both, the page-text
  view (`extract.page-text`: reading the page's visible text, cleaning it as a page dump
  and restoring its lines) against trafilatura's time.

Each batch runs in a child process of its own, so that `getrusage(RUSAGE_CHILDREN)`
there sees only that batch's workers. Every run writes into a folder of its own, and none is
deleted before the end, so that no run shares the machine with the deletion of another's
files. The kernel time of creating the outputs varies from run to run on a shared machine
(30 to 600 µs per file seen here), and so does the CPU's speed: each whole batch runs twice,
the two kinds taking turns, each run's kernel time is printed and the faster run of each
counts (`BATCH_TRIES`); compare the ratios of one run, and runs with each other only by their
ranges. Without the dataset, the script says so and exits.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import math
import multiprocessing
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any

import regex

if TYPE_CHECKING:
    from cleaner.pipeline import Cleaner

ROOT = Path(__file__).resolve().parent.parent
DATASET = ROOT.parent / "shared" / "datasets" / "trafilatura-eval"
DUMP = DATASET / "dump"
HTML = DATASET / "html"
RAW = ROOT / "raw"
WARM_UP = 50
"""Development dumps a timed Cleaner cleans first (see `warm_cleaner`)."""
BATCH_TRIES = 2
"""Runs of each whole batch, --jobs 1 and --jobs 2 taking turns; the faster one counts. Most
of a batch's kernel time is creating its outputs, and that cost follows the file system's
state: ext4 without a journal steps over the inodes of files deleted in the last minutes for
every new file, so a batch after a large deletion (another run's outputs) pays more for each
output, and single runs gave the two batches ratios from 1.4 to 2.2."""
MEMORY_PASSES = 10
"""Passes of one process over the same files, for whether its memory grows with volume."""


def build_corpus(dest: Path, copies: int) -> tuple[int, int]:
    """`copies` copies of dump/ and raw/, each copy in its own folder; (files, bytes)."""
    sources = sorted(DUMP.glob("*.txt")) + sorted(p for p in RAW.iterdir() if p.is_file())
    files = size = 0
    for copy in range(copies):
        folder = dest / f"c{copy:03d}"
        folder.mkdir(parents=True)
        for path in sources:
            shutil.copyfile(path, folder / f"{copy:03d}_{path.name}")
            files += 1
            size += path.stat().st_size
    return files, size


def unit_bytes() -> int:
    return sum(p.stat().st_size for p in DUMP.glob("*.txt")) + sum(
        p.stat().st_size for p in RAW.iterdir() if p.is_file()
    )


def build_jsonl(source: Path, dest: Path) -> None:
    """Every file under `source` as one record (`id`, `text`) of the JSONL file `dest`."""
    with dest.open("w", encoding="utf-8") as out:
        for path in sorted(source.rglob("*.txt")):
            text = path.read_bytes().decode("utf-8", "replace")
            out.write(json.dumps({"id": path.name, "text": text}, ensure_ascii=False) + "\n")


SIDECAR_BYTES = 1_500
"""About the size of a dump's sidecar (its removals are most of it): the floor pass writes
this many bytes beside each body."""


def outputs_pass(source: Path, target: Path) -> tuple[float, int, int]:
    """CPU seconds (the kernel's included), files and bytes of creating a folder batch's
    outputs alone: for each file under `source`, its bytes as the body and a
    `SIDECAR_BYTES` JSON beside it, each written as the batch writes an output
    (`write_atomic`, without fsync), in a tree that mirrors the input's."""
    from cleaner.io.atomic import write_atomic

    sidecar = json.dumps({"removed": "x" * (SIDECAR_BYTES - 20)}).encode()
    start = time.process_time()
    files = size = 0
    for path in sorted(source.rglob("*.txt")):
        data = path.read_bytes()
        out = target / path.relative_to(source)
        write_atomic(out, data, durable=False)
        write_atomic(out.with_suffix(".json"), sidecar, durable=False)
        files += 1
        size += len(data)
    return time.process_time() - start, files, size


def child_batch(source: str, target: str, jobs: int) -> None:
    """Run one batch in this process and print its figures as JSON (child mode)."""
    from cleaner.config import Config
    from cleaner.corpus.batch import BatchOptions, run_batch

    start = time.perf_counter()
    report = run_batch(Config(), Path(source), Path(target), BatchOptions(jobs=jobs))
    seconds = time.perf_counter() - start
    own, kids = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    cpu = own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime
    table = Path(target) / "_repeats.json"
    print(
        json.dumps(
            {
                "seconds": seconds,
                "cpu_seconds": cpu,
                "system_seconds": own.ru_stime + kids.ru_stime,
                "files": report.files,
                "bytes": report.bytes_in,
                "failed": len(report.failed),
                "workers_maxrss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
                # Not ru_maxrss: this process was forked from the benchmark's, and would
                # report that one's memory.
                "parent_maxrss_mb": peak_rss_mb()
                or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                "distinct_lines": report.distinct_lines,
                "template_lines": report.repeats.template_lines() if report.repeats else 0,
                "shared_lines": report.repeats.shared_lines() if report.repeats else 0,
                "table_bytes": table.stat().st_size if table.exists() else 0,
            }
        )
    )


def run_child(source: Path, target: Path, jobs: int) -> dict[str, float]:
    shutil.rmtree(target, ignore_errors=True)
    out = subprocess.run(
        [sys.executable, __file__, "--child", str(source), str(target), str(jobs)],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def timed_pass(source: Path, work: Callable[[str, str], object]) -> tuple[float, int, int]:
    """CPU seconds, files and bytes of reading and decoding each file of `source` and calling
    `work(text, name)` on it."""
    start = time.process_time()
    files = size = 0
    for path in sorted(source.rglob("*.txt")):
        data = path.read_bytes()
        work(data.decode("utf-8", "replace"), path.name)
        files += 1
        size += len(data)
    return time.process_time() - start, files, size


TOKEN_OR_BREAK = regex.compile(r"\p{L}+(?:['’\u00ad]\p{L}+)*|\n")
"""The word scan of the baseline: word tokens as the stoplists spell them, and newlines."""


def plain_pass(source: Path) -> tuple[float, int, int]:
    """Read each file, decode it and split its lines: the floor of any line filter."""
    return timed_pass(source, lambda text, _: text.splitlines())


def word_scan_pass(source: Path) -> tuple[float, int, int]:
    """`plain_pass` plus one regex search for words and line breaks over each file."""
    return timed_pass(source, lambda text, _: (text.splitlines(), TOKEN_OR_BREAK.findall(text)))


def warm_cleaner() -> Cleaner:
    """A Cleaner that has cleaned a short document and the first `WARM_UP` development
    dumps, untimed: the rule patterns it compiles on first use are per-process cost, not
    time of the first files."""
    from cleaner.pipeline import Cleaner

    cleaner = Cleaner()
    cleaner.clean_text("A short document to set the cleaner up.\n", id="warm-up")
    for path in sorted(DUMP.glob("*.txt"))[:WARM_UP]:
        cleaner.clean_bytes(path.read_bytes(), path=path.name)
    return cleaner


def _clean_paths(paths: list[Path], ready: Any, go: Any) -> float:
    """Clean `paths` with one Cleaner, once `go` is set; wall seconds of the cleaning."""
    from cleaner.model import InputError

    cleaner = warm_cleaner()
    ready.set()
    go.wait()
    start = time.perf_counter()
    for path in paths:
        try:
            cleaner.clean_bytes(path.read_bytes(), path=path.name)
        except InputError:
            continue
    return time.perf_counter() - start


def _peaks_after(parts: list[list[Path]]) -> list[float]:
    """Clean the files of each of `parts` in turn with one Cleaner; this process's peak
    memory (MB) after each part."""
    from cleaner.model import InputError
    from cleaner.pipeline import Cleaner

    cleaner = Cleaner()
    peaks = []
    for part in parts:
        for path in part:
            with contextlib.suppress(InputError):
                cleaner.clean_bytes(path.read_bytes(), path=path.name)
        peaks.append(peak_rss_mb())
    return peaks


def peak_rss_mb() -> float:
    """This process's peak resident memory since it started (`VmHWM`; `ru_maxrss` would
    count the parent's memory at the fork before the new program ran), or 0 where
    `/proc` is not there."""
    try:
        status = Path("/proc/self/status").read_text(encoding="ascii")
    except OSError:
        return 0.0
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def peaks_after(parts: list[list[Path]]) -> list[float]:
    """`_peaks_after` in a new process of its own, as a worker starts: the same files again
    and again tell whether its memory grows with the volume it cleans, different files how
    it grows with the pages it meets."""
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(1, mp_context=context) as pool:
        return pool.submit(_peaks_after, parts).result()


def _batch_phases(source: str, target: str) -> dict[str, float]:
    """What a `--jobs 1` batch does over the files under `source`, phase by phase, in this
    (new) process: CPU seconds (user and system) of each phase, and the bytes read.

    - start-up: importing the package and building the Cleaner;
    - counting pass: the batch's pass 1 over every file (read, hash, the core's line keys);
    - cleaning: `Cleaner.clean_bytes` of every file, read again as pass 2 does; the first
      documents pay for compiling the rule patterns they need, as in a batch;
    - writing: each result's body and sidecar (serialised) written atomically under
      `target`, as the batch writes them (two new files per input), right after it is made.
    """
    begin = time.process_time()
    from cleaner.config import Config
    from cleaner.corpus.items import folder_items
    from cleaner.corpus.work import count_item, read_and_clean, write_outputs
    from cleaner.pipeline import Cleaner

    cleaner = Cleaner(Config())
    phases = {"start-up": time.process_time() - begin}
    items = list(folder_items(Path(source)))
    begin = time.process_time()
    size = sum(count_item(cleaner, item).bytes for item in items)
    phases["counting pass"] = time.process_time() - begin
    phases["cleaning"] = phases["writing"] = 0.0
    for item in items:
        begin = time.process_time()
        _, result = read_and_clean(cleaner, item)
        made = time.process_time()
        write_outputs(Path(target), item, result)
        phases["cleaning"] += made - begin
        phases["writing"] += time.process_time() - made
    phases["bytes"] = size
    return phases


def batch_phases(source: Path, target: Path) -> dict[str, float]:
    """`_batch_phases` in a spawned process of its own, as a batch's first process starts."""
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(1, mp_context=context) as pool:
        return pool.submit(_batch_phases, str(source), str(target)).result()


def machine_scaling(paths: list[Path], repeat: int = 3) -> tuple[float, float]:
    """Wall seconds for one process cleaning `paths`, and for two independent processes
    cleaning alternate halves of them at the same moment (started together once both have
    built their Cleaner); the best of `repeat` runs of each, since other load on the
    machine only ever slows a run down."""
    context = multiprocessing.get_context("spawn")
    halves = ([paths], [paths[0::2], paths[1::2]])
    walls: list[float] = []
    for split in halves * repeat:
        manager = context.Manager()
        with manager, ProcessPoolExecutor(len(split), mp_context=context) as pool:
            readies = [manager.Event() for _ in split]
            go = manager.Event()
            futures = [
                pool.submit(_clean_paths, part, ready, go)
                for part, ready in zip(split, readies, strict=True)
            ]
            for ready in readies:
                ready.wait()
            go.set()
            walls.append(max(future.result() for future in futures))
    return min(walls[0::2]), min(walls[1::2])


def c4_pass(source: Path) -> tuple[float, int, int] | None:
    """datatrove's C4 line filter over each file, one process (None when not installed).

    Its line rules only (terminal punctuation, words per line, javascript, policy lines,
    citations): `min_num_sentences=-1` leaves out the document-level sentence count, which
    needs spaCy's sentence splitter.
    """
    try:
        from datatrove.data import Document
        from datatrove.pipeline.filters import C4QualityFilter
    except ImportError:
        return None
    c4 = C4QualityFilter(min_num_sentences=-1)
    return timed_pass(source, lambda text, name: c4.filter(Document(text=text, id=name)))


def stage_times(
    paths: list[Path], html: bool, passes: int = 1, warm_up: list[Path] | None = None
) -> Counter[str]:
    """Seconds per stage over `paths`, one process, with a `warm_cleaner`: the Python stages
    (read, extract) in CPU time, the text stages as the core times them in its one call per
    document (wall time), and `shell` for the rest of that call's CPU time on the Python
    side (handing the document over, reading the result) plus the sidecar. With `passes`
    above 1, the times of the last pass over `paths`: a cleaner that has compiled every
    rule pattern those files need, as in a long batch. `warm_up` files are cleaned first,
    untimed: other pages of the same kind, so that the rule patterns most pages need are
    compiled while the extractor still meets `paths` for the first time (its own caches
    make a second pass over the same pages faster)."""
    from cleaner.stages import extract

    cleaner = warm_cleaner()
    seconds: Counter[str] = Counter()
    for path in [*(warm_up or []), *[p for _ in range(passes - 1) for p in paths]]:
        cleaner.clean_bytes(path.read_bytes(), path=path.name)
    read_page_text = extract.page_text

    def timed_page_text(tree: Any) -> str:
        begin = time.process_time()
        try:
            return read_page_text(tree)
        finally:
            seconds["page text"] += time.process_time() - begin

    extract.page_text = timed_page_text
    try:
        return _stage_times(cleaner, paths, html, seconds)
    finally:
        extract.page_text = read_page_text


def _stage_times(
    cleaner: Cleaner, paths: list[Path], html: bool, seconds: Counter[str]
) -> Counter[str]:
    """`stage_times`' timed pass; `seconds` already counts the page text's reading, which
    the `extract` stage's time then leaves out."""
    from cleaner import plan, sidecar
    from cleaner.model import InputError
    from cleaner.pipeline import PYTHON_STAGES

    for path in paths:
        data = path.read_bytes()
        name = path.name
        if name.endswith(".gz"):
            data, name = gzip.decompress(data), name[:-3]
        doc = cleaner.document(data, path=name, format="html" if html else "text")
        try:
            for stage in PYTHON_STAGES:
                begin = time.process_time()
                before = seconds["page text"]
                stage.run(doc, cleaner.context)
                inside = seconds["page text"] - before
                seconds[stage.name] += time.process_time() - begin - inside
            if doc.page_text is not None:
                begin = time.process_time()
                plan.restore(cleaner.plan, doc, cleaner.context)
                seconds["restore"] += time.process_time() - begin
            begin = time.process_time()
            cleaned = plan.clean(cleaner.plan, doc, cleaner.context, timed=True)
            sidecar.build(doc, cleaner.pipeline_info)
            spent = time.process_time() - begin
        except InputError:
            continue
        for stage, secs in cleaned.timings:
            seconds[stage] += secs
        seconds["shell"] += max(0.0, spent - sum(secs for _, secs in cleaned.timings))
    return seconds


PAGE_TEXT_VIEW = ("page text", "restore")
"""The page-text view of an HTML page (`extract.page-text`), timed apart: reading the
page's visible text (html-text), and cleaning it as a page dump and restoring its lines."""


def after_extraction(times: Counter[str]) -> float:
    """Seconds of the text stages after trafilatura's extraction (and the shell around
    them); the page-text view is timed apart (`page_text_view`)."""
    return sum(
        secs for name, secs in times.items() if name not in ("read", "extract", *PAGE_TEXT_VIEW)
    )


def page_text_view(times: Counter[str]) -> float:
    """Seconds of the page-text view (`PAGE_TEXT_VIEW`)."""
    return sum(times.get(name, 0.0) for name in PAGE_TEXT_VIEW)


def ten_kb_dump() -> Path:
    """The development dump whose size is nearest 10 kB."""
    return min(sorted(DUMP.glob("*.txt")), key=lambda p: abs(p.stat().st_size - 10_000))


def per_call(path: Path, calls: int = 300) -> tuple[float, float]:
    """Microseconds per call of `Cleaner.clean_text` on the text of `path`, and of reading
    and decoding the file (best of three rounds of `calls` each, CPU time)."""
    cleaner = warm_cleaner()
    text = path.read_text(encoding="utf-8")

    def best(work: Callable[[], object]) -> float:
        rounds = []
        for _ in range(3):
            start = time.process_time()
            for _ in range(calls):
                work()
            rounds.append((time.process_time() - start) / calls * 1e6)
        return min(rounds)

    return best(lambda: cleaner.clean_text(text, id="dump")), best(
        lambda: path.read_bytes().decode("utf-8")
    )


def rate(seconds: float, files: int, size: int) -> str:
    return f"{size / 1e6 / seconds:7.2f} MB/s {files / seconds:8.1f} files/s ({seconds:.1f} s)"


def cpu_rate(run: dict[str, float]) -> str:
    """Throughput per CPU-second of all processes of the batch: robust to other load."""
    return f"{run['bytes'] / 1e6 / run['cpu_seconds']:.2f} MB per CPU-s"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=200.0, help="corpus size for throughput")
    parser.add_argument("--html", type=int, default=100, help="HTML pages to time")
    parser.add_argument(
        "--mem-files", type=int, default=300, help="files in the 1x corpus of the memory runs"
    )
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child_batch(args.child[0], args.child[1], int(args.child[2]))
        return
    if not DUMP.is_dir():
        print(f"skipped: the development set is not at {DATASET}")
        return

    unit = unit_bytes()
    copies = max(1, math.ceil(args.mb * 1e6 / unit))
    with tempfile.TemporaryDirectory(prefix="cleaner-speed-") as tmp:
        work = Path(tmp)
        files, size = build_corpus(work / "corpus", copies)
        print(f"corpus: {files} files, {size / 1e6:.1f} MB ({copies} copies of dump/ + raw/)")
        print(f"  built in {work} (a temporary folder, removed at the end)")

        print("\ntext mode, whole batch (count + clean + write), each twice, taking turns:")
        tries: dict[int, list[dict[str, float]]] = {1: [], 2: []}
        for turn in range(BATCH_TRIES):
            for jobs in (1, 2):
                r = run_child(work / "corpus", work / f"out{jobs}-{turn}", jobs)
                tries[jobs].append(r)
                figures = rate(r["seconds"], int(r["files"]), int(r["bytes"]))
                kernel = f"kernel {r['system_seconds']:.1f} s"
                print(f"  cleaner --jobs {jobs}:    {figures}, {cpu_rate(r)} ({kernel})")
        runs = {jobs: min(tried, key=lambda r: r["seconds"]) for jobs, tried in tries.items()}
        print("  the faster run of each counts below")
        build_jsonl(work / "corpus", work / "corpus.jsonl")
        jsonl = run_child(work / "corpus.jsonl", work / "out.jsonl", 1)
        figures = rate(jsonl["seconds"], int(jsonl["files"]), int(jsonl["bytes"]))
        print(f"  JSONL in and out, --jobs 1: {figures}, {cpu_rate(jsonl)}")
        floor = outputs_pass(work / "corpus", work / "floor")
        print(f"  creating a folder batch's outputs alone: {rate(*floor)} (CPU time)")

        print("\nbaselines, one process (CPU time):")
        plain = plain_pass(work / "corpus")
        print(f"  read + split lines:  {rate(*plain)}")
        print(f"  + one regex word scan: {rate(*word_scan_pass(work / 'corpus'))}")
        c4 = c4_pass(work / "corpus")
        print(f"  datatrove C4 filter: {rate(*c4)}" if c4 else "  datatrove: not installed")

        print("\nwhere a --jobs 1 batch's time goes, the same corpus, phase by phase (CPU s):")
        phases = batch_phases(work / "corpus", work / "phases")
        phases.pop("bytes")
        spent = sum(phases.values())
        for name, secs in phases.items():
            print(f"  {name:14s} {secs:6.2f} s {secs / spent:6.1%}")
        print(
            f"  sum {spent:.2f} s; the --jobs 1 batch above (its manifest, progress and"
            f" report besides): {runs[1]['cpu_seconds']:.2f} s"
        )

        one = sorted((work / "corpus" / "c000").iterdir())
        print("\nthe machine's scaling, one copy, Cleaner.clean_bytes only (wall time):")
        alone, pair = machine_scaling(one)
        print(f"  one process: {alone:.1f} s; two processes, half each: {pair:.1f} s (best of 3)")
        print("\nwhere the time goes, text, one process, one copy (seconds per stage):")
        times = stage_times(one, html=False)
        total = sum(times.values())
        for name, secs in times.most_common():
            print(f"  {name:10s} {secs:7.2f} s {secs / total:6.1%}")
        from cleaner.pipeline import TEXT_STAGES

        core = sum(secs for name, secs in times.items() if name in TEXT_STAGES)
        warm = stage_times(one, html=False, passes=2)
        warm_core = sum(secs for name, secs in warm.items() if name in TEXT_STAGES)
        print(
            f"  a second pass over the same files (every rule they need compiled): classify"
            f" {warm['classify']:.2f} s of the core's {warm_core:.2f} s"
        )

        sample = ten_kb_dump()
        call, read = per_call(sample)
        print(f"\nCleaner.clean_text on one page dump ({sample.stat().st_size / 1e3:.1f} kB):")
        print(f"  {call:8.0f} µs per call; reading and decoding the file: {read:6.0f} µs")

        unit_files = one[: args.mem_files]
        unit_mb = sum(p.stat().st_size for p in unit_files) / 1e6
        print(f"\npeak memory, --jobs 2 (1x = {len(unit_files)} files, {unit_mb:.1f} MB):")
        mem = {}
        for scale in (1, 10):
            scaled = work / f"scale{scale}"
            for copy in range(scale):
                folder = scaled / f"c{copy:03d}"
                folder.mkdir(parents=True)
                for path in unit_files:
                    (folder / f"{copy:03d}_{path.name}").symlink_to(path)
            mem[scale] = run_child(scaled, work / f"mem{scale}", 2)
            m = mem[scale]
            print(
                f"  {scale:2d}x: workers {m['workers_maxrss_mb']:6.0f} MB, parent "
                f"{m['parent_maxrss_mb']:6.0f} MB; counter {int(m['distinct_lines'])} distinct "
                f"lines, table {int(m['template_lines'])} template and "
                f"{int(m['shared_lines'])} shared lines in {m['table_bytes'] / 1e3:.0f} kB"
            )
        peaks = peaks_after([unit_files] * MEMORY_PASSES) or [0.0]
        if peaks[0]:
            print(
                f"  one process cleaning the same {len(unit_files)} files {len(peaks)} times:"
                f" {peaks[0]:.0f} MB after the first pass, {peaks[-1]:.0f} MB after the last"
                f" ({peaks[-1] / peaks[0]:.2f}x)"
            )
        variety = peaks_after([unit_files, one[len(unit_files) :]])
        if variety[0]:
            print(
                f"  one process cleaning the {len(one)} different files of one copy once:"
                f" {variety[0]:.0f} MB after the first {len(unit_files)}, {variety[1]:.0f} MB"
                f" after all ({variety[1] / variety[0]:.2f}x)"
            )

        every_page = sorted(HTML.glob("*.html.gz"))
        pages = every_page[: args.html]
        others = every_page[args.html : 2 * args.html]
        print(f"\nHTML, {len(pages)} pages, one process (seconds per stage):")
        html_times = stage_times(pages, html=True)
        extract = html_times.get("extract", 0.0)
        after = after_extraction(html_times)
        for name, secs in html_times.most_common():
            print(f"  {name:10s} {secs:7.2f} s")
        html_warm = stage_times(pages, html=True, passes=2)
        print(
            f"  a second pass over the same pages (every rule they need compiled): the stages"
            f" after extraction {after_extraction(html_warm):.2f} s, extract"
            f" {html_warm.get('extract', 0.0):.2f} s"
        )
        html_others = stage_times(pages, html=True, warm_up=others)
        print(
            f"  after {len(others)} other pages, untimed (the rules most pages need compiled):"
            f" the stages after extraction {after_extraction(html_others):.2f} s, extract"
            f" {html_others.get('extract', 0.0):.2f} s"
        )

    text1, text2 = runs[1], runs[2]
    mbs1 = text1["bytes"] / 1e6 / text1["cpu_seconds"]
    print("\ntargets (ratios from this run):")
    print(f"  text, --jobs 1: {mbs1:.2f} MB per CPU-second")
    if c4:
        ratio = mbs1 / (c4[2] / 1e6 / c4[0])
        print(f"  text, --jobs 1 / datatrove C4: {ratio:.2f}x (target >= 3, aim 5)")
        c4_rate = c4[2] / 1e6 / c4[0]
        jsonl_rate = jsonl["bytes"] / 1e6 / jsonl["cpu_seconds"]
        floor_rate = floor[2] / 1e6 / floor[0]
        print(
            f"  text, JSONL in and out, --jobs 1 / datatrove C4: {jsonl_rate / c4_rate:.2f}x;"
            f" the most a folder batch could reach here, creating its outputs alone:"
            f" {floor_rate / c4_rate:.2f}x"
        )
    print(f"  Cleaner.clean_text on a 10 kB dump: {call:.0f} µs, {call / read:.0f}x reading it")
    print(
        f"  --jobs 2 / --jobs 1: {text1['seconds'] / text2['seconds']:.2f}x (target >= 1.85;"
        f" two independent processes on this machine: {alone / pair:.2f}x)"
    )
    if mem[1]["workers_maxrss_mb"]:
        ratio = mem[10]["workers_maxrss_mb"] / mem[1]["workers_maxrss_mb"]
        growth = f"{peaks[-1] / peaks[0]:.2f}" if peaks[0] else "not measured (no /proc)"
        different = f"{variety[1] / variety[0]:.2f}" if variety[0] else "not measured (no /proc)"
        print(
            f"  worker peak memory 10x / 1x: {ratio:.2f} (target <= 1.1); one process, the"
            f" same files {len(peaks)} times, last / first pass: {growth}; the {len(one)}"
            f" different files, all / the first {len(unit_files)}: {different}"
        )
    else:
        print("  worker peak memory: the 1x batch ran without workers (too small)")
    if core:
        model = times["classify"] / core
        print(
            f"  classify (the line model) / the core's time: {model:.1%} (target <= 33%);"
            f" on a second pass, every rule compiled: {warm['classify'] / warm_core:.1%}"
        )
    if extract:

        def share(times: Counter[str]) -> str:
            spent = times.get("extract", 0.0)
            return f"{after_extraction(times) / spent:.2%}" if spent else "not measured"

        print(
            f"  HTML, stages after extraction / extract: {after / extract:.2%} (target <= 2%);"
            f" after {len(others)} other pages: {share(html_others)}; on a second pass,"
            f" every rule compiled: {share(html_warm)}"
        )
        print(
            f"  HTML, the page-text view (reading the page's text, cleaning it, restoring"
            f" lines) / extract: {page_text_view(html_times) / extract:.2%}; after"
            f" {len(others)} other pages:"
            f" {page_text_view(html_others) / html_others.get('extract', 1.0):.2%}"
        )
    else:
        print("  HTML: no extract stage in the pipeline")


if __name__ == "__main__":
    main()
