#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""`ecert inquiry` against a real `ecert-hub` over loopback TLS: an inquiry
is delivered and tracked, the exporting NPPO's reply arrives on the next
sync linked to the certificate, an inquiry written offline is delivered
once the hub is back, and a client killed after its request left but
before the reply came back does not deliver it a second time."""

import os
import signal
import sqlite3
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(__file__))
from hubtest import Checker, Hub, run  # noqa: E402

ECERT = os.environ['ECERT']
JPEG = b'\xff\xd8\xff\xe0\x00\x10JFIF\x00' + b'\x00' * 64


class Desk:
    """The importing country's desk: its own cache, talking to the hub."""

    def __init__(self, hub, scratch):
        self.hub = hub
        self.cache = os.path.join(scratch, 'cache-CN.db')
        self.trust = os.path.join(scratch, 'trust-CN')

    def connection(self):
        return ['--hub', self.hub.url,
                '--cert', self.hub.path('client-CN.pem'),
                '--key', self.hub.path('client-CN.key'),
                '--ca', self.hub.path('hub-ca.pem'),
                '--cache', self.cache]

    def sync(self):
        return run(ECERT, 'sync', *self.connection(), '--trust-dir', self.trust, timeout=120)

    def inquiry_argv(self, action, *extra):
        return [ECERT, 'inquiry', action, *self.connection(), *extra]

    def inquiry(self, action, *extra):
        return run(*self.inquiry_argv(action, *extra), timeout=60)

    def query(self, sql, *args):
        with sqlite3.connect(self.cache) as db:
            return db.execute(sql, args).fetchall()


def send_argv(number, *extra):
    return ['--certificate', number, '--status', '7', '--measure', 'detained',
            '--measure', 'sampled', '--text', 'The seal number differs from the certificate.',
            '--inspector', 'Li Wei', '--location', 'Shanghai Yangshan', *extra]


def hub_inquiries(hub, number):
    """The country responses the hub holds from CN about @number."""
    with sqlite3.connect(hub.path('hub.db')) as db:
        return db.execute('SELECT hub_delivery_number, recipient, tracking FROM envelopes'
                          ' WHERE response = 1 AND sender = ? AND nppo_certificate_number = ?',
                          ('CN', number)).fetchall()


