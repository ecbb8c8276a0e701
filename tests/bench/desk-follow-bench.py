#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Desks following an office (`ecert sync --follow`), measured in one run
on loopback with PostgreSQL durable:

1. Arrival latency: DESKS desks follow one office instance; one envelope is
   seeded at the hub at a time; from the office's commit (the row's
   received_at) to the certificate being in one desk's cache, and in every
   desk's cache. ROUNDS rounds.
2. Catch-up: a desk that was away while COUNT certificates arrived comes
   back (`ecert sync`): certificates per second into its cache. Beside it,
   the ceiling: the same certificates, as files, verified by two
   `ecert verify` processes at once (both cores), certificates per second.

Prints each figure as it is measured. It is not a test: nothing is judged.
Every server it starts is stopped at the end, also on errors.

    tests/bench/desk-follow-bench.py BUILD-DIR [--desks 21] [--rounds 20] [--count 20000]

Use a release build: meson setup BUILD --buildtype=release -Dgui=false.
"""

import argparse
import base64
import os
import pathlib
import shutil
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / 'integration'))


def log(text=''):
    print(text, flush=True)


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('build', help='the build directory, e.g. _build/release')
    parser.add_argument('--desks', type=int, default=21,
                        help='desks following, the one measured included (default 21)')
    parser.add_argument('--rounds', type=int, default=20, help='latency rounds (default 20)')
    parser.add_argument('--count', type=int, default=20000,
                        help='certificates arriving while a desk is away (default 20000)')
    args = parser.parse_args()

    build = pathlib.Path(args.build).resolve()
    os.environ.update(ECERT=str(build / 'src' / 'cli' / 'ecert'),
                      ECERT_HUB=str(build / 'src' / 'hub' / 'ecert-hub'),
                      ECERT_OFFICE=str(build / 'src' / 'office' / 'ecert-office'))
    os.environ.setdefault('ECERT_REFERENCE_DIR', str(HERE.parent.parent.parent / 'shared'))
    from hubtest import Hub
    from pgserver import PostgreSQL, wait_for
    from test_office import ECERT, Desk, Instance, office, seed, upstream_done

    scratch = tempfile.mkdtemp(prefix='ecert-follow-bench-')
    directory = os.path.join(scratch, 'office')
    os.makedirs(directory)
    for name, text in (('hub-passphrase', 'demo'), ('desk-passphrase', 'desk passphrase')):
        with open(os.path.join(directory, name), 'w') as stream:
            stream.write(text + '\n')
    followers = []
    instance = None
    hub = None
    try:
        with PostgreSQL(durable=True) as pg:
            pg.start()
            hub = Hub(count=20)
            hub.start()
            office('init', '--name', 'Bench office', '--country', 'CN', '--directory', directory,
                   store=pg.office_uri)
            instance = Instance('bench', pg, hub, directory).start()
            wait_for(lambda: upstream_done(pg, hub), 'the first pull', 300)
            desks = []
            for index in range(args.desks):
                name = f'desk-{index:02d}'
                office('enroll', name, '--output', os.path.join(directory, f'{name}.p12'),
                       '--passphrase-file', os.path.join(directory, 'desk-passphrase'),
                       store=pg.office_uri)
                desks.append(Desk(name, directory))

            def follow(desk):
                log_file = open(os.path.join(directory, f'{desk.name}.log'), 'a')
                return subprocess.Popen(
                    [ECERT, 'sync', '--follow', '--hub', instance.url, '--p12', desk.p12,
                     '--passphrase-file', os.path.join(directory, 'desk-passphrase'),
                     '--ca', os.path.join(directory, 'office-ca.pem'), '--cache', desk.cache,
                     '--trust-dir', desk.trust],
                    stdin=subprocess.DEVNULL, stdout=log_file, stderr=log_file)

            def holds(desk, number):
                if not os.path.exists(desk.cache):
                    return False
                try:
                    with sqlite3.connect(desk.cache, timeout=30) as db:
                        return db.execute('SELECT 1 FROM receipts WHERE delivery_number = ?',
                                          (number,)).fetchone() is not None
                except sqlite3.OperationalError:
                    return False    # the desk is still making its cache

            followers = [follow(desk) for desk in desks]
            first = pg.psql('SELECT hub_delivery_number FROM certificates'
                            " WHERE verdict <> 'response' LIMIT 1", database='ecert_office')
            wait_for(lambda: all(holds(d, first) for d in desks), 'every desk to catch up', 300)

            # 1. Latency.
            log(f'# 1. Arrival latency, {args.desks} desks following one instance')
            to_one, to_all = [], []
            for round_number in range(args.rounds * 3):
                if len(to_one) >= args.rounds:
                    break
                known = pg.psql('SELECT count(*) FROM certificates', database='ecert_office')
                seed(hub, 1, 5000 + round_number)
                # The envelope seeded may be for another country.
                wait_for(lambda: upstream_done(pg, hub), 'the office to pull', 60)
                if pg.psql('SELECT count(*) FROM certificates', database='ecert_office') == known:
                    continue
                number, committed = pg.psql(
                    "SELECT hub_delivery_number, extract(epoch FROM received_at) FROM certificates"
                    " ORDER BY sequence DESC LIMIT 1", database='ecert_office').split('|')
                committed = float(committed)
                if pg.psql(f"SELECT verdict FROM certificates WHERE hub_delivery_number = "
                           f"'{number}'", database='ecert_office') == 'response':
                    continue
                pending = set(range(len(desks)))
                first_at = None
                deadline = time.time() + 60
                while pending and time.time() < deadline:
                    for index in list(pending):
                        if holds(desks[index], number):
                            pending.discard(index)
                            if index == 0:
                                first_at = time.time()
                    time.sleep(0.002)
                if first_at is not None:
                    to_one.append(first_at - committed)
                if not pending:
                    to_all.append(time.time() - committed)
                log(f'round {round_number + 1}: desk-00 after '
                    f'{(first_at - committed) * 1000 if first_at else float("nan"):.0f} ms')
            log(f'commit to one desk\'s cache: median {statistics.median(to_one) * 1000:.0f} ms, '
                f'95th percentile {percentile(to_one, 0.95) * 1000:.0f} ms ({len(to_one)} rounds)')
            log(f'commit to all {args.desks} desks\' caches: median '
                f'{statistics.median(to_all) * 1000:.0f} ms, 95th percentile '
                f'{percentile(to_all, 0.95) * 1000:.0f} ms')

            # 2. Catch-up.
            for process in followers:
                process.send_signal(signal.SIGTERM)
            for process in followers:
                process.wait(timeout=120)
            followers = []
            log(f'\n# 2. Catch-up: one desk away while {args.count} certificates arrive')
            seed(hub, args.count, 7000)
            wait_for(lambda: upstream_done(pg, hub), 'the office to pull them', 3600)
            desk = desks[0]
            started = time.monotonic()
            result = subprocess.run(
                [ECERT, 'sync', '--timings', '--hub', instance.url, '--p12', desk.p12,
                 '--passphrase-file', os.path.join(directory, 'desk-passphrase'),
                 '--ca', os.path.join(directory, 'office-ca.pem'), '--cache', desk.cache,
                 '--trust-dir', desk.trust], capture_output=True, text=True,
                stdin=subprocess.DEVNULL)
            elapsed = time.monotonic() - started
            stored = len(desk.receipts())
            log(result.stdout.strip())
            with sqlite3.connect(desk.cache) as db:
                caught = db.execute('SELECT count(*) FROM receipts').fetchone()[0]
            log(f'catch-up: {result.stdout.split()[0]} new in {elapsed:.1f} s '
                f'(receipts now {caught}, {stored} from the office)')
            instance.stop()
            instance = None

            # The ceiling: the same certificates verified by two processes.
            files = os.path.join(scratch, 'files')
            os.makedirs(files)
            written = []
            for offset in range(0, args.count, 1000):
                chunk = pg.psql("SELECT replace(encode(content, 'base64'), E'\\n', '')"
                                " FROM certificates WHERE verdict <> 'response'"
                                f" ORDER BY sequence DESC LIMIT 1000 OFFSET {offset}",
                                database='ecert_office')
                for encoded in chunk.split('\n') if chunk else []:
                    data = base64.b64decode(encoded)
                    # Content the hub sent as base64 of the XML.
                    if data.lstrip()[:1] != b'<':
                        data = base64.b64decode(data)
                    path = os.path.join(files, f'{len(written):06d}.xml')
                    with open(path, 'wb') as out:
                        out.write(data)
                    written.append(path)
            halves = [written[0::2], written[1::2]]
            started = time.monotonic()
            verifiers = [subprocess.Popen([ECERT, 'verify', '--trust-dir', desk.trust, *half],
                                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                         for half in halves]
            for verifier in verifiers:
                verifier.wait()
            ceiling = len(written) / (time.monotonic() - started)
            rate = int(result.stdout.split()[0]) / elapsed if elapsed > 0 else 0
            log(f'verification alone, two processes: {ceiling:.0f} certificates/s '
                f'({len(written)} files)')
            log(f'catch-up: {rate:.0f} certificates/s = {100 * rate / ceiling:.0f} % of the '
                'ceiling')
    finally:
        for process in followers:
            process.kill()
            process.wait()
        if instance is not None:
            instance.stop()
        if hub is not None:
            hub.stop()
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == '__main__':
    main()
