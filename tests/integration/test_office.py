#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""`ecert-office` on a real PostgreSQL, pulling from a real `ecert-hub`,
serving today's `ecert sync` as its desks: each desk receives exactly its
scope once and acknowledges its own copy; the hub sees each envelope
acknowledged once; an instance that leads is SIGKILLed at random moments
and the other takes over; the database is stopped mid-run and comes back;
a revoked desk and a certificate of another authority are refused; a desk
waiting for headers hears of a new certificate as soon as it is
committed."""

import hashlib
import http.client
import json
import os
import random
import re
import signal
import sqlite3
import ssl
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(__file__))
from hubtest import ACTION, EPH, HUB, SOAP, Checker, Hub, fault_message, run  # noqa: E402
from pgserver import PostgreSQL, wait_for  # noqa: E402

ECERT = os.environ['ECERT']
ECERT_HUB = os.environ['ECERT_HUB']
ECERT_OFFICE = os.environ['ECERT_OFFICE']
COUNT = int(os.environ.get('ECERT_OFFICE_TEST_COUNT', '1000'))
KILLS = int(os.environ.get('ECERT_OFFICE_TEST_KILLS', '20'))
PASSPHRASE = 'desk passphrase'
checker = Checker()


def office(*argv, store):
    return run(ECERT_OFFICE, *argv, '--store', store, timeout=300)


class Instance:
    """One `ecert-office serve`, known to the database by its name."""

    def __init__(self, name, pg, hub, directory):
        self.name = name
        self.pg = pg
        self.hub = hub
        self.directory = directory
        self.state = os.path.join(directory, f'state-{name}')
        self.process = None
        self.url = None
        self.port = 0

    def start(self):
        os.makedirs(self.state, exist_ok=True)
        store = self.pg.uri('ecert_office', application_name=self.name)
        argv = [ECERT_OFFICE, 'serve', '--store', store,
                '--listen', f'127.0.0.1:{self.port}',
                '--tls-cert', os.path.join(self.directory, 'server.pem'),
                '--tls-key', os.path.join(self.directory, 'server-key.pem'),
                '--state-directory', self.state, '--interval', '200',
                '--hub', self.hub.url, '--p12', self.hub.path('client-CN.p12'),
                '--passphrase-file', os.path.join(self.directory, 'hub-passphrase'),
                '--ca', self.hub.path('hub-ca.pem')]
        env = dict(os.environ, LANGUAGE='en', LC_ALL='C.UTF-8')
        self.log = open(os.path.join(self.directory, f'{self.name}.log'), 'a')
        self.process = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=self.log, text=True,
                                        env=env)
        line = self.process.stdout.readline()
        match = re.search(r'https://\S+', line)
        if match is None:
            raise RuntimeError(f'ecert-office serve printed {line!r}: {self.errors()}')
        self.url = match.group(0)
        self.port = int(re.search(r':(\d+)/', self.url).group(1))
        return self

    def kill(self):
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            self.process.stdout.close()
            self.log.close()
            self.process = None

    def stop(self):
        if self.process is not None:
            self.process.send_signal(signal.SIGTERM)
            try:
                status = self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                status = self.process.wait()
            self.process.stdout.close()
            self.log.close()
            self.process = None
            return status
        return None

    def errors(self):
        with open(os.path.join(self.directory, f'{self.name}.log')) as stream:
            return stream.read()[-3000:]


class Desk:
    """An inspector's desk: today's `ecert sync`, with a cache of its own."""

    def __init__(self, name, directory):
        self.name = name
        self.directory = directory
        self.p12 = os.path.join(directory, f'{name}.p12')
        self.cache = os.path.join(directory, f'{name}.sqlite3')
        self.trust = os.path.join(directory, f'trust-{name}')

    def sync(self, instance):
        return run(ECERT, 'sync', '--hub', instance.url, '--p12', self.p12,
                   '--passphrase-file', os.path.join(self.directory, 'desk-passphrase'),
                   '--ca', os.path.join(self.directory, 'office-ca.pem'),
                   '--cache', self.cache, '--trust-dir', self.trust, timeout=300)

    def inquiry(self, instance, *argv):
        return run(ECERT, 'inquiry', 'send', '--hub', instance.url, '--p12', self.p12,
                   '--passphrase-file', os.path.join(self.directory, 'desk-passphrase'),
                   '--ca', os.path.join(self.directory, 'office-ca.pem'),
                   '--cache', self.cache, *argv, timeout=120)

    def query(self, sql):
        with sqlite3.connect(self.cache) as db:
            return db.execute(sql).fetchall()

    def receipts(self):
        if not os.path.exists(self.cache):
            return []
        with sqlite3.connect(self.cache) as db:
            return [row[0] for row in db.execute(
                "SELECT delivery_number FROM receipts WHERE source = 'hub'")]

    def pem(self):
        """The desk's certificate and key as PEM, for a client of Python's own."""
        path = os.path.join(self.directory, f'{self.name}.pem')
        result = subprocess.run(['openssl', 'pkcs12', '-in', self.p12, '-nodes', '-clcerts', '-out', path,
                                 '-passin', f'file:{os.path.join(self.directory, "desk-passphrase")}'],
                                capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise RuntimeError(f'openssl pkcs12 failed: {result.stderr}')
        return path


HOSTILE = os.path.join(os.environ['ECERT_REFERENCE_DIR'], 'vectors', 'signxml',
                       'defusedxml-test-data')


def add_hostile(hub):
    """Envelopes no reader may use: the office acknowledges them as not
    readable and stores nothing, exactly as a desk does."""
    contents = [('TEST-BROKEN-1', '<SPSCertificate><unclosed>'),
                ('TEST-BROKEN-2', '<note>not a certificate</note>')]
    for name in ('xmlbomb.xml', 'external_file.xml', 'quadratic.xml'):
        with open(os.path.join(HOSTILE, name)) as stream:
            contents.append((f'TEST-HOSTILE-{name}', stream.read()))
    with sqlite3.connect(hub.path('hub.db')) as db:
        for number, content in contents:
            db.execute("INSERT INTO envelopes (hub_delivery_number, sender, recipient,"
                       " certificate_type, certificate_status, nppo_certificate_number, content,"
                       " tracking, created, updated) VALUES (?, 'NL', 'CN', 851, 70, ?, ?,"
                       " 'PendingDelivery', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
                       (number, number, content))
    return [number for number, _ in contents]


def hub_states(hub):
    with sqlite3.connect(hub.path('hub.db')) as db:
        return dict(db.execute('SELECT hub_delivery_number, tracking FROM envelopes'
                               ' WHERE recipient = ?', ('CN',)).fetchall())


def office_numbers(pg, where='TRUE'):
    rows = pg.psql(f'SELECT hub_delivery_number FROM certificates WHERE {where}',
                   database='ecert_office')
    return set(rows.split('\n')) if rows else set()


def upstream_done(pg, hub):
    states = hub_states(hub)
    readable = {number for number, state in states.items() if state != 'DeliveredNotReadable'}
    return (office_numbers(pg) == readable and
            all(state != 'PendingDelivery' for state in states.values()))


def leader(pg):
    return pg.psql("SELECT a.application_name FROM pg_locks l JOIN pg_stat_activity a"
                   " ON a.pid = l.pid WHERE l.locktype = 'advisory' AND l.granted")


def seed(hub, count, seed_value):
    result = run(ECERT_HUB, 'seed', hub.dir, '--count', str(count), '--seed', str(seed_value))
    if result.returncode != 0:
        raise RuntimeError(f'ecert-hub seed failed: {result.stderr}')


def check_scopes(pg, instance, desks, scopes, label):
    for desk in desks:
        result = desk.sync(instance)
        expected = office_numbers(pg, scopes[desk.name])
        received = desk.receipts()
        checker.check(f'{label}: desk {desk.name} synced', result.returncode == 0,
                      result.stderr)
        checker.check(f'{label}: desk {desk.name} received exactly its scope, once',
                      sorted(received) == sorted(expected),
                      f'{len(received)} received ({len(set(received))} distinct), '
                      f'{len(expected)} in scope')


def office_call(instance, pem, directory, operation):
    context = ssl.create_default_context(cafile=os.path.join(directory, 'office-ca.pem'))
    context.load_cert_chain(pem)
    connection = http.client.HTTPSConnection('127.0.0.1', instance.port, context=context,
                                             timeout=60)
    body = (f'<soap:Envelope xmlns:soap="{SOAP}" xmlns:eph="{EPH}" xmlns:hub="{HUB}">'
            f'<soap:Body><eph:{operation}/></soap:Body></soap:Envelope>')
    connection.request('POST', '/hub/DeliveryService', body.encode(),
                       {'Content-Type': 'text/xml; charset=utf-8',
                        'SOAPAction': f'"{ACTION}{operation}"'})
    response = connection.getresponse()
    data = response.read()
    connection.close()
    return response.status, ET.fromstring(data).find(f'{{{SOAP}}}Body')[0]


def extension(instance, pem, directory, method, path, body=None):
    """A call to the office's extension: (HTTP status, JSON or text)."""
    context = ssl.create_default_context(cafile=os.path.join(directory, 'office-ca.pem'))
    context.load_cert_chain(pem)
    connection = http.client.HTTPSConnection('127.0.0.1', instance.port, context=context,
                                             timeout=60)
    data = json.dumps(body).encode() if body is not None else None
    connection.request(method, '/office/v1/' + path, data,
                       {'Content-Type': 'application/json'} if data else {})
    response = connection.getresponse()
    answer = response.read().decode()
    connection.close()
    if response.getheader('Content-Type', '').startswith('application/json'):
        answer = json.loads(answer)
    return response.status, answer


