#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A desk 250,000 envelopes behind: `ecert sync` against a hub (badhub.py)
that lists them all in one GetImportEnvelopeHeaders reply of realistic
headers, about 95 MB. The list is read whole within a bounded memory, then
the envelopes are pulled in the hub's order; this hub hands over a few
hundred per list and then refuses, which ends the run, so each run shows
where a desk catching up gets to: what it pulled is stored and acknowledged,
and the next run goes on from there. Hostile lists (a DOCTYPE, an entity
bomb, a gzip bomb, a list cut off, a header too large) are refused with a
reason, and nothing is pulled or acknowledged."""

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(__file__))
from badhub import Backlog, BadHub  # noqa: E402
from hubtest import Checker, Hub, peak_memory_until_exit  # noqa: E402

ECERT = os.environ['ECERT']
BACKLOG = 250_000
QUOTA = 300
# The peak resident memory allowed to `ecert sync`. A sanitizer's shadow
# memory, red zones and quarantine come on top of what the program uses.
MEMORY_BOUND_MIB = 200
SANITIZED_MEMORY_BOUND_MIB = 300


def sanitized():
    with open(ECERT, 'rb') as stream:
        return b'__asan_init' in stream.read()


class Desk:
    def __init__(self, hub, bad, scratch):
        self.hub = hub
        self.bad = bad
        self.cache = os.path.join(scratch, 'cache.db')
        self.trust = os.path.join(scratch, 'trust')
        self.scratch = scratch

    def sync(self, mode):
        """Runs `ecert sync`; returns (exit status, stdout, stderr, peak MiB, seconds)."""
        argv = [ECERT, 'sync', '--hub', self.bad.url(mode),
                '--cert', self.hub.path('client-CN.pem'), '--key', self.hub.path('client-CN.key'),
                '--ca', self.hub.path('hub-ca.pem'), '--cache', self.cache,
                '--trust-dir', self.trust]
        env = dict(os.environ, LANGUAGE='en', LC_ALL='C.UTF-8')
        if sanitized():
            # Freed memory is held back for 256 MB by default, which would
            # hide what the program itself holds.
            env['ASAN_OPTIONS'] = env.get('ASAN_OPTIONS', '') + ':quarantine_size_mb=16'
        out_path = os.path.join(self.scratch, 'sync.out')
        err_path = os.path.join(self.scratch, 'sync.err')
        started = time.monotonic()
        with open(out_path, 'w') as out, open(err_path, 'w') as err:
            process = subprocess.Popen(argv, stdout=out, stderr=err, env=env)
            peak = peak_memory_until_exit(process)
        elapsed = time.monotonic() - started
        with open(out_path) as out, open(err_path) as err:
            return process.returncode, out.read(), err.read(), peak, elapsed

    def receipts(self):
        with sqlite3.connect(self.cache) as db:
            return {n for (n,) in db.execute('SELECT delivery_number FROM receipts'
                                             ' WHERE source = ?', ('hub',))}

    def owed(self):
        with sqlite3.connect(self.cache) as db:
            return {n for (n,) in db.execute('SELECT delivery_number'
                                             ' FROM pending_acknowledgements')}


# The envelopes `ecert sync` pulls at once by default (ECERT_SYNC_DEFAULT_JOBS).
SYNC_JOBS = 4


def check_catching_up(checker, desk, backlog, bound):
    order = [backlog.delivery(n) for n in backlog.numbers]
    position = {number: index for index, number in enumerate(order)}
    acknowledged_before = set()
    for round_ in (1, 2):
        pulled_before = len(backlog.pulled)
        # Stored but not yet confirmed to the hub when the last run ended:
        # acknowledged first thing, never pulled again.
        received_before = desk.receipts() if os.path.exists(desk.cache) else set()
        status, out, err, peak, elapsed = desk.sync('backlog')
        sizes = desk.bad.list_sizes()
        listed = backlog.listed[-1] if backlog.listed else 0
        pulled = backlog.pulled[pulled_before:]
        acknowledged = set(backlog.acknowledged)
        print(f'# run {round_}: {listed} headers listed in {sizes[-1] / 1e6 if sizes else 0:.1f} MB;'
              f' {len(pulled)} pulled, {len(acknowledged - acknowledged_before)} acknowledged;'
              f' peak memory {peak:.1f} MiB; {elapsed:.1f} s')

        checker.check(f'run {round_}: the hub listed the whole backlog',
                      listed == BACKLOG - len(acknowledged_before), listed)
        checker.check(f'run {round_}: the list was read whole, and pulling began',
                      len(pulled) > 0, err[-2000:])
        checker.check(f'run {round_}: the run ends when the hub refuses more (exit 2, its reason)',
                      status == 2 and 'Too many requests from this desk' in err, (status, err[-2000:]))
        checker.check(f'run {round_}: peak memory {peak:.1f} MiB, under {bound} MiB', peak < bound,
                      peak)

        # Pulled in the hub's order, from the first envelope not yet
        # received; no more at once than the jobs the sync runs.
        # A pull whose reply was lost (a connection the hub closed as the
        # request went out) is asked again: once each is what counts. The
        # sync's jobs pull side by side, so the hub may serve the last few
        # in another order: the envelopes pulled are the first ones to
        # receive, give or take the pulls in flight when it stopped.
        distinct = list(dict.fromkeys(pulled))
        to_receive = [n for n in order
                      if n not in acknowledged_before and n not in received_before]
        first = len(distinct)
        in_order = (set(distinct) <= set(to_receive[:first + SYNC_JOBS]) and
                    set(to_receive[:max(0, first - SYNC_JOBS)]) <= set(distinct))
        checker.check(f'run {round_}: envelopes pulled in the order listed, from the first not'
                      ' yet received', in_order,
                      (sorted(set(distinct) ^ set(to_receive[:first]), key=position.get)[:5],
                       len(pulled), first))
        receipts = desk.receipts()
        owed = desk.owed()
        checker.check(f'run {round_}: every acknowledged envelope is stored',
                      acknowledged <= receipts, len(acknowledged - receipts))
        checker.check(f'run {round_}: every stored envelope is acknowledged or owed',
                      receipts <= acknowledged | owed, len(receipts - acknowledged - owed))
        checker.check(f'run {round_}: nothing acknowledged twice',
                      len(backlog.acknowledged) == len(acknowledged))
        checker.check(f'run {round_}: most of what was pulled is stored and acknowledged',
                      len(acknowledged - acknowledged_before) >= QUOTA // 2,
                      len(acknowledged - acknowledged_before))
        checker.check(f'run {round_}: nothing acknowledged before was pulled again',
                      not set(pulled) & acknowledged_before)
        acknowledged_before = acknowledged


def check_hostile_lists(checker, desk, bound):
    cases = (
        ('doctype', 'DOCTYPE'),
        ('laughs', 'DOCTYPE'),
        ('gzipbomb', 'more than 500000 pending envelopes'),
        ('cutlist', 'cut off'),
        ('bigheader', 'larger than'),
    )
    for mode, reason in cases:
        status, out, err, peak, elapsed = desk.sync(mode)
        print(f'# {mode}: exit {status} in {elapsed:.1f} s, peak memory {peak:.1f} MiB:'
              f' {err.strip()[-300:]}')
        checker.check(f'{mode}: the header list is refused (exit 2) and says why',
                      status == 2 and reason in err, (status, err[-2000:]))
        checker.check(f'{mode}: nothing pulled or acknowledged',
                      desk.bad.count(mode, 'PULLSingleImportEnvelope') == 0
                      and desk.bad.count(mode, 'AcknowledgeEnvelopeReceipt') == 0)
        checker.check(f'{mode}: peak memory {peak:.1f} MiB, under {bound} MiB', peak < bound, peak)


def main():
    checker = Checker()
    scratch = tempfile.mkdtemp(prefix='ecert-backlog-test-')
    hub = Hub(count=1)
    backlog = Backlog(BACKLOG, 'realistic', quota=QUOTA)
    bad = BadHub(hub.path('server.pem'), hub.path('server.key'), backlog=backlog)
    bound = SANITIZED_MEMORY_BOUND_MIB if sanitized() else MEMORY_BOUND_MIB
    try:
        desk = Desk(hub, bad, scratch)
        check_catching_up(checker, desk, backlog, bound)
        check_hostile_lists(checker, desk, bound)
    finally:
        bad.stop()
        hub.cleanup()
        shutil.rmtree(scratch, ignore_errors=True)
    checker.finish()


if __name__ == '__main__':
    main()
