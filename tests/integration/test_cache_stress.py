#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""One cache file used by a desk and four `ecert` processes at once, as an
office desk uses it: the window (cache-desk, which keeps the file open,
searches, reads, verifies again and imports) while `ecert import` stores one
file per process, `ecert search` and `ecert get` read, and `ecert sync`
pulls from a hub that keeps receiving new envelopes. Each round runs for
ECERT_STRESS_SECONDS (default 60), ECERT_STRESS_ROUNDS times (default 3).

Concurrency must never surface: no process prints an error, no file is
ever moved aside as damaged, every certificate stored is there at the end,
and SQLite's integrity check passes."""

import os
import pathlib
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(__file__))
import hubtest  # noqa: E402
from testdata import full_certificate  # noqa: E402

ECERT = os.environ['ECERT']
ECERT_HUB = os.environ['ECERT_HUB']
CACHE_DESK = os.environ['CACHE_DESK']
SECONDS = float(os.environ.get('ECERT_STRESS_SECONDS', '60'))
ROUNDS = int(os.environ.get('ECERT_STRESS_ROUNDS', '3'))
ENVELOPES_PER_SEED = 40
checker = hubtest.Checker()


def environment():
    # SQLite's own words for a failure go to the debug log (standard
    # output), kept to explain an error the test reports.
    env = dict(os.environ, LANGUAGE='en', LC_ALL='C.UTF-8', G_MESSAGES_DEBUG='ecert-cache')
    env.pop('ECERT_CACHE', None)
    return env


def sqlite_words(output):
    return ' | '.join(line.strip() for line in output.splitlines() if 'SQLite error' in line)


def certificate(number):
    return full_certificate(number).encode('utf-8')


class Round:
    """The processes of one round, and what each of them saw."""

    def __init__(self, index, scratch, hub):
        self.index = index
        self.scratch = pathlib.Path(scratch)
        self.hub = hub
        self.cache = self.scratch / f'round-{index}.sqlite3'
        self.trust = self.scratch / 'trust'
        self.trust.mkdir(exist_ok=True)
        self.stop = threading.Event()
        self.errors = []
        self.imported = []
        self.counts = {}
        self.lock = threading.Lock()

    def note(self, kind, result):
        """Counts a finished process; keeps what it said if it failed."""
        with self.lock:
            self.counts[kind] = self.counts.get(kind, 0) + 1
        # A search answers 1 when nothing matches yet: not an error.
        bad_status = result.returncode not in ((0, 1) if kind == 'search' else (0,))
        if bad_status or result.stderr.strip():
            with self.lock:
                self.errors.append(f'{kind} exited {result.returncode}: '
                                   f'{result.stderr.strip()[:500]} {sqlite_words(result.stdout)}')

    def run(self, kind, *argv):
        result = subprocess.run([ECERT, *argv], capture_output=True, text=True,
                                env=environment(), timeout=300, check=False)
        self.note(kind, result)
        return result

    def importer(self):
        number = 0
        while not self.stop.is_set():
            name = f'NZ-STRESS-{self.index}-{number:05d}'
            path = self.scratch / f'{name}.xml'
            path.write_bytes(certificate(name))
            result = self.run('import', 'import', '--cache', str(self.cache),
                              '--trust-dir', str(self.trust), str(path))
            if result.returncode == 0:
                with self.lock:
                    self.imported.append(name)
            number += 1

    def searcher(self):
        while not self.stop.is_set():
            self.run('search', 'search', '--cache', str(self.cache), '--limit', '1', 'kiwi')

    def getter(self):
        while not self.stop.is_set():
            with self.lock:
                known = self.imported[-1] if self.imported else None
            if known is None:
                self.stop.wait(0.1)
                continue
            self.run('get', 'get', '--cache', str(self.cache), known)

    def syncer(self):
        while not self.stop.is_set():
            seed = hubtest.run(ECERT_HUB, 'seed', self.hub.dir, '--count',
                               str(ENVELOPES_PER_SEED), timeout=300)
            if seed.returncode != 0:
                with self.lock:
                    self.errors.append(f'ecert-hub seed: {seed.stderr.strip()[:500]}')
            self.run('sync', 'sync', '--hub', self.hub.url,
                     '--cert', self.hub.path('client-CN.pem'),
                     '--key', self.hub.path('client-CN.key'),
                     '--ca', self.hub.path('hub-ca.pem'),
                     '--cache', str(self.cache), '--trust-dir', str(self.trust))

    def run_desk(self, seconds):
        """The window, open for @seconds, then closed."""
        desk = subprocess.Popen([CACHE_DESK, str(self.cache)], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                env=environment())
        try:
            desk.wait(timeout=seconds)
        except subprocess.TimeoutExpired:
            pass
        desk_out, desk_err = desk.communicate(timeout=300)
        self.desk_stored += [line.split()[1] for line in desk_out.splitlines()
                             if line.startswith('stored ')]
        self.desk_operations += sum(int(line.split()[1]) for line in desk_out.splitlines()
                                    if line.startswith('operations '))
        if desk.returncode != 0 or desk_err.strip():
            self.errors.append(f'desk exited {desk.returncode}: {desk_err.strip()[:500]} '
                               f'{sqlite_words(desk_out)}')

    def play(self):
        """The `ecert` loops run throughout; the window is open half of the
        time, because the moments when only short-lived processes hold the
        file are when SQLite checkpoints and removes the write-ahead log."""
        workers = [threading.Thread(target=work) for work in
                   (self.importer, self.searcher, self.searcher, self.getter, self.syncer)]
        for worker in workers:
            worker.start()
        self.desk_stored = []
        self.desk_operations = 0
        deadline = time.monotonic() + SECONDS
        phase = SECONDS / 6
        while time.monotonic() < deadline:
            self.run_desk(phase)
            self.stop.wait(phase)
        self.stop.set()
        for worker in workers:
            worker.join()

    def numbers_in_cache(self):
        with sqlite3.connect(self.cache) as db:
            return {row[0] for row in db.execute('SELECT number FROM certificates')}

    def delivered(self):
        """The deliveries the hub says it handed to this desk and saw acknowledged."""
        with sqlite3.connect(self.cache) as db:
            return db.execute("SELECT count(*) FROM receipts WHERE source = 'hub'").fetchone()[0]

    def integrity(self):
        with sqlite3.connect(self.cache) as db:
            return db.execute('PRAGMA integrity_check').fetchone()[0]


