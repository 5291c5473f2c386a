"""The reference HiveServer2 / Kyuubi server: Apache Thrift (Node) + TCLIService + DuckDB.

Serves binary+SASL PLAIN, NOSASL, framed and HTTP (/cliservice), plus SASL over TLS and HTTPS
with a throw-away self-signed certificate. Every statement it receives is appended to a JSON
lines file (TRIB_TEST_HS2_STATEMENTS). See tests/peers/hs2/README.md for the test hooks.
"""

import os
import shutil
import subprocess

from .common import Peer, PeerError, log, random_secret, read_json_line, stop_pid

DEMO_PORT = 20009
USER = "workshop"


def make_certificate(directory):
    cert = os.path.join(directory, "cert.pem")
    key = os.path.join(directory, "key.pem")
    if os.path.exists(cert) and os.path.exists(key):
        return cert, key
    openssl = shutil.which("openssl")
    if openssl is None:
        raise PeerError("openssl is not installed (needed for the HiveServer2 peer's TLS ports)")
    subprocess.run([openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key,
                    "-out", cert, "-days", "2", "-subj", "/CN=localhost",
                    "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.chmod(key, 0o600)
    return cert, key


class HiveServer2(Peer):
    name = "hs2"

    def __init__(self, ctx):
        super().__init__(ctx)
        self.proc = None

    def start(self):
        script = os.path.join(self.ctx.source_root, "tests", "peers", "hs2", "server.js")
        modules = os.path.join(self.ctx.source_root, "tests", "peers", "node_modules")
        for needed in ("thrift", "hive-driver", os.path.join("@duckdb", "node-api")):
            if not os.path.isdir(os.path.join(modules, needed)):
                raise PeerError("the HiveServer2 peer is not installed: run build-aux/install-deps "
                                "(npm ci in tests/peers)")
        node = shutil.which("node")
        if node is None:
            raise PeerError("node is not installed: run build-aux/install-deps")

        state = os.path.dirname(self.ctx.path("hs2", "statements.jsonl"))
        secret_file = self.ctx.path("hs2", "password")
        if os.path.exists(secret_file):
            with open(secret_file) as f:
                password = f.read().strip()
        else:
            password = random_secret(18)
            with open(os.open(secret_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w") as f:
                f.write(password + "\n")
        cert, key = make_certificate(state)

        env = dict(os.environ)
        env.update({
            "TRIB_HS2_USER": USER,
            "TRIB_HS2_PASSWORD": password,
            "TRIB_HS2_STATE_DIR": state,
            "TRIB_HS2_TLS_CERT": cert,
            "TRIB_HS2_TLS_KEY": key,
            "TRIB_HS2_SASL_PORT": str(DEMO_PORT if self.ctx.demo else 0),
            "NODE_PATH": modules,
            # External tables over oss:// read the S3 peer's files when it runs too.
            "TRIB_HS2_OSS_ROOT": self.ctx.env.get("TRIB_TEST_S3_DIRECTORY", ""),
        })
        log_file = open(self.ctx.path("hs2", "server.log"), "ab")
        self.proc = subprocess.Popen([node, script], env=env, cwd=os.path.dirname(script),
                                     stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=log_file)
        log_file.close()
        try:
            ports = read_json_line(self.proc, "the HiveServer2 peer")
        except PeerError:
            stop_pid(self.proc, "hs2 peer")
            raise

        self.env = {
            "TRIB_TEST_HS2_HOST": "127.0.0.1",
            "TRIB_TEST_HS2_SASL_PORT": str(ports["sasl"]),
            "TRIB_TEST_HS2_NOSASL_PORT": str(ports["nosasl"]),
            "TRIB_TEST_HS2_FRAMED_PORT": str(ports["framed"]),
            "TRIB_TEST_HS2_HTTP_PORT": str(ports["http"]),
            "TRIB_TEST_HS2_SASL_TLS_PORT": str(ports["sasl_tls"]),
            "TRIB_TEST_HS2_HTTPS_PORT": str(ports["https"]),
            "TRIB_TEST_HS2_CA_FILE": cert,
            "TRIB_TEST_HS2_USER": USER,
            "TRIB_TEST_HS2_PASSWORD": password,
            "TRIB_TEST_HS2_STATEMENTS": ports["statements"],
            "TRIB_TEST_HS2_PID": str(self.proc.pid),
            # The demo workspace's Spark source reads its password from here.
            "TRIBUTARY_SECRET_USER_BEHAVIOR_ANALYSIS_SPARK": password,
        }
        log("hs2 on 127.0.0.1: sasl %d, nosasl %d, http %d, tls %d/%d (pid %d)"
            % (ports["sasl"], ports["nosasl"], ports["http"], ports["sasl_tls"], ports["https"],
               self.proc.pid))

    def stop(self):
        stop_pid(self.proc, "hs2 peer")
