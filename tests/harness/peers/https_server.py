#!/usr/bin/env python3
"""A static file server on 127.0.0.1 for the connector tests, over TLS or plain HTTP.

Besides the files under --root it answers:
  /private/...    only with HTTP Basic authentication (user and password from the
                  environment: TRIB_HTTPS_USER, TRIB_HTTPS_PASSWORD), else 401;
  /forbidden/...  always 403;
  /echo           (GET or POST) the method, the X-* request headers and the body.
Prints {"port": N} once it listens."""

import argparse
import base64
import functools
import hmac
import http.server
import json
import os
import ssl
import sys


class Handler(http.server.SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):
        sys.stderr.write("%s - %s\n" % (self.address_string(), fmt % args))

    def _refuse(self, status, extra_headers=()):
        body = b"no\n"
        self.send_response(status)
        for name, value in extra_headers:
            self.send_header(name, value)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _allowed(self):
        if self.path.startswith("/forbidden/"):
            self._refuse(403)
            return False
        if self.path.startswith("/private/"):
            expected = "%s:%s" % (os.environ["TRIB_HTTPS_USER"], os.environ["TRIB_HTTPS_PASSWORD"])
            header = self.headers.get("Authorization", "")
            given = ""
            if header.startswith("Basic "):
                try:
                    given = base64.b64decode(header[6:]).decode()
                except ValueError:
                    given = ""
            if not hmac.compare_digest(given.encode(), expected.encode()):
                self._refuse(401, [("WWW-Authenticate", 'Basic realm="tributary-test"')])
                return False
        return True

    def _echo(self):
        length = int(self.headers.get("Content-Length", "0") or "0")
        body = self.rfile.read(length) if length else b""
        lines = [self.command]
        lines += ["%s: %s" % (k, v) for k, v in self.headers.items() if k.lower().startswith("x-")]
        out = ("\n".join(lines) + "\n\n").encode() + body
        self.send_response(200)
        self.send_header("Content-Type", "text/plain")
        self.send_header("Content-Length", str(len(out)))
        self.end_headers()
        self.wfile.write(out)

    def do_GET(self):
        if self.path == "/echo":
            self._echo()
        elif self._allowed():
            super().do_GET()

    def do_POST(self):
        if self.path == "/echo":
            self._echo()
        else:
            self._refuse(405)

    def do_HEAD(self):
        if self._allowed():
            super().do_HEAD()


class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, address, handler, context):
        super().__init__(address, handler)
        self.context = context

    def finish_request(self, request, client_address):
        # The handshake runs in the request's thread: a client that never speaks TLS
        # (or speaks plain HTTP) only loses its own connection.
        if self.context is not None:
            try:
                request.settimeout(10)
                request = self.context.wrap_socket(request, server_side=True)
                request.settimeout(None)
            except (ssl.SSLError, OSError) as e:
                sys.stderr.write("TLS handshake from %s failed: %s\n" % (client_address[0], e))
                return
        self.RequestHandlerClass(request, client_address, self)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", required=True)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--cert")
    parser.add_argument("--key")
    args = parser.parse_args()

    context = None
    if args.cert:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(args.cert, args.key)

    handler = functools.partial(Handler, directory=args.root)
    server = Server(("127.0.0.1", args.port), handler, context)
    sys.stdout.write(json.dumps({"port": server.server_address[1]}) + "\n")
    sys.stdout.flush()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    main()
