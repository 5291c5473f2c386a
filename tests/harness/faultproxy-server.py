#!/usr/bin/env python3
"""The fault-injecting proxy of peers/faultproxy.py (see there for the rules file).
Prints {"s3": PORT, "http": PORT} once it listens on 127.0.0.1."""

import json
import os
import sys


def _serve(args):
    import http.client
    import http.server
    import socket
    import threading

    lock = threading.Lock()
    state = {"mtime": None, "rules": [], "fired": {}}

    def load_rules():
        try:
            mtime = os.stat(args.rules).st_mtime_ns
        except OSError:
            return []
        with lock:
            if mtime != state["mtime"]:
                try:
                    with open(args.rules) as f:
                        state["rules"] = json.load(f).get("rules", [])
                except (OSError, ValueError):
                    state["rules"] = []
                state["mtime"] = mtime
                state["fired"] = {}
            return list(enumerate(state["rules"]))

    def pick_rule(listener, method, path, query):
        for i, rule in load_rules():
            if rule.get("listener", listener) != listener:
                continue
            if rule.get("method", method) != method:
                continue
            if not path.startswith(rule.get("path", "")):
                continue
            if rule.get("query", "") not in query:
                continue
            with lock:
                fired = state["fired"].get(i, 0)
                if "times" in rule and fired >= rule["times"]:
                    continue
                state["fired"][i] = fired + 1
            return rule
        return None

    def record(line):
        with lock:
            with open(args.log, "a") as f:
                f.write(line + "\n")

    hop_by_hop = {"connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "trailer", "upgrade"}

    def make_handler(listener, upstream_port):
        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, fmt, *a):
                pass

            def read_body(self):
                if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
                    chunks = []
                    while True:
                        size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                        if size == 0:
                            while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                                pass
                            break
                        chunks.append(self.rfile.read(size))
                        self.rfile.readline()
                    return b"".join(chunks)
                length = int(self.headers.get("Content-Length", "0") or "0")
                return self.rfile.read(length) if length else b""

            def drop(self):
                self.close_connection = True
                try:
                    self.connection.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

            def handle_any(self):
                path, _, query = self.path.partition("?")
                body = self.read_body()
                rule = pick_rule(listener, self.command, path, query)
                where = "%s %s %s" % (listener, self.command, self.path)

                if rule and rule.get("action") == "close":
                    record(where + " -> closed")
                    self.drop()
                    return
                if rule and rule.get("action") == "hold":
                    # Neither forwarded nor answered: the client waits here until it gives
                    # up or is killed (a run killed in the middle of a request).
                    record(where + " -> held")
                    self.connection.settimeout(rule.get("seconds", 300))
                    try:
                        while self.connection.recv(65536):
                            pass
                    except OSError:
                        pass
                    self.close_connection = True
                    return
                if rule and rule.get("action") == "status":
                    status = int(rule.get("status", 500))
                    payload = rule.get("body", '<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>InternalError</Code>'
                                       '<Message>Injected by the fault proxy</Message></Error>').encode()
                    record("%s -> %d (injected)" % (where, status))
                    self.send_response(status)
                    self.send_header("Content-Type", "application/xml")
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    if self.command != "HEAD":
                        self.wfile.write(payload)
                    return

                headers = {k: v for k, v in self.headers.items() if k.lower() not in hop_by_hop}
                if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
                    headers["Content-Length"] = str(len(body))
                upstream = http.client.HTTPConnection("127.0.0.1", upstream_port, timeout=600)
                try:
                    upstream.putrequest(self.command, self.path, skip_host=True, skip_accept_encoding=True)
                    for k, v in headers.items():
                        upstream.putheader(k, v)
                    upstream.endheaders(body if body or self.command in ("PUT", "POST") else None)
                    response = upstream.getresponse()
                except OSError as e:
                    record("%s -> upstream error %s" % (where, e))
                    self.drop()
                    return

                cut = rule.get("after") if rule and rule.get("action") == "cut" else None
                record("%s -> %d%s" % (where, response.status, " (cut after %d bytes)" % cut if cut is not None else ""))
                self.send_response_only(response.status, response.reason)
                length = response.getheader("Content-Length")
                for k, v in response.getheaders():
                    if k.lower() not in hop_by_hop:
                        self.send_header(k, v)
                chunked = length is None and self.command != "HEAD" and response.status not in (204, 304)
                if chunked:
                    self.send_header("Transfer-Encoding", "chunked")
                self.end_headers()
                sent = 0
                while self.command != "HEAD":
                    data = response.read(65536)
                    if not data:
                        break
                    if cut is not None and sent + len(data) >= cut:
                        data = data[:max(cut - sent, 0)]
                        self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data) if chunked and data else data)
                        self.wfile.flush()
                        self.drop()
                        upstream.close()
                        return
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data) if chunked else data)
                    sent += len(data)
                if chunked:
                    self.wfile.write(b"0\r\n\r\n")
                upstream.close()

            do_GET = do_PUT = do_POST = do_DELETE = do_HEAD = handle_any

        return Handler

    ports = {}
    servers = []
    for listener, port in (("s3", args.s3), ("http", args.http)):
        if port:
            server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), make_handler(listener, int(port)))
            server.daemon_threads = True
            ports[listener] = server.server_address[1]
            servers.append(server)
            threading.Thread(target=server.serve_forever, daemon=True).start()

    sys.stdout.write(json.dumps(ports) + "\n")
    sys.stdout.flush()
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass


if __name__ == "__main__":
    import argparse
    import signal

    signal.signal(signal.SIGTERM, lambda *a: sys.exit(0))
    parser = argparse.ArgumentParser()
    parser.add_argument("--rules", required=True)
    parser.add_argument("--log", required=True)
    parser.add_argument("--s3")
    parser.add_argument("--http")
    _serve(parser.parse_args())
