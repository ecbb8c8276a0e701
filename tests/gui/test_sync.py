#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fetching from a real hub: a seeded ecert-hub over loopback TLS with
client certificates, the connection set in Preferences' settings, Ctrl+R,
and the list fills with the certificates addressed to this desk."""

import os
import pathlib
import re
import sys

import ecertgui

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / 'integration'))
from hubtest import Hub  # noqa: E402


def preset_connection(session, hub):
    """What Preferences stores, written where GSettings' keyfile reads it."""
    settings = pathlib.Path(session.env['XDG_CONFIG_HOME']) / 'glib-2.0' / 'settings'
    settings.mkdir(parents=True, exist_ok=True)
    (settings / 'keyfile').write_text(
        '[io/github/ecert/Inspector]\n'
        f"hub-address='{hub.url}'\n"
        "country='CN'\n"
        f"client-certificate='{hub.path('client-CN.pem')}'\n"
        f"client-key='{hub.path('client-CN.key')}'\n"
        f"server-ca='{hub.path('hub-ca.pem')}'\n")


def progress_text(window):
    return next((ecertgui._name(node) for node in ecertgui._walk(window)
                 if re.fullmatch(r'\d+ of \d+ received', ecertgui._name(node))
                 and ecertgui.is_showing(node)), None)


def test(session):
    # Every reply held back a little, so that a fetch lasts long enough to
    # be watched and stopped.
    hub = Hub(count=40)
    hub.start('--latency', '250')
    try:
        preset_connection(session, hub)
        session.env['ECERT_CACHE'] = str(pathlib.Path(session.tmp) / 'cache.sqlite3')
        notifications = session.start_notification_server()

        window = session.start_app()
        session.find(window, 'label', 'No Certificates Yet')

        # Fetching shows its progress with counts, and can be stopped.
        session.keys('ctrl+r')
        text = ecertgui.wait_for(lambda: progress_text(window), 'the fetch progress', timeout=30)
        ecertgui.log(f'progress: {text}')
        session.find(window, 'progress bar', 'Fetching Progress')
        session.screenshot('fetching')
        session.click_button(window, 'Stop')
        ecertgui.wait_for(
            lambda: next((ecertgui._name(node) for node in ecertgui._walk(window)
                          if ecertgui._name(node).startswith('Fetching stopped')), None),
            'the toast that says fetching stopped', timeout=30)
        session.screenshot('stopped')
        if session.stored_setting('hub-address') is None:
            raise ecertgui.TestFailure('the connection settings are gone')

        # Fetched while the inspector works in another window: the desktop
        # says how many arrived.
        session.keys('ctrl+r')
        ecertgui.wait_for(lambda: progress_text(window), 'the fetch progress', timeout=30)
        session.unfocus()
        shown = ecertgui.wait_for(lambda: notifications() or None, 'a desktop notification',
                                  timeout=90)
        ecertgui.log(f'notification: {shown[-1]}')
        if not re.fullmatch(r'\d+ new certificates?', shown[-1]['summary']):
            raise ecertgui.TestFailure(f'unexpected notification {shown[-1]}')
        session.pointer_click(session.find(window, 'entry', 'Search Certificates'))
        session.screenshot('synced')

        # A second fetch finds nothing new: deliveries are acknowledged once.
        session.keys('ctrl+r')
        session.find(window, 'label', 'No new certificates', timeout=60)
        session.screenshot('nothing-new')

        # The hub gone: the reason in a bar, with a way to try again.
        hub.stop()
        session.keys('ctrl+r')
        error = session.find(window, 'label', re.compile('^Fetching from the hub failed: '),
                             timeout=90)
        ecertgui.log(f'error: {ecertgui._name(error)}')
        session.find(window, 'push button', 'Retry')
        session.screenshot('hub-gone')
        session.quit_with_ctrl_q()
    finally:
        hub.stop()
        hub.cleanup()


if __name__ == '__main__':
    ecertgui.run(test)