def main():
    hub = hubtest.Hub(count=ENVELOPES_PER_SEED).start()
    try:
        with tempfile.TemporaryDirectory(prefix='ecert-cache-stress-') as scratch:
            for index in range(ROUNDS):
                play_round(index, scratch, hub)
    finally:
        hub.cleanup()
    checker.finish()


def play_round(index, scratch, hub):
    game = Round(index, scratch, hub)
    started = time.monotonic()
    game.play()
    print(f'# round {index}: {time.monotonic() - started:.0f} s, processes {game.counts}, '
          f'desk operations {game.desk_operations}, imported {len(game.imported)}, '
          f'stored by the desk {len(game.desk_stored)}')
    moved = sorted(path.name for path in pathlib.Path(scratch).iterdir()
                   if path.name.startswith(game.cache.name) and
                   ('.damaged-' in path.name or path.name.endswith('.needs-check')))
    checker.check(f'round {index}: no file was moved aside or marked damaged', not moved, moved)
    checker.check(f'round {index}: no process reported an error', not game.errors,
                  '\n'.join(game.errors[:10]))
    checker.check(f'round {index}: every process kind ran several times',
                  all(game.counts.get(kind, 0) >= 2 for kind in
                      ('import', 'search', 'get', 'sync')), game.counts)
    numbers = game.numbers_in_cache()
    missing = [n for n in game.imported + game.desk_stored if n not in numbers]
    checker.check(f'round {index}: every certificate stored is in the cache at the end',
                  not missing and len(game.imported) > 0, missing[:10])
    checker.check(f'round {index}: the sync stored what it pulled', game.delivered() > 0)
    checker.check(f'round {index}: SQLite finds the file sound', game.integrity() == 'ok')


if __name__ == '__main__':
    main()
