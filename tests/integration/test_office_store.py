#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The office's store (src/office) against a real PostgreSQL 15, started
here: runs the GTest program test-office-store with the URIs of the
office's role, the reporting role and the superuser in its environment.
Fails where PostgreSQL 15 is not installed: build-aux/deps installs it,
and a test that cannot run is no pass."""

import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(__file__))

import pgserver  # noqa: E402


def main():
    with pgserver.PostgreSQL() as server:
        environment = dict(os.environ,
                           ECERT_OFFICE_TEST_URI=server.office_uri,
                           ECERT_OFFICE_TEST_REPORTING_URI=server.reporting_uri,
                           ECERT_OFFICE_TEST_ADMIN_URI=server.admin_uri)
        result = subprocess.run([os.environ['TEST_OFFICE_STORE'], '--tap'] + sys.argv[1:],
                                env=environment, stdin=subprocess.DEVNULL, timeout=600,
                                check=False)
        if result.returncode != 0:
            print(f'test-office-store exited with {result.returncode}; the server said:\n'
                  f'{server.log()}')
        return 1 if result.returncode != 0 else 0


if __name__ == '__main__':
    sys.exit(main())
