# SPDX-License-Identifier: GPL-3.0-or-later
"""A real IMAP server for the mail tests: Dovecot, started unprivileged on
loopback ports with its configuration, password file, Maildirs and TLS
certificate in a temporary directory, mail delivered into it over LMTP, and
stopped by its PID file. Its TLS certificate is the one `ecert-hub init`
makes for localhost, trusted through the hub's CA file."""

import imaplib
import os
import pwd
import shutil
import signal
import smtplib
import socket
import ssl
import subprocess
import tempfile
import time

DOVECOT = shutil.which('dovecot') or '/usr/sbin/dovecot'
USER = 'inspector'
PASSWORD = 'pushed certificates'


def free_port():
    with socket.socket() as probe:
        probe.bind(('127.0.0.1', 0))
        return probe.getsockname()[1]


def wait_for(condition, what, timeout=120):
    """Waits for a condition, not for a time: generous, for a loaded machine."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise RuntimeError(f'gave up waiting for {what} after {timeout} s')


def descendants(ancestor):
    """@ancestor and every process below it, from /proc."""
    parents = {}
    for entry in os.listdir('/proc'):
        if entry.isdigit():
            try:
                with open(f'/proc/{entry}/stat') as stream:
                    fields = stream.read().rsplit(')', 1)[1].split()
                parents[int(entry)] = int(fields[1])
            except (FileNotFoundError, ProcessLookupError, IndexError):
                continue
    family = {ancestor}
    grew = True
    while grew:
        grew = False
        for pid, parent in parents.items():
            if parent in family and pid not in family:
                family.add(pid)
                grew = True
    return sorted(family)


class Dovecot:
    def __init__(self, pki_dir):
        self.scratch = tempfile.mkdtemp(prefix='ecert-dovecot-')
        os.chmod(self.scratch, 0o755)
        self.ca_file = os.path.join(pki_dir, 'hub-ca.pem')
        self.imaps_port = free_port()
        self.imap_port = free_port()
        self.lmtp_port = free_port()
        # The server refuses nothing as root, but a test has no business
        # running it so: as root, it runs as nobody.
        self.account = 'nobody' if os.geteuid() == 0 else pwd.getpwuid(os.geteuid()).pw_name
        entry = pwd.getpwnam(self.account)
        self.uid, self.gid = entry.pw_uid, entry.pw_gid
        self.group = grp_name(self.gid)
        for name in ('server.pem', 'server.key'):
            shutil.copy(os.path.join(pki_dir, name), os.path.join(self.scratch, name))
        with open(os.path.join(self.scratch, 'passwd'), 'w') as stream:
            stream.write(f'{USER}:{{PLAIN}}{PASSWORD}\n')
        self.config = os.path.join(self.scratch, 'dovecot.conf')
        with open(self.config, 'w') as stream:
            stream.write(self.configuration())
        for root, dirs, files in os.walk(self.scratch):
            for name in dirs + files:
                os.chown(os.path.join(root, name), self.uid, self.gid)
        os.chown(self.scratch, self.uid, self.gid)
        self.started = False

    def configuration(self):
        s = self.scratch
        return f"""
