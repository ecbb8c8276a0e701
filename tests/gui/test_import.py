#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Import through the file chooser (Ctrl+O): the certificate is verified,
stored, counted in a toast, and appears in the list, replacing the empty
state."""

import os
import pathlib
import subprocess

import ecertgui

ECERT = os.environ['ECERT']
SOURCE = pathlib.Path(__file__).resolve().parent.parent.parent


def test(session):
    corpus = pathlib.Path(session.tmp) / 'corpus'
    subprocess.run(['/usr/bin/python3', str(SOURCE / 'tests' / 'bench' / 'make-corpus.py'),
                    str(corpus), '1', '--sign', ECERT], check=True, stdout=subprocess.DEVNULL)
    certificate = corpus / 'certificate-000000.xml'
    session.env['ECERT_CACHE'] = str(pathlib.Path(session.tmp) / 'cache.sqlite3')

    window = session.start_app()
    session.find(window, 'label', 'No Certificates Yet')
    session.screenshot('empty')

    session.keys('ctrl+o')
    chooser = session.window('Import Certificates')
    session.screenshot('file-chooser')
    # The chooser's location entry, as a keyboard user opens it.
    session.keys('ctrl+l')
    session.type_text(str(certificate))
    session.keys('Return')
    session.window_gone('Import Certificates')
    del chooser

    session.find(window, 'label', '1 certificate stored, 0 duplicates, 0 rejected')
    ecertgui.wait_for(lambda: any(ecertgui._name(node) == 'NZ-2026-000000'
                                  for node in ecertgui._walk(window)),
                      'the imported certificate in the list')
    # No anchor for NZ in this fresh profile: signed, but not trusted.
    session.find(window, 'label', 'Untrusted signer')
    session.screenshot('imported')

    session.quit_with_ctrl_q()


if __name__ == '__main__':
    ecertgui.run(test)
