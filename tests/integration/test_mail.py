#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Certificates pushed by mail, read from a real IMAP server (Dovecot,
started here) by `ecert mail fetch`: 200 messages carrying 230 certificates
are each stored once and each message is marked; a fetch killed at ten
random moments and run again loses and doubles nothing; a wrong password,
an untrusted server and a server that goes away mid-fetch give clear
errors, and nothing is marked that was not stored. Also: `ecert mail import`
on a Maildir the local hub writes, with S/MIME-signed messages."""

import email.mime.application
import email.mime.multipart
import email.mime.text
import email.utils
import json
import os
import pathlib
import quopri
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(__file__))

import hubtest  # noqa: E402
import mailserver  # noqa: E402

ECERT = os.environ['ECERT']
ECERT_HUB = os.environ['ECERT_HUB']
PKI = pathlib.Path(os.environ['ECERT_TEST_DATA_DIR']) / 'pki'
TRUST = f'NZ={PKI / "nz-root.pem"}'

checker = hubtest.Checker()
check = checker.check


def environment():
    return dict(os.environ, LANGUAGE='en', LC_ALL='C.UTF-8',
                ECERT_MAIL_PASSWORD=mailserver.PASSWORD)


def ecert(*argv, timeout=300, env=None):
    return subprocess.run([ECERT, *argv], capture_output=True, text=True, timeout=timeout,
                          env=env or environment(), check=False)


def make_corpus(directory, count):
    result = ecert('bench', 'corpus', str(directory), str(count), '--exporter', 'NZ',
                   '--key', str(PKI / 'nz-signer.key'), '--cert', str(PKI / 'nz-signer.pem'),
                   '--chain', str(PKI / 'nz-ca.pem'))
    if result.returncode != 0:
        raise RuntimeError(f'ecert bench corpus failed: {result.stderr}')
    return sorted(directory.glob('*.xml'))


def make_messages(certificates, count, doubles):
    """count messages; the first `doubles` carry two certificates each, the
    rest one; attached as application/xml in base64, or text/xml in
    quoted-printable, as different partners' systems do."""
    messages = []
    expected = {}
    files = iter(certificates)
    for index in range(count):
        message = email.mime.multipart.MIMEMultipart()
        message_id = f'push-{index:04d}@nppo.nz.example'
        message['From'] = 'NPPO New Zealand <ecert@nppo.nz.example>'
        message['To'] = 'ecert@nppo.cn.example'
        message['Subject'] = f'Phytosanitary certificates, message {index}'
        message['Message-ID'] = f'<{message_id}>'
        message['Date'] = email.utils.formatdate(localtime=True)
        message.attach(email.mime.text.MIMEText('Please find the certificates attached.\n'))
        numbers = []
        for _ in range(2 if index < doubles else 1):
            path = next(files)
            data = path.read_bytes()
            if index % 3 == 0:
                part = email.mime.text.MIMEText(data.decode(), 'xml', 'utf-8')
                part.replace_header('Content-Transfer-Encoding', 'quoted-printable')
                part.set_payload(quopri.encodestring(data).decode())
            else:
                part = email.mime.application.MIMEApplication(data, 'xml')
            part.add_header('Content-Disposition', 'attachment', filename=path.name)
            message.attach(part)
            numbers.append(path.stem)
        messages.append(message.as_bytes())
        expected[message_id] = numbers
    return messages, expected


def cache_counts(cache):
    """Certificates, mail receipts and the Message-IDs stored; nothing yet
    while the desk is still making the cache's tables."""
    try:
        with sqlite3.connect(f'file:{cache}?mode=ro', uri=True, timeout=30) as db:
            certificates = db.execute('SELECT count(*) FROM certificates').fetchone()[0]
            receipts = db.execute("SELECT count(*) FROM receipts"
                                  " WHERE source = 'mail'").fetchone()[0]
            stored_ids = {row[0] for row in db.execute(
                "SELECT DISTINCT mail_message_id FROM receipts WHERE source = 'mail'")}
    except sqlite3.OperationalError:
        return 0, 0, set()
    return certificates, receipts, stored_ids


def mark_unread(server):
    with server.imap() as client:
        client.select('INBOX')
        client.uid('STORE', '1:*', '-FLAGS.SILENT', '(\\Seen $EcertImported)')


def fetch(server, cache, *extra, env=None):
    return ecert('mail', 'fetch', '--cache', str(cache), '--trust', TRUST,
                 *server.ecert_arguments(), *extra, env=env)


