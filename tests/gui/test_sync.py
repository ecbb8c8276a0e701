#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Fetching from a real hub: a seeded ecert-hub over loopback TLS with
client certificates, the connection set in Preferences' settings, Ctrl+R,
and the list fills with the certificates addressed to this desk."""

import itertools
import os
import pathlib
import re
import sys

import ecertgui

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / 'integration'))
from hubtest import Hub  # noqa: E402


def preset_connection(session, hub, interval=0):
    """What Preferences stores, written where GSettings' keyfile reads it;
    @interval: minutes between automatic fetches, 0 for none."""
    settings = pathlib.Path(session.env['XDG_CONFIG_HOME']) / 'glib-2.0' / 'settings'
    settings.mkdir(parents=True, exist_ok=True)
    (settings / 'keyfile').write_text(
        '[io/github/ecert/Inspector]\n'
        f"hub-address='{hub.url}'\n"
        "country='CN'\n"
        f"client-certificate='{hub.path('client-CN.pem')}'\n"
        f"client-key='{hub.path('client-CN.key')}'\n"
        f"server-ca='{hub.path('hub-ca.pem')}'\n"
        f"sync-interval=uint32 {interval}\n")


def progress_text(window):
    return next((ecertgui._name(node) for node in ecertgui._walk(window, skip_lists=True)
                 if re.fullmatch(r'\d+ of \d+ received', ecertgui._name(node))
                 and ecertgui.is_showing(node)), None)


def first_cells(window, pattern, count):
    """The first @count labels shown that match @pattern, top to bottom. The
    walk stops there: the rest of a list of hundreds of rows is never read,
    which on a loaded machine would take longer than the test may wait."""
    cells = (ecertgui._name(node) for node in ecertgui._walk(window)
             if ecertgui._role_name(node) == 'label' and
             re.fullmatch(pattern, ecertgui._name(node)) and ecertgui.is_showing(node))
    return list(itertools.islice(cells, count))


def first_row_numbers(window, count=3):
    """The numbers of the first rows shown, top to bottom."""
    return first_cells(window, r'[A-Z]{2}-\d{4}-\d{6}', count)


def first_row_countries(window, count=3):
    """The exporting countries of the first rows shown, top to bottom."""
    return first_cells(window, r'.+ \([A-Z]{2}\)', count)


def check_sorting(session, window):
    """A click on a column header orders the list by it; a second click
    turns the order around."""
    header = session.find(window, 'label', 'Number')
    session.pointer_click(header)
    ascending = ecertgui.wait_for(
        lambda: (lambda rows: rows if rows == sorted(rows) and rows[0].startswith('A') else None)(
            first_row_numbers(window)), 'the list sorted by number, A to Z')
    ecertgui.log(f'sorted by number: {ascending}')
    session.screenshot('sorted-by-number')
    session.pointer_click(header)
    descending = ecertgui.wait_for(
        lambda: (lambda rows: rows if rows == sorted(rows, reverse=True) and rows != ascending
                 else None)(first_row_numbers(window)), 'the list sorted by number, Z to A')
    ecertgui.log(f'sorted by number, reversed: {descending}')

    # By exporting country: in the order of the countries' names. The demo
    # hub's run from Argentina to Viet Nam; by their codes, South Africa
    # (ZA) would come last.
    header = session.find(window, 'label', 'Exporting Country')
    session.pointer_click(header)
    ecertgui.wait_for(lambda: first_row_countries(window) == ['Argentina (AR)'] * 3,
                      'the list sorted by country, Argentina first')
    session.pointer_click(header)
    ecertgui.wait_for(lambda: first_row_countries(window) == ['Viet Nam (VN)'] * 3,
                      'the list sorted by country, Viet Nam first')
    session.screenshot('sorted-by-country')


def check_filters(session, window, expected):
    """The country filter keeps one exporting country's certificates."""
    session.click_button(window, 'Filters')
    country = session.find(window, 'combo box', 'Exporting Country')
    session.settle()
    session.pointer_click(country)
    # The choices, in the order the popup lists them; the keyboard walks
    # down to Peru from the selected "All Countries".
    choices = ecertgui.wait_for(
        lambda: [ecertgui._name(node) for node in ecertgui._walk(country)
                 if ecertgui._role_name(node) == 'label' and ecertgui.is_showing(node)
                 and ecertgui._role_name(node.get_parent().get_parent()) == 'list item']
        or None, 'the list of countries')
    session.screenshot('country-filter-open')
    if 'Peru (PE)' not in choices:
        raise ecertgui.TestFailure(f'Peru is not among the countries {choices}')
    session.keys(*['Down'] * choices.index('Peru (PE)'), 'Return')
    ecertgui.wait_for(
        lambda: (lambda rows: rows if rows and all(r.startswith('PE-') for r in rows) else None)(
            first_row_numbers(window, 50)), 'only certificates from Peru')
    label = ecertgui.wait_for(
        lambda: next((ecertgui._name(node) for node in ecertgui._walk(window)
                      if re.fullmatch(r'\d+ certificates?', ecertgui._name(node))
                      and int(ecertgui._name(node).split()[0]) < expected), None),
        'the count of certificates from Peru')
    ecertgui.log(f'from Peru: {label}')
    session.screenshot('filtered-by-country')
    session.click_button(window, 'Clear Filters')
    session.find(window, 'label', f'{expected} certificates')
    session.click_button(window, 'Filters')


def test(session):
    # Every reply held back a little, so that a fetch lasts long enough to
    # be watched and stopped.
    hub = Hub(count=230)
    expected = 230 - int(re.search(r'addressed to other countries than CN: (\d+)',
                                   hub.seed_output).group(1))
    hub.start('--latency', '100')
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
            lambda: next((ecertgui._name(node) for node in ecertgui._walk(window, skip_lists=True)
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
        session.find(window, 'label', f'{expected} certificates', timeout=30)
        session.screenshot('synced')

        check_sorting(session, window)
        check_filters(session, window, expected)

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
