#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""F1 opens the user guide on the page for what is on screen: the index on
the list, the certificate page on a certificate, the paper-check page on
the paper check. The help viewer here is a handler of help: URIs in the
test's own XDG directories that writes down each URI it is given."""

import os
import pathlib
import subprocess

import ecertgui
from ecertgui import TestFailure

ECERT = os.environ['ECERT']
NUMBER = 'NZ-2026-000000'
GUIDE = 'help:io.github.ecert.Inspector'


def install_help_handler(session):
    """A help viewer that appends each URI it opens to a file."""
    tmp = pathlib.Path(session.tmp)
    opened = tmp / 'opened-uris'
    handler = tmp / 'help-handler'
    handler.write_text('#!/bin/sh\nprintf \'%s\\n\' "$1" >> "' + str(opened) + '"\n',
                       encoding='utf-8')
    handler.chmod(0o755)

    applications = pathlib.Path(session.env['XDG_DATA_HOME']) / 'applications'
    applications.mkdir(parents=True, exist_ok=True)
    (applications / 'ecert-test-help.desktop').write_text(
        '[Desktop Entry]\nType=Application\nName=Test Help Viewer\n'
        f'Exec={handler} %u\nMimeType=x-scheme-handler/help;\nNoDisplay=true\n',
        encoding='utf-8')
    (pathlib.Path(session.env['XDG_CONFIG_HOME']) / 'mimeapps.list').write_text(
        '[Default Applications]\nx-scheme-handler/help=ecert-test-help.desktop\n',
        encoding='utf-8')
    subprocess.run(['update-desktop-database', str(applications)], check=False)
    # The private data directory first, the system's after it for icons.
    session.env['XDG_DATA_DIRS'] = ':'.join(
        [session.env['XDG_DATA_HOME'],
         session.env.get('XDG_DATA_DIRS', '/usr/local/share:/usr/share')])
    return opened, handler


def opened_uris(opened):
    try:
        return opened.read_text(encoding='utf-8').splitlines()
    except FileNotFoundError:
        return []


def press_f1_expecting(session, opened, uri):
    count = len(opened_uris(opened))
    session.keys('F1')
    ecertgui.wait_for(lambda: len(opened_uris(opened)) > count, f'the help viewer to open {uri}')
    got = opened_uris(opened)[count:]
    if got != [uri]:
        raise TestFailure(f'F1 opened {got}, expected [{uri!r}]')
    ecertgui.log(f'F1 opened {uri}')


def test(session):
    corpus = pathlib.Path(session.tmp) / 'corpus'
    ecertgui.write_corpus(corpus, 1)
    session.env['ECERT_CACHE'] = str(pathlib.Path(session.tmp) / 'cache.sqlite3')
    subprocess.run([ECERT, 'import', str(corpus)], env=session.env, check=True,
                   stdout=subprocess.DEVNULL)
    opened, handler = install_help_handler(session)

    window = session.start_app()
    ecertgui.wait_for(lambda: any(ecertgui._name(node) == NUMBER
                                  for node in ecertgui._walk(window)),
                      'the certificate in the list')
    session.screenshot('list')
    press_f1_expecting(session, opened, GUIDE)

    # The paper check, before a number is typed.
    session.keys('ctrl+l')
    session.find(window, 'text', 'Paper Certificate Number')
    session.screenshot('paper-check')
    press_f1_expecting(session, opened, GUIDE + '/paper-check')

    # The number found opens the certificate.
    session.type_text(NUMBER)
    session.keys('Return')
    session.find(window, 'push button', 'Verify Again')
    session.screenshot('certificate')
    press_f1_expecting(session, opened, GUIDE + '/certificate')

    # The primary menu offers the guide too.
    session.click_button(window, 'Main Menu')
    session.click(session.find(window, 'menu item', 'Help', action='click'))
    ecertgui.wait_for(lambda: len(opened_uris(opened)) == 4, 'the guide opened from the menu')
    if opened_uris(opened)[3] != GUIDE + '/certificate':
        raise TestFailure(f'the menu opened {opened_uris(opened)[3]}')

    # The viewer cannot be started: said, not swallowed.
    handler.unlink()
    session.keys('F1')
    session.find(window, 'label', 'The user guide cannot be opened: no help viewer could be started')
    session.screenshot('no-help-viewer')

    session.quit_with_ctrl_q()


if __name__ == '__main__':
    ecertgui.run(test)
