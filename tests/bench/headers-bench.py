#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""How `ecert sync` copes with a long list of pending envelopes: a hub
(tests/integration/badhub.py, on loopback TLS) lists COUNT headers in one
GetImportEnvelopeHeaders reply, then refuses the first pull, which ends
the run. Prints the list's size, the sync's peak resident memory (VmHWM),
how long it took from the start until it asked for the first envelope (the
list received and read whole), and how the run ended.

    tests/bench/headers-bench.py BUILD-DIR [COUNT] [compact|realistic]

A compact header is the smallest a hub sends (four fields, no namespace
prefixes, about 160 bytes); a realistic one is as SOAP stacks write them
(every field, long numbers, its namespace declared, about 380 bytes).
"""

import os
import pathlib
import subprocess
import sys
import tempfile
import time

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / 'integration'))


def main():
    if len(sys.argv) < 2:
        sys.exit('usage: headers-bench.py BUILD-DIR [COUNT] [compact|realistic]')
    build = pathlib.Path(sys.argv[1]).resolve()
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 200_000
    style = sys.argv[3] if len(sys.argv) > 3 else 'compact'
    os.environ['ECERT_HUB'] = str(build / 'src' / 'hub' / 'ecert-hub')
    ecert = str(build / 'src' / 'cli' / 'ecert')

    from badhub import Backlog, BadHub  # noqa: E402
    from hubtest import Hub, peak_memory_until_exit  # noqa: E402

    hub = Hub(count=1)
    backlog = Backlog(count, style, quota=0)
    bad = BadHub(hub.path('server.pem'), hub.path('server.key'), backlog=backlog)
    scratch = tempfile.mkdtemp(prefix='ecert-headers-bench-')
    try:
        argv = [ecert, 'sync', '--hub', bad.url('backlog'),
                '--cert', hub.path('client-CN.pem'), '--key', hub.path('client-CN.key'),
                '--ca', hub.path('hub-ca.pem'), '--cache', os.path.join(scratch, 'cache.db'),
                '--trust-dir', os.path.join(scratch, 'trust')]
        env = dict(os.environ, LANGUAGE='en', LC_ALL='C.UTF-8')
        started = time.monotonic()
        with open(os.path.join(scratch, 'err'), 'w+') as err:
            process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=err, env=env)
            peak = peak_memory_until_exit(process)
            err.seek(0)
            message = err.read().strip()
        sizes = bad.list_sizes()
        print(f'{count} {style} headers, {sizes[-1] / 1e6 if sizes else 0:.1f} MB:'
              f' peak memory {peak:.1f} MiB')
        if backlog.first_pull is not None:
            print(f'list read in {backlog.first_pull - started:.2f} s'
                  ' (from the start of `ecert sync` to its first pull)')
        else:
            print('the list was not read')
        print(f'exit {process.returncode}: {message}')
    finally:
        bad.stop()
        hub.cleanup()


if __name__ == '__main__':
    main()
