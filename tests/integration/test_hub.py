#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""`ecert-hub init`, `seed` and `serve`, driven with Python's own TLS and
SOAP so that the hub is checked independently of our client: its files,
its certificates, who may call it, and the delivery semantics of the
ePhyto Hub. The hub runs with --validate: every request and reply is
checked against the WSDL's schemas, and any departure fails the test."""

import os
import re
import ssl
import subprocess
import sys

sys.path.insert(0, os.path.dirname(__file__))
from hubtest import (ECERT_HUB, EPH, HUB, Checker, Hub, fault_message, run,  # noqa: E402
                     soap_call, tls_context)

ECERT = os.environ['ECERT']
c = Checker()


def headers(hub, client='CN'):
    status, payload = soap_call(hub, 'GetImportEnvelopeHeaders', client=client)
    result = payload.find(f'{{{EPH}}}GetImportEnvelopeHeadersResult')
    items = [] if result is None else result.findall(f'{{{HUB}}}EnvelopeHeader')
    return status, [{child.tag.split('}')[1]: child.text for child in item} for item in items]


def tracking(hub, number, client='CN'):
    _, payload = soap_call(hub, 'GetEnvelopeTrackingInfo',
                           f'<eph:hubTrackingNumber>{number}</eph:hubTrackingNumber>', client=client)
    return payload.findtext(f'{{{EPH}}}GetEnvelopeTrackingInfoResult/{{{HUB}}}HUBTrackingInfo')


def check_files(hub):
    with open(hub.path('README')) as stream:
        readme = stream.read()
    described = set(re.findall(r'^(\S+)\s', readme, re.M))
    present = set(os.listdir(hub.dir)) - {'hub.db-wal', 'hub.db-shm'}
    c.check('init: README describes every file', present <= described,
            sorted(present - described))
    c.check('init: the keys are private',
            all(os.stat(hub.path(name)).st_mode & 0o077 == 0
                for name in present if name.endswith(('.key', '.p12'))))
    again = run(ECERT_HUB, 'init', hub.dir)
    c.check('init: refuses a directory that holds a hub', again.returncode == 1
            and 'already holds a hub' in again.stderr, again.stderr)
    c.check('seed: reports what it added', 'Added 60 envelopes' in hub.seed_output,
            hub.seed_output)


def check_signed(hub):
    """The seeded certificates verify against the NPPO anchors ecert trusts."""
    trust = []
    for name in sorted(os.listdir(hub.dir)):
        match = re.fullmatch(r'nppo-([A-Z]{2})-ca\.pem', name)
        if match:
            trust += ['--trust', f'{match.group(1)}={hub.path(name)}']
    status, payload = soap_call(hub, 'PULLImportEnvelope')
    envelopes = payload.findall(f'{{{EPH}}}PULLImportEnvelopesResult/{{{HUB}}}Envelope')
    c.check('PULLImportEnvelope returns envelopes with content',
            status == 200 and envelopes and all(e.findtext(f'{{{HUB}}}Content') for e in envelopes))
    verdicts = {}
    for index, envelope in enumerate(envelopes):
        path = os.path.join(hub.scratch, f'{index}.xml')
        with open(path, 'w') as stream:
            stream.write(envelope.findtext(f'{{{HUB}}}Content'))
        result = run(ECERT, 'verify', *trust, path)
        verdict = result.stdout.split(': ')[1] if ': ' in result.stdout else result.stderr
        verdicts[verdict] = verdicts.get(verdict, 0) + 1
    c.check('seeded certificates are mostly validly signed, some unsigned',
            verdicts.get('valid', 0) > len(envelopes) // 2 and 'unsigned' in verdicts
            and set(verdicts) <= {'valid', 'unsigned', 'invalid'}, verdicts)


def check_authentication(hub):
    try:
        soap_call(hub, 'GetProfile', client=None)
        refused = False
    except (ssl.SSLError, ConnectionError, OSError):
        refused = True
    c.check('the hub refuses a desk without a certificate during the handshake', refused)

    for client, name, reason in (('rogue', 'a certificate from another CA',
                                  'not issued by this hub\'s certificate authority'),
                                 ('expired', 'an expired certificate', 'it has expired')):
        status, payload = soap_call(hub, 'GetProfile', client=client)
        c.check(f'the hub refuses {name} with HTTP 403 and the reason',
                status == 403 and reason in (fault_message(payload) or ''),
                (status, fault_message(payload)))

    status, payload = soap_call(hub, 'GetProfile', client='stranger')
    c.check('a country without an NPPO gets a HubWebException',
            status == 500 and 'No NPPO of XK' in (fault_message(payload) or ''))

    status, payload = soap_call(hub, 'GetProfile', action=EPH + 'IDeliveryService/GetStatements')
    c.check('a SOAPAction that does not match the body is a fault', status == 500
            and 'does not match' in (fault_message(payload) or ''))

    status, payload = soap_call(hub, 'SetTrackingInfoUpdate')
    c.check('an operation the hub does not offer is a fault', status == 500
            and 'not an operation of this hub' in (fault_message(payload) or ''))


