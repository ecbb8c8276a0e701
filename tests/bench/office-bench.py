#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""What a country's office (`ecert-office serve` on PostgreSQL 15) does for
its desks, measured in one run on loopback, with PostgreSQL durable
(fsync, synchronous_commit and full_page_writes at their defaults):

1. Upstream ingest: a hub seeded with COUNT envelopes, pulled by one
   office instance into PostgreSQL (certificates per second from the first
   row stored to the last); beside it, the desk's own path, `ecert sync`
   from a copy of the same hub into a desk's SQLite cache.
2. Fan-out: DESKS desks (`ecert sync`, each with its own client
   certificate) pulling their scope (by default the busiest exporter's
   certificates; --fanout-country all for everything) from two office
   instances at once,
   half on each: certificates served per second, and the CPU time
   PostgreSQL and the instances used meanwhile.
3. Arrival latency: WAITERS connections of one desk hold a
   GetImportEnvelopeHeaders with `X-Ecert-Wait: 30`; one envelope is seeded at the hub; from the office's
   commit (the row's received_at) to each desk's answer. ROUNDS rounds.
4. Lookups at scale: the office's certificates table filled with SQL to
   ROWS rows, then a number, a Latin word and a two-character Chinese word
   looked up through the office store's own functions; the same questions
   asked of a desk's SQLite cache made by `ecert bench cache`.

Prints each figure as it is measured, then a summary. It is not a test:
nothing is judged. Every server it starts is stopped by its PID at the end,
also on errors, and its scratch directory is removed.

    tests/bench/office-bench.py BUILD-DIR [--count N] [--desks D] ...

Use a release build: meson setup BUILD --buildtype=release -Dgui=false
(and `meson compile -C BUILD`, which builds tests/office-bench-query too).
"""

import argparse
import http.client
import os
import pathlib
import re
import shutil
import signal
import sqlite3
import ssl
import statistics
import subprocess
import sys
import tempfile
import threading
import time

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / 'integration'))

PASSPHRASE = 'desk passphrase'
WAIT_SECONDS = 30
CLOCK_TICKS = os.sysconf('SC_CLK_TCK')

# What the office's table is filled with: the sample certificates'
# vocabulary (src/samples), so that the desk's cache, made by `ecert bench
# cache` from those samples, is asked about the same words.
EXPORTERS = ['NZ'] * 8 + ['AU'] * 7 + ['US'] * 6 + ['CL'] * 5 + ['AR'] * 3 + ['PE'] * 3 + \
    ['ZA'] * 3 + ['TH'] * 3 + ['VN', 'BR', 'CA', 'MX', 'JP', 'KR', 'IN', 'ID', 'MY', 'PH', 'KE',
                               'EG', 'ES', 'FR', 'IT', 'NL', 'UY', 'SG']
PORTS = ['CNSHA', 'CNNGB', 'CNSZX', 'CNTAO', 'CNXMN', 'CNTSN', 'CNDLC', 'CNCAN', 'CNYTN',
         'CNNSA']
COMMODITIES = ['Kiwifruit', 'Cherries', 'Apples', 'Table grapes', 'Avocados', 'Blueberries',
               'Durian', 'Oranges', 'Mandarins', 'Soybeans', 'Wheat', 'Barley', 'Maize',
               'Radiata pine logs', 'Douglas fir timber', 'Pears', 'Lemons', 'Mangoes',
               'Dragon fruit', 'Longan', 'Rapeseed', 'Cut roses', 'Tulip bulbs',
               'Seed potatoes', 'Rice', 'Almonds', 'Walnuts', 'Macadamia nuts',
               'Green coffee', 'Onions', 'Bananas', 'Chilli']
TRADER_FIRST = ['Pacific', 'Southern', 'Golden', 'Andes', 'Coastal', 'Valley', 'Summit',
                'Riverside', 'Highland', 'Orchard', 'Harbour', 'Sunrise', 'Green', 'Blue Ridge',
                'Northern', 'Eastern', 'Western', 'Prairie', 'Evergreen', 'Silver', 'Canterbury',
                'Hawkes Bay', 'Bay of Plenty', 'Murray', 'Maule', 'Ica', 'Mendoza', 'Limpopo',
                'Chanthaburi', 'Mekong']
TRADER_SECOND = ['Orchards', 'Fresh', 'Produce', 'Exports', 'Growers', 'Farms', 'Fruit',
                 'Trading', 'Agri', 'Harvest', 'Packers', 'Foods', 'Timber', 'Grain',
                 'Horticulture', 'Berries']
TRADER_ENDS = ['Ltd', 'S.A.', 'LLC', 'Pty Ltd', 'GmbH', 'S.p.A.', 'Co., Ltd.', 'SAC']
SHIPPING = ['Maersk', 'MSC', 'COSCO Shipping', 'CMA CGM', 'Evergreen', 'Hapag-Lloyd', 'ONE',
            'Yang Ming', 'HMM', 'ZIM']
CHINESE_CITIES = ['上海', '广州', '深圳', '北京', '天津', '青岛', '大连', '宁波', '厦门', '成都',
                  '重庆', '武汉', '南京', '杭州', '昆明']
CHINESE_TRADES = ['鲜果', '农产品', '粮油', '木业', '食品', '果业', '国际贸易', '绿色农业',
                  '进出口', '冷链']
CHINESE_FORMS = ['有限公司', '进出口有限公司', '贸易有限公司', '集团有限公司']
CHINESE_SHARE = 0.2

# The questions of part 4, from common to rare; each is asked in turn.
LATIN_WORDS = ['kiwifruit', 'cherries', 'pacific', 'blueberries', 'walnuts', 'maersk']
CHINESE_WORDS = ['上海', '宁波', '鲜果', '公司']


def log(text=''):
    print(text, flush=True)


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def cpu_seconds(pids, reaped_by=None):
    """utime + stime of @pids from /proc, plus what @reaped_by's children
    that have exited used (cutime + cstime): backends that ended."""
    total = 0
    for pid in pids:
        try:
            with open(f'/proc/{pid}/stat') as stream:
                fields = stream.read().rsplit(')', 1)[1].split()
        except (FileNotFoundError, ProcessLookupError):
            continue
        total += int(fields[11]) + int(fields[12])
        if pid == reaped_by:
            total += int(fields[13]) + int(fields[14])
    return total / CLOCK_TICKS


class Bench:
    def __init__(self, args):
        self.args = args
        build = pathlib.Path(args.build).resolve()
        self.ecert = str(build / 'src' / 'cli' / 'ecert')
        self.ecert_hub = str(build / 'src' / 'hub' / 'ecert-hub')
        self.ecert_office = str(build / 'src' / 'office' / 'ecert-office')
        self.query_helper = str(build / 'tests' / 'office-bench-query')
        for program in (self.ecert, self.ecert_hub, self.ecert_office, self.query_helper):
            if not os.access(program, os.X_OK):
                sys.exit(f'office-bench: {program} is missing: meson compile -C {build}')
        # hubtest and test_office read these when imported.
        os.environ.update(ECERT=self.ecert, ECERT_HUB=self.ecert_hub,
                          ECERT_OFFICE=self.ecert_office)
        os.environ.setdefault('ECERT_REFERENCE_DIR', str(HERE.parent.parent.parent / 'shared'))
        self.scratch = tempfile.mkdtemp(prefix='ecert-office-bench-')
        self.directory = os.path.join(self.scratch, 'office')
        os.makedirs(self.directory)
        self.pg = None
        self.hubs = []
        self.instances = []
        self.processes = []
        self.summary = []

    # Servers

    def note(self, part, figure, value, detail=''):
        self.summary.append((part, figure, value, detail))
        log(f'  {figure}: {value}' + (f' ({detail})' if detail else ''))

    def start_hub(self, count=None, directory=None):
        from hubtest import Hub
        hub = Hub(count=count or 1, directory=directory)
        self.hubs.append(hub)
        return hub

    def office(self, *argv):
        from hubtest import run
        result = run(self.ecert_office, *argv, '--store', self.pg.office_uri, timeout=300)
        if result.returncode != 0:
            raise RuntimeError(f'ecert-office {argv[0]} failed: {result.stderr}')
        return result

    def start_instance(self, name, hub):
        from test_office import Instance
        instance = Instance(name, self.pg, hub, self.directory)
        self.instances.append(instance)
        return instance.start()

    def seed(self, hub, count, seed_value):
        from hubtest import run
        result = run(self.ecert_hub, 'seed', hub.dir, '--count', str(count),
                     '--seed', str(seed_value), timeout=1800)
        if result.returncode != 0:
            raise RuntimeError(f'ecert-hub seed failed: {result.stderr}')

    def cleanup(self):
        """Stops, by PID, everything this run started, then removes its files."""
        for process in self.processes:
            if process.poll() is None:
                process.kill()
                process.wait()
        for instance in self.instances:
            instance.kill()
        for hub in self.hubs:
            hub.cleanup()
        if self.pg is not None:
            self.pg.cleanup()
        shutil.rmtree(self.scratch, ignore_errors=True)

    def psql(self, sql):
        return self.pg.psql(sql, database='ecert_office')

    # Desks

    def desk(self, name, *scope):
        from test_office import Desk
        self.office('enroll', name, '--output', os.path.join(self.directory, f'{name}.p12'),
                    '--passphrase-file', os.path.join(self.directory, 'desk-passphrase'), *scope)
        return Desk(name, self.directory)

    def desk_sync(self, desk, instance):
        """Starts `ecert sync` for @desk from @instance, not waiting for it."""
        argv = [self.ecert, 'sync', '--hub', instance.url, '--p12', desk.p12,
                '--passphrase-file', os.path.join(self.directory, 'desk-passphrase'),
                '--ca', os.path.join(self.directory, 'office-ca.pem'),
                '--cache', desk.cache, '--trust-dir', desk.trust]
        env = dict(os.environ, LANGUAGE='en', LC_ALL='C.UTF-8')
        process = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.PIPE, text=True, env=env)
        self.processes.append(process)
        return process

    def soap(self, instance, context, operation, body='', wait=None):
        from hubtest import ACTION, EPH, HUB, SOAP
        connection = http.client.HTTPSConnection('127.0.0.1', instance.port, context=context,
                                                 timeout=WAIT_SECONDS + 90)
        envelope = (f'<soap:Envelope xmlns:soap="{SOAP}" xmlns:eph="{EPH}" xmlns:hub="{HUB}">'
                    f'<soap:Body><eph:{operation}>{body}</eph:{operation}></soap:Body>'
                    f'</soap:Envelope>')
        headers = {'Content-Type': 'text/xml; charset=utf-8',
                   'SOAPAction': f'"{ACTION}{operation}"'}
        if wait is not None:
            headers['X-Ecert-Wait'] = str(wait)
        return connection, envelope.encode(), headers

    def call(self, instance, context, operation, body=''):
        connection, data, headers = self.soap(instance, context, operation, body)
        try:
            connection.request('POST', '/hub/DeliveryService', data, headers)
            return connection.getresponse().read().decode()
        finally:
            connection.close()

    # 1. Upstream ingest

    def cn_envelopes(self, hub):
        with sqlite3.connect(hub.path('hub.db')) as db:
            return {row[0] for row in db.execute(
                "SELECT hub_delivery_number FROM envelopes WHERE recipient = 'CN'")}

    def direct_sync(self, hub_copy):
        """Today's path: the desk pulls from the hub itself."""
        hub = self.start_hub(directory=hub_copy)
        hub.start()
        cache = os.path.join(self.scratch, 'direct.sqlite3')
        argv = [self.ecert, 'sync', '--hub', hub.url, '--cert', hub.path('client-CN.pem'),
                '--key', hub.path('client-CN.key'), '--ca', hub.path('hub-ca.pem'),
                '--cache', cache, '--trust-dir', os.path.join(self.scratch, 'trust-direct')]
        env = dict(os.environ, LANGUAGE='en', LC_ALL='C.UTF-8')
        started = time.monotonic()
        result = subprocess.run(argv, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                                env=env, timeout=3600, check=False)
        seconds = time.monotonic() - started
        hub.cleanup()
        self.hubs.remove(hub)
        with sqlite3.connect(cache) as db:
            stored = db.execute("SELECT count(*) FROM receipts WHERE source = 'hub'").fetchone()[0]
        if result.returncode not in (0, 1):
            raise RuntimeError(f'ecert sync from the hub failed: {result.stderr}')
        return stored, seconds

    def ingest(self):
        from pgserver import PostgreSQL, wait_for
        from test_office import upstream_done
        args = self.args
        log(f'1. Upstream ingest: a hub seeded with {args.count} envelopes')
        started = time.monotonic()
        hub = self.start_hub(count=args.count)
        log(f'  seeded in {time.monotonic() - started:.0f} s;'
            f' {len(self.cn_envelopes(hub))} of them for CN, the office\'s country')
        hub_copy = os.path.join(self.scratch, 'hub-copy')
        shutil.copytree(hub.dir, hub_copy)

        stored, seconds = self.direct_sync(hub_copy)
        self.note('ingest', 'desk direct: `ecert sync` hub -> SQLite',
                  f'{stored / seconds:.0f} certificates/s',
                  f'{stored} in {seconds:.1f} s, default jobs, wall clock of the process')

        self.pg = PostgreSQL(durable=True)
        self.pg.start()
        settings = ', '.join(f'{name} = {self.psql("SHOW " + name)}' for name in
                             ('fsync', 'synchronous_commit', 'full_page_writes',
                              'shared_buffers'))
        log(f'  PostgreSQL 15, durable: {settings}')
        with open(os.path.join(self.directory, 'hub-passphrase'), 'w') as stream:
            stream.write('demo\n')
        with open(os.path.join(self.directory, 'desk-passphrase'), 'w') as stream:
            stream.write(PASSPHRASE + '\n')
        self.office('init', '--name', 'Benchmark port office', '--country', 'CN',
                    '--directory', self.directory)

        hub.start()
        started = time.monotonic()
        first = self.start_instance('first', hub)
        wait_for(lambda: upstream_done(self.pg, hub), 'the office to pull every envelope',
                 3600)
        wall = time.monotonic() - started
        count, span = self.psql('SELECT count(*), extract(epoch FROM max(received_at)'
                                ' - min(received_at)) FROM certificates').split('|')
        count, span = int(count), float(span)
        self.note('ingest', 'office upstream: hub -> PostgreSQL (durable)',
                  f'{count / span:.0f} certificates/s',
                  f'{count} rows, {span:.1f} s from the first received_at to the last;'
                  f' {wall:.1f} s from the instance\'s start until the hub had every'
                  f' acknowledgement')
        return hub, first

    # 2. Fan-out

    def fan_out(self, hub, first):
        args = self.args
        country = args.fanout_country
        if country == 'busiest':
            country = self.psql('SELECT from_country FROM certificates GROUP BY from_country'
                                ' ORDER BY count(*) DESC LIMIT 1')
        elif country == 'all':
            country = None
        scope = ['--country', country] if country else []
        described = f'exporter {country}' if country else 'everything'
        desks = [self.desk(f'desk{i:02d}', *scope) for i in range(args.desks)]
        second = self.start_instance('second', hub)
        where = f"from_country = '{country}'" if country else 'TRUE'
        per_desk = int(self.psql(f'SELECT count(*) FROM certificates WHERE {where}'))
        log(f'2. Fan-out: {args.desks} desks, each taking {described} ({per_desk}'
            f' certificates), half from each of two instances, all at once')

        postmaster = self.pg.pid()
        instance_pids = [first.process.pid, second.process.pid]
        pg_before = cpu_seconds(self.pg.processes(), reaped_by=postmaster)
        office_before = cpu_seconds(instance_pids)
        started = time.monotonic()
        running = [(desk, self.desk_sync(desk, (first, second)[i % 2]))
                   for i, desk in enumerate(desks[:args.desks])]
        failures = []
        for desk, process in running:
            _, errors = process.communicate(timeout=3600)
            if process.returncode != 0:
                failures.append(f'{desk.name}: exit {process.returncode}: {errors.strip()[-300:]}')
        seconds = time.monotonic() - started
        pg_cpu = cpu_seconds(self.pg.processes(), reaped_by=postmaster) - pg_before
        office_cpu = cpu_seconds(instance_pids) - office_before
        served = sum(len(desk.receipts()) for desk, _ in running)
        for failure in failures:
            log(f'  ! {failure}')
        self.note('fan-out', f'{args.desks} desks from 2 instances', f'{served / seconds:.0f}'
                  ' certificates/s served in total',
                  f'{served} of {per_desk * args.desks} delivered in {seconds:.1f} s;'
                  f' {len(failures)} desks failed')
        self.note('fan-out', 'PostgreSQL CPU during it', f'{pg_cpu:.1f} s',
                  f'{pg_cpu * 1000 / max(served, 1):.2f} ms per certificate served;'
                  f' the two instances used {office_cpu:.1f} s')
        return second

    # 3. Arrival latency

    def drain(self, instance, context):
        """Acknowledges whatever the desk has pending, so a wait is held."""
        while True:
            reply = self.call(instance, context, 'GetImportEnvelopeHeaders')
            numbers = re.findall(r'hubDeliveryNumber>([^<]+)<', reply)
            if not numbers:
                return
            for number in numbers:
                self.call(instance, context, 'AcknowledgeEnvelopeReceipt',
                          f'<eph:hubTrackingNumber>{number}</eph:hubTrackingNumber>')

    def hold(self, instance, context, sent, answers, index):
        connection, data, headers = self.soap(instance, context, 'GetImportEnvelopeHeaders',
                                              wait=WAIT_SECONDS)
        try:
            connection.request('POST', '/hub/DeliveryService', data, headers)
            sent.release()
            reply = connection.getresponse().read().decode()
            answers[index] = (time.time(), reply)
        finally:
            connection.close()

    def latency(self, hub, instances):
        """The waiting desks share one desk's certificate (the office knows
        a desk by it, not by its connection), one that has taken
        everything so far; each round, the new envelope is acknowledged."""
        args = self.args
        log(f'3. Arrival latency: {args.waiters} connections of one desk (scope: everything)'
            f' waiting (X-Ecert-Wait: {WAIT_SECONDS}), half on each instance;'
            f' {args.rounds} rounds of one new envelope')
        desk = self.desk('waiting')
        process = self.desk_sync(desk, instances[0])
        _, errors = process.communicate(timeout=3600)
        if process.returncode != 0:
            raise RuntimeError(f'the waiting desk could not sync: {errors}')
        context = ssl.create_default_context(cafile=os.path.join(self.directory, 'office-ca.pem'))
        context.load_cert_chain(desk.pem())
        placed = [(instances[i % 2], context) for i in range(args.waiters)]
        latencies = []
        seed_value = 70000
        for round_number in range(args.rounds):
            self.drain(instances[0], context)
            before = self.cn_envelopes(hub)
            sent = threading.Semaphore(0)
            answers = [None] * len(placed)
            threads = [threading.Thread(target=self.hold, daemon=True,
                                        args=(instance, context, sent, answers, i))
                       for i, (instance, context) in enumerate(placed)]
            for thread in threads:
                thread.start()
            for _ in threads:
                if not sent.acquire(timeout=120):
                    raise RuntimeError('a waiting desk could not send its request')
            # Not every envelope seeded is for CN: seed until one is.
            new = set()
            while not new:
                seed_value += 1
                self.seed(hub, 1, seed_value)
                new = self.cn_envelopes(hub) - before
            number = new.pop()
            for thread in threads:
                thread.join(timeout=WAIT_SECONDS + 120)
            committed = float(self.psql(f"SELECT extract(epoch FROM received_at)"
                                        f" FROM certificates WHERE hub_delivery_number"
                                        f" = '{number}'") or 'nan')
            heard = [answer[0] - committed for answer in answers
                     if answer is not None and number in answer[1]]
            latencies.extend(heard)
            log(f'  round {round_number + 1}: {len(heard)}/{len(placed)} desks heard of it,'
                f' median {statistics.median(heard) * 1000:.0f} ms' if heard else
                f'  round {round_number + 1}: no desk heard of {number}')
        if latencies:
            self.note('latency', 'office commit -> waiting desk, median',
                      f'{statistics.median(latencies) * 1000:.0f} ms',
                      f'{len(latencies)} desk-rounds of {args.waiters * args.rounds};'
                      ' from received_at (the transaction\'s start) to the response read')
            self.note('latency', 'office commit -> waiting desk, 95th percentile',
                      f'{percentile(latencies, 0.95) * 1000:.0f} ms')

    # 4. Lookups at scale

    def search_documents(self, texts):
        """@texts as the office's own code writes them for its index."""
        result = subprocess.run([self.query_helper, 'document'], input='\n'.join(texts) + '\n',
                                capture_output=True, text=True, encoding='utf-8', check=True)
        return result.stdout.split('\n')[:len(texts)]

    @staticmethod
    def sql_text_array(values):
        return 'ARRAY[' + ','.join("'" + value.replace("'", "''") + "'" for value in values) + ']'

    def fill_office(self):
        """Fills certificates to ROWS rows. The words of each row's search
        document are made the way the office makes them: Latin text
        (ASCII here) lower-cased and split at anything not a letter or a
        digit, in SQL; Chinese names by the office's own code, through
        office-bench-query. A sample of rows is checked against that code
        whole afterwards."""
        args = self.args
        have = int(self.psql('SELECT count(*) FROM certificates'))
        missing = max(args.rows - have, 0)
        chinese = [city + trade + form for city in CHINESE_CITIES for trade in CHINESE_TRADES
                   for form in CHINESE_FORMS]
        documents = self.search_documents(chinese)
        self.psql('DROP TABLE IF EXISTS bench_chinese; CREATE UNLOGGED TABLE bench_chinese'
                  ' (id integer PRIMARY KEY, name text, document text);'
                  'INSERT INTO bench_chinese SELECT n, name, document FROM unnest('
                  f'{self.sql_text_array(chinese)}, {self.sql_text_array(documents)})'
                  ' WITH ORDINALITY AS t (name, document, n)')
        log(f'4. Lookups at scale: adding {missing} rows to the {have} pulled')
        started = time.monotonic()
        # Skewed draws (a power of random()) make some words common and
        # most rare, as commodities and traders are. Each draw is made once
        # and kept, then the row is put together from what was kept.
        self.psql(f"""
SELECT setseed(0.417);
CREATE UNLOGGED TABLE bench_draws AS
SELECT i,
  ({self.sql_text_array(EXPORTERS)})[1 + floor(random() * {len(EXPORTERS)})::int] AS cc,
  2023 + floor(random() * 4)::int AS year,
  floor(random() * 1000000)::int AS serial,
  ({self.sql_text_array(PORTS)})[1 + floor(random() ^ 2 * {len(PORTS)})::int] AS port,
  ({self.sql_text_array(TRADER_FIRST)})[1 + floor(random() * {len(TRADER_FIRST)})::int] || ' ' ||
  ({self.sql_text_array(TRADER_SECOND)})[1 + floor(random() * {len(TRADER_SECOND)})::int] || ' ' ||
  ({self.sql_text_array(TRADER_ENDS)})[1 + floor(random() * {len(TRADER_ENDS)})::int] || ' ' ||
  ({self.sql_text_array(COMMODITIES)})[1 + floor(random() ^ 2 * {len(COMMODITIES)})::int] || ' ' ||
  ({self.sql_text_array(SHIPPING)})[1 + floor(random() * {len(SHIPPING)})::int] AS ascii,
  CASE WHEN random() < {CHINESE_SHARE} THEN 1 + floor(random() * {len(chinese)})::int END
    AS chinese_id
FROM generate_series(1, {missing}) AS i;
CREATE UNLOGGED TABLE bench_rows AS
SELECT i, cc, number, upper(replace(number, '-', '')) AS number_key,
       'BENCH-' || lpad(i::text, 8, '0') AS delivery, port, ascii, c.name AS chinese,
       c.document AS chinese_document
FROM (SELECT *, cc || '-' || year || '-' || lpad(serial::text, 6, '0') AS number
      FROM bench_draws) AS d
LEFT JOIN bench_chinese AS c ON c.id = d.chinese_id;
DROP TABLE bench_draws;
""")
        generated = time.monotonic() - started
        started = time.monotonic()
        # The full-text index is made again after the load, as a bulk load
        # would: the same definition as the schema's.
        self.psql(f"""
SET maintenance_work_mem = '512MB';
DROP INDEX certificates_search;
INSERT INTO certificates (hub_delivery_number, from_country, to_country, certificate_type,
    certificate_status, nppo_certificate_number, number, number_key, ports, content, sha256,
    verdict, source, received_at, search)
SELECT delivery, cc, 'CN', 851, 70, number, number, number_key, ARRAY[port],
       '\\x3c62656e63682f3e'::bytea, md5(delivery), 'valid', 'hub',
       now() - make_interval(secs => ({missing} - i) * 30),
       to_tsvector('simple', {self.search_text_sql(lower=True)})
FROM bench_rows ORDER BY i;
CREATE INDEX certificates_search ON certificates USING gin (search);
""")
        self.psql('VACUUM (ANALYZE) certificates')
        loaded = time.monotonic() - started
        self.check_documents()
        self.psql('DROP TABLE bench_rows, bench_chinese')
        total = int(self.psql('SELECT count(*) FROM certificates'))
        size = self.psql("SELECT pg_size_pretty(pg_total_relation_size('certificates'))")
        log(f'  {total} rows ({size} with indexes): drawn in {generated:.0f} s, stored,'
            f' indexed and analysed in {loaded:.0f} s; content is an 8-byte placeholder'
            f' (no lookup reads it)')

    @staticmethod
    def search_text_sql(lower):
        """A row's search text as the office's search_document() joins it:
        number, number key, delivery number, NPPO number, countries, ports,
        then the words; lower-cased and split like the office when @lower."""
        ascii_part = ("number || ' ' || number_key || ' ' || delivery || ' ' || number || ' ' ||"
                      " cc || ' CN ' || port || ' ' || ascii")
        if lower:
            ascii_part = f"lower(regexp_replace({ascii_part}, '[^A-Za-z0-9]+', ' ', 'g'))"
            return f"{ascii_part} || coalesce(' ' || chinese_document, '')"
        return f"{ascii_part} || coalesce(' ' || chinese, '')"

    def check_documents(self):
        """The SQL rule against the office's own code, on about 2000 rows."""
        rows = self.psql(f"SELECT delivery, {self.search_text_sql(lower=False)} FROM bench_rows"
                         " WHERE i % 1000 = 0 OR (chinese IS NOT NULL AND i % 997 = 0)")
        pairs = [line.split('|', 1) for line in rows.split('\n') if line]
        documents = self.search_documents([text for _, text in pairs])
        differ = 0
        # In pieces: a command line has a limit.
        for start in range(0, len(pairs), 200):
            values = ','.join(f"('{delivery}', '{document}')" for (delivery, _), document
                              in zip(pairs[start:start + 200], documents[start:start + 200]))
            differ += int(self.psql(
                f'SELECT count(*) FROM (VALUES {values}) AS v (delivery, document)'
                ' JOIN certificates c ON c.hub_delivery_number = v.delivery'
                " WHERE c.search <> to_tsvector('simple', v.document)"))
        log(f'  search documents checked against the office\'s own code: {len(pairs)} rows'
            f' ({sum(1 for _, text in pairs if re.search("[^ -~]", text))} with Chinese),'
            f' {differ} differ')
        if differ:
            raise RuntimeError('the SQL search documents differ from the office\'s')

    def ask(self, kind, target, numbers):
        result = subprocess.run([self.query_helper, kind, target, str(self.args.runs),
                                 ','.join(numbers), ','.join(LATIN_WORDS),
                                 ','.join(CHINESE_WORDS)],
                                capture_output=True, text=True, encoding='utf-8', timeout=1800,
                                check=False)
        if result.returncode != 0:
            raise RuntimeError(f'office-bench-query {kind} failed: {result.stderr}')
        answers = {}
        for line in result.stdout.split('\n'):
            if line:
                label, median, p95, fewest, most = line.split()
                answers[label] = (float(median), float(p95), int(fewest), int(most))
        return answers

    def explain_ms(self, sql):
        plan = self.psql(f'EXPLAIN (ANALYZE) {sql}')
        match = re.search(r'Execution Time: ([\d.]+) ms', plan)
        return float(match.group(1)) if match else float('nan')

    def desk_cache(self):
        args = self.args
        cache = os.path.join(self.scratch, 'desk-cache.sqlite3')
        started = time.monotonic()
        env = dict(os.environ, LANGUAGE='en', LC_ALL='C.UTF-8')
        result = subprocess.run([self.ecert, 'bench', 'cache', '--count', str(args.cache_rows),
                                 '--cache', cache, '--generate-only'], stdin=subprocess.DEVNULL,
                                capture_output=True, text=True, env=env, timeout=3600,
                                check=False)
        if result.returncode != 0:
            raise RuntimeError(f'ecert bench cache failed: {result.stderr}')
        rate = re.search(r'insert rate:\s+(.*)', result.stdout)
        log(f'  desk cache: {args.cache_rows} certificates made by `ecert bench cache` in'
            f' {time.monotonic() - started:.0f} s'
            + (f' (insert rate {rate.group(1).split(" (")[0]})' if rate else ''))
        with sqlite3.connect(cache) as db:
            numbers = [row[0] for row in db.execute(
                "SELECT number FROM certificates WHERE number IS NOT NULL"
                " AND number NOT LIKE '%,%' ORDER BY (id * 7919) % 10007 LIMIT 50")]
        return cache, numbers

    def lookups(self):
        args = self.args
        self.fill_office()
        numbers = self.psql('SELECT number FROM certificates TABLESAMPLE BERNOULLI (1)'
                            ' REPEATABLE (417) LIMIT 50').split('\n')
        office = self.ask('office', self.pg.office_uri, numbers)
        rows = int(self.psql('SELECT count(*) FROM certificates'))
        server_ms = {
            'number': self.explain_ms('SELECT sequence FROM certificates WHERE number_key = '
                                      f"upper(replace('{numbers[0]}', '-', ''))"),
            'word': self.explain_ms("SELECT sequence FROM certificates WHERE search @@"
                                    f" to_tsquery('simple', '{LATIN_WORDS[0]}:*')"
                                    ' ORDER BY sequence DESC LIMIT 100'),
            'cjk': self.explain_ms("SELECT sequence FROM certificates WHERE search @@"
                                   f" to_tsquery('simple', '{CHINESE_WORDS[-1]}')"
                                   ' ORDER BY sequence DESC LIMIT 100'),
        }
        cache, cache_numbers = self.desk_cache()
        desk = self.ask('cache', cache, cache_numbers)
        questions = [('number', 'lookup by number', 5, 'one of 50 numbers, as written'),
                     ('word', 'one Latin word, first 100 newest', 100,
                      ', '.join(LATIN_WORDS)),
                     ('cjk', 'two-character Chinese word, first 100 newest', 100,
                      ', '.join(CHINESE_WORDS))]
        log(f'  each question asked {args.runs} times through the stores\' own functions'
            ' (office: ecert_office_store_find_by_number/_search over libpq;'
            ' desk: ecert_cache_lookup_number/_search), connection or cache already open')
        for key, label, target, detail in questions:
            median, p95, fewest, most = office[key]
            self.note('lookups', f'office ({rows} rows): {label}',
                      f'median {median:.2f} ms, p95 {p95:.2f} ms (target < {target} ms)',
                      f'{detail}; {fewest}-{most} rows returned; EXPLAIN ANALYZE of the'
                      f' commonest: {server_ms[key]:.2f} ms in the server')
            median, p95, fewest, most = desk[key]
            self.note('lookups', f'desk SQLite ({args.cache_rows} rows): {label}',
                      f'median {median:.2f} ms, p95 {p95:.2f} ms',
                      f'{fewest}-{most} rows returned')

    # The run

    def run(self):
        hub, first = self.ingest()
        second = self.fan_out(hub, first)
        self.latency(hub, (first, second))
        # The lookups alone: nothing else is running meanwhile.
        for instance in self.instances:
            instance.stop()
        hub.stop()
        self.lookups()

    def print_summary(self):
        log()
        log('Summary (PostgreSQL durable: fsync, synchronous_commit, full_page_writes on)')
        width = max(len(figure) for _, figure, _, _ in self.summary)
        for part, figure, value, _ in self.summary:
            log(f'  {part:<8} {figure:<{width}}  {value}')


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('build', help='the build directory, e.g. _build/release')
    parser.add_argument('--count', type=int, default=5000,
                        help='envelopes seeded at the hub (default 5000)')
    parser.add_argument('--desks', type=int, default=20, help='desks in the fan-out (default 20)')
    parser.add_argument('--fanout-country', default='busiest',
                        help='the exporter whose certificates the fan-out\'s desks take, or'
                             ' "all" (default: the busiest, about a sixth of all: with'
                             ' everything, 20 desks take about ten minutes on two cores)')
    parser.add_argument('--waiters', type=int, default=20,
                        help='connections waiting for an arrival (default 20)')
    parser.add_argument('--rounds', type=int, default=10,
                        help='arrivals waited for (default 10)')
    parser.add_argument('--rows', type=int, default=1_000_000,
                        help='rows of the office\'s table for the lookups (default 1000000)')
    parser.add_argument('--cache-rows', type=int, default=250_000,
                        help='certificates of the desk\'s cache for the lookups (default 250000)')
    parser.add_argument('--runs', type=int, default=60,
                        help='times each lookup is asked (default 60)')
    args = parser.parse_args()

    bench = Bench(args)
    # SIGTERM ends the run like ^C: everything started is stopped.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        bench.run()
        bench.print_summary()
    finally:
        bench.cleanup()


if __name__ == '__main__':
    main()
