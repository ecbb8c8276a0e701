#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A desk on an office (`ecert-office` on a real PostgreSQL, pulling from a
real `ecert-hub`): the window fills and then shows each new certificate
without a key pressed; the office going away is said once above the list,
with Retry, and the window catches up when it is back; the paper check of a
number outside the desk's scope finds it at the office, and a number found
nowhere is listed for every desk; an inquiry sent from the desk is
delivered through the office and answered; Preferences connects with the desk's
PKCS#12 file and shows the office, the desk and its scope, names a wrong
passphrase, and says in words that a revoked desk is refused."""

import os
import pathlib
import re
import sys
import tempfile
import time

import ecertgui
from test_inquiry import fill_form
from test_preferences import connect, label_containing, type_passphrase

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / 'integration'))
from hubtest import Hub  # noqa: E402
from pgserver import PostgreSQL  # noqa: E402
from pgserver import wait_for as wait_until  # noqa: E402
from test_office import Desk, Instance, office, office_numbers, seed, upstream_done  # noqa: E402

OFFICE_NAME = 'Ningbo port office'
CERTIFICATES = "verdict <> 'response'"


def write_settings(session, entries):
    settings = pathlib.Path(session.env['XDG_CONFIG_HOME']) / 'glib-2.0' / 'settings'
    settings.mkdir(parents=True, exist_ok=True)
    lines = ''.join(f"{key}={value}\n" for key, value in entries.items())
    (settings / 'keyfile').write_text('[io/github/ecert/Inspector]\n' + lines)


def count_label(count):
    return f'{count} certificates'


def bar_showing(window, text):
    return any(ecertgui._role_name(node) == 'label' and text in ecertgui._name(node) and
               ecertgui.is_showing(node) for node in ecertgui._walk(window, skip_lists=True))


def check_window(session, pg, hub, instance, directory, exporter):
    desk = Desk('exporter', directory)
    pem = desk.pem()
    scope = CERTIFICATES + f" AND from_country = '{exporter}'"
    session.env['ECERT_CACHE'] = str(pathlib.Path(session.tmp) / 'office-desk.sqlite3')
    write_settings(session, {
        'hub-address': f"'{instance.url}'", 'country': "'CN'",
        'client-certificate': f"'{pem}'", 'client-key': f"'{pem}'",
        'server-ca': f"'{os.path.join(directory, 'office-ca.pem')}'",
        # No interval: whatever arrives, the office says so.
        'sync-interval': 'uint32 0'})

    window = session.start_app()
    session.find(window, 'label', count_label(len(office_numbers(pg, scope))), timeout=120)
    session.screenshot('office-first-fetch')

    # Arrivals appear with no key pressed.
    for round_number in range(2):
        before = len(office_numbers(pg, scope))
        seed(hub, 12, 900 + round_number)
        wait_until(lambda: upstream_done(pg, hub), 'the office to pull the new envelopes', 120)
        after = len(office_numbers(pg, scope))
        if after > before:
            break
    session.find(window, 'label', count_label(after), timeout=60)
    # Not judged: the accessibility tree is polled, so this is an upper bound.
    committed = float(pg.psql("SELECT extract(epoch FROM max(received_at)) FROM certificates",
                              database='ecert_office'))
    ecertgui.log(f'office commit to the count drawn in the window: '
                 f'{(time.time() - committed) * 1000:.0f} ms (upper bound)')
    session.screenshot('office-arrival')

    # The office away: said once, with Retry; back, the window catches up.
    instance.kill()
    ecertgui.wait_for(lambda: bar_showing(window, 'Not connected to the office'),
                      'the window to say the office is away', 120)
    session.find(window, 'label', count_label(after))
    session.screenshot('office-offline')
    instance.start()
    seed(hub, 12, 950)
    wait_until(lambda: upstream_done(pg, hub), 'the office to pull while the desk was away', 120)
    session.click_button(window, 'Retry')
    ecertgui.wait_for(lambda: not bar_showing(window, 'Not connected to the office'),
                      'the window to reconnect', 120)
    session.find(window, 'label', count_label(len(office_numbers(pg, scope))), timeout=60)
    session.screenshot('office-back')

    # A paper certificate from another exporting country: at the office.
    number = pg.psql(f"SELECT number FROM certificates WHERE {CERTIFICATES}"
                     f" AND from_country <> '{exporter}' ORDER BY sequence LIMIT 1",
                     database='ecert_office')
    session.keys('ctrl+l')
    session.find(window, 'text', 'Paper Certificate Number')
    session.type_text(number)
    session.keys('Return')
    session.find(window, 'push button', 'Back to the List', action='click', timeout=60)
    session.find(window, 'label', f'E-certificate {number} found', showing=False)
    session.screenshot('office-paper-check-found')

    # An inquiry about it goes through the office; its delivery and the
    # exporting NPPO's reply come back without a key pressed.
    session.keys('ctrl+i')
    editor = session.window('Inquiry or Response')
    fill_form(session, editor, 'Is this certificate authentic?')
    ecertgui.wait_for(lambda: session.absent(editor, 'label', 'Choose a status'),
                      'the form complete')
    session.keys('ctrl+Return')
    session.window_gone('Inquiry or Response')
    session.find(window, 'label', 'Delivered', timeout=120)
    session.find(window, 'label', 'Received', timeout=120)
    session.scroll_to(window, session.find(window, 'label', 'Delivered'))
    session.screenshot('office-inquiry-delivered')

    session.keys('ctrl+l')
    session.type_text('NZ-2026-999999')
    session.keys('Return')
    session.find(window, 'label',
                 'No e-certificate numbered NZ-2026-999999 exists here or at the office',
                 timeout=60)
    session.find(window, 'label', 'Never Found at the Office', timeout=60)
    session.find(window, 'label', 'NZ-2026-999999', timeout=60)
    session.screenshot('office-paper-check-not-found')
    session.quit_with_ctrl_q()


def check_preferences(session, directory, exporter):
    session.env['ECERT_CACHE'] = str(pathlib.Path(session.tmp) / 'office-prefs.sqlite3')
    write_settings(session, {
        'hub-address': f"'{session.office_url}'", 'country': "'CN'",
        'client-pkcs12': f"'{os.path.join(directory, 'exporter.p12')}'",
        'server-ca': f"'{os.path.join(directory, 'office-ca.pem')}'",
        'sync-interval': 'uint32 0'})
    window = session.start_app()
    session.find(window, 'label', 'No Certificates Yet', timeout=60)
    session.keys('ctrl+comma')
    preferences = session.window('Preferences')

    type_passphrase(session, preferences, 'not-the-passphrase')
    connect(session, preferences)
    ecertgui.wait_for(label_containing(preferences, 'passphrase', 'is wrong'),
                      'the wrong passphrase named as such')
    session.find(preferences, 'label', 'Not Connected')

    type_passphrase(session, preferences, 'desk passphrase')
    connect(session, preferences)
    session.find(preferences, 'label', f'Connected to {OFFICE_NAME} as the desk exporter',
                 timeout=60)
    scope = ecertgui.wait_for(label_containing(preferences, 'Ports: all', 'the last 90 days'),
                              'the desk\'s scope')
    ecertgui.log(f'scope shown: {scope}')
    if re.search(r'exporting countries: all', scope):
        raise ecertgui.TestFailure(f'the scope names no exporting country: {scope}')
    session.screenshot('office-preferences-connected')

    # Revoked at the office: refused, and told why.
    result = office('revoke', 'exporter', store=session.office_store)
    if result.returncode != 0:
        raise ecertgui.TestFailure(f'ecert-office revoke failed: {result.stderr}')
    connect(session, preferences)
    ecertgui.wait_for(label_containing(preferences, 'exporter was revoked'),
                      'the revoked desk refused in words', 60)
    session.find(preferences, 'label', 'Not Connected')
    session.screenshot('office-preferences-revoked')
    session.keys('Escape')
    session.window_gone('Preferences')
    session.quit_with_ctrl_q()


def test(session):
    with tempfile.TemporaryDirectory(prefix='ecert-gui-office-') as scratch, \
            PostgreSQL() as pg:
        pg.start()
        hub = Hub(count=60)
        # The exporting NPPOs answer inquiries a second after they have them.
        hub.start('--auto-reply', '1')
        directory = os.path.join(scratch, 'office')
        os.makedirs(directory)
        with open(os.path.join(directory, 'hub-passphrase'), 'w') as stream:
            stream.write('demo\n')
        with open(os.path.join(directory, 'desk-passphrase'), 'w') as stream:
            stream.write('desk passphrase\n')
        instance = None
        try:
            result = office('init', '--name', OFFICE_NAME, '--country', 'CN',
                            '--directory', directory, store=pg.office_uri)
            if result.returncode != 0:
                raise ecertgui.TestFailure(f'ecert-office init failed: {result.stderr}')
            instance = Instance('office', pg, hub, directory).start()
            wait_until(lambda: upstream_done(pg, hub), 'the office to pull every envelope', 300)
            exporter = pg.psql(f"SELECT from_country FROM certificates WHERE {CERTIFICATES}"
                               " GROUP BY from_country ORDER BY count(*) DESC LIMIT 1",
                               database='ecert_office')
            result = office('enroll', 'exporter',
                            '--output', os.path.join(directory, 'exporter.p12'),
                            '--passphrase-file', os.path.join(directory, 'desk-passphrase'),
                            '--country', exporter, '--days', '90', store=pg.office_uri)
            if result.returncode != 0:
                raise ecertgui.TestFailure(f'ecert-office enroll failed: {result.stderr}')

            check_window(session, pg, hub, instance, directory, exporter)
            session.office_url = instance.url
            session.office_store = pg.office_uri
            check_preferences(session, directory, exporter)
        finally:
            if instance is not None:
                instance.stop()
            hub.stop()
            hub.cleanup()


if __name__ == '__main__':
    ecertgui.run(test)
