# SPDX-License-Identifier: GPL-3.0-or-later
"""A hub that misbehaves on purpose, over real TLS on loopback: HTTP errors,
web pages, bodies cut off, faults, replies that never come or come a byte
at a time, outdated TLS versions, a hostile HTTP reason phrase. The first part
of the request path picks the misbehaviour; every request is counted, so a
test can tell whether the client tried again.

Some paths answer each operation as a hub would (a desk can sync with
them), and misbehave only in their list of envelope headers: a backlog of
hundreds of thousands, sent as it is written, or a hostile list (a DOCTYPE,
an entity bomb, a gzip bomb, a list cut off, a header too large)."""

import gzip
import html
import http.server
import os
import re
import ssl
import threading
import time
import zlib

SOAP_OPEN = ('<?xml version="1.0" encoding="UTF-8"?>'
             '<soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/" '
             'xmlns:eph="http://ephyto.ippc.int/" xmlns:hub="http://ephyto.ippc.int/HUB.Entities">'
             '<soap:Body>')
SOAP_CLOSE = '</soap:Body></soap:Envelope>'

HEADERS_REPLY = (SOAP_OPEN + '<eph:GetImportEnvelopeHeadersResponse>'
                 '<eph:GetImportEnvelopeHeadersResult>'
                 + ''.join('<hub:EnvelopeHeader><hub:From>NZ</hub:From><hub:To>CN</hub:To>'
                           '<hub:CertificateType>851</hub:CertificateType>'
                           '<hub:CertificateStatus>70</hub:CertificateStatus>'
                           f'<hub:NPPOCertificateNumber>NZ-{n}</hub:NPPOCertificateNumber>'
                           f'<hub:hubDeliveryNumber>n-{n}</hub:hubDeliveryNumber>'
                           '<hub:HUBTrackingInfo>PendingDelivery</hub:HUBTrackingInfo>'
                           '</hub:EnvelopeHeader>' for n in range(40))
                 + '</eph:GetImportEnvelopeHeadersResult></eph:GetImportEnvelopeHeadersResponse>'
                 + SOAP_CLOSE)

HTML_PAGE = ('<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>'
             '<body><h1>Bad Gateway</h1><p>nginx</p></body></html>')

PLAIN_FAULT = (SOAP_OPEN + '<soap:Fault><faultcode>soap:Server</faultcode>'
               '<faultstring>java.lang.NullPointerException</faultstring></soap:Fault>'
               + SOAP_CLOSE)

HUB_FAULT = (SOAP_OPEN + '<soap:Fault><faultcode>soap:Client</faultcode>'
             '<faultstring>Envelope n-7 does not exist</faultstring><detail>'
             '<eph:HubWebException><eph:message>Envelope n-7 does not exist</eph:message>'
             '</eph:HubWebException></detail></soap:Fault>' + SOAP_CLOSE)

WRONG_REPLY = SOAP_OPEN + '<eph:GetProfileResponse/>' + SOAP_CLOSE

# The reason phrase of a status line is whatever the hub writes there: a
# terminal's colour command, a bell, a bidi override that turns the rest
# around, a C1 control, and far more than any reason needs.
HOSTILE_REASON = ('Bad \x1b[31mGateway\x07 \u202etxt.exe\u202c \u0085\u009b2J'
                  + 'padding ' * 2500 + 'END-OF-REASON')

SPS = 'urn:un:unece:uncefact:data:standard:'
CERTIFICATE_TEMPLATE = os.path.join(os.path.dirname(__file__), '..', 'data',
                                    'full-certificate.xml.in')
HEADERS_OPEN = ('<eph:GetImportEnvelopeHeadersResponse><eph:GetImportEnvelopeHeadersResult>')
HEADERS_CLOSE = '</eph:GetImportEnvelopeHeadersResult></eph:GetImportEnvelopeHeadersResponse>'


