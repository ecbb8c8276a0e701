#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Write a directory of typical certificates for `ecert bench parse`.

Each is built from tests/data/full-certificate.xml.in with its own number,
dates, parties and one to three trade line items, which puts them around
10 KB, the size of a typical ePhyto certificate without attachments.

    tests/bench/make-corpus.py DIRECTORY [COUNT] [--sign ECERT]

With --sign, each certificate is signed by `ECERT sign` with the RSA-2048
test signer of tests/data/pki (chain included), for `ecert bench verify`.
"""

import pathlib
import random
import re
import subprocess
import sys

SPS = 'urn:un:unece:uncefact:data:standard:'
TEMPLATE = pathlib.Path(__file__).resolve().parent.parent / 'data' / 'full-certificate.xml.in'


def certificate(template, index, rng):
    text = template
    for key, value in (('@RSM@', SPS + 'SPSCertificate:17'),
                       ('@RAM@', SPS + 'ReusableAggregateBusinessInformationEntity:21'),
                       ('@UDT@', SPS + 'UnqualifiedDataType:21'), ('@DATE@', 'DateTimeString')):
        text = text.replace(key, value)
    text = re.sub(r'<!--.*?-->\n', '', text, flags=re.S)
    text = text.replace('NZ-2026-000417', f'NZ-2026-{index:06d}')
    text = text.replace('2026-03-14T09:26:53', f'2026-{rng.randint(1, 12):02d}-'
                        f'{rng.randint(1, 28):02d}T{rng.randint(0, 23):02d}:26:53')
    text = text.replace('Kiwi Orchards Ltd', f'Orchard {rng.randint(1, 9999)} Ltd')
    item = re.search(r'( *<ram:IncludedSPSTradeLineItem>.*?</ram:IncludedSPSTradeLineItem>\n)',
                     text, flags=re.S).group(1)
    extra = ''.join(item.replace('<ram:SequenceNumeric>1<', f'<ram:SequenceNumeric>{n}<')
                    for n in range(2, rng.randint(2, 4)))
    return text.replace(item, item + extra)


PKI = TEMPLATE.parent / 'pki'


def sign(ecert, path):
    subprocess.run([ecert, 'sign', '--key', str(PKI / 'nz-signer.key'),
                    '--cert', str(PKI / 'nz-signer.pem'), '--chain', str(PKI / 'nz-ca.pem'),
                    str(path), str(path)], check=True)


def main():
    args = sys.argv[1:]
    ecert = None
    if '--sign' in args:
        index = args.index('--sign')
        ecert = args[index + 1]
        del args[index:index + 2]
    if not args:
        sys.exit(__doc__)
    directory = pathlib.Path(args[0])
    count = int(args[1]) if len(args) > 1 else 2000
    directory.mkdir(parents=True, exist_ok=True)
    template = TEMPLATE.read_text(encoding='utf-8')
    rng = random.Random(417)
    total = 0
    for index in range(count):
        data = certificate(template, index, rng).encode('utf-8')
        path = directory / f'certificate-{index:06d}.xml'
        path.write_bytes(data)
        if ecert is not None:
            sign(ecert, path)
        total += path.stat().st_size
    print(f'{count} certificates, {total / count / 1024:.1f} KiB on average, in {directory}')


if __name__ == '__main__':
    main()
