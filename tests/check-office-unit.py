#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The office's systemd unit, with this build's ecert-office in it, passes
`systemd-analyze verify` without a word of complaint (unknown keys are only
warnings there, so any output fails), and keeps the settings a service
that holds a country's certificates needs: restarted on failure, never
root, the system read-only to it."""

import os
import subprocess
import sys
import tempfile

REQUIRED = ['Restart=on-failure', 'DynamicUser=yes', 'ProtectSystem=strict', 'ProtectHome=yes',
            'NoNewPrivileges=yes', 'StateDirectory=ecert-office']


def main():
    template, office = sys.argv[1], sys.argv[2]
    with open(template) as stream:
        unit = stream.read()
    unit = unit.replace('@bindir@', os.path.dirname(office)).replace(
        '@docdir@', '/usr/share/doc/ecert-inspector')
    failures = [f'the unit lacks {line}' for line in REQUIRED if line not in unit.split('\n')]
    with tempfile.TemporaryDirectory(prefix='ecert-office-unit-') as scratch:
        path = os.path.join(scratch, 'ecert-office.service')
        with open(path, 'w') as stream:
            stream.write(unit)
        result = subprocess.run(['systemd-analyze', 'verify', '--man=no', path],
                                capture_output=True, text=True, check=False)
        if result.returncode != 0 or result.stdout.strip() or result.stderr.strip():
            failures.append(f'systemd-analyze verify: {result.returncode}: '
                            f'{result.stdout}{result.stderr}')
    for failure in failures:
        print(f'not ok - {failure}')
    if not failures:
        print('ok - the unit verifies and keeps its hardening')
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