def check_extension(pg, instance, desks, directory):
    """The paper check of a number not in a desk's cache, at the office;
    the office's log of checks, seen by every desk."""
    first_pem, second_pem = desks[1].pem(), desks[2].pem()
    hub_number, number, digest = pg.psql(
        "SELECT hub_delivery_number, number, encode(sha256(content), 'hex') FROM certificates"
        " WHERE verdict <> 'response' ORDER BY sequence DESC LIMIT 1",
        database='ecert_office').split('|')
    # Typed the way an inspector reads it off the paper: lower case, spaces.
    typed = number.lower().replace('-', ' ')
    status, found = extension(instance, first_pem, directory, 'GET',
                              'certificates?number=' + urllib.parse.quote(typed))
    checker.check('a number found at the office comes with the certificate to verify',
                  status == 200 and [c['hub_delivery_number'] for c in found['certificates']]
                  == [hub_number] and hashlib.sha256(
                      found['certificates'][0]['content'].encode()).hexdigest() == digest,
                  (status, str(found)[:300]))
    status, found = extension(instance, first_pem, directory, 'GET',
                              'certificates?number=NZ-2026-999999')
    checker.check('a number the office does not hold is said not to exist',
                  status == 200 and found['certificates'] == [], (status, found))
    for pem in (first_pem, second_pem, first_pem):
        status, recorded = extension(instance, pem, directory, 'POST', 'paper-checks',
                                     {'number': 'NZ-2026-999999', 'found': False})
        checker.check('a desk records its paper check in the office log', status == 200,
                      (status, recorded))
    extension(instance, second_pem, directory, 'POST', 'paper-checks',
              {'number': number, 'found': True})
    status, log = extension(instance, first_pem, directory, 'GET', 'paper-checks?days=7')
    entries = log.get('paper_checks', []) if status == 200 else []
    checker.check('every desk sees the number checked three times at two desks and never found',
                  entries and entries[0]['number_key'] == 'NZ2026999999' and
                  entries[0]['checks'] == 3 and not entries[0]['found'] and
                  entries[0]['desks'] == sorted([desks[1].name, desks[2].name]), log)
    status, refused = extension(instance, first_pem, directory, 'POST', 'paper-checks',
                                {'found': False})
    checker.check('a check without a number is refused in words',
                  status == 400 and 'number' in refused, (status, refused))
    return second_pem


