# SPDX-License-Identifier: GPL-3.0-or-later
"""A real PostgreSQL 15 for the office's tests: a cluster made with initdb
in a temporary directory, started unprivileged on a free loopback port with
its socket in that directory, and stopped by pg_ctl or, failing that, by
its PID. It has the office's service role `ecert_office` (no superuser)
owning a database `ecert_office`, and a role `ecert_reporting`; the test
gets a libpq URI for each. The same cluster can be stopped and started
again, or killed, to test what the office does when its database goes.

    with pgserver.PostgreSQL() as server:
        run_something(server.office_uri)
"""

import os
import pwd
import secrets
import shutil
import signal
import subprocess
import tempfile

from mailserver import descendants, free_port, wait_for

BINDIR = '/usr/lib/postgresql/15/bin'


def available():
    return os.access(os.path.join(BINDIR, 'initdb'), os.X_OK)


class PostgreSQL:
    def __init__(self, durable=False):
        """A cluster for tests trades durability for speed (fsync,
        synchronous_commit and full_page_writes off); durable=True keeps
        PostgreSQL's defaults, for measuring what a real office would see."""
        if not available():
            raise RuntimeError(f'PostgreSQL 15 is not installed ({BINDIR}): run build-aux/deps')
        self.scratch = tempfile.mkdtemp(prefix='ecert-postgresql-')
        os.chmod(self.scratch, 0o755)
        self.data = os.path.join(self.scratch, 'data')
        self.sockets = os.path.join(self.scratch, 'run')
        self.logfile = os.path.join(self.scratch, 'postgresql.log')
        self.port = free_port()
        # The server refuses to run as root: as root, it runs as the system
        # account the package made (or nobody, where there is none).
        if os.geteuid() == 0:
            try:
                entry = pwd.getpwnam('postgres')
            except KeyError:
                entry = pwd.getpwnam('nobody')
        else:
            entry = pwd.getpwuid(os.geteuid())
        self.uid, self.gid = entry.pw_uid, entry.pw_gid
        self.passwords = {name: secrets.token_hex(12)
                          for name in ('postgres', 'ecert_office', 'ecert_reporting')}
        self.durable = durable
        self.initialised = False
        self.running = False

    # The cluster

    def command(self, *argv):
        prefix = []
        if os.geteuid() == 0:
            prefix = ['setpriv', f'--reuid={self.uid}', f'--regid={self.gid}', '--init-groups',
                      '--']
        return prefix + list(argv)

    def run(self, *argv, check=True):
        result = subprocess.run(self.command(*argv), stdin=subprocess.DEVNULL,
                                capture_output=True, text=True, timeout=300, check=False)
        if check and result.returncode != 0:
            raise RuntimeError(f'{" ".join(argv)} failed: {result.stderr or result.stdout}'
                               f'\n{self.log()}')
        return result

    def initialise(self):
        os.mkdir(self.sockets)
        pwfile = os.path.join(self.scratch, 'pwfile')
        with open(pwfile, 'w') as stream:
            stream.write(self.passwords['postgres'] + '\n')
        for path in (self.scratch, self.sockets, pwfile):
            os.chown(path, self.uid, self.gid)
        # Over TCP with passwords, as the office connects; through the
        # socket in the scratch directory, which only this user reaches,
        # without, for the set-up below.
        self.run(os.path.join(BINDIR, 'initdb'), '--pgdata', self.data, '--username', 'postgres',
                 '--pwfile', pwfile, '--auth-host', 'scram-sha-256', '--auth-local', 'trust',
                 '--encoding', 'UTF8', '--locale', 'C.UTF-8', '--no-sync')
        os.unlink(pwfile)
        with open(os.path.join(self.data, 'postgresql.conf'), 'a') as stream:
            stream.write(f"""
listen_addresses = '127.0.0.1'
port = {self.port}
unix_socket_directories = '{self.sockets}'
shared_buffers = 16MB
max_connections = 40
logging_collector = off
log_min_messages = warning
""")
            if not self.durable:
                stream.write("""fsync = off
synchronous_commit = off
full_page_writes = off
""")
        self.initialised = True

    def start(self):
        if not self.initialised:
            self.initialise()
        # pg_ctl's server keeps what it was started with open: no pipes, or
        # this would wait for the server to exit. It logs to its own file.
        started = subprocess.run(
            self.command(os.path.join(BINDIR, 'pg_ctl'), '--pgdata', self.data,
                         '--log', self.logfile, '--no-wait', 'start'),
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            timeout=300, check=False)
        if started.returncode != 0:
            raise RuntimeError(f'PostgreSQL did not start:\n{self.log()}')
        self.running = True
        wait_for(self.ready, 'PostgreSQL to accept connections')
        if not self.has_roles():
            self.create_roles()
        return self

    def pid(self):
        try:
            with open(os.path.join(self.data, 'postmaster.pid')) as stream:
                return int(stream.readline().strip())
        except (FileNotFoundError, ValueError):
            return None

    def alive(self, pid):
        try:
            with open(f'/proc/{pid}/stat') as stream:
                return stream.read().rsplit(')', 1)[1].split()[0] != 'Z'
        except (FileNotFoundError, IndexError):
            return False

    def ready(self):
        pid = self.pid()
        if pid is not None and not self.alive(pid):
            raise RuntimeError(f'PostgreSQL exited while starting:\n{self.log()}')
        answer = subprocess.run([os.path.join(BINDIR, 'pg_isready'), '--host', '127.0.0.1',
                                 '--port', str(self.port), '--timeout', '5'],
                                stdin=subprocess.DEVNULL, capture_output=True, check=False)
        return answer.returncode == 0

    def processes(self):
        """The postmaster and every process below it."""
        postmaster = self.pid()
        return descendants(postmaster) if postmaster is not None else []

    def stop(self):
        """Stops the server (fast: connections are ended, work is kept);
        start() brings the same cluster back on the same port."""
        if not self.running:
            return
        pid = self.pid()
        stopped = self.run(os.path.join(BINDIR, 'pg_ctl'), '--pgdata', self.data, '--mode',
                           'fast', '--timeout', '120', '--wait', 'stop', check=False)
        if stopped.returncode != 0 and pid is not None:
            self.kill()
        elif pid is not None:
            wait_for(lambda: not self.alive(pid), 'PostgreSQL to stop', timeout=120)
        self.running = False

    def kill(self):
        """The server dies at once, as on a power cut: SIGKILL to every one
        of its processes. start() recovers the cluster."""
        family = self.processes()
        for pid in family:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        for pid in family:
            wait_for(lambda: not self.alive(pid), 'PostgreSQL to die', timeout=60)
        # The server would take its lock files for a running server's as
        # long as the dead one is not reaped (a zombie still answers
        # kill(pid, 0)), and nothing here reaps it: its parent, pg_ctl, is
        # gone.
        socket_file = os.path.join(self.sockets, f'.s.PGSQL.{self.port}')
        for stale in (os.path.join(self.data, 'postmaster.pid'), socket_file,
                      socket_file + '.lock'):
            try:
                os.unlink(stale)
            except FileNotFoundError:
                pass
        self.running = False

    def cleanup(self):
        try:
            self.stop()
        finally:
            shutil.rmtree(self.scratch, ignore_errors=True)

    def __enter__(self):
        try:
            return self.start()
        except BaseException:
            self.cleanup()
            raise

    def __exit__(self, *exc):
        self.cleanup()
        return False

    def log(self):
        try:
            with open(self.logfile, errors='replace') as stream:
                return stream.read()[-4000:]
        except FileNotFoundError:
            return ''

    # Roles and databases

    def psql(self, sql, database='postgres'):
        """Runs SQL as the superuser, through the socket; returns what it
        printed, unaligned, without headers."""
        result = self.run(os.path.join(BINDIR, 'psql'), '--host', self.sockets, '--port',
                          str(self.port), '--username', 'postgres', '--dbname', database,
                          '--no-psqlrc', '--quiet', '--tuples-only', '--no-align',
                          '--set', 'ON_ERROR_STOP=1', '--command', sql)
        return result.stdout.strip()

    def has_roles(self):
        return self.psql("SELECT count(*) FROM pg_roles WHERE rolname = 'ecert_office'") == '1'

    def create_roles(self):
        office = self.passwords['ecert_office']
        reporting = self.passwords['ecert_reporting']
        self.psql(f"CREATE ROLE ecert_office LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE "
                  f"PASSWORD '{office}'")
        self.psql(f"CREATE ROLE ecert_reporting LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE "
                  f"PASSWORD '{reporting}'")
        self.psql('CREATE DATABASE ecert_office OWNER ecert_office')

    def uri(self, role, database='ecert_office', **options):
        query = '&'.join(f'{key}={value}' for key, value in options.items())
        return (f'postgresql://{role}:{self.passwords[role]}@127.0.0.1:{self.port}/{database}'
                + (f'?{query}' if query else ''))

    @property
    def office_uri(self):
        return self.uri('ecert_office')

    @property
    def reporting_uri(self):
        return self.uri('ecert_reporting')

    @property
    def admin_uri(self):
        return self.uri('postgres')
