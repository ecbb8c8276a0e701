#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Write a directory of typical certificates for `ecert bench parse`.

Each is built from tests/data/full-certificate.xml.in with its own number,
dates, parties and one to three trade line items, which puts them around
10 KB, the size of a typical ePhyto certificate without attachments.

    tests/bench/make-corpus.py DIRECTORY [COUNT]
"""

import pathlib
import random
import re
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


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    directory = pathlib.Path(sys.argv[1])
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
    directory.mkdir(parents=True, exist_ok=True)
    template = TEMPLATE.read_text(encoding='utf-8')
    rng = random.Random(417)
    total = 0
    for index in range(count):
        data = certificate(template, index, rng).encode('utf-8')
        (directory / f'certificate-{index:06d}.xml').write_bytes(data)
        total += len(data)
    print(f'{count} certificates, {total / count / 1024:.1f} KiB on average, in {directory}')


if __name__ == '__main__':
    main()
