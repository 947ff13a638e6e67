"""``folkbib bench import``: the folkbib MARC import against ``yaz-marcdump``, in one run.

The import runs as ``folkbib import-marc`` in a child process whose environment
points at a fresh benchmark database and index (``FOLKBIB_VAR_DIR``,
``DATABASE_URL``), so the demo database is never touched. Timed end to end:
process start, parse, map, match, insert records and items, index, commit.
Migrations and the branches are set up before the clock starts.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

DEFAULT_PG_URL = "postgres://postgres@127.0.0.1:5432/folkbib_bench"


@dataclass(frozen=True)
class ImportBenchResult:
    records_in_file: int
    yaz_seconds: float
    import_seconds: float
    reindex_seconds: float  # 0 when the import indexed by itself
    records: int
    items: int
    indexed: int
    database: str
    backend: str

    @property
    def yaz_rate(self) -> float:
        return self.records_in_file / self.yaz_seconds

    @property
    def folkbib_seconds(self) -> float:
        return self.import_seconds + self.reindex_seconds

    @property
    def folkbib_rate(self) -> float:
        return self.records / self.folkbib_seconds if self.folkbib_seconds else 0.0

    @property
    def ratio(self) -> float:
        """folkbib's import speed as a fraction of yaz merely parsing the file."""
        return self.folkbib_rate / self.yaz_rate


def count_records(path: Path) -> int:
    """Records in an ISO 2709 file: its record terminators."""
    count = 0
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 24):
            count += chunk.count(b"\x1d")
    return count


def folkbib_command(*args: str) -> list[str]:
    """The ``folkbib`` console script, run by this interpreter (no PATH lookup)."""
    return [sys.executable, "-c", "from folkbib.cli import main; main()", *args]


def bench_environment(*, var_dir: Path, database_url: str | None, backend: str) -> dict[str, str]:
    env = dict(os.environ)
    env["FOLKBIB_VAR_DIR"] = str(var_dir)
    env["FOLKBIB_SEARCH_BACKEND"] = backend
    env.pop("FOLKBIB_SEARCH_INDEX_DIR", None)  # the index lives in the bench var dir
    if database_url:
        env["DATABASE_URL"] = database_url
    else:
        env.pop("DATABASE_URL", None)
    return env


def time_yaz(path: Path) -> float:
    yaz = shutil.which("yaz-marcdump")
    if yaz is None:
        raise RuntimeError("yaz-marcdump is missing: run scripts/system-deps.sh (Debian: yaz)")
    started = time.perf_counter()
    subprocess.run([yaz, "-n", "-i", "marc", str(path)], check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - started


def recreate_postgres_database(url: str) -> None:
    """Drop and create the benchmark database; refuses any name without "bench" in it."""
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    if "bench" not in name:
        raise ValueError(
            f"refusing to recreate {name!r}: a benchmark database has 'bench' in its name"
        )
    admin_url = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def prepare_database(*, var_dir: Path, database_url: str | None, env: dict[str, str]) -> None:
    """A fresh database with migrations and the generator's branches (untimed)."""
    if var_dir.exists():
        shutil.rmtree(var_dir)
    var_dir.mkdir(parents=True)
    if database_url:
        recreate_postgres_database(database_url)
    subprocess.run(folkbib_command("migrate", "--no-input", "-v", "0"), env=env, check=True)
    subprocess.run(folkbib_command("bench", "setup-region"), env=env, check=True)


def database_counts(env: dict[str, str]) -> dict[str, int]:
    out = subprocess.run(
        folkbib_command("bench", "counts"), env=env, check=True, capture_output=True, text=True
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def run_import_bench(
    path: Path, *, var_dir: Path, database_url: str | None, backend: str, import_args: list[str]
) -> ImportBenchResult:
    env = bench_environment(var_dir=var_dir, database_url=database_url, backend=backend)
    records_in_file = count_records(path)
    prepare_database(var_dir=var_dir, database_url=database_url, env=env)
    # yaz first: it also brings the file into the page cache for both contenders.
    time_yaz(path)
    yaz_seconds = time_yaz(path)

    started = time.perf_counter()
    subprocess.run(folkbib_command("import-marc", str(path), *import_args), env=env, check=True)
    import_seconds = time.perf_counter() - started

    counts = database_counts(env)
    reindex_seconds = 0.0
    if counts["indexed"] < counts["records"]:
        # The import left indexing to the queue: the index is part of "import", so time it.
        started = time.perf_counter()
        subprocess.run(folkbib_command("reindex"), env=env, check=True)
        reindex_seconds = time.perf_counter() - started
        counts = database_counts(env)
    return ImportBenchResult(
        records_in_file=records_in_file,
        yaz_seconds=yaz_seconds,
        import_seconds=import_seconds,
        reindex_seconds=reindex_seconds,
        records=counts["records"],
        items=counts["items"],
        indexed=counts["indexed"],
        database="postgresql" if database_url else "sqlite",
        backend=backend,
    )
