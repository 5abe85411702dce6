"""The sweep's SQLite database: the variations, the distinct scenarios, and one table per figure.
Each finished scenario is written in one transaction together with its row in `done`, so an
interrupted sweep holds only whole results and resumes by skipping what `done` lists."""

from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path
from typing import Iterable, Optional

from .sweep_file import SweepError
from .sweep_tasks import FIGURE_COLUMNS
from .sweep_variations import Segment, Variation

SCHEMA_VERSION = "1"


class Store:
    def __init__(self, path: str):
        self.path = path
        # WAL: readers (pandas, a second terminal) never block the writer; a killed process
        # loses at most the transaction it was writing.
        self.db = sqlite3.connect(path, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT)")

    def close(self) -> None:
        self.db.close()

    def meta(self, key: str) -> Optional[str]:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def open_sweep(self, fingerprint: str, resume: bool, info: dict, figures: list[str],
                   variations: list[Variation], segments: list[Segment], draws: list[tuple]) -> None:
        """Creates the tables and lists the work; on resume checks it is the same sweep."""
        existing = self.meta("fingerprint")
        if existing is not None:
            if not resume:
                raise SweepError(f"{self.path}: holds a sweep already; pass --resume (resume=True) to continue it, "
                                 "or choose another database")
            if existing != fingerprint:
                raise SweepError(f"{self.path}: holds a different sweep ({self.meta('name')}, another sweep file, "
                                 "network or version); choose another database")
            return
        with self.transaction():
            self.db.execute("INSERT INTO meta VALUES ('schema_version', ?)", (SCHEMA_VERSION,))
            self.db.execute("INSERT INTO meta VALUES ('fingerprint', ?)", (fingerprint,))
            for k, v in info.items():
                self.db.execute("INSERT INTO meta VALUES (?, ?)", (k, v if isinstance(v, str) else json.dumps(v)))
            self.db.execute("INSERT INTO meta VALUES ('figures', ?)", (json.dumps(figures),))
            self.db.execute("CREATE TABLE variations (id TEXT PRIMARY KEY, kind TEXT, params TEXT, "
                            "scenario_hash TEXT, reference TEXT)")
            self.db.execute("CREATE TABLE scenarios (hash TEXT PRIMARY KEY, scenario TEXT)")
            self.db.execute("CREATE TABLE done (hash TEXT PRIMARY KEY, seconds REAL, worker TEXT, finished_at REAL)")
            self.db.execute("CREATE TABLE mc_draws (block INTEGER, draw INTEGER, failures INTEGER)")
            self.db.execute("CREATE TABLE mc_segments (block INTEGER, draw INTEGER, start_day REAL, days REAL, "
                            "variation TEXT)")
            for f in figures:
                cols = ", ".join(f"{c} {t}" for c, t in FIGURE_COLUMNS[f])
                self.db.execute(f"CREATE TABLE {f} (scenario_hash TEXT, {cols})")
                self.db.execute(f"CREATE INDEX {f}_hash ON {f} (scenario_hash)")
            self.db.executemany("INSERT INTO variations VALUES (?, ?, ?, ?, ?)",
                                [(v.id, v.kind, json.dumps(v.params, sort_keys=True), v.hash, v.reference)
                                 for v in variations])
            self.db.executemany("INSERT OR IGNORE INTO scenarios VALUES (?, ?)", [(v.hash, v.scenario) for v in variations])
            self.db.executemany("INSERT INTO mc_draws VALUES (?, ?, ?)", draws)
            self.db.executemany("INSERT INTO mc_segments VALUES (?, ?, ?, ?, ?)",
                                [(s.block, s.draw, s.start_day, s.days, s.variation) for s in segments])

    def transaction(self):
        return _Transaction(self.db)

    def pending(self) -> list[tuple[str, str]]:
        """Scenarios without a result, in a fixed order (by hash)."""
        return self.db.execute("SELECT hash, scenario FROM scenarios WHERE hash NOT IN (SELECT hash FROM done) "
                               "ORDER BY hash").fetchall()

    def counts(self) -> tuple[int, int]:
        total = self.db.execute("SELECT COUNT(*) FROM scenarios").fetchone()[0]
        done = self.db.execute("SELECT COUNT(*) FROM done").fetchone()[0]
        return done, total

    def write(self, result: dict, figures: Iterable[str]) -> bool:
        """One finished scenario, in one transaction. False when it was already written (a task
        a dead worker had finished may come back twice)."""
        h = result["hash"]
        with self.transaction():
            if self.db.execute("SELECT 1 FROM done WHERE hash = ?", (h,)).fetchone():
                return False
            for f in figures:
                rows = result["figures"].get(f, [])
                if rows:
                    marks = ", ".join("?" * (len(FIGURE_COLUMNS[f]) + 1))
                    self.db.executemany(f"INSERT INTO {f} VALUES ({marks})", [(h, *r) for r in rows])
            self.db.execute("INSERT INTO done VALUES (?, ?, ?, ?)", (h, result["seconds"], result["worker"], time.time()))
        return True

    def figures(self) -> list[str]:
        return json.loads(self.meta("figures") or "[]")


class _Transaction:
    def __init__(self, db: sqlite3.Connection):
        self.db = db

    def __enter__(self):
        self.db.execute("BEGIN IMMEDIATE")
        return self.db

    def __exit__(self, kind, value, tb):
        self.db.execute("COMMIT" if kind is None else "ROLLBACK")
        return False


def table(db_path: str, figure: str, with_variations: bool = True):
    """A figure as a pandas DataFrame: one row per variation and figure row (variation id,
    kind and parameters joined on), or per scenario with with_variations=False."""
    import pandas as pd
    if not Path(db_path).is_file():
        raise SweepError(f"{db_path}: no such sweep database")
    db = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        figures = json.loads((db.execute("SELECT value FROM meta WHERE key='figures'").fetchone() or ["[]"])[0])
        extra = ["variations", "scenarios", "done", "mc_draws", "mc_segments"]
        if figure not in figures and figure not in extra:
            from .sweep_file import did_you_mean
            raise SweepError(f"{db_path}: no figure '{figure}'{did_you_mean(figure, figures + extra)}; "
                             f"kept: {', '.join(figures)}")
        if figure in extra or not with_variations:
            return pd.read_sql_query(f"SELECT * FROM {figure} ORDER BY rowid", db)
        return pd.read_sql_query(f"SELECT v.id AS variation, v.kind, v.params, v.reference, f.* FROM variations v "
                                 f"JOIN {figure} f ON f.scenario_hash = v.scenario_hash ORDER BY v.rowid, f.rowid", db)
    finally:
        db.close()


def export_csv(db_path: str, out_dir: str) -> list[str]:
    """Every figure (joined to its variations) as out_dir/<figure>.csv; returns the paths."""
    db = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    figures = json.loads((db.execute("SELECT value FROM meta WHERE key='figures'").fetchone() or ["[]"])[0])
    db.close()
    Path(out_dir).mkdir(parents=True, exist_ok=True)
    paths = []
    for f in figures + ["variations"]:
        p = str(Path(out_dir) / f"{f}.csv")
        table(db_path, f).to_csv(p, index=False)
        paths.append(p)
    return paths