def test_fetch_and_interruptions(server, tmp):
    certificates = make_corpus(tmp / 'corpus', 230)
    messages, expected = make_messages(certificates, 200, 30)
    server.deliver(messages)
    cache = tmp / 'killed.sqlite3'

    # Ten runs killed at random moments, then one run to the end.
    rng = random.Random(20261207)
    first = fetch(server, cache)
    check('a first full fetch succeeds', first.returncode == 0, first.stderr)

    flags = server.flags_by_message_id()
    certificates_stored, receipts, stored_ids = cache_counts(cache)
    check('230 certificates stored from 200 messages', certificates_stored == 230,
          certificates_stored)
    check('one mail receipt per certificate', receipts == 230, receipts)
    check('every message marked read and imported',
          all({'\\Seen', '$EcertImported'} <= flags.get(i, set()) for i in expected),
          {i: f for i, f in flags.items() if '$EcertImported' not in f})

    # Now mark everything unread again and start over on a new cache, killing
    # the desk ten times along the way.
    mark_unread(server)
    cache = tmp / 'interrupted.sqlite3'
    kills = 0
    # Ten kills, each once the desk has reported a random number of batches
    # read (its own progress lines, not a time). A run that ends first does
    # not count; when the folder is done before the tenth kill, it is marked
    # unread again, so the runs after it read what is already stored.
    for _ in range(30):
        if kills == 10:
            break
        target = rng.randint(1, 8)
        # Small transactions, so that there are moments enough to kill it at.
        process = subprocess.Popen([ECERT, 'mail', 'fetch', '--cache', str(cache), '--trust',
                                    TRUST, '--batch', '3', *server.ecert_arguments()],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                   env=environment())
        batches = 0
        errors = []
        for line in process.stderr:
            errors.append(line.decode(errors='replace'))
            batches += ' messages read' in errors[-1]
            if batches >= target:
                process.send_signal(signal.SIGKILL)
                kills += 1
                break
        process.wait()
        process.stderr.close()
        if process.returncode != -signal.SIGKILL:
            check(f'a run that was not killed ends well ({target} batches)',
                  process.returncode == 0, ''.join(errors)[-2000:])
            mark_unread(server)
        # Whatever is marked imported must have its certificates stored.
        flags = server.flags_by_message_id()
        _, _, stored_ids = cache_counts(cache)
        marked = {i for i, f in flags.items() if '$EcertImported' in f}
        if not check(f'after interruption {kills}: nothing marked that is not stored',
                     marked <= stored_ids, marked - stored_ids):
            break
    check('the desk was killed mid-fetch ten times', kills == 10, kills)

    final = fetch(server, cache)
    check('the run after the interruptions succeeds', final.returncode == 0, final.stderr)
    certificates_stored, receipts, _ = cache_counts(cache)
    flags = server.flags_by_message_id()
    check('after ten interruptions: 230 certificates, none doubled', certificates_stored == 230,
          certificates_stored)
    check('after ten interruptions: one receipt per certificate', receipts == 230, receipts)
    check('after ten interruptions: every message marked',
          all('$EcertImported' in flags.get(i, set()) for i in expected))

    again = fetch(server, cache)
    check('a fetch with nothing new reads nothing', again.returncode == 0 and
          '0 messages' in again.stdout, again.stdout + again.stderr)


def test_rejected_and_moved(server, tmp):
    junk = (b'From: someone@example.org\r\nTo: ecert@nppo.cn.example\r\n'
            b'Message-ID: <junk@example.org>\r\nSubject: hello\r\n\r\nno certificate here\r\n')
    certificate = make_corpus(tmp / 'one', 1)[0]
    messages, _ = make_messages([certificate], 1, 0)
    moved = messages[0].replace(b'push-0000@', b'moved-0000@')
    server.deliver([junk, moved])
    cache = tmp / 'moved.sqlite3'
    result = fetch(server, cache, '--move-to', 'Processed')
    check('a message with no certificate is reported', 'carries no SPS certificate' in
          result.stderr, result.stderr)
    flags = server.flags_by_message_id()
    check('it is marked $EcertRejected and stays unread',
          '$EcertRejected' in flags.get('junk@example.org', set()) and
          '\\Seen' not in flags.get('junk@example.org', set()), flags.get('junk@example.org'))
    check('the imported message is moved to Processed',
          'moved-0000@nppo.nz.example' not in flags and
          'moved-0000@nppo.nz.example' in server.flags_by_message_id('Processed'))
    again = fetch(server, cache)
    check('a rejected message is not read again', 'junk@example.org' not in again.stderr and
          '0 messages' in again.stdout, again.stdout + again.stderr)


def test_errors(server, tmp):
    cache = tmp / 'errors.sqlite3'
    wrong = fetch(server, cache, env=dict(environment(), ECERT_MAIL_PASSWORD='wrong'))
    check('a wrong password is a clear error', wrong.returncode == 2 and
          'did not accept the user name and password' in wrong.stderr, wrong.stderr)

    untrusted = ecert('mail', 'fetch', '--cache', str(cache), '--trust', TRUST, '--host',
                      'localhost', '--port', str(server.imaps_port), '--user', mailserver.USER)
    check('a server certificate nobody vouches for is refused', untrusted.returncode == 2 and
          'could not be trusted' in untrusted.stderr, untrusted.stderr)

    starttls = fetch(server, cache, '--port', str(server.imap_port), '--starttls')
    check('STARTTLS on the plain port works', starttls.returncode == 0,
          starttls.stdout + starttls.stderr)

    refused = ecert('mail', 'fetch', '--cache', str(cache), '--trust', TRUST, '--host',
                    '127.0.0.1', '--port', str(mailserver.free_port()), '--user', 'x')
    check('a server that is not there is a clear error', refused.returncode == 2 and
          'cannot be reached' in refused.stderr, refused.stderr)


