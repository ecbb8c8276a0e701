#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""`ecert show` and `ecert validate` on real, generated, encoded, broken and
hostile certificates, run as a user would run them."""

import base64
import json
import os
import pathlib
import resource
import time
import subprocess
import sys
import tempfile

from testdata import full_certificate

ECERT = os.environ['ECERT']
REFERENCE = pathlib.Path(os.environ.get('ECERT_REFERENCE_DIR', '/nonexistent'))
SAMPLE = REFERENCE / 'reference' / 'ephyto' / 'SPSCertificateContent.xml'
NO_NAMESPACES = REFERENCE / 'reference' / 'ephyto' / 'DeliverPhytoEnvelope-request-example.xml'
HOSTILE = REFERENCE / 'vectors' / 'signxml' / 'defusedxml-test-data'
failures = []


def run(*argv, stdin=None):
    env = dict(os.environ, LANGUAGE='en', LC_ALL='C.UTF-8')
    return subprocess.run([ECERT, *argv], input=stdin, capture_output=True, env=env,
                          timeout=60, check=False)


def check(name, condition, detail=''):
    print(f'{"ok" if condition else "not ok"} - {name}')
    if not condition:
        failures.append(name)
        if detail:
            print('  ' + str(detail).replace('\n', '\n  ')[:3000])


def generated_certificate():
    return full_certificate()


def test_generated(tmp):
    xml = generated_certificate()
    plain = tmp / 'plain.xml'
    plain.write_text(xml, encoding='utf-8')
    encoded = tmp / 'encoded.b64'
    utf16 = xml.replace('encoding="UTF-8"', 'encoding="UTF-16"').encode('utf-16')
    encoded.write_bytes(base64.encodebytes(utf16))

    shown = run('show', str(plain))
    out = shown.stdout.decode()
    check('show exits 0 on a complete certificate', shown.returncode == 0, shown.stderr)
    for expected in ('Phytosanitary certificate NZ-2026-000417', 'Kiwi Orchards Ltd',
                     '上海鲜果进出口有限公司', 'Maritime transport (1): Maersk Kowloon, V.226N',
                     'MSKU1234565, seals: SEAL-0098, SEAL-0099', 'Replaces certificate NZ-2026-000399',
                     'permit.txt, 29 bytes, text/plain', '2026-03-14 09:26:53 +13:00',
                     '5400 × Carton'):
        check(f'show prints {expected!r}', expected in out, out)
    check('show lists no unknown elements', 'Other elements' not in out, out)

    from_xml = run('show', '--json', str(plain))
    from_base64 = run('show', '--json', str(encoded))
    from_stdin = run('show', '--json', '-', stdin=xml.encode())
    check('show --json exits 0', from_xml.returncode == 0, from_xml.stderr)
    model = json.loads(from_xml.stdout)
    check('JSON has the consignee', model['consignment']['consignee']['name'] == '上海鲜果进出口有限公司')
    check('JSON keeps "not given" as null', model['signatory']['location']['scheme'] is None)
    check('base64 of UTF-16 gives the same model', from_base64.stdout == from_xml.stdout,
          from_base64.stderr)
    check('standard input gives the same model', from_stdin.stdout == from_xml.stdout,
          from_stdin.stderr)


def test_sample():
    if not SAMPLE.exists():
        print('# SKIP the reference sample is not available')
        return
    shown = run('show', '--json', str(SAMPLE))
    check('show --json reads the real sample', shown.returncode == 0, shown.stderr)
    model = json.loads(shown.stdout)
    consignment = model['consignment']
    check('sample consignor', consignment['consignor']['name'] == 'Juan Perez')
    check('sample consignee', consignment['consignee']['name'] == 'Importer SA')
    check('sample countries', (consignment['export_country']['id'],
                               consignment['import_country']['id']) == ('AR', 'EC'))
    sizes = [(d['attachment']['filename'], d['attachment']['size'])
             for d in model['referenced_documents'] if d['attachment']]
    check('sample attachments', sizes == [('TestPdf.pdf', 10073), ('US-F-12345-13467-7N.png', 51607),
                                          ('TestJpeg.jpeg', 77178), ('TestGif.gif', 552),
                                          ('TestIngenFiltypeINavn', 10073), ('UkjentFiltype', 40)],
          sizes)
    check('sample replacement', model['replacement']['replaced_id'] == '3214356')
    check('sample unknown element kept', len(model['unknown_elements']) == 1)

    validated = run('validate', str(SAMPLE))
    out = validated.stdout.decode()
    check('validate exits 1 on the sample, which breaks the schema', validated.returncode == 1,
          out + validated.stderr.decode())
    check('validate reports lines', f'{SAMPLE}:69:' in out and f'{SAMPLE}:131:' in out, out)

    broken = run('show', str(NO_NAMESPACES))
    check('undeclared prefixes: exit 2', broken.returncode == 2)
    check('undeclared prefixes: says where and why',
          b'line 2, column 18: Namespace prefix soapenv on Envelope is not defined' in broken.stderr,
          broken.stderr)


def test_hostile():
    if not HOSTILE.exists():
        print('# SKIP the hostile vectors are not available')
        return
    for path in sorted(HOSTILE.iterdir()):
        started = time.monotonic()
        result = run('show', str(path))
        elapsed = time.monotonic() - started
        # The largest resident size of any child so far: an upper bound.
        peak_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        check(f'{path.name}: under a second ({elapsed:.3f}s)', elapsed < 1, elapsed)
        check(f'{path.name}: under 50 MB ({peak_mib:.1f} MiB)', peak_mib < 50, peak_mib)
        if path.name.startswith('simple'):
            # Harmless XML, but not a certificate: refused as such.
            check(f'{path.name}: not a certificate, exit 2', result.returncode == 2)
            continue
        check(f'{path.name}: refused with exit 2', result.returncode == 2, result.stdout)
        check(f'{path.name}: a reason is given', path.name.encode() in result.stderr and
              len(result.stderr) > len(str(path)) + 10, result.stderr)


def test_bad_input(tmp):
    missing = run('show', str(tmp / 'missing.xml'))
    check('a missing file: exit 2', missing.returncode == 2)
    garbage = tmp / 'garbage.b64'
    garbage.write_text('this is neither XML nor base64')
    result = run('validate', str(garbage))
    check('garbage: exit 2', result.returncode == 2)
    check('garbage: says what it is not', b'neither XML nor base64' in result.stderr, result.stderr)
    no_file = run('show')
    check('show without a file: exit 2', no_file.returncode == 2)


with tempfile.TemporaryDirectory() as scratch:
    test_generated(pathlib.Path(scratch))
    test_sample()
    test_hostile()
    test_bad_input(pathlib.Path(scratch))

print(f'{len(failures)} failed' if failures else 'all passed')
sys.exit(1 if failures else 0)
