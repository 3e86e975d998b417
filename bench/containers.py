"""The cost of reading a crawl as a WARC file beside the same pages as a folder of .html files, and the
memory a large WARC is streamed in.

    .venv/bin/python bench/containers.py [--articles 4000] [--stream-gb 2.0] [--work DIR]

1. The same generated .html pages (bench/generate.py) as a folder and as one gzipped WARC written with
   warcio (a response record each, at its own address): a full `python -m search rebuild` of each,
   in a process of its own with a fresh index. Prints wall time, articles/s, CPU-seconds per 1,000
   articles (the rebuild and every process it starts) and the largest resident memory of any of
   those processes, and checks that both indexed the same number of articles.
2. A gzipped WARC of `--stream-gb` GB on disk (the same pages again and again, each at an address
   of its own) read by the rebuild's reader (search/index/archives.py: both of its passes, every
   page's bytes taken, no extraction), in a process of its own: records, MB/s of the file, and that
   process's peak resident memory beside the file's size.
"""

from __future__ import annotations

import argparse
import io
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))

from generate import generate  # noqa: E402
from warcio.statusandheaders import StatusAndHeaders  # noqa: E402
from warcio.warcwriter import WARCWriter  # noqa: E402

READ_ONLY = """
import resource, sys, time
from pathlib import Path
from search.index.archives import records_in
from search.index.sources import SourceFile
from search.models import Record
path = Path(sys.argv[1])
started = time.perf_counter()
records = skipped = page_bytes = 0
for item in records_in(SourceFile(path, path.name, "warc"), 20_000_000):
    if isinstance(item, Record):
        records += 1
        page_bytes += len(item.payload)
    else:
        skipped += 1
print(records, skipped, page_bytes, time.perf_counter() - started,
      resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024)
"""


def write_warc(path: Path, pages: list[Path], target_bytes: int = 0) -> int:
    """The pages as response records, each at its own address; with `target_bytes`, the pages again
    and again until the file is that large. Returns the number of records."""
    http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
    bodies = [page.read_bytes() for page in pages]
    written = 0
    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        while True:
            for body in bodies:
                record = writer.create_warc_record(f"https://bench.example/{written}", "response",
                                                   payload=io.BytesIO(body), http_headers=http)
                writer.write_record(record)
                written += 1
                if target_bytes and written % 1000 == 0 and handle.tell() >= target_bytes:
                    return written
            if not target_bytes:
                return written


def rebuild_in_process(corpus: Path, index: Path) -> tuple[float, float, int, str]:
    """(wall s, CPU s of the rebuild and its processes, peak RSS bytes of the largest, its summary), of
    a rebuild into a new index: no article kept from an earlier run is taken from its folder."""
    shutil.rmtree(index, ignore_errors=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "search", "rebuild", "--full", "--corpus", str(corpus),
                             "--index", str(index)], cwd=REPO, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if result.returncode not in (0, 3):
        sys.exit(f"rebuild of {corpus} failed: {result.stderr.strip()}")
    cpu = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    return wall, cpu, after.ru_maxrss * 1024, result.stdout.strip().splitlines()[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=4000, help="html pages in the comparison")
    parser.add_argument("--stream-gb", type=float, default=2.0, help="size of the WARC read for memory (0: skip)")
    parser.add_argument("--only-stream", action="store_true", help="skip the comparison of rebuilds")
    parser.add_argument("--work", type=Path, help="folder for the files (default: a temporary one)")
    args = parser.parse_args()
    work = args.work or Path(tempfile.mkdtemp(prefix="bench-containers-"))
    pages_dir = work / "pages"
    if not pages_dir.exists():
        generated = generate(work / "generated", args.articles * 2)
        pages_dir.mkdir(parents=True)
        for page in [path for path in generated if path.suffix == ".html"][:args.articles]:
            page.rename(pages_dir / page.name)
    pages = sorted(pages_dir.glob("*.html"))
    crawl_dir = work / "crawl"
    crawl_dir.mkdir(exist_ok=True)
    records = write_warc(crawl_dir / "pages.warc.gz", pages)
    print(f"{len(pages)} html pages ({sum(p.stat().st_size for p in pages) / 1e6:.1f} MB); the same as "
          f"{records} WARC records ({(crawl_dir / 'pages.warc.gz').stat().st_size / 1e6:.1f} MB gzipped)")
    print(f"{'corpus':<16}{'wall s':>8}{'articles/s':>12}{'CPU-s/1k':>10}{'peak RSS MB':>13}  summary")
    # Each twice, in turns, so that the machine's other load weighs on both alike.
    pairs = (("folder of .html", pages_dir), ("one .warc.gz", crawl_dir)) * 2
    for name, corpus in () if args.only_stream else pairs:
        wall, cpu, peak, summary = rebuild_in_process(corpus, work / f"index-{corpus.name}")
        indexed = int(summary.split()[1])
        print(f"{name:<16}{wall:>8.1f}{indexed / wall:>12.1f}{cpu / indexed * 1000:>10.1f}{peak / 1e6:>13.0f}  "
              f"{summary}")
    if args.stream_gb > 0:
        big = work / f"big-{args.stream_gb:g}.warc.gz"
        if not big.exists():  # kept in --work for the next run: writing it takes minutes
            started = time.perf_counter()
            written = write_warc(big, pages, target_bytes=int(args.stream_gb * 1e9))
            print(f"\nwrote {big.stat().st_size / 1e9:.2f} GB, {written} records, in "
                  f"{time.perf_counter() - started:.0f} s")
        result = subprocess.run([sys.executable, "-c", READ_ONLY, str(big)], cwd=REPO, capture_output=True,
                                text=True, check=True)
        count, skipped, page_bytes, seconds, peak = result.stdout.split()
        print(f"streamed: {count} records ({skipped} skipped), {int(page_bytes) / 1e9:.2f} GB of pages, "
              f"{float(seconds):.0f} s ({big.stat().st_size / 1e6 / float(seconds):.1f} MB/s of the file, both "
              f"passes), peak RSS {int(peak) / 1e6:.0f} MB for a {big.stat().st_size / 1e9:.2f} GB file")


if __name__ == "__main__":
    main()