def compact_header(number):
    """As small as a header gets: no prefixes, no white space, four fields."""
    return (f'<EnvelopeHeader><From>NZ</From><To>CN</To>'
            f'<NPPOCertificateNumber>NZ-{number}</NPPOCertificateNumber>'
            f'<hubDeliveryNumber>{number}</hubDeliveryNumber></EnvelopeHeader>')


def realistic_header(number):
    """As a SOAP stack writes one: its namespace declared on each, every field,
    numbers as long as real ones, now and then a forwarding."""
    forwarding = ''
    if number % 20 == 0:
        forwarding = ('<Forwardings><EnvelopeForwarding><Code>IPPC-GENS</Code>'
                      f'<HubDeliveryNumber>GENS-{number:010d}</HubDeliveryNumber>'
                      '</EnvelopeForwarding></Forwardings>')
    return ('<EnvelopeHeader xmlns="http://ephyto.ippc.int/HUB.Entities"><From>NZ</From>'
            '<To>CN</To><CertificateType>851</CertificateType>'
            '<CertificateStatus>70</CertificateStatus>'
            f'<NPPOCertificateNumber>NZ/2026/PHYTO/{number:010d}</NPPOCertificateNumber>'
            f'<hubDeliveryNumber>{delivery_number(number)}</hubDeliveryNumber>'
            f'<HUBTrackingInfo>PendingDelivery</HUBTrackingInfo>{forwarding}</EnvelopeHeader>')


def delivery_number(number):
    return f'8d7f3c2a-5b1e-4c9a-9f0e-{number:012d}'


HEADER_STYLES = {'compact': compact_header, 'realistic': realistic_header}


def header_list(numbers, style, batch=2000):
    """The reply listing @numbers, in pieces of @batch headers."""
    write = HEADER_STYLES[style]
    yield (SOAP_OPEN + HEADERS_OPEN).encode()
    for start in range(0, len(numbers), batch):
        yield ''.join(write(n) for n in numbers[start:start + batch]).encode()
    yield (HEADERS_CLOSE + SOAP_CLOSE).encode()


def certificate(number):
    """An unsigned certificate of its own number."""
    with open(CERTIFICATE_TEMPLATE, encoding='utf-8') as stream:
        text = stream.read()
    for key, value in (('@RSM@', SPS + 'SPSCertificate:17'),
                       ('@RAM@', SPS + 'ReusableAggregateBusinessInformationEntity:21'),
                       ('@UDT@', SPS + 'UnqualifiedDataType:21'), ('@DATE@', 'DateTimeString')):
        text = text.replace(key, value)
    return text.replace('NZ-2026-000417', number)


def envelope_reply(number, index):
    return (SOAP_OPEN + '<eph:PULLSingleImportEnvelopeResponse>'
            '<eph:PULLSingleImportEnvelopeResult><hub:From>NZ</hub:From><hub:To>CN</hub:To>'
            '<hub:CertificateType>851</hub:CertificateType>'
            '<hub:CertificateStatus>70</hub:CertificateStatus>'
            f'<hub:NPPOCertificateNumber>NZ-{index}</hub:NPPOCertificateNumber>'
            f'<hub:hubDeliveryNumber>{number}</hub:hubDeliveryNumber>'
            '<hub:HUBTrackingInfo>PendingDelivery</hub:HUBTrackingInfo>'
            f'<hub:Content>{html.escape(certificate(f"NZ-BACKLOG-{index}"), quote=False)}'
            '</hub:Content></eph:PULLSingleImportEnvelopeResult>'
            '</eph:PULLSingleImportEnvelopeResponse>' + SOAP_CLOSE)


NPPOS_REPLY = (SOAP_OPEN + '<eph:GetActiveNpposResponse><eph:GetActiveNpposResult/>'
               '</eph:GetActiveNpposResponse>' + SOAP_CLOSE)
ACK_REPLY = SOAP_OPEN + '<eph:AcknowledgeEnvelopeReceiptResponse/>' + SOAP_CLOSE
ENOUGH_FAULT = (SOAP_OPEN + '<soap:Fault><faultcode>soap:Server</faultcode>'
                '<faultstring>Too many requests from this desk; try again later</faultstring>'
                '</soap:Fault>' + SOAP_CLOSE)

