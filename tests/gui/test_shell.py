#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The application shell: window, empty state, primary menu, About, the
shortcuts window, Preferences reached from the empty state, and Ctrl+Q."""

import os

import ecertgui
from ecertgui import TestFailure

VERSION = os.environ.get('ECERT_VERSION', '')


def check_main_window(session, window):
    session.screenshot('main-window')
    session.find(window, 'label', 'No Certificates Yet')
    session.find(window, 'label', 'Certificates addressed to your country appear here once this '
                 'desk is connected to your exchange hub.')
    session.find(window, 'push button', 'Set Up Hub Connection…', action='click')


def check_about(session, window):
    session.click_button(window, 'Main Menu')
    session.screenshot('primary-menu')
    for item in ('Preferences', 'Keyboard Shortcuts', 'Help', 'About E-Cert Inspector', 'Quit'):
        session.find(window, 'menu item', item, action='click')
    session.click(session.find(window, 'menu item', 'About E-Cert Inspector', action='click'))
    about = session.window('About')
    session.find(about, 'label', 'E-Cert Inspector')
    if VERSION:
        session.find(about, 'label', VERSION)
    session.screenshot('about')
    session.keys('Escape')
    session.window_gone('About')


def check_shortcuts(session):
    session.keys('ctrl+question')
    shortcuts = session.window('Keyboard Shortcuts')
    for title in ('Preferences', 'Keyboard Shortcuts', 'Help', 'Main Menu', 'Quit'):
        session.find(shortcuts, 'label', title)
    session.screenshot('shortcuts')
    session.keys('Escape')
    session.window_gone('Keyboard Shortcuts')


def type_into(session, field, text):
    session.pointer_click(field)
    session.keys('ctrl+a', 'BackSpace')
    session.type_text(text)
    session.keys('Return')


def check_preferences(session, window):
    session.click_button(window, 'Set Up Hub Connection…')
    preferences = session.window('Preferences')
    address = session.find(preferences, 'text', 'Hub Address')

    # Plain http is refused with a reason, and nothing is stored.
    type_into(session, address, 'http://hub.example.org/hub')
    session.find(preferences, 'label', 'Hub addresses must use https, not http')
    session.screenshot('preferences-refused')

    if session.stored_setting('hub-address') is not None:
        raise TestFailure('a refused hub address was stored')

    # A scheme-less address is taken as https, stored and shown normalized.
    type_into(session, address, 'hub.example.org/hub/DeliveryService')
    ecertgui.wait_for(lambda: session.stored_setting('hub-address')
                      == "'https://hub.example.org/hub/DeliveryService'",
                      'the normalized hub address in the settings')
    country = session.find(preferences, 'text', 'Importing Country Code')
    type_into(session, country, 'nz')
    ecertgui.wait_for(lambda: session.stored_setting('country') == "'NZ'",
                      'the country code stored in upper case')
    session.screenshot('preferences-saved')
    session.click_button(preferences, 'Close')
    session.window_gone('Preferences')

    # Ctrl+comma opens Preferences again.
    session.keys('ctrl+comma')
    session.window('Preferences')
    session.screenshot('preferences-reopened')
    session.keys('Escape')
    session.window_gone('Preferences')


def test(session):
    window = session.start_app()
    check_main_window(session, window)
    check_about(session, window)
    check_shortcuts(session)
    check_preferences(session, window)

    session.quit_with_ctrl_q()


if __name__ == '__main__':
    ecertgui.run(test)