def hub_inquiries(hub, number):
    with sqlite3.connect(hub.path('hub.db')) as db:
        return db.execute('SELECT hub_delivery_number, recipient, tracking FROM envelopes'
                          ' WHERE response = 1 AND sender = ? AND nppo_certificate_number = ?',
                          ('CN', number)).fetchall()


def check_inquiry(pg, hub, instance, desks, exporter):
    """An inquiry from one desk reaches the hub once; its tracking and the
    exporting NPPO's reply come back to that desk only."""
    asking, other = desks[1], desks[0]
    number = asking.query("SELECT number FROM certificates ORDER BY id LIMIT 1")[0][0]
    sent = asking.inquiry(instance, '--certificate', number, '--status', '7',
                          '--measure', 'detained', '--text', 'The seal number differs.',
                          '--inspector', 'Li Wei', '--location', 'Shanghai Yangshan')
    checker.check('a desk sends an inquiry through the office', sent.returncode == 0,
                  sent.stdout + sent.stderr)
    wait_for(lambda: [row[2] for row in hub_inquiries(hub, number)] == ['Delivered'],
             'the inquiry to reach the exporting NPPO', 120)
    at_hub = hub_inquiries(hub, number)
    chosen = asking.query('SELECT tracking_number FROM outbox')
    checker.check('the hub holds the inquiry once, under the number the desk chose, for the '
                  'exporting country', len(at_hub) == 1 and at_hub[0][1] == exporter and
                  chosen == [(at_hub[0][0],)], (at_hub, chosen))
    wait_for(lambda: pg.psql("SELECT count(*) FROM certificates WHERE verdict = 'response'",
                             database='ecert_office') == '1' and
             pg.psql("SELECT tracking FROM outgoing", database='ecert_office') == 'Delivered',
             'the reply and the tracking to reach the office', 120)
    synced = asking.sync(instance)
    replies = asking.query('SELECT certificate_number, status_code FROM responses')
    tracking = asking.query('SELECT hub_tracking FROM outbox')
    checker.check('the asking desk receives the reply and sees its inquiry delivered',
                  synced.returncode == 0 and replies == [(number, 10)] and
                  tracking == [('Delivered',)], (synced.stderr, replies, tracking))
    other.sync(instance)
    checker.check('another desk receives neither the reply nor the inquiry',
                  other.query('SELECT count(*) FROM responses') == [(0,)] and
                  other.query('SELECT count(*) FROM outbox') == [(0,)])


