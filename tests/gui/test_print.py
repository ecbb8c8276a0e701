#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""A certificate on paper and its attachments: an attached image shows as
a thumbnail that opens large (Escape closes it), a damaged attachment says
so, the main menu offers Print… and Export as PDF… once a certificate is
shown, Ctrl+P opens the print dialog, and Ctrl+Shift+E saves a PDF through
the file chooser that says the number, the verdict and the values."""

import os
import pathlib
import re
import struct
import subprocess
import zlib

import ecertgui
from gi.repository import Atspi

ECERT = os.environ['ECERT']
SOURCE = pathlib.Path(__file__).resolve().parent.parent.parent
PKI = SOURCE / 'tests' / 'data' / 'pki'
NUMBER = 'NZ-2026-000001'


def encode_png(width, height, colour_type, rows):
    """A PNG of these rows of pixels: 8-bit grey (0) or RGB (2)."""
    compressor = zlib.compressobj(9)
    data = b''.join(compressor.compress(b'\x00' + row) for row in rows) + compressor.flush()

    def chunk(kind, payload):
        return (struct.pack('>I', len(payload)) + kind + payload +
                struct.pack('>I', zlib.crc32(kind + payload) & 0xffffffff))
    return (b'\x89PNG\r\n\x1a\n' +
            chunk(b'IHDR', struct.pack('>IIBBBBB', width, height, 8, colour_type, 0, 0, 0)) +
            chunk(b'IDAT', data) + chunk(b'IEND', b''))


def stamp_png(width, height):
    """A red stamp on white paper, as a scanned permit shows one."""
    def pixel(x, y):
        distance = ((x - width / 2) ** 2 + (y - height / 2) ** 2) ** 0.5
        if abs(distance - height / 3) < 4 or (abs(y - height / 2) < 3 and distance < height / 3):
            return bytes((200, 30, 40))
        return bytes((250, 248, 240))
    return encode_png(width, height, 2,
                      (b''.join(pixel(x, y) for x in range(width)) for y in range(height)))


def blank_png(width, height):
    """White paper of a size no thumbnail is made of: small as a file,
    tens of millions of pixels once decoded."""
    return encode_png(width, height, 0, (b'\xff' * width for _ in range(height)))


def attachment(filename, content):
    return ('<ram:ReferenceSPSReferencedDocument>'
            '<ram:TypeCode>916</ram:TypeCode><ram:RelationshipTypeCode>AAG</ram:RelationshipTypeCode>'
            f'<ram:ID>{filename}</ram:ID>'
            f'<ram:AttachmentBinaryObject filename="{filename}">{content}'
            '</ram:AttachmentBinaryObject></ram:ReferenceSPSReferencedDocument>\n')


def fill_cache(session):
    """Three signed certificates; the second carries a scanned permit (a PNG
    the reader must sniff: no type declared), a damaged scan and a scan too
    large to make a thumbnail of."""
    import base64
    corpus = pathlib.Path(session.tmp) / 'corpus'
    cache = pathlib.Path(session.tmp) / 'cache.sqlite3'
    ecertgui.write_corpus(corpus, 3, signed=False)
    path = corpus / 'certificate-000001.xml'
    text = path.read_text(encoding='utf-8')
    extra = (attachment('import-permit.png', base64.b64encode(stamp_png(240, 160)).decode()) +
             attachment('damaged-scan.png', 'iVBORw0KGgo*not*base64*') +
             attachment('huge-scan.png', base64.b64encode(blank_png(8000, 6000)).decode()))
    # Referenced documents come just before the signatory.
    text = re.sub(r'( *<ram:SignatorySPSAuthentication>)', extra.replace('\\', r'\\') + r'\1',
                  text, count=1)
    path.write_text(text, encoding='utf-8')
    for certificate in sorted(corpus.glob('*.xml')):
        subprocess.run([ECERT, 'sign', '--key', str(PKI / 'nz-signer.key'),
                        '--cert', str(PKI / 'nz-signer.pem'), '--chain', str(PKI / 'nz-ca.pem'),
                        str(certificate), str(certificate)], check=True)
    subprocess.run([ECERT, 'import', '--cache', str(cache), '--trust', f'NZ={PKI / "nz-root.pem"}',
                    str(corpus)], check=True, stdout=subprocess.DEVNULL)
    return cache


def print_dialog(session):
    """The print dialog, when it is open. GTK 4.8 does not say it is
    showing, only visible."""
    return next((w for w in session.windows()
                 if ecertgui._role_name(w) == 'dialog' and ecertgui._name(w) == 'Print' and
                 w.get_state_set().contains(Atspi.StateType.VISIBLE)), None)


def open_certificate(session, window, number):
    session.keys('ctrl+l')
    session.type_text(number)
    session.keys('Return')
    session.find(window, 'push button', 'Back to the List', action='click')


def documents_folder(session):
    """A Documents folder, declared as a desktop declares it: where GTK's
    Print to File writes."""
    home = pathlib.Path(session.env['HOME'])
    documents = home / 'Documents'
    documents.mkdir(parents=True, exist_ok=True)
    config = pathlib.Path(session.env['XDG_CONFIG_HOME'])
    config.mkdir(parents=True, exist_ok=True)
    (config / 'user-dirs.dirs').write_text('XDG_DOCUMENTS_DIR="$HOME/Documents"\n')
    return documents


def test(session):
    session.env['ECERT_CACHE'] = str(fill_cache(session))
    # The desk trusts New Zealand's root, as the import did.
    session.trust_anchor('NZ', PKI / 'nz-root.pem')
    documents = documents_folder(session)
    window = session.start_app()
    session.find(window, 'label', 'Valid signature')

    # Nothing to print from the list.
    session.click_button(window, 'Main Menu')
    session.find(window, 'menu item', 'Import Certificates…', action='click')
    if not session.absent(window, 'menu item', 'Print…'):
        raise ecertgui.TestFailure('the main menu offers Print… without a certificate shown')
    session.keys('Escape')

    open_certificate(session, window, NUMBER)
    session.find(window, 'label', 'The signature is intact and the signer is trusted for New Zealand (NZ)')
    thumbnail = session.find(window, 'push button', 'View Image', action='click')
    session.find(window, 'label', 'Damaged')
    session.find(window, 'label', 'import-permit.png')
    session.find(window, 'label', 'huge-scan.png')
    session.settle()
    thumbnails = [node for node in ecertgui._walk(window)
                  if ecertgui._role_name(node) == 'push button' and
                  ecertgui.name_matches(node, 'View Image')]
    if len(thumbnails) != 1:
        raise ecertgui.TestFailure(f'{len(thumbnails)} thumbnails instead of the permit’s alone')
    session.settle()
    # The attachments are near the end of the certificate.
    session.scroll_to(window, thumbnail)
    session.screenshot('attachments')

    session.click(thumbnail)
    image = session.window('import-permit.png')
    session.find(image, 'image', 'Attached Image')
    session.screenshot('image-large')
    session.keys('Escape')
    session.window_gone('import-permit.png')

    session.click_button(window, 'Main Menu')
    session.find(window, 'menu item', 'Print…', action='click')
    session.find(window, 'menu item', 'Export as PDF…', action='click')
    session.screenshot('menu')
    session.keys('Escape')

    session.keys('ctrl+p')
    ecertgui.wait_for(lambda: print_dialog(session), 'the print dialog')
    session.screenshot('print-dialog')
    session.keys('Escape')
    ecertgui.wait_for(lambda: not print_dialog(session), 'the print dialog to close')

    # Printed for real, through the dialog, by the one printer a machine
    # without CUPS has: GTK's own, to a file.
    session.keys('ctrl+p')
    dialog = ecertgui.wait_for(lambda: print_dialog(session), 'the print dialog')
    printer = session.find(dialog, 'label', 'Print to File', showing=False)
    session.pointer_click(printer)
    session.screenshot('print-to-file')
    print_button = session.find(dialog, 'push button', 'Print', action='click', showing=False)
    ecertgui.wait_for(lambda: print_button.get_state_set().contains(Atspi.StateType.SENSITIVE),
                      'the Print button to be ready')
    session.click(print_button)
    ecertgui.wait_for(lambda: not print_dialog(session), 'the print dialog to close')

    def printed_text():
        """The printed file's text, once it is whole."""
        for path in documents.glob('*.pdf'):
            result = subprocess.run(['pdftotext', '-layout', str(path), '-'],
                                    capture_output=True, text=True)
            if result.returncode == 0 and 'Page 1 of' in result.stdout:
                return path, result.stdout
        return None
    printed, text = ecertgui.wait_for(printed_text, 'the printed file in Documents')
    ecertgui.log(f'printed to {printed}')
    if f'Certificate {NUMBER}' not in text or 'Valid signature' not in text:
        raise ecertgui.TestFailure(f'the printed file does not hold the certificate: {text[:500]}')

    pdf = pathlib.Path(session.tmp) / 'printed' / f'{NUMBER}.pdf'
    pdf.parent.mkdir()
    session.keys('ctrl+shift+e')
    session.window('Export as PDF')
    session.screenshot('export-chooser')
    # The name field holds the proposed name; a path typed there is taken
    # as it is.
    session.keys('ctrl+a')
    session.type_text(str(pdf))
    session.choose_in_file_chooser('Export as PDF')
    session.find(window, 'label', f'Saved as “{pdf.name}”')
    ecertgui.wait_for(lambda: pdf.exists() and pdf.stat().st_size > 0, f'{pdf} to be written')

    text = subprocess.run(['pdftotext', '-layout', str(pdf), '-'], check=True,
                          capture_output=True, text=True).stdout
    ecertgui.log(text)
    species = ecertgui.scientific_name(pathlib.Path(session.tmp) / 'corpus' / 'certificate-000001.xml')
    for expected in (f'Certificate {NUMBER}', 'Valid signature',
                     'The signature is intact and the signer is trusted for New Zealand (NZ)',
                     'Phytosanitary', species, 'Consignor', 'import-permit.png', 'damaged-scan.png',
                     'Page 1 of', 'E-Cert Inspector'):
        if expected not in text:
            raise ecertgui.TestFailure(f'the PDF does not say {expected!r}')
    # The verdict comes first, after the title.
    if text.index('Valid signature') > text.index('Consignor'):
        raise ecertgui.TestFailure('the PDF does not put the verdict first')
    pages = int(re.search(r'Pages:\s+(\d+)', subprocess.run(
        ['pdfinfo', str(pdf)], check=True, capture_output=True, text=True).stdout).group(1))
    if text.count(f'Page {pages} of {pages}') != 1:
        raise ecertgui.TestFailure(f'the PDF does not number its {pages} pages')
    # The image attachment is printed, under its name, after the sections;
    # the damaged one is listed but has nothing to print.
    if text.index('Attached Images') < text.index('Consignor'):
        raise ecertgui.TestFailure('the PDF does not put the images after the certificate')
    images = subprocess.run(['pdfimages', '-list', str(pdf)], check=True, capture_output=True,
                            text=True).stdout.splitlines()[2:]
    ecertgui.log('\n'.join(images))
    if len(images) != 1:
        raise ecertgui.TestFailure(f'the PDF holds {len(images)} images, not the one attached')
    subprocess.run(['pdftoppm', '-png', '-r', '60', str(pdf),
                    os.path.join(ecertgui.SCREENSHOT_DIR, 'print-pdf-page')], check=True)

    session.quit_with_ctrl_q()


if __name__ == '__main__':
    ecertgui.run(test)
