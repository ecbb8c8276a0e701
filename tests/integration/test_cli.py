#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Run the built `ecert` and `ecert-hub` as processes and check what they
print and how they exit."""

import os
import re
import subprocess
import sys

ECERT = os.environ['ECERT']
ECERT_HUB = os.environ['ECERT_HUB']
VERSION = os.environ['ECERT_VERSION']
failures = []


def run(*argv, language='en'):
    env = dict(os.environ, LANGUAGE=language, LC_ALL='C.UTF-8')
    return subprocess.run(argv, capture_output=True, text=True, env=env, timeout=30, check=False)


def check(name, condition, detail=''):
    print(f'{"ok" if condition else "not ok"} - {name}')
    if not condition:
        failures.append(name)
        if detail:
            print('  ' + detail.replace('\n', '\n  '))


def check_version(program, binary):
    result = run(binary, '--version')
    first = result.stdout.splitlines()[0] if result.stdout else ''
    check(f'{program} --version exits 0', result.returncode == 0, result.stderr)
    check(f'{program} --version names {VERSION}', first == f'{program} {VERSION}', result.stdout)
    check(f'{program} --version names the libraries',
          re.search(r'^GLib .*libxml2 .*GnuTLS .*SQLite .*libsoup ', result.stdout, re.M) is not None,
          result.stdout)


def check_help(program, binary, summary):
    result = run(binary, '--help')
    check(f'{program} --help exits 0', result.returncode == 0, result.stderr)
    check(f'{program} --help shows usage', result.stdout.startswith('Usage:'), result.stdout)
    check(f'{program} --help describes the program', summary in result.stdout, result.stdout)
    check(f'{program} --help lists --version', '--version' in result.stdout, result.stdout)


def check_bad_usage(program, binary, argument, message):
    result = run(binary, argument)
    check(f'{program} {argument} exits 2', result.returncode == 2,
          f'exit {result.returncode}\n{result.stderr}')
    check(f'{program} {argument} says why', message in result.stderr, result.stderr)
    check(f'{program} {argument} prints nothing on stdout', result.stdout == '', result.stdout)


check_version('ecert', ECERT)
check_help('ecert', ECERT, 'Inspect, verify and exchange electronic sanitary and phytosanitary')
check_bad_usage('ecert', ECERT, '--no-such-option', 'Unknown option --no-such-option')
check_bad_usage('ecert', ECERT, 'no-such-command', 'unknown command “no-such-command”')


def listed_commands():
    """The commands `ecert --help` lists under "Commands:"."""
    help_text = run(ECERT, '--help').stdout
    listed = help_text.split('Commands:\n', 1)[1] if 'Commands:\n' in help_text else ''
    return [line.split()[0] for line in listed.splitlines() if line.startswith('  ')]


def check_command_usage():
    commands = listed_commands()
    check('ecert --help lists its commands', 'search' in commands and 'get' in commands,
          commands)
    # `ecert bench cache|corpus` and `ecert mail import|fetch` parse their own options.
    for words in [[command] for command in commands] + [['bench', 'cache'], ['bench', 'corpus'],
                                                        ['mail', 'import'], ['mail', 'fetch']]:
        name = ' '.join(words)
        result = run(ECERT, *words, '--help')
        lines = result.stdout.splitlines()
        usage = lines[1].strip() if len(lines) > 1 and lines[0] == 'Usage:' else ''
        check(f'ecert {name} --help exits 0', result.returncode == 0, result.stderr)
        check(f'ecert {name} --help names the command in its usage line',
              usage.startswith(f'ecert {name} ') or usage == f'ecert {name}', result.stdout)


check_command_usage()

no_args = run(ECERT)
check('ecert without a command exits 2', no_args.returncode == 2, no_args.stderr)
check('ecert without a command prints usage', no_args.stderr.startswith('Usage:'), no_args.stderr)

check_version('ecert-hub', ECERT_HUB)
check_help('ecert-hub', ECERT_HUB, 'A local certificate exchange hub')
check_bad_usage('ecert-hub', ECERT_HUB, '--no-such-option', 'Unknown option --no-such-option')

translated = run(ECERT, 'no-such-command', language='zh_CN')
check('ecert speaks the user\'s language', 'ecert：未知命令“no-such-command”' in translated.stderr,
      translated.stderr)

print(f'{len(failures)} failed' if failures else 'all passed')
sys.exit(1 if failures else 0)
