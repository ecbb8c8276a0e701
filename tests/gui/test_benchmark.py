#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""`ecert-inspector --benchmark` over a small generated cache: it runs to
the end in a real window and prints its figures. The figures themselves are
not judged here: on a test machine they measure the machine."""

import os
import pathlib
import re
import subprocess

import ecertgui
from ecertgui import TestFailure

ECERT = os.environ['ECERT']
COUNT = 2000

NUMBER = r'[0-9]+\.[0-9]'
FIGURE_LINES = {
    'launch': rf'^launch to first page drawn\s+{NUMBER}\s',
    'a number': rf'^search “[^”]+” \(a number\)\s+{NUMBER}\s+{NUMBER}\s+{NUMBER}\s+{NUMBER}\s',
    'a country': rf'^search “Chile” \(a country\)\s+{NUMBER}\s',
    'a commodity': rf'^search “kiwifruit” \(a commodity\)\s+{NUMBER}\s',
    'no match': rf'^search “Atlantis” \(no match\)\s+{NUMBER}\s.*\s0\s',
    'cleared': rf'^search cleared\s+{NUMBER}\s.*\s{COUNT}\s',
    'scroll': rf'^scroll bar to the end\s+{NUMBER}\s',
    'launch summary': rf'^launch to first page:\s+{NUMBER} ms from main\(\), {NUMBER} ms from '
                      r'the process start \(target < 1000 ms\): (met|missed)$',
    'search summary': rf'^search update:\s+{NUMBER} ms at worst.*\(target < 150 ms\): (met|missed)$',
    'memory summary': rf'^resident memory:\s+{NUMBER} MB at the end, {NUMBER} MB at the peak '
                      r'\(target < 300 MB\): (met|missed)$',
}


def test(session):
    cache = pathlib.Path(session.tmp) / 'cache.sqlite3'
    subprocess.run([ECERT, 'bench', 'cache', '--count', str(COUNT), '--cache', str(cache),
                    '--generate-only'], check=True, stdout=subprocess.DEVNULL,
                   env={**session.env, 'LANGUAGE': 'en', 'LC_ALL': 'C.UTF-8'})

    env = dict(session.env)
    env['ECERT_CACHE'] = str(cache)
    ecertgui.log(f'starting {ecertgui.APP_BINARY} --benchmark')
    try:
        run = subprocess.run([ecertgui.APP_BINARY, '--benchmark'], env=env, capture_output=True,
                             text=True, timeout=180)
    except subprocess.TimeoutExpired as error:
        raise TestFailure('the benchmark did not finish within 180 s') from error
    print(run.stdout, flush=True)
    if run.returncode != 0:
        raise TestFailure(f'the benchmark ended with status {run.returncode}:\n{run.stderr}')

    lines = run.stdout.splitlines()
    for what, pattern in FIGURE_LINES.items():
        if not any(re.search(pattern, line) for line in lines):
            raise TestFailure(f'no figure line for {what} (/{pattern}/) in the output')
    if f'{COUNT} certificates' not in run.stdout:
        raise TestFailure(f'the output does not say the cache holds {COUNT} certificates')

    # Without certificates there is nothing to time: it says so and fails.
    empty = pathlib.Path(session.tmp) / 'empty.sqlite3'
    env['ECERT_CACHE'] = str(empty)
    run = subprocess.run([ecertgui.APP_BINARY, '--benchmark'], env=env, capture_output=True,
                         text=True, timeout=60)
    if run.returncode == 0 or 'holds no certificates' not in run.stderr:
        raise TestFailure(f'an empty cache was benchmarked (status {run.returncode}):\n'
                          f'{run.stdout}{run.stderr}')


if __name__ == '__main__':
    ecertgui.run(test)