# Hostile lists of headers: each must be refused whole, and nothing pulled.
DOCTYPE_HEADERS = ('<?xml version="1.0"?><!DOCTYPE soap:Envelope [<!ENTITY x SYSTEM '
                   '"file:///etc/passwd">]>' + HEADERS_REPLY[HEADERS_REPLY.index('<soap:Envelope'):]
                   .replace('<hub:From>NZ</hub:From>', '<hub:From>&x;</hub:From>', 1))
LAUGHS = ''.join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(1, 10))
ENTITY_BOMB_HEADERS = ('<?xml version="1.0"?><!DOCTYPE soap:Envelope [<!ENTITY lol0 "lol">'
                       + LAUGHS + ']>'
                       + HEADERS_REPLY[HEADERS_REPLY.index('<soap:Envelope'):]
                       .replace('<hub:From>NZ</hub:From>', '<hub:From>&lol9;</hub:From>', 1))


def gzip_bomb(headers=20_000_000, block=10_000):
    """A list of @headers headers that gzip makes a few megabytes: each block
    of identical headers is compressed once and repeated, which a full flush
    allows. Unpacked, it is several gigabytes."""
    head = (SOAP_OPEN + HEADERS_OPEN).encode()
    body = compact_header(1).encode() * block
    tail = (HEADERS_CLOSE + SOAP_CLOSE).encode()
    repeats = headers // block
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    start = compressor.compress(head) + compressor.flush(zlib.Z_FULL_FLUSH)
    middle = zlib.compressobj(9, zlib.DEFLATED, -15)
    repeated = middle.compress(body) + middle.flush(zlib.Z_FULL_FLUSH)
    end = compressor.compress(tail) + compressor.flush(zlib.Z_FINISH)
    crc = zlib.crc32(head)
    for _ in range(repeats):
        crc = zlib.crc32(body, crc)
    crc = zlib.crc32(tail, crc)
    size = len(head) + len(body) * repeats + len(tail)
    trailer = crc.to_bytes(4, 'little') + (size & 0xffffffff).to_bytes(4, 'little')
    return gzip.compress(b'')[:10], start, repeated, repeats, end + trailer


class Backlog:
    """What a hub far ahead of a desk holds: @count envelopes pending, listed in
    one reply. It hands over @quota envelopes per list it sends, then refuses
    (a fault that ends a sync), as a hub limiting a desk's requests would."""

    def __init__(self, count, style='realistic', quota=0):
        self.numbers = list(range(1, count + 1))
        self.style = style
        self.quota = quota
        self.allowed = 0
        self.listed = []       # headers sent, per list
        self.pulled = []       # delivery numbers, in the order asked for
        self.acknowledged = []
        self.first_pull = None  # time.monotonic() of the first pull asked for
        self.lock = threading.Lock()

    def delivery(self, number):
        return delivery_number(number) if self.style == 'realistic' else str(number)

    def pending(self):
        with self.lock:
            self.allowed = self.quota
            done = set(self.acknowledged)
            numbers = [n for n in self.numbers if self.delivery(n) not in done]
            self.listed.append(len(numbers))
        return numbers

    def pull(self, delivery):
        with self.lock:
            if self.first_pull is None:
                self.first_pull = time.monotonic()
            if self.allowed == 0:
                return None
            self.allowed -= 1
            self.pulled.append(delivery)
            return len(self.pulled)

    def acknowledge(self, delivery):
        with self.lock:
            self.acknowledged.append(delivery)


