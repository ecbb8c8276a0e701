#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Text entering and leaving `ecert`: words that are not UTF-8 are refused
with a reason, and what an issuer wrote reaches the terminal without the
control and bidi characters that would change what the terminal shows."""

import base64
import json
import os
import pathlib
import re
import subprocess
import sys
import tempfile

from testdata import full_certificate

ECERT = os.environ['ECERT']
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
# Visible and harmless: C1 characters and bidi controls as written, and
# the line feed, tab, carriage return, NEL and separators that end lines.
UNSAFE = re.compile('[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069'
                    '\u2028\u2029]')
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
    text = full_certificate(NUMBER)
    text = text.replace('<ram:Name>上海鲜果进出口有限公司</ram:Name>',
                        f'<ram:Name>{CONSIGNEE_XML}</ram:Name>')
    text = text.replace('<ram:Name>Kiwi Orchards Ltd</ram:Name>', f'<ram:Name>{CONSIGNOR}</ram:Name>')
    text = text.replace('>Kiwifruit<', f'>{COMMODITY}<')
    pdf = base64.b64encode(PDF).decode()
    text = re.sub(r'filename="permit.txt" mimeCode="text/plain">[^<]*<',
                  f'filename="{ATTACHMENT}" mimeCode="application/pdf">{pdf}<', text)
    assert ATTACHMENT in text and CONSIGNEE_XML in text and CONSIGNOR in text
    return text.encode('utf-8')


def check_clean(what, output):
    """No raw control or bidi character, and none of their encodings."""
    text = output.decode('utf-8', errors='replace')
    found = sorted({f'U+{ord(c):04X}' for c in UNSAFE.findall(text)})
    check(f'{what}: no control or bidi character reaches the terminal', not found,
          f'{found}\n{text}')


def check_shown(what, output):
    text = output.decode()
    check_clean(what, output)
    check(f'{what}: the override in the file name is shown, not obeyed',
          'invoice<U+202E>fdp.exe' in text, text)
    check(f'{what}: the consignee\'s controls are shown, on one line',
          'Shanghai<U+009B>2JFresh Valid signature <U+2067>Co<U+2069> Ltd' in text, text)
    check(f'{what}: Arabic text with its marks is shown as written', CONSIGNOR in text, text)


def test_show(tmp):
    path = tmp / 'hostile.xml'
    path.write_bytes(hostile_certificate())

    shown = run('show', str(path))
    check('show: exit 0', shown.returncode == 0, shown.stderr)
    check_shown('show', shown.stdout)

    as_json = run('show', '--json', str(path))
    check('show --json: exit 0', as_json.returncode == 0, as_json.stderr)
    check_clean('show --json', as_json.stdout)
    model = json.loads(as_json.stdout)
    attachment = model['referenced_documents'][0]['attachment']
    check('show --json: the file name as written, for scripts',
          attachment['filename'] == ATTACHMENT, attachment)
    check('show --json: the consignee as written, for scripts',
          model['consignment']['consignee']['name'] == CONSIGNEE,
          model['consignment']['consignee'])
    check('show --json: Arabic unescaped', CONSIGNOR.encode() in as_json.stdout, as_json.stdout)
    return path


def test_cache(tmp, path):
    cache = tmp / 'cache.sqlite3'
    imported = run('import', str(path), cache=cache)
    check('import: exit 0', imported.returncode == 0, imported.stderr)

    got = run('get', NUMBER, cache=cache)
    check('get: exit 0', got.returncode == 0, got.stderr)
    check_shown('get', got.stdout)

    found = run('search', 'kiwi', cache=cache)
    check('search: exit 0', found.returncode == 0, found.stderr)
    check_clean('search', found.stdout)
    rows = [line for line in found.stdout.decode().splitlines() if NUMBER in line]
    check('search: one line for the certificate, the commodity\'s controls shown',
          len(rows) == 1 and 'Kiwi<U+202D>fruit sweet' in rows[0], found.stdout.decode())

    # Messages quote what they were given, on standard error too.
    missing = run('get', 'NZ-1\u202e\u009b', cache=cache)
    check_clean('get an unknown number: standard error', missing.stderr)
    check('get an unknown number: the number as given, shown',
          'no certificate numbered “NZ-1<U+202E><U+009B>”' in missing.stderr.decode(),
          missing.stderr.decode())

    as_json = run('search', 'kiwi', '--json', cache=cache)
    check_clean('search --json', as_json.stdout)
    row = json.loads(as_json.stdout)['results'][0]
    check('search --json: the names as written', row['consignee'] == CONSIGNEE and
          row['commodity'] == COMMODITY, row)


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
    document = test_show(tmp)
    test_cache(tmp, document)
    test_invalid_words(tmp)

if failures:
    print(f'# {len(failures)} failed')
    sys.exit(1)