def check_semantics(hub):
    status, cn = headers(hub)
    c.check('headers: CN sees what is pending for it', status == 200 and len(cn) > 30, len(cn))
    c.check('headers: only envelopes addressed to CN, all pending',
            all(h['To'] == 'CN' and h['HUBTrackingInfo'] == 'PendingDelivery' for h in cn))
    status, payload = soap_call(hub, 'GetImportEnvelopeHeaders',
                                '<eph:countryCode>NZ</eph:countryCode>')
    c.check('headers: CN may not read NZ\'s', status == 500
            and 'only read the envelopes addressed to it' in fault_message(payload))

    first, second, third = cn[0]['hubDeliveryNumber'], cn[1]['hubDeliveryNumber'], \
        cn[2]['hubDeliveryNumber']
    status, payload = soap_call(hub, 'PULLSingleImportEnvelope',
                                f'<eph:hubTrackingNumber>{first}</eph:hubTrackingNumber>')
    content = payload.findtext(f'{{{EPH}}}PULLSingleImportEnvelopeResult/{{{HUB}}}Content')
    c.check('PULLSingleImportEnvelope returns the certificate', status == 200 and content
            and ('SPSCertificate' in content or content.startswith('PD94')))
    c.check('pulling leaves it pending', tracking(hub, first) == 'PendingDelivery')

    status, _ = soap_call(hub, 'AcknowledgeEnvelopeReceipt',
                          f'<eph:hubTrackingNumber>{first}</eph:hubTrackingNumber>')
    c.check('AcknowledgeEnvelopeReceipt: Delivered',
            status == 200 and tracking(hub, first) == 'Delivered')
    status, payload = soap_call(hub, 'AcknowledgeFailedEnvelopeReceipt',
                                f'<eph:hubTrackingNumber>{first}</eph:hubTrackingNumber>'
                                '<eph:message>cannot read</eph:message>')
    c.check('an envelope delivered once stays delivered', status == 200
            and payload.findtext(f'{{{EPH}}}return') == 'Delivered'
            and tracking(hub, first) == 'Delivered')

    soap_call(hub, 'AdvancedAcknowledgeEnvelopeReceipt',
              f'<eph:hubTrackingNumber>{second}</eph:hubTrackingNumber>'
              '<eph:warningMessage>not schema-valid</eph:warningMessage>',
              action=EPH + 'IDeliveryService/NegativeAcknowledgeEnvelopeReceipt')
    c.check('AdvancedAcknowledgeEnvelopeReceipt (the WSDL\'s NegativeAcknowledge action): '
            'DeliveredWithWarnings', tracking(hub, second) == 'DeliveredWithWarnings')
    soap_call(hub, 'AcknowledgeFailedEnvelopeReceipt',
              f'<eph:hubTrackingNumber>{third}</eph:hubTrackingNumber>'
              '<eph:message>not XML</eph:message>')
    c.check('AcknowledgeFailedEnvelopeReceipt: DeliveredNotReadable',
            tracking(hub, third) == 'DeliveredNotReadable')

    _, after = headers(hub)
    c.check('acknowledged envelopes leave the headers',
            len(after) == len(cn) - 3 and first not in {h['hubDeliveryNumber'] for h in after})

    c.check('an unknown number: EnvelopeNotExists', tracking(hub, 'no-such') == 'EnvelopeNotExists')
    c.check('another NPPO cannot see CN\'s envelope',
            tracking(hub, second, client='US') == 'EnvelopeNotExists')
    status, payload = soap_call(hub, 'PULLSingleImportEnvelope',
                                f'<eph:hubTrackingNumber>{second}</eph:hubTrackingNumber>',
                                client='US')
    c.check('another NPPO cannot pull CN\'s envelope', status == 500
            and 'There is no envelope' in fault_message(payload))