def operation_of(headers):
    action = headers.get('SOAPAction', '').strip('"')
    return action.rsplit('/', 1)[-1]


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'

    def log_message(self, format, *args):
        pass

    def reply(self, status, body, content_type='text/xml; charset=utf-8', length=None):
        data = body.encode()
        self.send_response(status)
        self.send_header('Content-Type', content_type)
        self.send_header('Content-Length', str(len(data) if length is None else length))
        self.end_headers()
        return data

    def reply_with_reason(self, status, reason, body):
        """A reply whose status line says @reason, written as UTF-8 bytes
        (http.server would only take Latin-1)."""
        data = body.encode()
        self.wfile.write(f'HTTP/1.1 {status} '.encode() + reason.encode() + b'\r\n')
        self.send_header('Content-Type', 'text/plain')
        self.send_header('Content-Length', str(len(data)))
        self.end_headers()
        return data

    def send_list(self, pieces):
        """Sends a reply as it is written, in HTTP chunks."""
        self.send_response(200)
        self.send_header('Content-Type', 'text/xml; charset=utf-8')
        self.send_header('Transfer-Encoding', 'chunked')
        self.end_headers()
        sent = 0
        for piece in pieces:
            self.wfile.write(f'{len(piece):x}\r\n'.encode() + piece + b'\r\n')
            sent += len(piece)
        self.wfile.write(b'0\r\n\r\n')
        self.wfile.flush()
        return sent

    def send_gzip_bomb(self):
        header, start, repeated, repeats, end = gzip_bomb()
        self.send_response(200)
        self.send_header('Content-Type', 'text/xml; charset=utf-8')
        self.send_header('Content-Encoding', 'gzip')
        self.send_header('Content-Length',
                         str(len(header) + len(start) + len(repeated) * repeats + len(end)))
        self.end_headers()
        self.wfile.write(header + start)
        for _ in range(repeats):
            self.wfile.write(repeated)
        self.wfile.write(end)

    def hostile_headers(self, mode):
        if mode == 'doctype':
            return DOCTYPE_HEADERS.encode()
        if mode == 'laughs':
            return ENTITY_BOMB_HEADERS.encode()
        if mode == 'bigheader':
            return b''.join(header_list(list(range(1, 50)), 'compact')).replace(
                b'<From>NZ</From>', b'<From>NZ</From><Note>' + b'x' * (8 << 20) + b'</Note>', 1)
        return None

    def scripted(self, mode, operation, request):
        """A hub that answers each operation, misbehaving in its header list."""
        backlog = self.server.backlog if mode == 'backlog' else None
        if operation == 'GetActiveNppos':
            self.wfile.write(self.reply(200, NPPOS_REPLY))
        elif operation == 'GetImportEnvelopeHeaders' and backlog is not None:
            sent = self.send_list(header_list(backlog.pending(), backlog.style))
            with self.server.lock:
                self.server.list_bytes.append(sent)
        elif operation == 'GetImportEnvelopeHeaders' and mode == 'gzipbomb':
            self.send_gzip_bomb()
        elif operation == 'GetImportEnvelopeHeaders' and mode == 'cutlist':
            # Part of a long list, then the connection closes.
            self.send_response(200)
            self.send_header('Content-Type', 'text/xml; charset=utf-8')
            self.send_header('Content-Length', str(100 << 20))
            self.end_headers()
            for piece in header_list(list(range(1, 20_001)), 'realistic'):
                if piece.startswith(HEADERS_CLOSE.encode()):
                    break
                self.wfile.write(piece)
            self.wfile.flush()
            self.close_connection = True
        elif operation == 'GetImportEnvelopeHeaders':
            self.wfile.write(self.reply(200, self.hostile_headers(mode).decode()))
        elif operation == 'PULLSingleImportEnvelope':
            number = re.search(r'hubTrackingNumber>([^<]*)<', request)
            number = number.group(1) if number else ''
            index = backlog.pull(number) if backlog is not None else None
            if index is None:
                self.wfile.write(self.reply(500, ENOUGH_FAULT))
            else:
                self.wfile.write(self.reply(200, envelope_reply(number, index)))
        elif operation.endswith('AcknowledgeEnvelopeReceipt'):
            number = re.search(r'hubTrackingNumber>([^<]*)<', request)
            if backlog is not None and number:
                backlog.acknowledge(number.group(1))
            self.wfile.write(self.reply(200, ACK_REPLY))
        else:
            self.wfile.write(self.reply(500, PLAIN_FAULT))

    def do_POST(self):
        length = int(self.headers.get('Content-Length', 0))
        request = self.rfile.read(length).decode(errors='replace')
        mode = self.path.strip('/').split('/')[0]
        operation = operation_of(self.headers)
        with self.server.lock:
            self.server.counts[mode] = self.server.counts.get(mode, 0) + 1
            key = (mode, operation)
            self.server.operations[key] = self.server.operations.get(key, 0) + 1

        if mode in SCRIPTED:
            try:
                self.scripted(mode, operation, request)
            except (BrokenPipeError, ConnectionResetError, ssl.SSLError):
                # The client stopped reading a reply it refused, as it should.
                self.close_connection = True
            return

        if mode == 'silent':
            # The reply that never comes; the client gives up first.
            time.sleep(self.server.silence)
            self.close_connection = True
            return
        if mode == 'trickle':
            # A reply that keeps coming, too slowly to ever end: one byte
            # every self.server.trickle seconds, until the client hangs up.
            data = self.reply(200, HEADERS_REPLY)
            try:
                for byte in data:
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(self.server.trickle)
            except OSError:
                pass
            self.close_connection = True
            return
        if mode.startswith('badreason'):
            # badreason403, badreason500, badreason503: each status words
            # its error differently, and each quotes the reason.
            status = int(mode[len('badreason'):])
            self.wfile.write(self.reply_with_reason(status, HOSTILE_REASON, 'no SOAP here'))
            return
        if mode == 'truncated':
            data = self.reply(200, HEADERS_REPLY)
            self.wfile.write(data[:len(data) // 2])
            self.wfile.flush()
            self.close_connection = True
            return

        status, body, content_type = {
            'ok': (200, HEADERS_REPLY, None),
            'html500': (500, HTML_PAGE, 'text/html'),
            'html200': (200, HTML_PAGE, 'text/html'),
            'fault500': (500, PLAIN_FAULT, None),
            'hubfault': (500, HUB_FAULT, None),
            'unavailable': (503, 'Service Unavailable', 'text/plain'),
            'garbage': (200, 'Internal error at line 42', None),
            'empty': (200, '', None),
            'wrongop': (200, WRONG_REPLY, None),
        }.get(mode, (404, 'no such mode', 'text/plain'))
        data = self.reply(status, body, content_type or 'text/xml; charset=utf-8')
        self.wfile.write(data)


SCRIPTED = ('backlog', 'doctype', 'laughs', 'gzipbomb', 'cutlist', 'bigheader')


class BadHub:
    """Serves on 127.0.0.1 with @certificate and @key until stop(); @backlog
    is what the path /backlog/ holds; @tls_version, an ssl.TLSVersion, is
    the only one offered."""

    def __init__(self, certificate, key, silence=3, trickle=1.0, tls_version=None,
                 backlog=None):
        self.server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Handler)
        self.server.daemon_threads = True
        self.server.counts = {}
        self.server.operations = {}
        self.server.list_bytes = []
        self.server.backlog = backlog
        self.server.lock = threading.Lock()
        self.server.silence = silence
        self.server.trickle = trickle
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        if tls_version is not None:
            # OpenSSL's own floor and security level would refuse the old
            # versions and their SHA-1 suites before the client could.
            context.set_ciphers('ALL:@SECLEVEL=0')
            context.minimum_version = tls_version
            context.maximum_version = tls_version
        context.load_cert_chain(certificate, key)
        self.server.socket = context.wrap_socket(self.server.socket, server_side=True)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def url(self, mode):
        return f'https://127.0.0.1:{self.port}/{mode}/hub/DeliveryService'

    def count(self, mode, operation=None):
        with self.server.lock:
            if operation is None:
                return self.server.counts.get(mode, 0)
            return sum(n for (m, o), n in self.server.operations.items()
                       if m == mode and o.endswith(operation))

    def list_sizes(self):
        """The bytes of each header list sent from /backlog/."""
        with self.server.lock:
            return list(self.server.list_bytes)

    def stop(self):
        self.server.shutdown()
        self.server.server_close()
