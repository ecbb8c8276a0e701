# SPDX-License-Identifier: GPL-3.0-or-later
"""Shared by the hub integration tests: a TAP-ish checker, a scratch hub
made with `ecert-hub init` and `seed`, served on loopback, and a raw SOAP
caller built on Python's own TLS (a client independent of ours)."""

import http.client
import os
import re
import shutil
import signal
import ssl
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET

ECERT_HUB = os.environ['ECERT_HUB']
SOAP = 'http://schemas.xmlsoap.org/soap/envelope/'
EPH = 'http://ephyto.ippc.int/'
HUB = 'http://ephyto.ippc.int/HUB.Entities'
ACTION = 'http://ephyto.ippc.int/IDeliveryService/'


class Checker:
    def __init__(self):
        self.failures = []

    def check(self, name, condition, detail=''):
        print(f'{"ok" if condition else "not ok"} - {name}')
        if not condition:
            self.failures.append(name)
            if detail:
                print('  ' + str(detail).replace('\n', '\n  '))
        return condition

    def finish(self):
        print(f'{len(self.failures)} failed' if self.failures else 'all passed')
        sys.exit(1 if self.failures else 0)


def peak_memory_until_exit(process, timeout=600):
    """The process's peak resident memory in MiB (VmHWM), read until it exits.
    Not its rusage: a child's ru_maxrss starts from this test's own size.
    The high-water mark only grows, so it is read again each time the
    process has not exited within a short wait for its exit."""
    peak = 0
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with open(f'/proc/{process.pid}/status') as stream:
                for line in stream:
                    if line.startswith('VmHWM:'):
                        peak = max(peak, int(line.split()[1]) / 1024)
        except (FileNotFoundError, ProcessLookupError):
            pass
        try:
            process.wait(timeout=0.02)
            return peak
        except subprocess.TimeoutExpired:
            continue
    process.kill()
    raise RuntimeError(f'process {process.pid} did not exit within {timeout} s')


def run(*argv, timeout=60):
    env = dict(os.environ, LANGUAGE='en', LC_ALL='C.UTF-8')
    return subprocess.run(argv, capture_output=True, text=True, env=env, timeout=timeout,
                          check=False)


class Hub:
    """A hub in a scratch directory, served until stop()."""

    def __init__(self, count=60, directory=None):
        self.scratch = tempfile.mkdtemp(prefix='ecert-hub-test-')
        self.dir = directory or os.path.join(self.scratch, 'hub')
        self.process = None
        self.url = None
        if directory is None:
            init = run(ECERT_HUB, 'init', self.dir)
            if init.returncode != 0:
                raise RuntimeError(f'ecert-hub init failed: {init.stderr}')
            seed = run(ECERT_HUB, 'seed', self.dir, '--count', str(count))
            if seed.returncode != 0:
                raise RuntimeError(f'ecert-hub seed failed: {seed.stderr}')
            self.seed_output = seed.stdout

    def start(self, *extra):
        self.stderr_path = os.path.join(self.scratch, 'serve.err')
        self.stderr = open(self.stderr_path, 'w')
        env = dict(os.environ, LANGUAGE='en', LC_ALL='C.UTF-8')
        self.process = subprocess.Popen([ECERT_HUB, 'serve', self.dir, '--validate', *extra],
                                        stdout=subprocess.PIPE, stderr=self.stderr, text=True,
                                        env=env)
        line = self.process.stdout.readline()
        match = re.search(r'https://\S+', line)
        if match is None:
            raise RuntimeError(f'ecert-hub serve printed {line!r}')
        self.url = match.group(0)
        self.port = int(re.search(r':(\d+)/', self.url).group(1))
        return self

    def stop(self):
        """Stops the hub with SIGTERM; returns its exit status."""
        status = None
        if self.process is not None:
            self.process.send_signal(signal.SIGTERM)
            try:
                status = self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
            self.process.stdout.close()
            self.stderr.close()
            self.process = None
        return status

    def server_errors(self):
        with open(self.stderr_path) as stream:
            return stream.read()

    def path(self, name):
        return os.path.join(self.dir, name)

    def cleanup(self):
        self.stop()
        shutil.rmtree(self.scratch, ignore_errors=True)


def tls_context(hub, client='CN'):
    context = ssl.create_default_context(cafile=hub.path('hub-ca.pem'))
    if client is not None:
        context.load_cert_chain(hub.path(f'client-{client}.pem'), hub.path(f'client-{client}.key'))
    return context


def soap_call(hub, operation, body='', client='CN', action=None):
    """Posts one request; returns (HTTP status, payload element or fault)."""
    envelope = (f'<soap:Envelope xmlns:soap="{SOAP}" xmlns:eph="{EPH}" xmlns:hub="{HUB}">'
                f'<soap:Body><eph:{operation}>{body}</eph:{operation}></soap:Body></soap:Envelope>')
    connection = http.client.HTTPSConnection('127.0.0.1', hub.port,
                                             context=tls_context(hub, client), timeout=30)
    headers = {'Content-Type': 'text/xml; charset=utf-8',
               'SOAPAction': f'"{action or ACTION + operation}"'}
    connection.request('POST', '/hub/DeliveryService', envelope.encode(), headers)
    response = connection.getresponse()
    data = response.read()
    connection.close()
    root = ET.fromstring(data)
    payload = root.find(f'{{{SOAP}}}Body')[0]
    return response.status, payload


def fault_message(payload):
    message = payload.find(f'detail/{{{EPH}}}HubWebException/{{{EPH}}}message')
    if message is not None:
        return message.text
    return payload.findtext('faultstring')
