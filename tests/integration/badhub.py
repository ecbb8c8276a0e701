# SPDX-License-Identifier: GPL-3.0-or-later
"""A hub that misbehaves on purpose, over real TLS on loopback: HTTP errors,
web pages, bodies cut off, faults, replies that never come or come a byte
at a time, outdated TLS versions. The first part
of the request path picks the misbehaviour; every request is counted, so a
test can tell whether the client tried again."""

import http.server
import ssl
import threading
import time

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

    def do_POST(self):
        length = int(self.headers.get('Content-Length', 0))
        self.rfile.read(length)
        mode = self.path.strip('/').split('/')[0]
        with self.server.lock:
            self.server.counts[mode] = self.server.counts.get(mode, 0) + 1

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


class BadHub:
    """Serves on 127.0.0.1 with @certificate and @key until stop()."""

    def __init__(self, certificate, key, silence=3, trickle=1.0, tls_version=None):
        """@tls_version: an ssl.TLSVersion, the only one offered."""
        self.server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Handler)
        self.server.daemon_threads = True
        self.server.counts = {}
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

    def count(self, mode):
        with self.server.lock:
            return self.server.counts.get(mode, 0)

    def stop(self):
        self.server.shutdown()
        self.server.server_close()
