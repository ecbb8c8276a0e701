#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""`ecert sync` against a real `ecert-hub` over loopback TLS: every pending
envelope stored once, verified and acknowledged once; nothing lost or
doubled when the hub or the client is killed mid-sync."""

import glob
import json
import os
import random
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(__file__))
from hubtest import Checker, Hub, run  # noqa: E402

ECERT = os.environ['ECERT']
COUNT = 1000


def free_port():
    with socket.socket() as probe:
        probe.bind(('127.0.0.1', 0))
        return probe.getsockname()[1]


class Desk:
    """The importing country's client: a cache and a trust store of its own."""

    def __init__(self, hub, scratch, client='CN'):
        self.hub = hub
        self.client = client
        self.cache = os.path.join(scratch, f'cache-{client}.db')
        self.trust = os.path.join(scratch, f'trust-{client}')

    def argv(self, *extra):
        return [ECERT, 'sync', '--hub', self.hub.url,
                '--cert', self.hub.path(f'client-{self.client}.pem'),
                '--key', self.hub.path(f'client-{self.client}.key'),
                '--ca', self.hub.path('hub-ca.pem'),
                '--cache', self.cache, '--trust-dir', self.trust, *extra]

    def sync(self, *extra):
        return run(*self.argv(*extra), timeout=120)

    def popen(self):
        env = dict(os.environ, LANGUAGE='en', LC_ALL='C.UTF-8')
        return subprocess.Popen(self.argv(), stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, env=env)

    def receipts(self):
        with sqlite3.connect(self.cache) as db:
            return db.execute('SELECT delivery_number, certificate_id FROM receipts'
                              ' WHERE source = ?', ('hub',)).fetchall()

    def pending(self):
        with sqlite3.connect(self.cache) as db:
            return db.execute('SELECT count(*) FROM pending_acknowledgements').fetchone()[0]

    def count(self, *filters):
        result = run(ECERT, 'search', '--cache', self.cache, '--json', '--limit', '1', *filters)
        return json.loads(result.stdout)['total'] if result.stdout else 0


def hub_states(hub, recipient='CN'):
    with sqlite3.connect(hub.path('hub.db')) as db:
        rows = db.execute('SELECT hub_delivery_number, tracking FROM envelopes WHERE recipient = ?',
                          (recipient,)).fetchall()
    return dict(rows)


def add_unreadable(hub):
    """Envelopes no reader can use: the sync must acknowledge them as failed."""
    with sqlite3.connect(hub.path('hub.db')) as db:
        for number, content in (('TEST-BROKEN-1', '<SPSCertificate><unclosed>'),
                                ('TEST-BROKEN-2', '<note>not a certificate</note>')):
            db.execute("INSERT INTO envelopes (hub_delivery_number, sender, recipient,"
                       " certificate_type, certificate_status, nppo_certificate_number, content,"
                       " tracking, created, updated) VALUES (?, 'NL', 'CN', 851, 70, ?, ?,"
                       " 'PendingDelivery', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
                       (number, number, content))


def check_complete(checker, desk, label):
    states = hub_states(desk.hub)
    pending = [n for n, s in states.items() if s == 'PendingDelivery']
    receipts = desk.receipts()
    numbers = [n for n, _ in receipts]
    readable = [n for n, s in states.items() if s in ('Delivered', 'DeliveredWithWarnings')]
    checker.check(f'{label}: nothing left pending on the hub', not pending, pending[:5])
    # A killed process must never make the next one give up the cache.
    moved = glob.glob(desk.cache + '.damaged-*')
    checker.check(f'{label}: the cache was never moved aside', not moved, moved)
    checker.check(f'{label}: every readable delivery stored exactly once',
                  sorted(numbers) == sorted(readable),
                  f'{len(numbers)} receipts, {len(set(numbers))} distinct, {len(readable)} delivered')
    # Two deliveries of the same document (the seed may repeat one) are
    # one certificate with two receipts.
    certificates = {c for _, c in receipts}
    checker.check(f'{label}: each certificate stored once',
                  len(certificates) == desk.count(),
                  f'{len(receipts)} receipts, {len(certificates)} certificates,'
                  f' {desk.count()} found')
    checker.check(f'{label}: no acknowledgement left pending in the cache', desk.pending() == 0)


