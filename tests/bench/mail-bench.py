#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Speed and memory of `ecert mail fetch` against a local Dovecot over TLS:
COUNT messages (default 2,000), each carrying one signed certificate, read
into an empty cache; then the peak memory of reading one message of 25 MiB
(a certificate and a large scanned attachment beside it) and of turning
down one over the limit. Prints figures; it is not a test.

    tests/bench/mail-bench.py BUILD-DIR [COUNT]

Use a release build: meson setup BUILD --buildtype=release -Dgui=false.
Compare with tests/bench/sync-bench.sh on the same machine."""

import email.mime.application
import email.mime.multipart
import email.mime.text
import os
import pathlib
import shutil
import subprocess
import sys
import tempfile
import time

SOURCE = pathlib.Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(SOURCE / 'tests' / 'integration'))

BUILD = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else '_build/release').resolve()
COUNT = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
os.environ.setdefault('ECERT', str(BUILD / 'src' / 'cli' / 'ecert'))
os.environ.setdefault('ECERT_HUB', str(BUILD / 'src' / 'hub' / 'ecert-hub'))

import hubtest  # noqa: E402
import mailserver  # noqa: E402

ECERT = os.environ['ECERT']
PKI = SOURCE / 'tests' / 'data' / 'pki'
TRUST = f'NZ={PKI / "nz-root.pem"}'


def message(index, certificate, extra=None):
    mail = email.mime.multipart.MIMEMultipart()
    mail['From'] = 'NPPO New Zealand <ecert@nppo.nz.example>'
    mail['Subject'] = f'Phytosanitary certificate {index}'
    mail['Message-ID'] = f'<bench-{index}@nppo.nz.example>'
    mail.attach(email.mime.text.MIMEText('Certificate attached.\n'))
    attachment = email.mime.application.MIMEApplication(certificate, 'xml')
    attachment.add_header('Content-Disposition', 'attachment', filename=f'{index}.xml')
    mail.attach(attachment)
    if extra is not None:
        scan = email.mime.application.MIMEApplication(extra, 'pdf')
        scan.add_header('Content-Disposition', 'attachment', filename='scan.pdf')
        mail.attach(scan)
    return mail.as_bytes()


def fetch(server, cache, *extra):
    env = dict(os.environ, ECERT_MAIL_PASSWORD=mailserver.PASSWORD, LANGUAGE='en',
               LC_ALL='C.UTF-8')
    # Its report goes to files: a pipe nobody reads until the end would
    # fill up and stop it.
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        process = subprocess.Popen([ECERT, 'mail', 'fetch', '--cache', str(cache), '--trust',
                                    TRUST, *server.ecert_arguments(), *extra],
                                   stdout=out, stderr=err, env=env)
        started = time.monotonic()
        peak = hubtest.peak_memory_until_exit(process)
        seconds = time.monotonic() - started
        out.seek(0)
        err.seek(0)
        lines = out.read().decode().strip().splitlines()
        problems = err.read().decode().strip().splitlines()
    return seconds, peak, lines[-1] if lines else (problems[-1] if problems else '')


def main():
    tmp = pathlib.Path(tempfile.mkdtemp(prefix='ecert-mail-bench-'))
    pki = hubtest.Hub(count=0)
    server = mailserver.Dovecot(pki.dir)
    try:
        server.start()
        subprocess.run([ECERT, 'bench', 'corpus', str(tmp / 'corpus'), str(COUNT), '--exporter',
                        'NZ', '--key', str(PKI / 'nz-signer.key'), '--cert',
                        str(PKI / 'nz-signer.pem'), '--chain', str(PKI / 'nz-ca.pem')],
                       check=True, stdout=subprocess.DEVNULL)
        corpus = sorted((tmp / 'corpus').glob('*.xml'))
        messages = [message(i, path.read_bytes()) for i, path in enumerate(corpus)]
        size = sum(len(m) for m in messages) / len(messages)
        server.deliver(messages)

        seconds, peak, summary = fetch(server, tmp / 'cache.sqlite3')
        print(f'{COUNT} messages of {size / 1024:.1f} KB each, one signed certificate in each, '
              f'from Dovecot over TLS on loopback:')
        print(f'  {COUNT / seconds:.0f} messages/second, {COUNT / seconds:.0f} certificates/second '
              f'({seconds:.1f} s, peak memory {peak:.1f} MiB)')
        print(f'  {summary}')

        big = os.urandom(24 * 1024 * 1024 * 3 // 4 - 64 * 1024)
        server.deliver([message('large', corpus[0].read_bytes(), extra=big)])
        seconds, peak, summary = fetch(server, tmp / 'large.sqlite3')
        print(f'One message of about 24.5 MiB (a certificate and a scanned attachment): '
              f'{seconds:.1f} s, peak memory {peak:.1f} MiB')
        print(f'  {summary}')

        server.deliver([message('over', corpus[1].read_bytes(), extra=big + big[:8 << 20])])
        seconds, peak, summary = fetch(server, tmp / 'over.sqlite3')
        print(f'One message over the 25 MiB limit, turned down unread: {seconds:.1f} s, '
              f'peak memory {peak:.1f} MiB')
        print(f'  {summary}')
    finally:
        server.cleanup()
        pki.cleanup()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == '__main__':
    main()
