#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Import through the file chooser (Ctrl+O): the certificate is verified,
stored, counted in a toast, and appears in the list, replacing the empty
state. Its signer is untrusted until the inspector adds the exporting
country's trust anchor in Preferences and verifies it again."""

import os
import pathlib
import re
import subprocess

import ecertgui

ECERT = os.environ['ECERT']
SOURCE = pathlib.Path(__file__).resolve().parent.parent.parent


def test(session):
    corpus = pathlib.Path(session.tmp) / 'corpus'
    ecertgui.write_corpus(corpus, 1)
    certificate = corpus / 'certificate-000000.xml'
    session.env['ECERT_CACHE'] = str(pathlib.Path(session.tmp) / 'cache.sqlite3')

    window = session.start_app()
    session.find(window, 'label', 'No Certificates Yet')
    session.screenshot('empty')

    # The empty window offers files as well as a hub.
    session.click_button(window, 'Import Certificate Files…')
    session.window('Import Certificates')
    session.screenshot('file-chooser')
    # The chooser's location entry, as a keyboard user opens it.
    session.keys('ctrl+l')
    session.type_text(str(certificate))
    session.choose_in_file_chooser('Import Certificates')

    session.find(window, 'label', '1 certificate stored, 0 duplicates, 0 rejected')
    ecertgui.wait_for(lambda: any(ecertgui._name(node) == 'NZ-2026-000000'
                                  for node in ecertgui._walk(window)),
                      'the imported certificate in the list')
    # No anchor for NZ in this fresh profile: signed, but not trusted.
    session.find(window, 'label', 'Untrusted signer')
    session.screenshot('imported')

    # The inspector adds New Zealand's anchor in Preferences…
    session.keys('ctrl+comma')
    preferences = session.window('Preferences')
    session.click(session.find(preferences, 'page tab', 'Trust', action='click'))
    country = session.find(preferences, 'text', 'Exporting Country Code')
    session.settle()
    session.pointer_click(country)
    session.type_text('nz')
    session.click_button(preferences, 'Add Trust Anchor')
    session.window('Choose Trust Anchor')
    session.keys('ctrl+l')
    session.type_text(str(SOURCE / 'tests' / 'data' / 'pki' / 'nz-root.pem'))
    session.choose_in_file_chooser('Choose Trust Anchor')
    session.find(preferences, 'label', 'NZ — CN=NZ test root,O=E-Cert Inspector tests,C=NZ')
    session.screenshot('anchor-added')
    session.click_button(preferences, 'Close')
    session.window_gone('Preferences')

    # …then opens the certificate and verifies it again: now trusted.
    session.keys('ctrl+l')
    session.type_text('NZ-2026-000000')
    session.keys('Return')
    session.find(window, 'label', 'Untrusted signer')
    # What is stored stays shown until verified again, but not silently.
    session.find(window, 'label', re.compile('checked now, it would be “Valid signature”'))
    session.screenshot('anchors-changed')
    session.click_button(window, 'Verify Again')
    session.find(window, 'label', 'The signature is intact and the signer is trusted for New Zealand (NZ)')
    session.screenshot('verified-again')

    # Ctrl+O, the same file again: kept once.
    session.keys('ctrl+o')
    session.window('Import Certificates')
    session.keys('ctrl+l')
    session.type_text(str(certificate))
    session.choose_in_file_chooser('Import Certificates')
    session.find(window, 'label', '0 certificates stored, 1 duplicate, 0 rejected')

    session.quit_with_ctrl_q()


if __name__ == '__main__':
    ecertgui.run(test)
