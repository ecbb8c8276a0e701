#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Preferences against a real ecert-hub on loopback TLS: the desk's PKCS#12
file chosen in the file chooser, a wrong passphrase named as such, Connect
showing the organisation the hub knows this desk as, the passphrase
remembered in the session's keyring and nowhere else, automatic fetching
chosen, the cache cleared after a confirmation that counts what goes, and
all of it still there after a restart."""

import os
import pathlib
import subprocess
import sys

import ecertgui
from ecertgui import TestFailure

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / 'integration'))
from hubtest import Hub  # noqa: E402

ECERT = os.environ['ECERT']


def preset_hub(session, hub):
    """The hub's address and its CA, as a national hub's would be set."""
    settings = pathlib.Path(session.env['XDG_CONFIG_HOME']) / 'glib-2.0' / 'settings'
    settings.mkdir(parents=True, exist_ok=True)
    (settings / 'keyfile').write_text(
        '[io/github/ecert/Inspector]\n'
        f"hub-address='{hub.url}'\n"
        f"server-ca='{hub.path('hub-ca.pem')}'\n")


def fill_cache(session, hub):
    """Certificates in the cache before the app starts, fetched by the CLI."""
    result = subprocess.run([ECERT, 'sync', '--hub', hub.url, '--cert', hub.path('client-CN.pem'),
                             '--key', hub.path('client-CN.key'), '--ca', hub.path('hub-ca.pem'),
                             '--cache', session.env['ECERT_CACHE']],
                            env=session.env, capture_output=True, text=True, timeout=120)
    if result.returncode != 0:
        raise TestFailure(f'ecert sync failed: {result.stderr}')
    return int(result.stdout.split()[0])


def label_containing(root, *parts):
    def find():
        for node in ecertgui._walk(root):
            name = ecertgui._name(node)
            if ecertgui._role_name(node) == 'label' and all(p in name for p in parts):
                return name
        return None
    return find


def wait_label(root, text):
    """A label reading exactly text; unlike Session.find, underscores count
    (temporary paths have them)."""
    return ecertgui.wait_for(lambda: any(ecertgui._role_name(node) == 'label'
                                         and ecertgui._name(node) == text
                                         for node in ecertgui._walk(root)),
                             f'the label {text!r}')


def message_dialog(session, title, present=True):
    """GTK 4.8 reports a message dialog VISIBLE, never SHOWING, so
    Session.window does not see it."""
    def find():
        for window in session.windows():
            if (window is not None and ecertgui._name(window) == title
                    and window.get_state_set().contains(ecertgui.Atspi.StateType.VISIBLE)):
                return window
        return None
    if not present:
        return find() is None
    return ecertgui.wait_for(find, f'the dialog {title!r}')


def type_passphrase(session, preferences, text):
    field = session.find(preferences, 'text', 'Passphrase')
    session.pointer_click(field)
    session.keys('ctrl+a', 'BackSpace')
    session.type_text(text)


def connect(session, preferences):
    session.click_button(preferences, 'Connect')


def choose_identity(session, preferences, hub):
    session.click_button(preferences, 'Choose Client Certificate')
    session.window('Choose Client Certificate')
    session.keys('ctrl+l')
    session.type_text(hub.path('client-CN.p12'))
    session.choose_in_file_chooser('Choose Client Certificate')
    wait_label(preferences, hub.path('client-CN.p12'))
    session.find(preferences, 'text', 'Passphrase')


def check_connect(session, preferences, hub):
    choose_identity(session, preferences, hub)

    # A wrong passphrase is said to be wrong, before anything is sent.
    type_passphrase(session, preferences, 'not-the-passphrase')
    connect(session, preferences)
    message = ecertgui.wait_for(label_containing(preferences, 'passphrase', 'is wrong'),
                                'the wrong passphrase named as such')
    ecertgui.log(f'wrong passphrase: {message}')
    session.find(preferences, 'label', 'Not Connected')
    session.screenshot('wrong-passphrase')

    # The right one, remembered: the hub says whom this desk signs in for.
    type_passphrase(session, preferences, 'demo')
    session.pointer_click(session.find(preferences, 'check box',
                                       'Remember Passphrase in the Keyring'))
    connect(session, preferences)
    session.find(preferences, 'label', 'Connected as the plant protection organisation of CN',
                 timeout=30)
    ecertgui.wait_for(label_containing(preferences, 'Receives by PULL, sends by PULL'),
                      'the profile of the NPPO')
    ecertgui.wait_for(lambda: session.stored_setting('country') == "'CN'",
                      'the country the hub named, stored')
    session.screenshot('connected')

    secret = ecertgui.wait_for(lambda: session.keyring_lookup(
        **{'hub-address': hub.url, 'pkcs12-file': hub.path('client-CN.p12')}),
        'the passphrase in the keyring')
    if secret != 'demo':
        raise TestFailure(f'the keyring holds {secret!r}, not the passphrase')
    keyfile = (pathlib.Path(session.env['XDG_CONFIG_HOME']) / 'glib-2.0' / 'settings'
               / 'keyfile').read_text()
    if 'demo' in keyfile or 'not-the-passphrase' in keyfile:
        raise TestFailure(f'a passphrase was written to the settings:\n{keyfile}')
    if session.stored_setting('client-pkcs12') != f"'{hub.path('client-CN.p12')}'":
        raise TestFailure('the PKCS#12 file was not stored in the settings')


def choose_interval(session, preferences):
    session.pointer_click(session.find(preferences, 'label', 'Fetch Automatically'))
    session.find(preferences, 'label', 'Every 15 Minutes')
    session.screenshot('fetch-interval')
    # The list opens on the current choice, Off: two down is 15 minutes.
    session.keys('Down', 'Down', 'Return')
    ecertgui.wait_for(lambda: session.stored_setting('sync-interval') in ('15', 'uint32 15'),
                      'the interval stored')


def check_clear(session, window, preferences, fetched):
    session.click(session.find(preferences, 'page tab', 'Storage', action='click'))
    wait_label(preferences, session.env['ECERT_CACHE'])
    session.find(preferences, 'label', f'{fetched} certificates')
    session.settle()
    session.screenshot('storage')

    session.click_button(preferences, 'Clear Cache…')
    dialog = message_dialog(session, 'Clear Cache?')
    session.find(dialog, 'label', f'{fetched} certificates will be deleted from this computer. '
                 'What the hub has already delivered cannot be fetched from it again.\n\n'
                 'Kept: trust anchors and settings.', showing=False)
    session.screenshot('clear-confirmation')
    session.click(session.find(dialog, 'push button', 'Clear Cache', showing=False,
                               action='click'))
    ecertgui.wait_for(lambda: message_dialog(session, 'Clear Cache?', present=False),
                      'the confirmation to close')
    session.find(preferences, 'label', f'{fetched} certificates deleted')
    session.find(preferences, 'label', '0 certificates')
    session.screenshot('cleared')

    session.click_button(preferences, 'Close')
    session.window_gone('Preferences')
    session.find(window, 'label', 'No Certificates Yet')
    session.screenshot('empty-after-clearing')


def check_restart(session, hub):
    window = session.start_app()
    session.find(window, 'label', 'No Certificates Yet')
    # The window fetches with the passphrase from the keyring: the hub has
    # nothing new (the CLI took it all), and says so rather than refusing.
    session.keys('ctrl+r')
    session.find(window, 'label', 'No new certificates', timeout=30)
    session.screenshot('fetched-with-keyring')
    session.keys('ctrl+comma')
    preferences = session.window('Preferences')
    wait_label(preferences, hub.path('client-CN.p12'))
    session.find(preferences, 'label', 'Every 15 Minutes')
    remember = session.find(preferences, 'check box', 'Remember Passphrase in the Keyring')
    ecertgui.wait_for(lambda: remember.get_state_set().contains(ecertgui.Atspi.StateType.CHECKED),
                      'the switch on: the passphrase is remembered')
    session.settle()
    session.screenshot('after-restart')

    # Connect with what was remembered, typing nothing.
    connect(session, preferences)
    session.find(preferences, 'label', 'Connected as the plant protection organisation of CN',
                 timeout=30)

    # Switched off, the keyring forgets it.
    session.pointer_click(remember)
    ecertgui.wait_for(lambda: session.keyring_lookup(
        **{'hub-address': hub.url, 'pkcs12-file': hub.path('client-CN.p12')}) is None,
        'the passphrase gone from the keyring')
    session.screenshot('forgotten')
    session.keys('Escape')
    session.window_gone('Preferences')
    session.quit_with_ctrl_q()


def test(session):
    hub = Hub(count=12)
    hub.start()
    try:
        session.start_keyring()
        preset_hub(session, hub)
        session.env['ECERT_CACHE'] = str(pathlib.Path(session.tmp) / 'cache.sqlite3')
        fetched = fill_cache(session, hub)
        ecertgui.log(f'{fetched} certificates in the cache')

        window = session.start_app()
        session.find(window, 'entry', 'Search Certificates')
        session.keys('ctrl+comma')
        preferences = session.window('Preferences')
        session.settle()
        session.screenshot('hub-page')
        # The hubs the ePhyto WSDLs publish, and a local one, a click away.
        session.click_button(preferences, 'Known Hubs')
        session.find(preferences, 'menu item', 'ePhyto Hub, Test Environment (UAT)')
        session.screenshot('known-hubs')
        session.keys('Escape')

        choose_interval(session, preferences)
        check_connect(session, preferences, hub)
        check_clear(session, window, preferences, fetched)
        session.quit_with_ctrl_q()

        check_restart(session, hub)
    finally:
        hub.stop()
        hub.cleanup()


if __name__ == '__main__':
    ecertgui.run(test)
