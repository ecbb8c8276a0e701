#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fetching automatically: with an interval set in Preferences, the window
fetches from the hub as soon as it opens, without Ctrl+R, and the list
fills; with the interval off it does not. And the paper check of a number
not yet fetched asks the hub, which has it waiting."""

import pathlib
import re
import sys
import time

import ecertgui
from test_sync import preset_connection

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / 'integration'))
from hubtest import EPH, HUB, Hub, soap_call  # noqa: E402


def waiting_numbers(hub):
    """The certificate numbers the hub holds for CN, read with a SOAP client
    independent of the application's."""
    _, payload = soap_call(hub, 'GetImportEnvelopeHeaders')
    result = payload.find(f'{{{EPH}}}GetImportEnvelopeHeadersResult')
    return [header.findtext(f'{{{HUB}}}NPPOCertificateNumber')
            for header in result.findall(f'{{{HUB}}}EnvelopeHeader')]


def test(session):
    hub = Hub(count=20)
    expected = 20 - int(re.search(r'addressed to other countries than CN: (\d+)',
                                  hub.seed_output).group(1))
    hub.start()
    try:
        session.env['ECERT_CACHE'] = str(pathlib.Path(session.tmp) / 'cache.sqlite3')

        # Off: the window waits to be asked.
        preset_connection(session, hub, 0)
        window = session.start_app()
        session.find(window, 'label', 'No Certificates Yet')
        time.sleep(3)
        session.find(window, 'label', 'No Certificates Yet')
        session.screenshot('interval-off')

        # A paper certificate whose e-certificate waits at the hub: the
        # check fetches, finds it and opens it.
        number = next(n for n in waiting_numbers(hub) if n)
        session.keys('ctrl+l')
        session.find(window, 'text', 'Paper Certificate Number')
        session.type_text(number)
        session.keys('Return')
        session.find(window, 'push button', 'Back to the List', action='click', timeout=60)
        session.find(window, 'label', f'E-certificate {number} found', showing=False)
        session.screenshot('paper-check-from-hub')

        # A number the hub does not have either.
        session.keys('ctrl+l')
        session.type_text('CL-2026-000000')
        session.keys('Return')
        session.find(window, 'label', 'No e-certificate numbered CL-2026-000000 has been received',
                     timeout=60)
        session.screenshot('paper-check-not-at-hub')
        session.quit_with_ctrl_q()

        # Every 5 minutes: the first fetch is at once.
        session.env['ECERT_CACHE'] = str(pathlib.Path(session.tmp) / 'second-cache.sqlite3')
        hub.stop()
        hub.cleanup()
        hub = Hub(count=20)
        hub.start()
        preset_connection(session, hub, 5)
        window = session.start_app()
        session.find(window, 'label', f'{expected} certificates', timeout=60)
        session.screenshot('fetched-automatically')
        session.quit_with_ctrl_q()
    finally:
        hub.stop()
        hub.cleanup()


if __name__ == '__main__':
    ecertgui.run(test)