def test_server_gone(server, tmp):
    certificates = make_corpus(tmp / 'gone-corpus', 150)
    messages, expected = make_messages(certificates, 150, 0)
    messages = [m.replace(b'push-', b'gone-') for m in messages]
    server.deliver(messages)
    cache = tmp / 'gone.sqlite3'
    process = subprocess.Popen([ECERT, 'mail', 'fetch', '--cache', str(cache), '--trust', TRUST,
                                *server.ecert_arguments()],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env=environment())
    # The server dies once the desk has stored something, not after a time.
    mailserver.wait_for(lambda: process.poll() is not None or
                        (cache.exists() and cache_counts(cache)[1] >= 1),
                        'the first certificates to be stored', timeout=300)
    server.crash()
    out, err = process.communicate(timeout=120)
    check('a server gone mid-fetch is a clear error',
          process.returncode == 2 and ('lost' in err or 'closed the connection' in err or
                                       'ended the session' in err), err)
    server.start()
    gone_ids = {i.replace('push-', 'gone-') for i in expected}
    flags = {i: f for i, f in server.flags_by_message_id().items() if i in gone_ids}
    _, _, stored_ids = cache_counts(cache)
    marked = {i for i, f in flags.items() if '$EcertImported' in f}
    check('the desk had not finished when the server died',
          len(marked) < len(gone_ids), len(marked))
    check('after the server went away, nothing marked that is not stored', marked <= stored_ids,
          marked - stored_ids)
    final = fetch(server, cache)
    certificates_stored, receipts, _ = cache_counts(cache)
    check('the next fetch finishes the job', final.returncode == 0 and
          certificates_stored >= 150, (final.stderr, certificates_stored))


def test_hub_pushes_to_maildir(tmp):
    """The local hub plays the partners that push by mail: the desk reads
    its Maildir, and S/MIME signatures by the exporting NPPOs verify."""
    hub = hubtest.Hub(count=30)
    maildir = tmp / 'hub-maildir'
    try:
        hub.start('--mail-to', f'maildir:{maildir}')
        mailserver.wait_for(lambda: (maildir / 'new').is_dir() and
                            'mailed' in hub.server_errors(), 'the hub to push mail')
    finally:
        hub.stop()
    texts = [path.read_bytes() for path in (maildir / 'new').iterdir()]
    check('the hub pushed messages', len(texts) > 0, len(texts))
    check('some are signed with S/MIME, detached and opaque, some not',
          any(b'multipart/signed' in t for t in texts) and
          any(b'application/pkcs7-mime' in t for t in texts) and
          any(b'pkcs7' not in t for t in texts))

    anchors = []
    for ca in sorted(pathlib.Path(hub.dir).glob('nppo-*-ca.pem')):
        anchors += ['--trust', f'{ca.name.split("-")[1]}={ca}']
    cache = tmp / 'hub-mail.sqlite3'
    result = ecert('mail', 'import', '--cache', str(cache), '--trust-dir', str(tmp / 'trust'),
                   *anchors, str(maildir))
    stored = [line for line in result.stdout.splitlines() if ': stored ' in line]
    check('ecert mail import stores the pushed certificates', len(stored) > 0, result.stdout)
    check('the Maildir\'s new messages move to cur/', not list((maildir / 'new').iterdir()))

    signed = unsigned = 0
    for line in stored:
        number = line.split(': stored ', 1)[1].split(' ', 1)[0]
        shown = ecert('get', '--cache', str(cache), '--json', number)
        receipts = json.loads(shown.stdout)['results'][0]['stored']['receipts']
        mail = [r for r in receipts if r.get('source') == 'mail']
        if mail and mail[0].get('mail_signature') == 'signed':
            signed += 1
        elif mail and mail[0].get('mail_signature') == 'not-signed':
            unsigned += 1
    check('the NPPOs\' S/MIME signatures verify, and unsigned mail says so',
          signed > 0 and unsigned > 0, (signed, unsigned))
    hub.cleanup()


def main():
    tmp = pathlib.Path(tempfile.mkdtemp(prefix='ecert-mail-test-'))
    pki_hub = hubtest.Hub(count=0)
    server = mailserver.Dovecot(pki_hub.dir)
    try:
        server.start()
        test_fetch_and_interruptions(server, tmp)
        test_rejected_and_moved(server, tmp)
        test_errors(server, tmp)
        test_server_gone(server, tmp)
        test_hub_pushes_to_maildir(tmp)
    except Exception:
        print(server.log()[-4000:])
        raise
    finally:
        server.cleanup()
        pki_hub.cleanup()
        shutil.rmtree(tmp, ignore_errors=True)
    checker.finish()


if __name__ == '__main__':
    main()