base_dir = {s}/run
state_dir = {s}/state
instance_name = ecert-test-{os.getpid()}
log_path = {s}/dovecot.log
protocols = imap lmtp
listen = 127.0.0.1
default_internal_user = {self.account}
default_internal_group = {self.group}
default_login_user = {self.account}
ssl = yes
ssl_cert = <{s}/server.pem
ssl_key = <{s}/server.key
ssl_min_protocol = TLSv1.2
disable_plaintext_auth = yes
auth_mechanisms = plain
passdb {{
  driver = passwd-file
  args = scheme=PLAIN {s}/passwd
}}
userdb {{
  driver = static
  args = uid={self.uid} gid={self.gid} home={s}/mail/%u
}}
mail_location = maildir:~/Maildir
namespace inbox {{
  inbox = yes
  separator = /
  mailbox Processed {{
    auto = create
  }}
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {self.imap_port}
  }}
  inet_listener imaps {{
    address = 127.0.0.1
    port = {self.imaps_port}
    ssl = yes
  }}
}}
service lmtp {{
  inet_listener lmtp {{
    address = 127.0.0.1
    port = {self.lmtp_port}
  }}
}}
service anvil {{
  chroot =
}}
"""

    def command(self, *argv):
        prefix = []
        if os.geteuid() == 0:
            prefix = ['setpriv', f'--reuid={self.uid}', f'--regid={self.gid}', '--clear-groups',
                      '--']
        return prefix + list(argv)

    def start(self):
        # The daemon keeps whatever it was started with open: no pipes, or
        # this would wait for it to exit. It logs to its own file.
        started = subprocess.run(self.command(DOVECOT, '-c', self.config),
                                 stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL, check=False)
        if started.returncode != 0:
            raise RuntimeError(f'dovecot did not start: {self.log()}')
        self.started = True
        wait_for(self.answers, 'Dovecot to answer over IMAPS')
        return self

    def pid(self):
        try:
            with open(os.path.join(self.scratch, 'run', 'master.pid')) as stream:
                return int(stream.read().strip())
        except (FileNotFoundError, ValueError):
            return None

    def answers(self):
        try:
            with imaplib.IMAP4_SSL('127.0.0.1', self.imaps_port,
                                   ssl_context=self.tls_context(), timeout=5) as client:
                return client.welcome.startswith(b'* OK')
        except OSError:
            return False

    def processes(self):
        """The master and every process below it (logins, IMAP sessions)."""
        master = self.pid()
        return descendants(master) if master is not None else []

    def crash(self):
        """The server dies at once, connections and all, as a machine that
        loses power would: SIGKILL to every process of it."""
        for pid in self.processes():
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        for pid in self.processes():
            wait_for(lambda: not os.path.exists(f'/proc/{pid}'), 'Dovecot to die', timeout=60)
        for stale in ('master.pid',):
            try:
                os.unlink(os.path.join(self.scratch, 'run', stale))
            except FileNotFoundError:
                pass
        self.started = False

    def stop(self):
        pid = self.pid()
        if pid is None or not self.started:
            return
        try:
            os.kill(pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        wait_for(lambda: not os.path.exists(f'/proc/{pid}'), 'Dovecot to stop', timeout=60)
        self.started = False

    def cleanup(self):
        self.stop()
        shutil.rmtree(self.scratch, ignore_errors=True)

    def log(self):
        try:
            with open(os.path.join(self.scratch, 'dovecot.log')) as stream:
                return stream.read()
        except FileNotFoundError:
            return ''

    def tls_context(self):
        context = ssl.create_default_context(cafile=self.ca_file)
        return context

    def deliver(self, messages):
        """Delivers each message (bytes) to the test user over LMTP."""
        with smtplib.LMTP('127.0.0.1', self.lmtp_port) as lmtp:
            for message in messages:
                lmtp.sendmail('ecert@nppo.example', [USER], message)

    def imap(self):
        client = imaplib.IMAP4_SSL('127.0.0.1', self.imaps_port, ssl_context=self.tls_context(),
                                   timeout=30)
        client.login(USER, PASSWORD)
        return client

    def flags_by_message_id(self, folder='INBOX'):
        """Message-ID → set of flags, read with Python's own IMAP client,
        without marking anything read."""
        result = {}
        with self.imap() as client:
            client.select(folder, readonly=True)
            status, data = client.uid('FETCH', '1:*',
                                      '(FLAGS BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)])')
            if status != 'OK':
                raise RuntimeError(f'FETCH answered {status}')
            for item in data:
                if not isinstance(item, tuple):
                    continue
                header = item[1].decode('ascii', 'replace')
                message_id = header.split(':', 1)[1].strip().strip('<>') if ':' in header else ''
                flags = item[0].decode().split('FLAGS (', 1)[1].split(')', 1)[0].split()
                result[message_id] = set(flags)
        return result

    def ecert_arguments(self, *, port=None, starttls=False):
        return ['--host', 'localhost', '--port', str(port or self.imaps_port), '--user', USER,
                '--ca', self.ca_file] + (['--starttls'] if starttls else [])


def grp_name(gid):
    import grp
    return grp.getgrgid(gid).gr_name