def main():
    checker = Checker()
    scratch = tempfile.mkdtemp(prefix='ecert-sync-test-')
    port = free_port()
    hub = Hub(count=COUNT)
    try:
        add_unreadable(hub)
        hub.start('--port', str(port))
        desk = Desk(hub, scratch)
        expected = hub_states(hub)

        started = time.monotonic()
        first = desk.sync()
        elapsed = time.monotonic() - started
        checker.check('the first sync reports unreadable envelopes with exit status 1',
                      first.returncode == 1, first.stdout + first.stderr)
        states = hub_states(hub)
        checker.check('unreadable envelopes are acknowledged as not readable',
                      states['TEST-BROKEN-1'] == states['TEST-BROKEN-2'] == 'DeliveredNotReadable',
                      states.get('TEST-BROKEN-1'))
        checker.check('the failure says why', 'TEST-BROKEN-1' in first.stderr, first.stderr)
        check_complete(checker, desk, 'first sync')
        readable = len(expected) - 2
        checker.check('the summary counts them',
                      f'{readable} new, 0 duplicates' in first.stdout and '2 failures' in first.stdout,
                      first.stdout)
        print(f'# {readable} envelopes in {elapsed:.1f} s')

        valid = desk.count('--verdict', 'valid')
        invalid = desk.count('--verdict', 'invalid')
        unsigned = desk.count('--verdict', 'unsigned')
        warned = sum(1 for s in states.values() if s == 'DeliveredWithWarnings')
        checker.check('every certificate has a verdict: valid, invalid or unsigned',
                      valid + invalid + unsigned == readable and valid > 0 and unsigned > 0,
                      f'{valid} valid, {invalid} invalid, {unsigned} unsigned')
        checker.check('the altered ones are invalid and acknowledged with a warning',
                      invalid > 0 and invalid == warned, f'{invalid} invalid, {warned} warned')
        with sqlite3.connect(hub.path('hub.db')) as db:
            messages = [m for (m,) in db.execute(
                "SELECT message FROM envelopes WHERE tracking = 'DeliveredWithWarnings'")]
        checker.check('a warning says what is wrong',
                      messages and all(m and 'Signature not accepted' in m for m in messages),
                      messages[:2])
        checker.check('the NPPOs\' signing certificates are in the trust store',
                      os.path.isdir(os.path.join(desk.trust, 'NL')))

        second = desk.sync()
        checker.check('a second sync stores nothing new',
                      second.returncode == 0 and second.stdout.startswith('0 new, 0 duplicates'),
                      second.stdout + second.stderr)

        # The hub killed mid-sync, then back on the same address.
        hub.stop()
        seed = run(os.environ['ECERT_HUB'], 'seed', hub.dir, '--count', '400')
        checker.check('more envelopes seeded', seed.returncode == 0, seed.stderr)
        hub.start('--port', str(port))
        client = desk.popen()
        time.sleep(0.3)
        hub.process.send_signal(signal.SIGKILL)
        hub.process.wait()
        hub.process.stdout.close()
        hub.stderr.close()
        hub.process = None
        status = client.wait(timeout=60)
        checker.check('a sync whose hub dies fails with exit status 2 (or had finished)',
                      status in (0, 2), status)
        hub.start('--port', str(port))
        after = desk.sync()
        checker.check('the sync after the hub restarts completes', after.returncode == 0,
                      after.stdout + after.stderr)
        check_complete(checker, desk, 'after killing the hub')

        # The client killed at random moments.
        rng = random.Random(int(os.environ.get('ECERT_TEST_SEED', '20261127')))
        for round_ in range(20):
            if round_ % 4 == 0:
                run(os.environ['ECERT_HUB'], 'seed', hub.dir, '--count', '150')
            client = desk.popen()
            time.sleep(rng.uniform(0.02, 0.6))
            client.send_signal(signal.SIGKILL)
            client.wait()
        final = desk.sync()
        checker.check('the sync after 20 killed clients completes', final.returncode == 0,
                      final.stdout + final.stderr)
        check_complete(checker, desk, 'after killing the client 20 times')
        again = desk.sync()
        checker.check('and a further sync finds nothing',
                      again.returncode == 0 and again.stdout.startswith('0 new, 0 duplicates'),
                      again.stdout)

        # Cancelled (SIGTERM) mid-sync: stops cleanly, the next run finishes.
        run(os.environ['ECERT_HUB'], 'seed', hub.dir, '--count', '400')
        client = desk.popen()
        time.sleep(0.4)
        client.send_signal(signal.SIGTERM)
        status = client.wait(timeout=60)
        print(f'# the cancelled sync exited with {status}')
        checker.check('a cancelled sync exits with 2 (or had finished)', status in (0, 2), status)
        resumed = desk.sync()
        checker.check('the sync after a cancelled one completes', resumed.returncode == 0,
                      resumed.stdout + resumed.stderr)
        check_complete(checker, desk, 'after cancelling')

        # A desk the hub does not know.
        rogue = Desk(hub, scratch, client='rogue')
        refused = rogue.sync()
        checker.check('a wrong client certificate exits with 2', refused.returncode == 2,
                      refused.returncode)
        checker.check('and says the hub refused it',
                      'refused' in refused.stderr and 'certificate' in refused.stderr,
                      refused.stderr)

        usage = run(ECERT, 'sync', '--cache', desk.cache, '--jobs', '0')
        checker.check('bad usage exits with 2', usage.returncode == 2, usage.stderr)
        server_errors = hub.server_errors()
        checker.check('the hub found every message valid', 'invalid' not in server_errors.lower(),
                      server_errors[-2000:])
    finally:
        hub.cleanup()
        shutil.rmtree(scratch, ignore_errors=True)
    checker.finish()


if __name__ == '__main__':
    main()