def wait_for(predicate, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return predicate()


def test_delivery_and_reply(checker, hub, desk, scratch):
    synced = desk.sync()
    checker.check('the desk syncs the seeded certificates', synced.returncode == 0,
                  synced.stderr)
    number, country = desk.query('SELECT number, export_country FROM certificates'
                                 ' ORDER BY id LIMIT 1')[0]

    photo = os.path.join(scratch, 'seal.jpg')
    with open(photo, 'wb') as stream:
        stream.write(JPEG)
    sent = desk.inquiry('send', *send_argv(number, '--attach', photo))
    checker.check('send delivers at once', sent.returncode == 0 and 'sent' in sent.stdout,
                  sent.stdout + sent.stderr)
    at_hub = hub_inquiries(hub, number)
    checker.check('the hub routes it to the exporting country',
                  len(at_hub) == 1 and at_hub[0][1] == country, at_hub)
    tracking = desk.query('SELECT tracking_number, hub_tracking FROM outbox')
    checker.check('the delivery number the desk chose is the hub\'s',
                  at_hub and tracking[0][0] == at_hub[0][0], (tracking, at_hub))

    # No such certificate: the exporting NPPO denies issuing it.
    fake = desk.inquiry('send', *send_argv('NZ-FAKE-0001', '--export-country', 'NZ'))
    checker.check('an inquiry about an unknown certificate is sent too', fake.returncode == 0,
                  fake.stdout + fake.stderr)

    # The auto-reply comes after two seconds; the next sync fetches it.
    checker.check('the exporting NPPOs take the inquiries',
                  wait_for(lambda: hub_inquiries(hub, number)[0][2] == 'Delivered'
                           and hub_inquiries(hub, 'NZ-FAKE-0001')[0][2] == 'Delivered', 20))
    synced = desk.sync()
    checker.check('the next sync receives both replies',
                  synced.returncode == 0 and '2 inquiries or replies received' in synced.stdout,
                  synced.stdout + synced.stderr)
    replies = desk.query('SELECT certificate_number, export_country, status_code, sender'
                         ' FROM responses ORDER BY certificate_number')
    checker.check('replies are linked to their certificates by number and exporting country',
                  sorted(replies) == sorted([(number, country, 10, country),
                                             ('NZ-FAKE-0001', 'NZ', 11, 'NZ')]), replies)
    states = desk.query('SELECT hub_tracking FROM outbox ORDER BY id')
    checker.check('the sync refreshes the tracking: delivered',
                  states == [('Delivered',), ('Delivered',)], states)

    listing = desk.inquiry('list')
    checker.check('list shows the inquiries delivered and the replies',
                  listing.returncode == 0 and listing.stdout.count('delivered') == 2
                  and 'R1\t' in listing.stdout and 'R2\t' in listing.stdout, listing.stdout)
    shown = desk.inquiry('show', '1')
    checker.check('show gives the inquiry as written',
                  shown.returncode == 0 and 'Sampled for testing' in shown.stdout
                  and 'seal.jpg' in shown.stdout and 'Li Wei' in shown.stdout, shown.stdout)
    reply_id = [line.split('\t')[0] for line in listing.stdout.splitlines()
                if line.startswith('R') and number in line]
    shown = desk.inquiry('show', reply_id[0] if reply_id else 'R1')
    checker.check('show gives the reply',
                  shown.returncode == 0 and 'Certificate confirmed authentic' in shown.stdout,
                  shown.stdout + shown.stderr)
    return number


def test_offline(checker, hub, desk, number):
    port = hub.port
    hub.stop()
    queued = desk.inquiry('send', *send_argv(number))
    checker.check('offline, the inquiry is queued', queued.returncode == 0
                  and 'queued' in queued.stdout, queued.stdout + queued.stderr)
    checker.check('nothing reached the hub', len(hub_inquiries(hub, number)) == 1)

    hub.start('--port', str(port))
    synced = desk.sync()
    checker.check('when the hub is back the sync delivers it', synced.returncode == 0
                  and '1 sent' in synced.stdout, synced.stdout + synced.stderr)
    again = desk.sync()
    checker.check('a further sync sends nothing again', again.returncode == 0
                  and '1 sent' not in again.stdout, again.stdout)
    checker.check('delivered exactly once', len(hub_inquiries(hub, number)) == 2,
                  hub_inquiries(hub, number))


def test_kill_before_reply(checker, hub, desk, number):
    port = hub.port
    hub.stop()
    # The hub stores each request at once and holds its reply back.
    hub.start('--port', str(port), '--latency', '4000')
    before = len(hub_inquiries(hub, number))
    client = subprocess.Popen(desk.inquiry_argv('send', *send_argv(number)),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    arrived = wait_for(lambda: len(hub_inquiries(hub, number)) == before + 1, 20)
    client.send_signal(signal.SIGKILL)
    client.wait()
    checker.check('the request reached the hub before the client was killed', arrived)
    state = desk.query('SELECT state FROM outbox ORDER BY id DESC LIMIT 1')
    checker.check('the desk knows the outcome is unconfirmed', state == [('sending',)], state)

    hub.stop()
    hub.start('--port', str(port))
    delivered = desk.inquiry('deliver')
    checker.check('the next delivery asks the tracking instead of sending again',
                  delivered.returncode == 0 and '1 found already at the hub' in delivered.stdout,
                  delivered.stdout + delivered.stderr)
    checker.check('no second delivery', len(hub_inquiries(hub, number)) == before + 1,
                  hub_inquiries(hub, number))
    state = desk.query('SELECT state FROM outbox ORDER BY id DESC LIMIT 1')
    checker.check('the entry is sent', state == [('sent',)], state)


def test_refusals(checker, desk):
    invalid = desk.inquiry('send', '--certificate', 'NZ-1', '--export-country', 'NZ')
    checker.check('an incomplete inquiry is refused with its problems',
                  invalid.returncode == 2 and 'Choose a status' in invalid.stderr,
                  invalid.stderr)


def main():
    checker = Checker()
    hub = Hub(count=20)
    scratch = hub.scratch
    try:
        hub.start('--auto-reply', '2')
        desk = Desk(hub, scratch)
        number = test_delivery_and_reply(checker, hub, desk, scratch)
        test_offline(checker, hub, desk, number)
        test_kill_before_reply(checker, hub, desk, number)
        test_refusals(checker, desk)
        errors = hub.server_errors()
        checker.check('every message followed the WSDL', 'does not follow' not in errors,
                      errors)
    finally:
        hub.cleanup()
    checker.finish()


if __name__ == '__main__':
    main()
