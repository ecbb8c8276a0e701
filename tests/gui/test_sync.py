#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fetching from a real hub: a seeded ecert-hub over loopback TLS with
client certificates, the connection set in Preferences' settings, Ctrl+R,
and the list fills with the certificates addressed to this desk."""

import os
import pathlib
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


def test(session):
    hub = Hub(count=40)
    hub.start()
    try:
        preset_connection(session, hub)
        session.env['ECERT_CACHE'] = str(pathlib.Path(session.tmp) / 'cache.sqlite3')

        window = session.start_app()
        session.find(window, 'label', 'No Certificates Yet')
        session.keys('ctrl+r')
        toast = ecertgui.wait_for(
            lambda: next((ecertgui._name(node) for node in ecertgui._walk(window)
                          if ecertgui._name(node).endswith('new certificates')), None),
            'the toast that counts the new certificates', timeout=60)
        ecertgui.log(f'toast: {toast}')
        session.find(window, 'entry', 'Search Certificates')
        session.screenshot('synced')
        if int(toast.split()[0]) < 20:
            raise ecertgui.TestFailure(f'too few certificates fetched: {toast}')

        # A second fetch finds nothing new: deliveries are acknowledged once.
        session.keys('ctrl+r')
        session.find(window, 'label', 'No new certificates', timeout=60)
        session.screenshot('nothing-new')
        session.quit_with_ctrl_q()
    finally:
        hub.stop()
        hub.cleanup()


if __name__ == '__main__':
    ecertgui.run(test)
