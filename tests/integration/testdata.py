# SPDX-License-Identifier: GPL-3.0-or-later
"""The test certificate every integration test starts from: the template in
tests/data with its namespace placeholders filled in."""

import os
import pathlib

SPS = 'urn:un:unece:uncefact:data:standard:'
TEMPLATE = pathlib.Path(os.environ.get('ECERT_TEST_DATA_DIR',
                                       pathlib.Path(__file__).parent.parent / 'data'))
TEMPLATE_NUMBER = 'NZ-2026-000417'


def full_certificate(number=None):
    """The certificate's XML as text, numbered @number if given."""
    text = (TEMPLATE / 'full-certificate.xml.in').read_text(encoding='utf-8')
    for key, value in (('@RSM@', SPS + 'SPSCertificate:17'),
                       ('@RAM@', SPS + 'ReusableAggregateBusinessInformationEntity:21'),
                       ('@UDT@', SPS + 'UnqualifiedDataType:21'), ('@DATE@', 'DateTimeString')):
        text = text.replace(key, value)
    return text if number is None else text.replace(TEMPLATE_NUMBER, number)