def test_office(pg, scratch):
    hub = Hub(count=COUNT)
    # The exporting NPPOs answer inquiries a second after they arrive.
    hub.start('--auto-reply', '1')
    directory = os.path.join(scratch, 'office')
    os.makedirs(directory)
    with open(os.path.join(directory, 'hub-passphrase'), 'w') as stream:
        stream.write('demo\n')
    with open(os.path.join(directory, 'desk-passphrase'), 'w') as stream:
        stream.write(PASSPHRASE + '\n')
    store = pg.office_uri
    instances = []
    try:
        result = office('init', '--name', 'Shanghai port office', '--country', 'CN',
                        '--directory', directory, store=store)
        checker.check('init makes the schema and the authority', result.returncode == 0,
                      result.stderr)
        result = office('init', '--name', 'Shanghai port office', '--country', 'CN',
                        '--directory', directory, store=store)
        checker.check('init again keeps the authority', result.returncode == 0 and
                      'kept' in result.stdout, result.stdout + result.stderr)

        # The exporting country that sends most, for a desk that takes only it.
        with sqlite3.connect(hub.path('hub.db')) as db:
            exporter = db.execute("SELECT sender FROM envelopes WHERE recipient = 'CN'"
                                  " GROUP BY sender ORDER BY count(*) DESC LIMIT 1").fetchone()[0]

        def enroll(name, *scope):
            result = office('enroll', name, '--output', os.path.join(directory, f'{name}.p12'),
                            '--passphrase-file', os.path.join(directory, 'desk-passphrase'),
                            *scope, store=store)
            checker.check(f'desk {name} enrolled', result.returncode == 0, result.stderr)

        enroll('all')
        enroll('exporter', '--country', exporter)

        hostile = add_hostile(hub)
        first = Instance('first', pg, hub, directory).start()
        second = Instance('second', pg, hub, directory).start()
        instances.extend([first, second])
        wait_for(lambda: upstream_done(pg, hub), 'the office to pull every envelope', 300)
        checker.check('the upstream worker stored every envelope addressed to the country',
                      upstream_done(pg, hub))
        states = hub_states(hub)
        checker.check('hostile and broken envelopes are acknowledged as not readable, not stored',
                      all(states[number] == 'DeliveredNotReadable' for number in hostile) and
                      not office_numbers(pg) & set(hostile),
                      {number: states[number] for number in hostile})
        checker.check('exactly one instance leads', leader(pg) in ('first', 'second'),
                      leader(pg))

        # A port named on many certificates, for a desk that serves only it.
        port = pg.psql("SELECT p FROM certificates, unnest(ports) p WHERE p ~ '^[A-Z]{5}$'"
                       " GROUP BY p ORDER BY count(*) DESC LIMIT 1", database='ecert_office')
        enroll('port', '--port', port)

        desks = [Desk(name, directory) for name in ('all', 'exporter', 'port')]
        with open(os.path.join(directory, 'office-ca.pem')) as stream:
            checker.check('the authority is written for the desks', 'BEGIN CERTIFICATE' in
                          stream.read())
        certificates = "verdict <> 'response' AND "
        scopes = {'all': certificates + 'TRUE',
                  'exporter': certificates + f"from_country = '{exporter}'",
                  'port': certificates + f"(ports && ARRAY['{port}'] OR cardinality(ports) = 0)"}
        check_scopes(pg, first, desks, scopes, 'first pull')
        checker.check('each desk acknowledged its own copy: no backlog, no rows kept',
                      pg.psql('SELECT count(*) FROM desk_acknowledgements',
                              database='ecert_office') == '0' and
                      all(desk['backlog'] == 0 for desk in json.loads(
                          office('desks', '--json', store=store).stdout)['desks']))

        check_inquiry(pg, hub, first, desks, exporter)

        # Leaders killed at random moments while the hub keeps receiving.
        random.seed(7)
        for kill in range(KILLS):
            seed(hub, 10, 1000 + kill)
            time.sleep(random.uniform(0, 0.6))
            current = leader(pg)
            victim = next((i for i in instances if i.name == current), None)
            if victim is not None:
                victim.kill()
                victim.start()
        wait_for(lambda: upstream_done(pg, hub), 'the office to pull after the kills', 300)
        checker.check(f'{KILLS} leaders killed: every envelope stored once and acknowledged',
                      upstream_done(pg, hub))
        check_scopes(pg, second, desks, scopes, 'after the kills, served by the other instance')

        # The database stopped mid-run, then back.
        seed(hub, 40, 5000)
        pg.stop()
        pg.start()
        wait_for(lambda: upstream_done(pg, hub), 'the office to finish after a restart', 300)
        checker.check('the database restarted: the office reconnects and finishes',
                      upstream_done(pg, hub))
        check_scopes(pg, first, desks, scopes, 'after the database restarted')

        # Waiting for headers: answered as soon as something is committed.
        pem = desks[0].pem()
        context = ssl.create_default_context(cafile=os.path.join(directory, 'office-ca.pem'))
        context.load_cert_chain(pem)
        answer = {}

        def wait_for_headers():
            connection = http.client.HTTPSConnection('127.0.0.1', first.port, context=context,
                                                     timeout=120)
            body = (f'<soap:Envelope xmlns:soap="{SOAP}" xmlns:eph="{EPH}" xmlns:hub="{HUB}">'
                    f'<soap:Body><eph:GetImportEnvelopeHeaders/></soap:Body></soap:Envelope>')
            connection.request('POST', '/hub/DeliveryService', body.encode(),
                               {'Content-Type': 'text/xml; charset=utf-8',
                                'SOAPAction': f'"{ACTION}GetImportEnvelopeHeaders"',
                                'X-Ecert-Wait': '30'})
            response = connection.getresponse()
            answer['data'] = response.read().decode()
            answer['at'] = time.time()

        def last_run():
            return pg.psql("SELECT value FROM settings WHERE key = 'upstream-last-run'",
                           database='ecert_office')

        waiter = threading.Thread(target=wait_for_headers)
        waiter.start()
        # Two upstream rounds end with nothing new: the desk is still held.
        for _ in range(2):
            before = last_run()
            wait_for(lambda: last_run() != before, 'an upstream round to end', 120)
        checker.check('a desk with nothing new is held, not answered', waiter.is_alive())
        seed(hub, 1, 9000)
        waiter.join(timeout=120)
        committed = float(pg.psql("SELECT extract(epoch FROM max(received_at))"
                                  " FROM certificates", database='ecert_office'))
        latency = answer.get('at', 0) - committed
        print(f'# arrival latency, office commit to the waiting desk: {latency * 1000:.0f} ms')
        checker.check('the waiting desk hears of the new certificate',
                      'hubDeliveryNumber>' in answer.get('data', ''), answer)
        checker.check('within seconds of the commit', 0 <= latency < 3, latency)

        status, payload = office_call(first, pem, directory, 'GetProfile')
        checker.check('GetProfile names the country the office stands for',
                      status == 200 and f'>CN</' in ET.tostring(payload, encoding='unicode'),
                      ET.tostring(payload, encoding='unicode')[:500])
        status, payload = office_call(first, pem, directory, 'GetStatements')
        checker.check('what a desk may not ask is refused in words',
                      status == 500 and 'does not offer' in (fault_message(payload) or ''),
                      ET.tostring(payload, encoding='unicode')[:500])

        revoked_pem = check_extension(pg, first, desks, directory)

        # Refusals
        result = office('revoke', 'port', store=store)
        checker.check('a desk is revoked', result.returncode == 0, result.stderr)
        result = desks[2].sync(first)
        checker.check('a revoked desk is refused, in words',
                      result.returncode != 0 and 'revoked' in result.stderr, result.stderr)
        status, refused = extension(first, revoked_pem, directory, 'GET', 'paper-checks')
        checker.check('a revoked desk is refused the extension too',
                      status == 403 and 'revoked' in refused, (status, refused))
        result = run(ECERT, 'sync', '--hub', first.url, '--p12', hub.path('client-CN.p12'),
                     '--passphrase-file', os.path.join(directory, 'hub-passphrase'),
                     '--ca', os.path.join(directory, 'office-ca.pem'),
                     '--cache', os.path.join(directory, 'stranger.sqlite3'),
                     '--trust-dir', os.path.join(directory, 'trust-stranger'))
        checker.check('a certificate of another authority is refused',
                      result.returncode != 0 and 'authority' in result.stderr, result.stderr)

        status = json.loads(office('status', '--json', store=store).stdout)
        checker.check('status counts the certificates',
                      status['certificates'] == len(hub_states(hub)) - len(hostile), status)
        for instance in instances:
            checker.check(f'instance {instance.name} stops cleanly on SIGTERM',
                          instance.stop() == 0)
    except Exception:
        for instance in instances:
            print(f'# {instance.name} said:\n# ' + instance.errors().replace('\n', '\n# '))
        print('# the hub said:\n# ' + hub.server_errors()[-3000:].replace('\n', '\n# '))
        print('# queued at the office: ' + pg.psql(
            'SELECT hub_delivery_number, forwarded, tracking, error_message FROM outgoing',
            database='ecert_office'))
        raise
    finally:
        for instance in instances:
            instance.kill()
        hub.cleanup()



def main():
    with tempfile.TemporaryDirectory(prefix='ecert-office-test-') as scratch:
        with PostgreSQL() as pg:
            pg.start()
            test_office(pg, scratch)
    checker.finish()


if __name__ == '__main__':
    main()
