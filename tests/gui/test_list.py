#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The cached certificates: the window opens on the list instead of the
empty state, Ctrl+F searches by number, Enter opens a certificate with its
verdict first, Alt+Left goes back, and a number that was never received
says so plainly."""

import os
import pathlib
import re
import subprocess
import tempfile

import ecertgui

ECERT = os.environ['ECERT']
SOURCE = pathlib.Path(__file__).resolve().parent.parent.parent
PKI = SOURCE / 'tests' / 'data' / 'pki'


def fill_cache(cache):
    """Twenty signed certificates, stored (and verified) as `ecert import` does."""
    corpus = pathlib.Path(tempfile.mkdtemp(prefix='ecert-gui-corpus-'))
    ecertgui.write_corpus(corpus, 20)
    subprocess.run([ECERT, 'import', '--cache', str(cache), '--trust', f'NZ={PKI / "nz-root.pem"}',
                    str(corpus)], check=True, stdout=subprocess.DEVNULL)
    return corpus


def numbers_shown(session, window):
    return sorted({ecertgui._name(node) for node in ecertgui._walk(window)
                   if ecertgui._role_name(node) == 'label' and
                   ecertgui._name(node).startswith('NZ-2026-')})


def test(session):
    cache = pathlib.Path(session.tmp) / 'cache.sqlite3'
    corpus = fill_cache(cache)
    # What the certificate looked for consigns, as its file says.
    species = ecertgui.scientific_name(corpus / 'certificate-000007.xml')
    session.env['ECERT_CACHE'] = str(cache)
    # The desk trusts New Zealand's root too: opening a certificate checks
    # it again with the desk's anchors, and shows how.
    session.trust_anchor('NZ', PKI / 'nz-root.pem')

    window = session.start_app()
    session.find(window, 'entry', 'Search Certificates')
    ecertgui.wait_for(lambda: len(numbers_shown(session, window)) >= 10,
                      'the list of cached certificates')
    session.find(window, 'label', 'Valid signature')
    session.screenshot('list')

    session.keys('ctrl+f')
    session.type_text('000007')
    ecertgui.wait_for(lambda: numbers_shown(session, window) == ['NZ-2026-000007'],
                      'the search to narrow the list to NZ-2026-000007')
    session.screenshot('search-found')

    # Down goes from the search to the rows; Enter opens the certificate,
    # the verdict first.
    session.keys('Down', 'Return')
    session.find(window, 'push button', 'Back to the List', action='click')
    session.find(window, 'label', 'Valid signature')
    session.find(window, 'label', 'The signature is intact and the signer is trusted for New Zealand (NZ)')
    session.find(window, 'label', species)
    session.screenshot('certificate')

    # Under the verdict, folded: how it was reached.
    if not session.absent(window, 'label', 'RSA PKCS#1 v1.5 SHA-256'):
        raise ecertgui.TestFailure('the signature details show before they are asked for')
    # GTK 4.8 gives an expander no action to call through AT-SPI: clicked
    # as a mouse would.
    details = session.find(window, 'push button', 'Signature Details')
    session.pointer_click(details)
    session.find(window, 'label', 'RSA PKCS#1 v1.5 SHA-256')
    session.find(window, 'label', 'New Zealand (NZ)')
    session.find(window, 'label', re.compile(r'^CN=nz-signer,'))
    session.screenshot('certificate-signature-details')
    session.pointer_click(details)

    # The number copies with one click; the XML as received is there to read
    # and search.
    session.click_button(window, 'Copy Number')
    session.click_button(window, 'Show the XML')
    session.find(window, 'text', 'Certificate XML')
    session.find(window, 'entry', 'Find in the XML')
    session.settle()
    session.type_text(species.split()[0])
    session.screenshot('certificate-xml')

    session.keys('alt+Left')

    # The paper check: Ctrl+L, the number as a scanner types it, Enter.
    session.keys('ctrl+l')
    session.find(window, 'text', 'Paper Certificate Number')
    session.type_text('nz 2026 000012')
    session.keys('Return')
    session.find(window, 'push button', 'Back to the List', action='click')
    session.find(window, 'label', 'NZ-2026-000012')
    session.find(window, 'label', 'The signature is intact and the signer is trusted for New Zealand (NZ)')
    session.screenshot('paper-check-found')

    # A number never received: said plainly, with what to do about the paper.
    session.keys('ctrl+l')
    session.type_text('NZ-2026-999999')
    session.keys('Return')
    session.find(window, 'label', 'No e-certificate numbered NZ-2026-999999 has been received')
    session.find(window, 'label', re.compile('^Treat the paper certificate as unverified'))
    # Both checks are listed, the newest first.
    session.find(window, 'label', 'nz 2026 000012')
    session.screenshot('paper-check-not-received')

    session.keys('alt+Left')
    session.keys('ctrl+f')
    session.type_text('NZ-2026-999999')
    session.find(window, 'label', 'No Matching Certificates')
    session.screenshot('search-not-found')

    session.quit_with_ctrl_q()


if __name__ == '__main__':
    ecertgui.run(test)
