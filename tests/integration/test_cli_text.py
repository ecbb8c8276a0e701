#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Text entering `ecert`: words that are not UTF-8 are refused with a
reason."""

import base64
import os
import pathlib
import re
import subprocess
import sys
import tempfile

ECERT = os.environ['ECERT']
TEST_DATA = pathlib.Path(os.environ['ECERT_TEST_DATA_DIR'])
SPS = 'urn:un:unece:uncefact:data:standard:'
failures = []

NUMBER = 'NZ-2026-000777'
# A right-to-left override makes a terminal show "invoiceexe.pdf".
ATTACHMENT = 'invoice\u202efdp.exe'
# CSI (U+009B) starts an escape sequence on some terminals; the carriage
# return would let the rest overwrite the start of the line; the isolate
# reorders what follows it.
CONSIGNEE = 'Shanghai\u009b2JFresh\rValid signature \u2067Co\u2069 Ltd'
CONSIGNEE_XML = 'Shanghai\u009b2JFresh&#13;Valid signature \u2067Co\u2069 Ltd'
# Arabic with a right-to-left mark and a combining mark is ordinary text.
CONSIGNOR = 'شركة الفواكه\u200f الطازجة للتصدير \u0645\u064e'
COMMODITY = 'Kiwi\u202dfruit\u0085sweet'
PDF = b'%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n'


def run(*argv, cache=None):
    env = dict(os.environ, LANGUAGE='en', LC_ALL='C.UTF-8')
    env.pop('ECERT_CACHE', None)
    args = [ECERT, *argv]
    if cache is not None:
        args[2:2] = ['--cache', str(cache)]
    return subprocess.run(args, capture_output=True, env=env, timeout=60, check=False)


def check(name, condition, detail=''):
    print(f'{"ok" if condition else "not ok"} - {name}')
    if not condition:
        failures.append(name)
        if detail:
            print('  ' + str(detail).replace('\n', '\n  ')[:3000])


def hostile_certificate():
    text = (TEST_DATA / 'full-certificate.xml.in').read_text(encoding='utf-8')
    for key, value in (('@RSM@', SPS + 'SPSCertificate:17'),
                       ('@RAM@', SPS + 'ReusableAggregateBusinessInformationEntity:21'),
                       ('@UDT@', SPS + 'UnqualifiedDataType:21'), ('@DATE@', 'DateTimeString')):
        text = text.replace(key, value)
    text = text.replace('NZ-2026-000417', NUMBER)
    text = text.replace('<ram:Name>上海鲜果进出口有限公司</ram:Name>',
                        f'<ram:Name>{CONSIGNEE_XML}</ram:Name>')
    text = text.replace('<ram:Name>Kiwi Orchards Ltd</ram:Name>', f'<ram:Name>{CONSIGNOR}</ram:Name>')
    text = text.replace('>Kiwifruit<', f'>{COMMODITY}<')
    pdf = base64.b64encode(PDF).decode()
    text = re.sub(r'filename="permit.txt" mimeCode="text/plain">[^<]*<',
                  f'filename="{ATTACHMENT}" mimeCode="application/pdf">{pdf}<', text)
    assert ATTACHMENT in text and CONSIGNEE_XML in text and CONSIGNOR in text
    return text.encode('utf-8')


def test_invalid_words(tmp):
    cache = tmp / 'words.sqlite3'
    path = tmp / 'words.xml'
    path.write_bytes(hostile_certificate())
    imported = run('import', str(path), cache=cache)
    check('import for the words: exit 0', imported.returncode == 0, imported.stderr)
    for argv in ((b'--', b'-\xfc'), (b'kiwi', b'\xff'), (b'\xe4\xb8',)):
        result = run('search', *argv, cache=cache)
        err = result.stderr.decode(errors='replace')
        check(f'search {argv!r}: exit 2', result.returncode == 2,
              f'exit {result.returncode}\n{err}')
        check(f'search {argv!r}: says the words are not valid text',
              'ecert search: the words to find are not valid text' in err, err)
        check(f'search {argv!r}: prints no result', result.stdout == b'', result.stdout)

    result = run('get', b'NZ-2026-000777\xff', cache=cache)
    err = result.stderr.decode(errors='replace')
    check('get with a number that is not UTF-8: exit 2 and why', result.returncode == 2 and
          'ecert get: the number is not valid text' in err, err)
    result = run('search', '--country', b'\xfc', cache=cache)
    check('search --country that is not UTF-8: exit 2', result.returncode == 2,
          result.stderr)

    result = run('search', 'kiwi', cache=cache)
    check('search with valid words still finds', result.returncode == 0 and
          NUMBER.encode() in result.stdout, result.stdout + result.stderr)


with tempfile.TemporaryDirectory() as scratch:
    tmp = pathlib.Path(scratch)
    test_invalid_words(tmp)

if failures:
    print(f'# {len(failures)} failed')
    sys.exit(1)