def check_nppos(hub):
    status, payload = soap_call(hub, 'GetActiveNppos')
    nppos = payload.findall(f'{{{EPH}}}GetActiveNpposResult/{{{HUB}}}Nppo')
    countries = [n.findtext(f'{{{HUB}}}Country') for n in nppos]
    c.check('GetActiveNppos lists every NPPO', status == 200 and len(nppos) == 18
            and 'CN' in countries and 'NZ' in countries, countries)
    c.check('each NPPO has its signing certificate',
            all('BEGIN CERTIFICATE' in (n.findtext(f'{{{HUB}}}Signature/certificate') or '')
                for n in nppos))
    status, payload = soap_call(hub, 'GetProfile', client='NZ')
    c.check('GetProfile is the caller\'s NPPO', status == 200 and payload.findtext(
        f'{{{EPH}}}GetProfileResult/{{{HUB}}}Country') == 'NZ')
    status, payload = soap_call(hub, 'GetTreatmentTypes')
    c.check('GetTreatmentTypes lists treatments', status == 200
            and len(payload.findall(f'{{{EPH}}}TreatmentType')) > 5)


def envelope_xml(sender, to, number, content):
    return (f'<hub:From>{sender}</hub:From><hub:To>{to}</hub:To>'
            '<hub:CertificateType>851</hub:CertificateType>'
            '<hub:CertificateStatus>70</hub:CertificateStatus>'
            f'<hub:NPPOCertificateNumber>{number}</hub:NPPOCertificateNumber>'
            f'<hub:Content>{content}</hub:Content>')


def check_delivery(hub):
    _, before = headers(hub)
    status, payload = soap_call(hub, 'DeliverEnvelope',
                                '<eph:env>' + envelope_xml('NZ', 'CN', 'NZ-T-1', 'PGE+PC9hPg==')
                                + '</eph:env>', client='NZ')
    result = payload.find(f'{{{EPH}}}DeliverEnvelopeResult')
    number = result.findtext(f'{{{HUB}}}hubDeliveryNumber') if result is not None else None
    c.check('DeliverEnvelope: the hub numbers it, pending', status == 200 and number
            and result.findtext(f'{{{HUB}}}HUBTrackingInfo') == 'PendingDelivery')
    _, after = headers(hub)
    c.check('the delivered envelope reaches CN\'s headers',
            number in {h['hubDeliveryNumber'] for h in after} and len(after) == len(before) + 1)
    c.check('its sender can track it', tracking(hub, number, client='NZ') == 'PendingDelivery')

    status, payload = soap_call(hub, 'DeliverEnvelope',
                                '<eph:env>' + envelope_xml('AR', 'CN', 'X', 'x') + '</eph:env>',
                                client='NZ')
    c.check('an NPPO cannot deliver as another', status == 500
            and 'may only send envelopes from NZ' in fault_message(payload))

    status, payload = soap_call(hub, 'DeliverEnvelope',
                                '<eph:env>' + envelope_xml('NZ', 'FJ', 'NZ-T-2', 'x') + '</eph:env>',
                                client='NZ')
    result = payload.find(f'{{{EPH}}}DeliverEnvelopeResult')
    c.check('delivering to a country without an NPPO: FailedDelivery',
            status == 200 and result.findtext(f'{{{HUB}}}HUBTrackingInfo') == 'FailedDelivery'
            and 'not connected' in result.findtext(f'{{{HUB}}}hubDeliveryErrorMessage'))

    acknowledgement = (
        '<ack:SPSAcknowledgement xmlns:ack="urn:un:unece:uncefact:data:standard:'
        'SPSAcknowledgement:17" xmlns:ram="urn:un:unece:uncefact:data:standard:'
        'ReusableAggregateBusinessInformationEntity:21"><ack:SPSAcknowledgementDocument>'
        '<ram:StatusCode>39</ram:StatusCode></ack:SPSAcknowledgementDocument>'
        '</ack:SPSAcknowledgement>')
    status, payload = soap_call(hub, 'DeliverCountryResponseEnvelope',
                                '<eph:CountryResponseEnvelope>'
                                '<hub:From>CN</hub:From><hub:To>NZ</hub:To>'
                                '<hub:CertificateType>851</hub:CertificateType>'
                                '<hub:CertificateStatus>70</hub:CertificateStatus>'
                                '<hub:NPPOCertificateNumber>NZ-T-1</hub:NPPOCertificateNumber>'
                                + acknowledgement + '</eph:CountryResponseEnvelope>')
    c.check('DeliverCountryResponseEnvelope reaches the exporter', status == 200
            and any(h['NPPOCertificateNumber'] == 'NZ-T-1' for h in headers(hub, 'NZ')[1]))


hub = Hub(count=60)
try:
    check_files(hub)
    hub.start()
    check_signed(hub)
    check_authentication(hub)
    check_semantics(hub)
    check_nppos(hub)
    check_delivery(hub)
    stopped = hub.stop()
    errors = hub.server_errors()
    c.check('every request and reply followed the WSDL\'s schemas',
            'does not follow the WSDL' not in errors and 'not a SOAP message' not in errors,
            errors)
    c.check('the hub stops cleanly on SIGTERM', stopped == 0, stopped)
finally:
    hub.cleanup()

c.finish()
