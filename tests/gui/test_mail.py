#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Certificates pushed by mail, from a real IMAP server (Dovecot, started
here): the account set up in Preferences' Mail page as a person would,
its password kept in the session's keyring and nowhere else, Connect
counting the unread messages, and Ctrl+R bringing the mailed certificates
into the list, each saying it came by mail and from whom."""

import email.mime.application
import email.mime.multipart
import email.mime.text
import email.utils
import os
import pathlib
import re
import sys

import ecertgui
from ecertgui import TestFailure

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent.parent / 'integration'))
import hubtest  # noqa: E402
import mailserver  # noqa: E402

SENDER = 'NPPO New Zealand <ecert@nppo.nz.example>'


def make_messages(certificates):
    """One message per certificate, the first carrying two."""
    messages = []
    groups = [certificates[:2]] + [[path] for path in certificates[2:]]
    for index, group in enumerate(groups):
        message = email.mime.multipart.MIMEMultipart()
        message['From'] = SENDER
        message['To'] = 'ecert@nppo.cn.example'
        message['Subject'] = f'Phytosanitary certificates, message {index}'
        message['Message-ID'] = f'<gui-push-{index}@nppo.nz.example>'
        message['Date'] = email.utils.formatdate(localtime=True)
        message.attach(email.mime.text.MIMEText('Please find the certificates attached.\n'))
        for path in group:
            part = email.mime.application.MIMEApplication(path.read_bytes(), 'xml')
            part.add_header('Content-Disposition', 'attachment', filename=path.name)
            message.attach(part)
        messages.append(message.as_bytes())
    return messages


def fill_row(session, preferences, name, text, apply=True):
    """Click into a row and type, as a person does; Enter applies it (in
    the password row, Enter connects)."""
    row = session.find(preferences, 'text', name)
    session.scroll_to(preferences, row)
    session.pointer_click(row)
    session.keys('ctrl+a', 'BackSpace')
    session.type_text(text)
    if apply:
        session.keys('Return')


def label_matching(root, pattern):
    return lambda: next((ecertgui._name(node) for node in ecertgui._walk(root)
                         if ecertgui._role_name(node) == 'label'
                         and re.search(pattern, ecertgui._name(node))), None)


def set_up_account(session, preferences, server):
    session.click(session.find(preferences, 'page tab', 'Mail', action='click'))
    session.find(preferences, 'text', 'Mail Server')
    session.settle()
    session.screenshot('mail-page-empty')

    fill_row(session, preferences, 'Mail Server', 'localhost')
    fill_row(session, preferences, 'Port (Optional)', str(server.imaps_port))
    fill_row(session, preferences, 'User Name', mailserver.USER)
    fill_row(session, preferences, 'Move Processed Mail To', 'Processed')

    # The server's certificate is from the test authority, not the system's.
    session.click_button(preferences, 'Choose Mail Server Certificate Authority')
    session.window('Choose Mail Server Certificate Authority')
    session.keys('ctrl+l')
    session.type_text(server.ca_file)
    session.choose_in_file_chooser('Choose Mail Server Certificate Authority')
    ecertgui.wait_for(lambda: session.stored_setting('mail-server-ca') == f"'{server.ca_file}'",
                      'the mail server authority stored')

    fill_row(session, preferences, 'Password', mailserver.PASSWORD, apply=False)
    session.click_button(preferences, 'Connect to the Mail Server')
    session.find(preferences, 'label', 'Connected: INBOX, 3 unread', timeout=120)
    session.settle()
    session.screenshot('mail-connected')

    secret = ecertgui.wait_for(lambda: session.keyring_lookup(host='localhost',
                                                              user=mailserver.USER),
                               'the mail password in the keyring')
    if secret != mailserver.PASSWORD:
        raise TestFailure(f'the keyring holds {secret!r}, not the mail password')
    keyfile = (pathlib.Path(session.env['XDG_CONFIG_HOME']) / 'glib-2.0' / 'settings'
               / 'keyfile').read_text()
    if mailserver.PASSWORD in keyfile:
        raise TestFailure(f'the mail password was written to the settings:\n{keyfile}')
    for key, value in (('mail-host', "'localhost'"), ('mail-user', f"'{mailserver.USER}'"),
                       ('mail-move-to', "'Processed'")):
        if session.stored_setting(key) != value:
            raise TestFailure(f'{key} is {session.stored_setting(key)!r}, not {value}')
    if session.stored_setting('mail-port') not in (str(server.imaps_port),
                                                   f'uint32 {server.imaps_port}'):
        raise TestFailure(f'mail-port is {session.stored_setting("mail-port")!r}')


def check_wrong_password(session, preferences):
    """A refused password is said to be refused, on the page, and the one
    that worked stays in the keyring."""
    fill_row(session, preferences, 'Password', 'not the password')
    session.find(preferences, 'label', 'Not Connected', timeout=120)
    message = ecertgui.wait_for(label_matching(preferences, 'password|refused|sign'),
                                'the refusal in plain words')
    ecertgui.log(f'wrong password: {message}')
    session.screenshot('mail-wrong-password')
    if session.keyring_lookup(host='localhost', user=mailserver.USER) != mailserver.PASSWORD:
        raise TestFailure('a refused password replaced the one in the keyring')


def check_fetch(session, window, server):
    session.keys('ctrl+r')
    session.find(window, 'label', '4 new certificates', timeout=120)
    for number in range(4):
        ecertgui.wait_for(lambda n=number: any(ecertgui._name(node) == f'NZ-2026-00000{n}'
                                               for node in ecertgui._walk(window)),
                          f'NZ-2026-00000{number} in the list')
    session.screenshot('mail-fetched')

    # Every message was marked and moved once its certificates were stored.
    ecertgui.wait_for(lambda: len(server.flags_by_message_id('Processed')) == 3,
                      'the three messages moved to Processed')

    session.keys('ctrl+l')
    session.type_text('NZ-2026-000001')
    session.keys('Return')
    session.find(window, 'label', 'The signature is intact and the signer is trusted for '
                 'New Zealand (NZ)')
    received = session.find(window, 'label', re.compile('by mail from NPPO New Zealand'))
    ecertgui.log(f'received: {ecertgui._name(received)}')
    session.scroll_to(window, received)
    session.screenshot('mail-received')


def test(session):
    corpus = pathlib.Path(session.tmp) / 'corpus'
    ecertgui.write_corpus(corpus, 4)
    pki = hubtest.Hub(count=0)
    server = mailserver.Dovecot(pki.dir)
    try:
        server.start()
        server.deliver(make_messages(sorted(corpus.glob('*.xml'))))
        session.start_keyring()
        session.trust_anchor('NZ', ecertgui.TEST_PKI / 'nz-root.pem')
        session.env['ECERT_CACHE'] = str(pathlib.Path(session.tmp) / 'cache.sqlite3')

        window = session.start_app()
        session.find(window, 'label', 'No Certificates Yet')
        session.keys('ctrl+comma')
        preferences = session.window('Preferences')
        set_up_account(session, preferences, server)
        check_wrong_password(session, preferences)
        # The right one again, signing in at Enter.
        fill_row(session, preferences, 'Password', mailserver.PASSWORD)
        session.find(preferences, 'label', 'Connected: INBOX, 3 unread', timeout=120)

        session.click_button(preferences, 'Close')
        session.window_gone('Preferences')
        check_fetch(session, window, server)

        # The same page in the dark style.
        session.quit_with_ctrl_q()
        session.env['ADW_DEBUG_COLOR_SCHEME'] = 'prefer-dark'
        window = session.start_app()
        session.keys('ctrl+comma')
        preferences = session.window('Preferences')
        session.click(session.find(preferences, 'page tab', 'Mail', action='click'))
        # The stored account is shown (underscores of the path included).
        ecertgui.wait_for(lambda: any(ecertgui._name(node) == server.ca_file
                                      for node in ecertgui._walk(preferences)),
                          'the stored authority shown')
        session.settle()
        session.screenshot('mail-page-dark')
        del session.env['ADW_DEBUG_COLOR_SCHEME']
        session.keys('Escape')
        session.window_gone('Preferences')
        session.quit_with_ctrl_q()
    except Exception:
        print(server.log()[-4000:])
        raise
    finally:
        server.cleanup()
        pki.cleanup()


if __name__ == '__main__':
    ecertgui.run(test)
