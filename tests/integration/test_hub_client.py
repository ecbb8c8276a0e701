#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""EcertHubClient (through the hub-client test tool) against a real
`ecert-hub serve` over loopback TLS: every operation, client certificates
in PEM and PKCS#12, refused desks and untrusted hubs; then against a hub
that misbehaves on purpose (badhub.py): HTTP errors, web pages, cut-off
bodies, faults, silence, a hostile reason phrase, and which of those are
retried."""

import json
import os
import ssl
import sys
import tempfile
import time
import unicodedata

sys.path.insert(0, os.path.dirname(__file__))
from badhub import HOSTILE_REASON, BadHub  # noqa: E402
from hubtest import Checker, Hub, run  # noqa: E402

HUB_CLIENT = os.environ['HUB_CLIENT']
c = Checker()


def call(url, *arguments, hub=None, client='CN', ca=True, options=()):
    """Runs one call; returns (ok, result list or error list, seconds)."""
    argv = [HUB_CLIENT, '--hub', url, *options]
    if hub is not None and ca is True:
        argv += ['--ca', hub.path('hub-ca.pem')]
    elif isinstance(ca, str):
        argv += ['--ca', ca]
    if hub is not None and client is not None:
        argv += ['--cert', hub.path(f'client-{client}.pem'), '--key', hub.path(f'client-{client}.key')]
    start = time.monotonic()
    result = run(*argv, *arguments, timeout=60)
    elapsed = time.monotonic() - start
    try:
        output = json.loads(result.stdout)
    except json.JSONDecodeError:
        output = None
    # Anything but 0 or 1 is a crash, or a sanitizer's report.
    if output is None or result.returncode not in (0, 1):
        return False, [{'code': 'CRASH', 'message': result.stdout + result.stderr}], elapsed
    if result.returncode == 0:
        return True, output, elapsed
    return False, output['errors'], elapsed


def check_error(name, outcome, code, *fragments):
    ok, errors, _ = outcome
    error = errors[0] if not ok and errors else {}
    c.check(name, not ok and error.get('code') == code
            and all(fragment in error.get('message', '') for fragment in fragments), errors)


def check_operations(hub):
    url = hub.url
    ok, result, _ = call(url, 'GetImportEnvelopeHeaders', hub=hub)
    headers = result[0]['headers'] if ok else []
    c.check('GetImportEnvelopeHeaders: the pending envelopes for CN', ok and len(headers) > 30
            and all(h['to'] == 'CN' and h['tracking'] == 'PendingDelivery' for h in headers),
            result)
    numbers = [h['hubDeliveryNumber'] for h in headers]

    ok, result, _ = call(url, 'PULLSingleImportEnvelope', numbers[0], hub=hub)
    envelope = result[0]['envelopes'][0] if ok else {}
    c.check('PULLSingleImportEnvelope: the envelope and its certificate',
            ok and envelope.get('hubDeliveryNumber') == numbers[0] and envelope.get('content'))

    ok, result, _ = call(url, 'PULLImportEnvelope', hub=hub)
    c.check('PULLImportEnvelope: pending envelopes with content',
            ok and len(result[0]['envelopes']) == len(headers)
            and all(e['content'] for e in result[0]['envelopes']))

    ok, _, _ = call(url, 'AcknowledgeEnvelopeReceipt', numbers[0], hub=hub)
    ok2, result, _ = call(url, 'GetEnvelopeTrackingInfo', numbers[0], hub=hub)
    c.check('AcknowledgeEnvelopeReceipt, then GetEnvelopeTrackingInfo: Delivered',
            ok and ok2 and result[0]['header']['tracking'] == 'Delivered', result)

    ok, result, _ = call(url, 'AdvancedAcknowledgeEnvelopeReceipt', numbers[1], 'not schema-valid',
                         hub=hub)
    c.check('AdvancedAcknowledgeEnvelopeReceipt: DeliveredWithWarnings',
            ok and result[0]['text'] == 'DeliveredWithWarnings', result)
    ok, result, _ = call(url, 'AcknowledgeFailedEnvelopeReceipt', numbers[2], 'not XML', hub=hub)
    c.check('AcknowledgeFailedEnvelopeReceipt: DeliveredNotReadable',
            ok and result[0]['text'] == 'DeliveredNotReadable', result)

    ok, result, _ = call(url, 'GetEnvelopeTrackingInfo', 'no-such-envelope', hub=hub)
    c.check('GetEnvelopeTrackingInfo of an unknown number: EnvelopeNotExists',
            ok and result[0]['header']['tracking'] == 'EnvelopeNotExists', result)

    ok, result, _ = call(url, 'GetProfile', hub=hub)
    c.check('GetProfile: CN, with a readable signing certificate',
            ok and result[0]['nppos'][0]['country'] == 'CN'
            and result[0]['nppos'][0]['signingCertificateReadable'], result)

    ok, result, _ = call(url, 'GetActiveNppos', hub=hub)
    nppos = result[0]['nppos'] if ok else []
    c.check('GetActiveNppos: every NPPO, each with its signing certificate',
            len(nppos) == 18 and all(n['signingCertificateReadable'] for n in nppos), result)

    for operation in ('GetStatements', 'GetTreatmentTypes', 'GetIntendedUses', 'GetUnitMeasures',
                      'GetMeanOfTransports', 'GetPackageTypes', 'GetProductDescriptions',
                      'GetAdditionalDeclarations', 'GetConditions', 'GetPesticides'):
        ok, result, _ = call(url, operation, hub=hub)
        c.check(f'{operation}: entries with codes and labels', ok and result[0]['codes']
                and all(e['code'] and e['label'] for e in result[0]['codes']), result)

    with tempfile.NamedTemporaryFile('w', suffix='.xml', delete=False) as stream:
        stream.write('<?xml version="1.0"?><rsm:SPSCertificate xmlns:rsm="urn:un:unece:uncefact:'
                     'data:standard:SPSCertificate:17"/>')
        certificate = stream.name
    ok, result, _ = call(url, 'DeliverEnvelope', 'NZ', 'CN', 'NZ-CLIENT-1', certificate, hub=hub,
                         client='NZ')
    delivered = result[0]['header'] if ok else {}
    c.check('DeliverEnvelope: numbered and pending', ok and delivered['hubDeliveryNumber']
            and delivered['tracking'] == 'PendingDelivery', result)
    ok, result, _ = call(url, 'GetImportEnvelopeHeaders', hub=hub)
    c.check('the delivered envelope is pending for CN', ok and delivered.get('hubDeliveryNumber')
            in {h['hubDeliveryNumber'] for h in result[0]['headers']})

    with tempfile.NamedTemporaryFile('w', suffix='.xml', delete=False) as stream:
        stream.write('<ack:SPSAcknowledgement xmlns:ack="urn:un:unece:uncefact:data:standard:'
                     'SPSAcknowledgement:17" xmlns:ram="urn:un:unece:uncefact:data:standard:'
                     'ReusableAggregateBusinessInformationEntity:21"><ack:SPSAcknowledgementDocument>'
                     '<ram:StatusCode>39</ram:StatusCode></ack:SPSAcknowledgementDocument>'
                     '</ack:SPSAcknowledgement>')
        acknowledgement = stream.name
    ok, result, _ = call(url, 'DeliverCountryResponseEnvelope', 'CN', 'NZ', 'NZ-CLIENT-1',
                         acknowledgement, hub=hub)
    c.check('DeliverCountryResponseEnvelope: numbered and pending',
            ok and result[0]['header']['tracking'] == 'PendingDelivery', result)
    os.unlink(certificate)
    os.unlink(acknowledgement)

    check_error('a HubWebException becomes HUB_FAULT with the hub\'s message',
                call(url, 'PULLSingleImportEnvelope', numbers[3], hub=hub, client='US'),
                'HUB_FAULT', 'There is no envelope', 'for the NPPO of US')

    ok, result, _ = call(url, 'GetImportEnvelopeHeaders', hub=hub, options=['--parallel', '6'])
    c.check('six calls at once over one session', ok and len(result) == 6
            and len({len(r['headers']) for r in result}) == 1, result)


def check_certificates(hub):
    url = hub.url
    ok, result, _ = call(url, 'GetProfile', hub=hub, client=None,
                         options=['--p12', hub.path('client-NZ.p12'), '--passphrase', 'demo'])
    c.check('a PKCS#12 client certificate with its passphrase',
            ok and result[0]['nppos'][0]['country'] == 'NZ', result)
    check_error('a wrong PKCS#12 passphrase is named as such',
                call(url, 'GetProfile', hub=hub, client=None,
                     options=['--p12', hub.path('client-NZ.p12'), '--passphrase', 'wrong']),
                'CONNECTION', 'passphrase', 'is wrong')
    check_error('a missing PKCS#12 passphrase is named as such',
                call(url, 'GetProfile', hub=hub, client=None,
                     options=['--p12', hub.path('client-NZ.p12')]),
                'CONNECTION', 'protected by a passphrase', 'none was given')
    check_error('no client certificate: the hub requires one',
                call(url, 'GetProfile', hub=hub, client=None),
                'CONNECTION', 'requires a client certificate')
    check_error('a client certificate from another CA: refused, with the reason',
                call(url, 'GetProfile', hub=hub, client='rogue'),
                'CONNECTION', 'refused this desk', 'not issued by this hub')
    check_error('an expired client certificate: refused, with the reason',
                call(url, 'GetProfile', hub=hub, client='expired'),
                'CONNECTION', 'refused this desk', 'expired')
    check_error('a certificate for a country without an NPPO: the hub\'s fault',
                call(url, 'GetProfile', hub=hub, client='stranger'),
                'HUB_FAULT', 'No NPPO of XK')

    check_error('an untrusted hub (system CAs): refused, flags in words',
                call(url, 'GetProfile', hub=hub, ca=False),
                'CONNECTION', 'is not trusted', 'authority that is not trusted')
    check_error('an untrusted hub (another CA file): refused',
                call(url, 'GetProfile', hub=hub, ca=hub.path('rogue-ca.pem')),
                'CONNECTION', 'is not trusted')
    check_error('an unreadable CA file is named',
                call(url, 'GetProfile', hub=hub, ca=hub.path('no-such.pem')),
                'CONNECTION', 'no-such.pem')


def check_identity(hub):
    """The same hub on an address its certificate does not name."""
    other = Hub(directory=hub.dir)
    other.start('--address', '127.0.0.2')
    try:
        check_error('a hub certificate for another address: refused',
                    call(other.url, 'GetProfile', hub=hub),
                    'CONNECTION', 'not issued for the hub’s address')
    finally:
        other.cleanup()


def check_unreachable(hub):
    url = hub.url
    hub.stop()
    outcome = call(url, 'GetProfile', hub=hub,
                   options=['--retries', '2', '--retry-delay', '200'])
    check_error('a hub that is down: cannot be reached', outcome, 'CONNECTION',
                'cannot be reached')
    c.check('…after trying again with growing pauses (0.2 s, then 0.4 s)',
            outcome[2] >= 0.6, outcome[2])


def check_misbehaviour(hub):
    bad = BadHub(hub.path('server.pem'), hub.path('server.key'))
    retrying = ['--retries', '2', '--retry-delay', '50']
    try:
        ok, result, _ = call(bad.url('ok'), 'GetImportEnvelopeHeaders', hub=hub)
        c.check('the misbehaving hub can behave', ok and len(result[0]['headers']) == 40, result)

        outcome = call(bad.url('html500'), 'GetImportEnvelopeHeaders', hub=hub, options=retrying)
        check_error('HTTP 500 with a web page: its status and title', outcome, 'SOAP',
                    'HTTP 500', 'web page', '502 Bad Gateway')
        c.check('…and not tried again', bad.count('html500') == 1, bad.count('html500'))
        check_error('a web page instead of a reply', call(bad.url('html200'),
                    'GetImportEnvelopeHeaders', hub=hub), 'SOAP', 'web page')
        check_error('a SOAP fault that is not the hub\'s', call(bad.url('fault500'),
                    'GetImportEnvelopeHeaders', hub=hub), 'SOAP', 'SOAP fault',
                    'NullPointerException')
        check_error('a HubWebException', call(bad.url('hubfault'), 'PULLSingleImportEnvelope',
                    'n-7', hub=hub), 'HUB_FAULT', 'Envelope n-7 does not exist')
        check_error('a reply that is not XML', call(bad.url('garbage'),
                    'GetImportEnvelopeHeaders', hub=hub), 'SOAP', 'cannot be read')
        check_error('an empty reply', call(bad.url('empty'), 'GetImportEnvelopeHeaders',
                    hub=hub), 'SOAP', 'empty')
        check_error('the reply to another operation', call(bad.url('wrongop'),
                    'GetImportEnvelopeHeaders', hub=hub), 'SOAP',
                    'GetImportEnvelopeHeadersResponse was expected')

        outcome = call(bad.url('truncated'), 'GetImportEnvelopeHeaders', hub=hub,
                       options=retrying)
        check_error('a body cut off halfway', outcome, 'SOAP', 'cut off')
        c.check('…tried again, as asking again is harmless', bad.count('truncated') == 3,
                bad.count('truncated'))
        before = bad.count('truncated')
        with tempfile.NamedTemporaryFile('w', delete=False) as stream:
            stream.write('<x/>')
        check_error('a delivery cut off', call(bad.url('truncated'), 'DeliverEnvelope', 'CN', 'NZ',
                    'X-1', stream.name, hub=hub, options=retrying), 'SOAP', 'cut off')
        os.unlink(stream.name)
        c.check('…not tried again: a second delivery would be a second envelope',
                bad.count('truncated') == before + 1, bad.count('truncated'))

        outcome = call(bad.url('unavailable'), 'GetImportEnvelopeHeaders', hub=hub,
                       options=retrying)
        check_error('HTTP 503: unavailable', outcome, 'CONNECTION', 'unavailable', 'HTTP 503')
        c.check('…tried again twice', bad.count('unavailable') == 3, bad.count('unavailable'))

        outcome = call(bad.url('silent'), 'GetImportEnvelopeHeaders', hub=hub,
                       options=['--timeout', '1'])
        check_error('a reply that never comes: a timeout', outcome, 'CONNECTION',
                    'did not answer within 1 second')
        c.check('…after the timeout, not much later', 0.9 <= outcome[2] < 3, outcome[2])

        # One byte a second: the timeout, which waits for any progress,
        # never fires; the deadline and the minimum rate do.
        # (A list of headers, which may be far larger, gets eight times the
        # deadline: GetProfile has the deadline as given.)
        outcome = call(bad.url('trickle'), 'GetProfile', hub=hub,
                       options=['--timeout', '30', '--deadline', '3', '--minimum-rate', '0'])
        check_error('a reply trickling in: given up at the deadline', outcome, 'CONNECTION',
                    'answering too slowly', 'after 3 seconds')
        c.check('…at the deadline, not much later', 2.9 <= outcome[2] < 10, outcome[2])
        outcome = call(bad.url('trickle'), 'GetImportEnvelopeHeaders', hub=hub,
                       options=['--timeout', '30', '--deadline', '600', '--minimum-rate', '100',
                                '--rate-window', '2'])
        check_error('a reply trickling in: given up below the minimum rate', outcome,
                    'CONNECTION', 'answering too slowly')
        c.check('…after the first window it fell short', 1.9 <= outcome[2] < 10, outcome[2])
        ok, result, _ = call(bad.url('ok'), 'GetImportEnvelopeHeaders', hub=hub,
                             options=['--deadline', '3', '--minimum-rate', '100',
                                      '--rate-window', '2'])
        c.check('…and a hub that answers at once is not held to either', ok, result)
        with tempfile.TemporaryDirectory() as scratch:
            start = time.monotonic()
            synced = run(os.environ['ECERT'], 'sync', '--hub', bad.url('trickle'),
                         '--cert', hub.path('client-CN.pem'), '--key', hub.path('client-CN.key'),
                         '--ca', hub.path('hub-ca.pem'), '--deadline', '1',
                         '--cache', os.path.join(scratch, 'cache.sqlite3'),
                         '--trust-dir', scratch, timeout=120)
            elapsed = time.monotonic() - start
        # Four attempts at a list's 8 s, with pauses between them.
        c.check('ecert sync from a trickling hub: stops with the reason (exit 2)',
                synced.returncode == 2 and 'answering too slowly' in synced.stderr and
                elapsed < 90, (synced.returncode, synced.stderr, elapsed))

        outcome = call(bad.url('silent'), 'GetImportEnvelopeHeaders', hub=hub,
                       options=['--timeout', '30', '--cancel-after', '300'])
        check_error('a call can be cancelled', outcome, 'CANCELLED')
        c.check('…at once', outcome[2] < 2, outcome[2])

        outcome = call(bad.url('unavailable'), 'GetImportEnvelopeHeaders', hub=hub,
                       options=['--retries', '5', '--retry-delay', '2000', '--cancel-after',
                                '300'])
        check_error('a call waiting to try again can be cancelled', outcome, 'CANCELLED')
        c.check('…at once', outcome[2] < 2, outcome[2])
    finally:
        bad.stop()


# Characters that act on a terminal or turn text around instead of being
# shown (docs/untrusted-text.md).
def acts_on_screen(ch):
    return (unicodedata.category(ch) == 'Cc' or '\u202a' <= ch <= '\u202e'
            or '\u2066' <= ch <= '\u2069' or ch in '\u2028\u2029')


def check_hostile_reason(hub):
    """Whatever the status, the reason phrase a hub wrote reaches the error
    with its controls shown as <U+XXXX>, and cut short."""
    bad = BadHub(hub.path('server.pem'), hub.path('server.key'))
    try:
        for status, code, words in ((403, 'CONNECTION', 'refused this desk'),
                                    (500, 'SOAP', 'HTTP 500'),
                                    (503, 'CONNECTION', 'unavailable')):
            ok, errors, _ = call(bad.url(f'badreason{status}'), 'GetProfile', hub=hub)
            message = errors[0].get('message', '') if not ok and errors else ''
            name = f'HTTP {status} with a hostile reason phrase'
            check_error(f'{name}: the error says so', (ok, errors, 0), code, words, 'Bad ')
            c.check(f'{name}: no control or bidi character reaches the error',
                    message and not any(acts_on_screen(ch) for ch in message), ascii(message[:300]))
            c.check(f'{name}: its controls are shown', all(
                shown in message for shown in ('<U+001B>', '<U+0007>', '<U+202E>', '<U+009B>')),
                ascii(message[:300]))
            c.check(f'{name}: the reason is cut short', 'END-OF-REASON' not in message
                    and len(message) < 1000 < len(HOSTILE_REASON), len(message))
    finally:
        bad.stop()


def check_tls_versions(hub):
    """Hubs that offer only one TLS version: 1.0 and 1.1 are refused before
    anything is sent, 1.2 is taken."""
    for version, name, refused in ((ssl.TLSVersion.TLSv1, 'TLS 1.0', True),
                                   (ssl.TLSVersion.TLSv1_1, 'TLS 1.1', True),
                                   (ssl.TLSVersion.TLSv1_2, 'TLS 1.2', False)):
        bad = BadHub(hub.path('server.pem'), hub.path('server.key'), tls_version=version)
        try:
            outcome = call(bad.url('ok'), 'GetImportEnvelopeHeaders', hub=hub)
            if refused:
                check_error(f'a hub offering only {name}: refused, in plain words', outcome,
                            'CONNECTION', 'only offers an outdated TLS version')
                c.check(f'…and no request reached it over {name}', bad.count('ok') == 0,
                        bad.count('ok'))
            else:
                c.check(f'a hub offering only {name}: taken', outcome[0], outcome[1])
        finally:
            bad.stop()


hub = Hub(count=50)
try:
    hub.start()
    check_operations(hub)
    check_certificates(hub)
    check_identity(hub)
    errors = hub.server_errors()
    c.check('every request our client sent, and every reply to it, followed the WSDL',
            'does not follow the WSDL' not in errors and 'not a SOAP message' not in errors,
            errors)
    check_tls_versions(hub)
    check_misbehaviour(hub)
    check_hostile_reason(hub)
    check_unreachable(hub)
finally:
    hub.cleanup()

c.finish()
