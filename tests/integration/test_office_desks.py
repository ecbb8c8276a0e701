#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Desks on an office, in real time and offline: three desks follow an
`ecert-office` (`ecert sync --follow`) on a real PostgreSQL, pulling from a
real `ecert-hub`; each ends with exactly its scope, once, while desks are
SIGKILLed at random moments, the office is restarted mid-stream and one
desk is offline for a while; a desk sees who it is at the office; the
paper check of a number outside a desk's cache finds it at the office,
verifies and stores it, and a number found nowhere is logged for every
desk to see."""

import os
import random
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(__file__))
from pgserver import PostgreSQL, wait_for  # noqa: E402
from test_office import (ECERT, Desk, Instance, checker, extension, hub_inquiries,  # noqa: E402
                         office, office_numbers, run, seed, upstream_done)
from hubtest import Hub  # noqa: E402

PASSPHRASE = 'desk passphrase'
KILLS = int(os.environ.get('ECERT_OFFICE_DESKS_TEST_KILLS', '6'))


class Follower:
    """`ecert sync --follow` for one desk, until stopped."""

    def __init__(self, desk):
        self.desk = desk
        self.process = None

    def start(self, instance):
        desk = self.desk
        self.log = open(os.path.join(desk.directory, f'follow-{desk.name}.log'), 'a')
        self.process = subprocess.Popen(
            [ECERT, 'sync', '--follow', '--hub', instance.url, '--p12', desk.p12,
             '--passphrase-file', os.path.join(desk.directory, 'desk-passphrase'),
             '--ca', os.path.join(desk.directory, 'office-ca.pem'),
             '--cache', desk.cache, '--trust-dir', desk.trust],
            stdin=subprocess.DEVNULL, stdout=self.log, stderr=self.log,
            env=dict(os.environ, LANGUAGE='en', LC_ALL='C.UTF-8'))
        return self

    def kill(self):
        self.process.kill()
        self.process.wait()
        self.log.close()

    def stop(self):
        """SIGTERM; the exit status."""
        self.process.send_signal(signal.SIGTERM)
        try:
            status = self.process.wait(timeout=120)
        except subprocess.TimeoutExpired:
            self.process.kill()
            status = 'hung'
        self.log.close()
        return status

    def output(self):
        with open(os.path.join(self.desk.directory, f'follow-{self.desk.name}.log')) as stream:
            return stream.read()[-2000:]


def delivered(desk):
    """What the office delivered to @desk; a certificate it only looked up
    there (the paper check) has no delivery number."""
    return [number for number in desk.receipts() if number is not None]


def has_scope(pg, desk, scope):
    try:
        received = delivered(desk)
    except sqlite3.OperationalError:
        return False    # the desk is still making its cache
    return sorted(received) == sorted(office_numbers(pg, scope))


def check_all_scopes(pg, hub, desks, scopes, label):
    def done():
        return upstream_done(pg, hub) and all(has_scope(pg, d, scopes[d.name]) for d in desks)

    wait_for(done, f'{label}: every desk to hold its scope', 300)
    for desk in desks:
        received = delivered(desk)
        expected = office_numbers(pg, scopes[desk.name])
        checker.check(f'{label}: desk {desk.name} holds exactly its scope, once',
                      sorted(received) == sorted(expected),
                      f'{len(received)} received ({len(set(received))} distinct), '
                      f'{len(expected)} in scope')


def check(desk, instance, number):
    return run(ECERT, 'check', number, '--hub', instance.url, '--p12', desk.p12,
               '--passphrase-file', os.path.join(desk.directory, 'desk-passphrase'),
               '--ca', os.path.join(desk.directory, 'office-ca.pem'),
               '--cache', desk.cache, '--trust-dir', desk.trust, timeout=120)


def test_desks(pg, scratch):
    hub = Hub(count=150)
    hub.start()
    directory = os.path.join(scratch, 'office')
    os.makedirs(directory)
    with open(os.path.join(directory, 'hub-passphrase'), 'w') as stream:
        stream.write('demo\n')
    with open(os.path.join(directory, 'desk-passphrase'), 'w') as stream:
        stream.write(PASSPHRASE + '\n')
    store = pg.office_uri
    instance = None
    followers = []
    try:
        result = office('init', '--name', 'Ningbo port office', '--country', 'CN',
                        '--directory', directory, store=store)
        checker.check('the office is set up', result.returncode == 0, result.stderr)
        with sqlite3.connect(hub.path('hub.db')) as db:
            exporter = db.execute("SELECT sender FROM envelopes WHERE recipient = 'CN'"
                                  " GROUP BY sender ORDER BY count(*) DESC LIMIT 1").fetchone()[0]

        instance = Instance('office', pg, hub, directory).start()
        wait_for(lambda: upstream_done(pg, hub), 'the office to pull every envelope', 300)
        port = pg.psql("SELECT p FROM certificates, unnest(ports) p WHERE p ~ '^[A-Z]{5}$'"
                       " GROUP BY p ORDER BY count(*) DESC LIMIT 1", database='ecert_office')

        for name, scope in (('all', []), ('exporter', ['--country', exporter, '--days', '90']),
                            ('port', ['--port', port])):
            result = office('enroll', name, '--output', os.path.join(directory, f'{name}.p12'),
                            '--passphrase-file', os.path.join(directory, 'desk-passphrase'),
                            *scope, store=store)
            checker.check(f'desk {name} enrolled', result.returncode == 0, result.stderr)
        desks = [Desk(name, directory) for name in ('all', 'exporter', 'port')]
        certificates = "verdict <> 'response' AND "
        scopes = {'all': certificates + 'TRUE',
                  'exporter': certificates + f"from_country = '{exporter}'",
                  'port': certificates + f"(ports && ARRAY['{port}'] OR cardinality(ports) = 0)"}

        # Who a desk is at its office, as Preferences shows it.
        status, profile = extension(instance, desks[1].pem(), directory, 'GET', 'desk')
        checker.check('a desk learns its office, its name and its scope',
                      status == 200 and profile == {
                          'office': 'Ningbo port office', 'country': 'CN', 'desk': 'exporter',
                          'scope': {'ports': [], 'countries': [exporter], 'days': 90}},
                      (status, profile))

        followers = [Follower(desk).start(instance) for desk in desks]
        check_all_scopes(pg, hub, desks, scopes, 'following from the start')

        # An arrival reaches every following desk without anything run.
        started = time.monotonic()
        seed(hub, 5, 501)
        check_all_scopes(pg, hub, desks, scopes, 'new arrivals')
        print(f'# five new envelopes reached three following desks in '
              f'{time.monotonic() - started:.1f} s (upstream interval 0.2 s)')

        # Desks killed at random moments while certificates arrive.
        random.seed(16)
        for kill in range(KILLS):
            seed(hub, 8, 600 + kill)
            time.sleep(random.uniform(0, 0.8))
            victim = random.randrange(len(followers))
            followers[victim].kill()
            followers[victim] = Follower(desks[victim]).start(instance)
        check_all_scopes(pg, hub, desks, scopes, f'{KILLS} desks killed mid-stream')

        # The office restarted mid-stream: the desks wait and carry on.
        seed(hub, 10, 700)
        instance.kill()
        seed(hub, 10, 701)
        instance.start()
        check_all_scopes(pg, hub, desks, scopes, 'the office restarted')

        # A desk offline for a while, then back: it catches up.
        status = followers[1].stop()
        checker.check('a following desk stops cleanly on SIGTERM', status == 0,
                      followers[1].output())
        seed(hub, 20, 800)
        wait_for(lambda: upstream_done(pg, hub), 'the office to pull while a desk is away', 300)
        followers[1] = Follower(desks[1]).start(instance)
        check_all_scopes(pg, hub, desks, scopes, 'a desk back from offline')

        # An inquiry written while the office is away waits in the outbox; the
        # following desk sends it once the office is back, and only once.
        number = desks[1].query("SELECT number FROM certificates ORDER BY id LIMIT 1")[0][0]
        instance.kill()
        sent = desks[1].inquiry(instance, '--certificate', number, '--status', '7',
                                '--measure', 'detained', '--text', 'The seal number differs.',
                                '--inspector', 'Li Wei', '--location', 'Ningbo Beilun')
        checker.check('an inquiry written while the office is away is queued',
                      sent.returncode == 0 and 'queued' in sent.stdout and
                      desks[1].query("SELECT count(*) FROM outbox WHERE state <> 'sent'")
                      == [(1,)],
                      sent.stdout + sent.stderr)
        instance.start()
        wait_for(lambda: desks[1].query("SELECT state FROM outbox") == [('sent',)],
                 'the following desk to send the queued inquiry', 300)
        wait_for(lambda: hub_inquiries(hub, number), 'the office to forward it to the hub', 120)
        checker.check('the queued inquiry reached the hub once, sent by the following desk',
                      len(hub_inquiries(hub, number)) == 1,
                      (hub_inquiries(hub, number), desks[1].query("SELECT state FROM outbox")))

        # The paper check of a number outside a desk's scope: found at the office.
        outside_number = pg.psql(
            f"SELECT number FROM certificates WHERE verdict <> 'response'"
            f" AND from_country <> '{exporter}' ORDER BY sequence LIMIT 1",
            database='ecert_office')
        typed = outside_number.lower().replace('-', ' ')
        result = check(desks[1], instance, typed)
        checker.check('a number not in the desk cache is found at the office',
                      result.returncode == 0 and outside_number in result.stdout,
                      result.stdout + result.stderr)
        stored = desks[1].query("SELECT count(*) FROM receipts r JOIN certificates c"
                                " ON c.id = r.certificate_id WHERE c.number = '"
                                + outside_number + "'")
        owed = desks[1].query("SELECT count(*) FROM pending_acknowledgements")
        verdicts = desks[1].query("SELECT verdict FROM certificates WHERE number = '"
                                  + outside_number + "'")
        checker.check('what the office held was verified by the desk and stored, owing no '
                      'acknowledgement', stored == [(1,)] and verdicts and
                      verdicts[0][0] == 'valid' and owed == [(0,)], (stored, verdicts, owed))

        # The desk keeps following: a certificate outside its scope, looked
        # up at the office, is never acknowledged to it.
        seed(hub, 10, 900)
        check_all_scopes(pg, hub, desks, scopes, 'after the paper check')

        for desk in (desks[2], desks[0]):
            result = check(desk, instance, 'NZ-2026-999999')
            checker.check(f'a number found nowhere is said not to exist ({desk.name})',
                          result.returncode == 1 and 'at the office' in result.stdout,
                          result.stdout + result.stderr)
        status, log = extension(instance, desks[1].pem(), directory, 'GET', 'paper-checks')
        entry = next((e for e in log.get('paper_checks', []) if e['number_key'] ==
                      'NZ2026999999'), None) if status == 200 else None
        checker.check('the other desks see the number checked at two desks and never found',
                      entry is not None and entry['checks'] == 2 and not entry['found'] and
                      entry['desks'] == ['all', 'port'], log)

        # A desk of a hub, not an office: the check says so.
        hub_desk = os.path.join(scratch, 'hub-desk.sqlite3')
        result = run(ECERT, 'check', 'NZ-2026-999999', '--hub', hub.url,
                     '--cert', hub.path('client-CN.pem'), '--key', hub.path('client-CN.key'),
                     '--ca', hub.path('hub-ca.pem'), '--cache', hub_desk, timeout=120)
        checker.check('a desk on a hub is told the hub cannot be asked for one number',
                      result.returncode == 1 and 'is a hub, not an office' in result.stderr,
                      result.stdout + result.stderr)

        for follower in followers:
            status = follower.stop()
            checker.check(f'desk {follower.desk.name} stops following cleanly', status == 0,
                          follower.output())
        followers = []
    finally:
        for follower in followers:
            follower.kill()
        if instance is not None:
            instance.stop()
        hub.stop()


def main():
    with tempfile.TemporaryDirectory(prefix='ecert-office-desks-test-') as scratch:
        with PostgreSQL() as pg:
            pg.start()
            test_desks(pg, scratch)
    checker.finish()


if __name__ == '__main__':
    main()
