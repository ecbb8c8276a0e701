#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Differential run: randomly mutated signed certificates, verified by
`ecert verify` and by xmlsec1 (OpenSSL back end: another implementation).
Wherever xmlsec1 says a document is not validly signed, ecert must never say
it is. Where ecert is the stricter one, the cases are counted and printed
with their reasons, and the whole table is printed.

ECERT_DIFFERENTIAL_SEED and ECERT_DIFFERENTIAL_COUNT change the run;
ECERT_DIFFERENTIAL_KEEP=DIR keeps the mutated files there."""

import collections
import concurrent.futures
import json
import os
import pathlib
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time

ECERT = os.environ['ECERT']
sys.path.insert(0, os.path.dirname(__file__))
from testdata import full_certificate  # noqa: E402

TEST_DATA = pathlib.Path(os.environ['ECERT_TEST_DATA_DIR'])
PKI = TEST_DATA / 'pki'
SEED = int(os.environ.get('ECERT_DIFFERENTIAL_SEED', '20260314'))
COUNT = int(os.environ.get('ECERT_DIFFERENTIAL_COUNT', '1200'))
failures = []

XMLSEC1 = shutil.which('xmlsec1')
if XMLSEC1 is None:
    print('1..0 # SKIP xmlsec1 is not installed (build-aux/deps installs it)')
    sys.exit(77)


def check(name, condition, detail=''):
    print(f'{"ok" if condition else "not ok"} - {name}')
    if not condition:
        failures.append(name)
        if detail:
            print('  ' + str(detail).replace('\n', '\n  ')[:6000])


def ecert(*argv):
    env = dict(os.environ, LANGUAGE='en', LC_ALL='C.UTF-8')
    return subprocess.run([ECERT, *argv], capture_output=True, env=env, timeout=600,
                          check=False)


def xmlsec1_valid(path):
    result = subprocess.run([XMLSEC1, '--verify', '--enabled-reference-uris', 'empty',
                             '--enabled-key-data', 'x509',
                             '--trusted-pem', str(PKI / 'nz-root.pem'),
                             '--untrusted-pem', str(PKI / 'nz-ca.pem'), str(path)],
                            capture_output=True, timeout=60, check=False)
    return result.returncode == 0


def ecert_verdicts(paths):
    """One `ecert verify --json` for all the files: {path: (verdict, reason)}."""
    result = ecert('verify', '--json', '--trust', f'NZ={PKI / "nz-root.pem"}',
                   *map(str, paths))
    verdicts = {}
    decoder = json.JSONDecoder()
    text = result.stdout.decode()
    position = 0
    while True:
        while position < len(text) and text[position].isspace():
            position += 1
        if position >= len(text):
            break
        record, position = decoder.raw_decode(text, position)
        verdicts[record['file']] = (record['verdict'], record['reason'])
    # Files the reader refused are named on stderr, with why.
    for line in result.stderr.decode(errors='replace').splitlines():
        path, _, message = line.partition(': ')
        if path not in verdicts:
            verdicts[path] = ('unreadable', message)
    return result.returncode, verdicts


# --- Mutations --------------------------------------------------------------

TAG = re.compile(rb'<(/?)([A-Za-z_][\w.:-]*)([^<>]*?)(/?)>')
ATTRIBUTE = re.compile(rb'\s([A-Za-z_][\w.:-]*)=("[^"<]*"|\'[^\'<]*\')')


def elements(data):
    """Spans (start, end, name) of the elements, or None if the tags do not
    nest (the document is already broken)."""
    spans = []
    stack = []
    for match in TAG.finditer(data):
        closing, name, _, empty = match.group(1), match.group(2), match.group(3), match.group(4)
        if closing:
            if not stack or stack[-1][1] != name:
                return None
            start, _ = stack.pop()
            spans.append((start, match.end(), name.decode()))
        elif empty:
            spans.append((match.start(), match.end(), name.decode()))
        else:
            stack.append((match.start(), name))
    return spans if not stack else None


def region(data, position):
    start = data.find(b'<ds:Signature')
    end = data.find(b'</ds:Signature>')
    root = data.find(b'<rsm:SPSCertificate')
    root_end = data.rfind(b'</rsm:SPSCertificate>')
    if start <= position < end + len(b'</ds:Signature>') and start >= 0:
        return 'signature'
    if root <= position < root_end + len(b'</rsm:SPSCertificate>'):
        return 'signed content'
    return 'outside the document element'


def text_positions(data):
    """Positions between '>' and '<': character data (or white space between
    elements)."""
    return [m.start() + 1 for m in re.finditer(rb'>(?=[^<])', data)] + \
        [m.start() + 1 for m in re.finditer(rb'><', data)]


def flip_byte(rng, data):
    position = rng.randrange(len(data))
    old = data[position]
    new = rng.choice([old ^ (1 << rng.randrange(8)), rng.randrange(0x20, 0x7f)])
    if new == old:
        new = old ^ 1
    return (data[:position] + bytes([new]) + data[position + 1:],
            f'byte {position} ({region(data, position)}) {old:#04x}->{new:#04x}')


def insert_bytes(rng, data):
    position = rng.randrange(len(data) + 1)
    snippet = rng.choice([b' ', b'\n', b'\t', b'x', b'0', b'<', b'>', b'&', b'"', b"'", b'=',
                          b'<!-- c -->', b'<?pi x?>', b'<x/>', b'&amp;', b'&#x41;',
                          bytes([rng.randrange(0x20, 0x7f)])])
    return (data[:position] + snippet + data[position:],
            f'insert {snippet!r} at {position} ({region(data, position)})')


def delete_bytes(rng, data):
    position = rng.randrange(len(data))
    length = rng.randint(1, 4)
    return (data[:position] + data[position + length:],
            f'delete {data[position:position + length]!r} at {position} '
            f'({region(data, position)})')


def pick_element(rng, data, spans, prefer_signature=False):
    candidates = [s for s in spans if s[2] != 'rsm:SPSCertificate']
    if prefer_signature:
        candidates = [s for s in candidates if s[2] == 'ds:Signature'] or candidates
    return rng.choice(candidates)


def duplicate_element(rng, data, spans):
    start, end, name = pick_element(rng, data, spans)
    target = rng.choice([end, rng.choice(spans)[0], rng.choice(spans)[1]])
    if target == spans[-1][1]:
        target = end   # not after the document element
    copy = data[start:end]
    if rng.random() < 0.5 and re.search(rb'>[^<]+<', copy):
        # A copy with changed content: the classic wrapping payload.
        copy = re.sub(rb'>([^<]*?)([0-9A-Za-z])([^<]*)<',
                      lambda m: b'>' + m.group(1) + b'X' + m.group(3) + b'<', copy, count=1)
        how = 'forged copy'
    else:
        how = 'copy'
    return (data[:target] + copy + data[target:],
            f'{how} of {name} ({region(data, start)}) inserted at {target} '
            f'({region(data, target)})')


def move_element(rng, data, spans):
    start, end, name = pick_element(rng, data, spans, prefer_signature=rng.random() < 0.4)
    piece = data[start:end]
    rest = data[:start] + data[end:]
    rest_spans = elements(rest)
    if not rest_spans:
        return data, 'move skipped'
    target = rng.choice([s[0] for s in rest_spans if s[2] != 'rsm:SPSCertificate'] +
                        [s[1] for s in rest_spans if s[2] != 'rsm:SPSCertificate'])
    return (rest[:target] + piece + rest[target:],
            f'{name} ({region(data, start)}) moved to {target} ({region(rest, target)})')


def delete_element(rng, data, spans):
    start, end, name = pick_element(rng, data, spans)
    return data[:start] + data[end:], f'{name} ({region(data, start)}) deleted'


def whitespace(rng, data, spans):
    space = rng.choice([b' ', b'\n', b'  ', b'\t', b'\r\n', b'\n    '])
    where = rng.random()
    if where < 0.5:
        position = rng.choice(text_positions(data))
        what = 'between tags or in text'
    else:
        # Inside a start tag, before '>' or between attributes.
        match = rng.choice([m for m in TAG.finditer(data) if not m.group(1)])
        inner = [match.start() + 1 + len(match.group(2))] + \
            [m.start() + match.start() + 1 + len(match.group(2))
             for m in ATTRIBUTE.finditer(match.group(3))]
        position = rng.choice(inner)
        what = 'inside a tag'
    return (data[:position] + space + data[position:],
            f'white space {space!r} {what} at {position} ({region(data, position)})')


def change_attribute(rng, data, spans):
    tags = [m for m in TAG.finditer(data) if not m.group(1)]
    attributes = [(m, a) for m in tags for a in ATTRIBUTE.finditer(m.group(3))]
    kind = rng.choice(['value', 'delete', 'add', 'namespace', 'quotes', 'id'])
    if kind in ('value', 'delete', 'quotes') and attributes:
        tag, attribute = rng.choice(attributes)
        offset = tag.start() + 1 + len(tag.group(2))
        start, end = offset + attribute.start(), offset + attribute.end()
        name = attribute.group(1).decode()
        if kind == 'value':
            value = attribute.group(2)
            inner = bytearray(value[1:-1]) or bytearray(b'')
            if inner:
                i = rng.randrange(len(inner))
                inner[i] = rng.choice(b'0123456789abcdefXYZ#/:')
            else:
                inner = bytearray(b'x')
            new = data[start:end].replace(value, value[:1] + bytes(inner) + value[-1:], 1)
            return data[:start] + new + data[end:], f'attribute {name} value changed ' \
                f'({region(data, start)})'
        if kind == 'delete':
            return data[:start] + data[end:], f'attribute {name} deleted ({region(data, start)})'
        value = attribute.group(2)
        if b"'" in value[1:-1]:
            return data, 'quotes skipped'
        new = b' ' + attribute.group(1) + b"='" + value[1:-1] + b"'"
        return data[:start] + new + data[end:], f'attribute {name} quoted with \' ' \
            f'({region(data, start)})'
    tag = rng.choice(tags)
    position = tag.start() + 1 + len(tag.group(2))
    added = {'add': b' languageID="en"', 'namespace': b' xmlns:x="urn:x-ecert-test"',
             'id': b' Id="cert"'}.get(kind, b' added="1"')
    return (data[:position] + added + data[position:],
            f'attribute {added.decode().strip()} added to {tag.group(2).decode()} '
            f'({region(data, position)})')


def comment_in_text(rng, data, spans):
    position = rng.choice(text_positions(data))
    return (data[:position] + b'<!---->' + data[position:],
            f'comment inserted at {position} ({region(data, position)})')


BYTE_MUTATIONS = [flip_byte, insert_bytes, delete_bytes]
TREE_MUTATIONS = [duplicate_element, move_element, delete_element, whitespace, change_attribute,
                  comment_in_text]


def mutate(rng, data):
    steps = []
    for _ in range(rng.choice([1, 1, 1, 2, 2, 3])):
        spans = elements(data)
        if spans and rng.random() < 0.6:
            mutation = rng.choice(TREE_MUTATIONS)
            data, step = mutation(rng, data, spans)
        else:
            data, step = rng.choice(BYTE_MUTATIONS)(rng, data)
        steps.append(step)
    return data, '; '.join(steps)


# --- The run ----------------------------------------------------------------

def main(tmp):
    started = time.monotonic()
    template = tmp / 'certificate.xml'
    template.write_text(full_certificate(), encoding='utf-8')
    bases = {}
    for name, signer, chain, c14n in (('rsa-exc', 'nz-signer', 'nz-ca', 'exc'),
                                      ('rsa-inc', 'nz-signer', 'nz-ca', 'inc'),
                                      ('ecdsa-exc', 'nz-ecdsa', None, 'exc')):
        out = tmp / f'{name}.xml'
        argv = ['sign', '--key', str(PKI / f'{signer}.key'), '--cert', str(PKI / f'{signer}.pem'),
                '--c14n', c14n]
        if chain:
            argv += ['--chain', str(PKI / f'{chain}.pem')]
        result = ecert(*argv, str(template), str(out))
        check(f'{name}: signed by ecert sign', result.returncode == 0, result.stderr)
        bases[name] = out.read_bytes()

    # The unmutated documents are valid for both, so what follows is the
    # mutations' doing.
    _, verdicts = ecert_verdicts([tmp / f'{name}.xml' for name in bases])
    for name in bases:
        path = tmp / f'{name}.xml'
        check(f'{name}: valid for ecert', verdicts.get(str(path), ('?',))[0] == 'valid',
              verdicts.get(str(path)))
        check(f'{name}: valid for xmlsec1', xmlsec1_valid(path))

    rng = random.Random(SEED)
    cases = []
    mutated_dir = tmp / 'mutated'
    mutated_dir.mkdir()
    names = sorted(bases)
    for i in range(COUNT):
        base = rng.choice(names)
        data, description = mutate(rng, bases[base])
        path = mutated_dir / f'{i:05d}-{base}.xml'
        path.write_bytes(data)
        cases.append((path, base, description, data == bases[base]))

    ecert_started = time.monotonic()
    status, verdicts = ecert_verdicts([case[0] for case in cases])
    ecert_seconds = time.monotonic() - ecert_started
    check('ecert verify printed a verdict or an error for every file',
          all(str(case[0]) in verdicts for case in cases),
          [str(c[0]) for c in cases if str(c[0]) not in verdicts][:10])
    check('ecert verify exits 1 or 2 when some files are not valid', status in (1, 2), status)

    xmlsec_started = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        xmlsec = dict(zip((case[0] for case in cases),
                          pool.map(xmlsec1_valid, (case[0] for case in cases))))
    xmlsec_seconds = time.monotonic() - xmlsec_started

    table = collections.Counter()
    unsafe = []
    stricter = collections.defaultdict(list)
    for path, base, description, unchanged in cases:
        verdict, reason = verdicts.get(str(path), ('missing', ''))
        oracle = 'xmlsec1 valid' if xmlsec[path] else 'xmlsec1 fails'
        table[(oracle, verdict)] += 1
        if not xmlsec[path] and verdict == 'valid':
            unsafe.append(f'{path.name}: {description}: ecert says valid: {reason}')
        if xmlsec[path] and verdict != 'valid':
            stricter[(verdict, reason)].append(f'{path.name}: {description}')

    columns = ['valid', 'invalid', 'unsupported', 'untrusted', 'not-authorised',
               'expired-signer', 'unsigned', 'unreadable']
    columns += sorted({verdict for _, verdict in table} - set(columns))
    print(f'# {len(cases)} mutated certificates (seed {SEED}), '
          f'{sum(1 for c in cases if c[3])} identical to their base')
    print(f'# ecert verify: one process, {ecert_seconds:.1f} s; '
          f'xmlsec1: one process per file, 2 threads, {xmlsec_seconds:.1f} s')
    print('# ' + ' ' * 14 + ''.join(f'{c:>15}' for c in columns) + f'{"total":>8}')
    for oracle in ('xmlsec1 valid', 'xmlsec1 fails'):
        row = [table[(oracle, c)] for c in columns]
        print(f'# {oracle:<14}' + ''.join(f'{n:>15}' for n in row) + f'{sum(row):>8}')

    total_stricter = sum(len(v) for v in stricter.values())
    print(f'# ecert stricter than xmlsec1 (xmlsec1 valid, ecert not): {total_stricter}')
    for (verdict, reason), examples in sorted(stricter.items(), key=lambda kv: -len(kv[1])):
        print(f'#   {len(examples):4} x {verdict}: {reason}')
        for example in examples[:4]:
            print(f'#          e.g. {example}')

    check(f'wherever xmlsec1 fails, ecert never says valid ({len(unsafe)} exceptions)',
          not unsafe, '\n'.join(unsafe))
    check(f'at least 1000 mutated certificates ({len(cases)})', len(cases) >= 1000)
    check('both verdicts occur (the mutations reach the verifier)',
          table[('xmlsec1 fails', 'invalid')] > 0 and
          sum(table[('xmlsec1 valid', c)] for c in columns) > 0)

    keep = os.environ.get('ECERT_DIFFERENTIAL_KEEP')
    if keep:
        shutil.copytree(mutated_dir, keep, dirs_exist_ok=True)
    print(f'# {time.monotonic() - started:.1f} s in all')


with tempfile.TemporaryDirectory() as scratch:
    main(pathlib.Path(scratch))

print(f'{len(failures)} failed' if failures else 'all passed')
sys.exit(1 if failures else 0)
