"""TLS peers for the connector tests: a private certificate authority, an HTTPS file
server (and a plain one) with Basic-authenticated and forbidden paths, and a MariaDB
server that offers TLS.

The server certificate is issued by the test CA for the IP address 127.0.0.1 only, so
"localhost" does not match it: that is the name-mismatch case."""

import os
import shutil
import subprocess
import sys

from .common import (Peer, PeerError, free_port, log, random_secret, read_json_line,
                     stop_pid, wait_for_port)
from .mariadb import MariaDB, _binary


def _openssl(ctx, *args):
    openssl = shutil.which("openssl")
    if openssl is None:
        raise PeerError("openssl is not installed")
    r = subprocess.run([openssl] + list(args), cwd=ctx.path("tls", ""), stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT)
    if r.returncode != 0:
        raise PeerError("openssl %s failed:\n%s" % (args[0], r.stdout.decode(errors="replace")))


def ensure_certificates(ctx):
    """Creates (once per context) ca.pem, server.pem and server.key under tls/."""
    d = ctx.path("tls", "")
    paths = {name: os.path.join(d, name) for name in ("ca.pem", "ca.key", "server.pem", "server.key")}
    if os.path.exists(paths["server.pem"]):
        return paths
    ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    _openssl(ctx, "req", "-x509", *ec, "-keyout", "ca.key", "-out", "ca.pem", "-days", "3",
             "-subj", "/CN=Tributary Test CA",
             "-addext", "basicConstraints=critical,CA:TRUE",
             "-addext", "keyUsage=critical,keyCertSign,cRLSign")
    _openssl(ctx, "req", *ec, "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=127.0.0.1")
    with open(os.path.join(d, "server.ext"), "w") as f:
        f.write("subjectAltName=IP:127.0.0.1\n"
                "basicConstraints=CA:FALSE\n"
                "keyUsage=critical,digitalSignature,keyEncipherment\n"
                "extendedKeyUsage=serverAuth\n")
    _openssl(ctx, "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
             "-CAcreateserial", "-out", "server.pem", "-days", "3", "-extfile", "server.ext")
    os.chmod(paths["server.key"], 0o600)
    os.chmod(paths["ca.key"], 0o600)
    return paths


class Https(Peer):
    """Two file servers on the same files: one over TLS, one in plain HTTP."""

    name = "https"

    def __init__(self, ctx):
        super().__init__(ctx)
        self.procs = []
        self.root = ctx.path("https", "root", "")

    def _serve(self, env, tls_args, what):
        # -I: the script's own folder (peers/, with its http.py) must not shadow the
        # standard library's http package.
        script = os.path.join(os.path.dirname(os.path.abspath(__file__)), "https_server.py")
        log_file = open(self.ctx.path("https", what + ".log"), "ab")
        proc = subprocess.Popen([sys.executable, "-I", script, "--root", self.root] + tls_args, env=env,
                                stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=log_file)
        log_file.close()
        self.procs.append(proc)
        return read_json_line(proc, "the %s peer" % what)["port"]

    def start(self):
        certs = ensure_certificates(self.ctx)
        for sub in ("private", "forbidden"):
            os.makedirs(os.path.join(self.root, sub), exist_ok=True)
        with open(os.path.join(self.root, "hello.txt"), "w") as f:
            f.write("hello over TLS\n")
        with open(os.path.join(self.root, "private", "report.csv"), "w") as f:
            f.write("uid,amount\n1,10\n")
        with open(os.path.join(self.root, "forbidden", "secret.txt"), "w") as f:
            f.write("never served\n")

        user = "analyst"
        password = random_secret()
        env = dict(os.environ)
        env.update({"TRIB_HTTPS_USER": user, "TRIB_HTTPS_PASSWORD": password})
        try:
            tls_port = self._serve(env, ["--cert", certs["server.pem"], "--key", certs["server.key"]], "https")
            plain_port = self._serve(env, [], "http-auth")
        except PeerError:
            self.stop()
            raise

        self.env = {
            "TRIB_TEST_TLS_CA": certs["ca.pem"],
            "TRIB_TEST_HTTPS_URL": "https://127.0.0.1:%d" % tls_port,
            "TRIB_TEST_HTTPS_PORT": str(tls_port),
            "TRIB_TEST_HTTP_AUTH_URL": "http://127.0.0.1:%d" % plain_port,
            "TRIB_TEST_HTTPS_USER": user,
            "TRIB_TEST_HTTPS_PASSWORD": password,
            "TRIB_TEST_HTTPS_ROOT": self.root,
        }
        log("https on 127.0.0.1:%d, http with Basic auth on 127.0.0.1:%d (pids %s)"
            % (tls_port, plain_port, ", ".join(str(p.pid) for p in self.procs)))

    def stop(self):
        for proc in self.procs:
            stop_pid(proc, "https peer")


class MariaDBTls(MariaDB):
    """A second, empty MariaDB that offers TLS with the test CA's certificate."""

    name = "mariadb-tls"

    def __init__(self, ctx):
        Peer.__init__(self, ctx)
        self.proc = None
        self.datadir = ctx.path("mariadb-tls", "data")
        self.socket = ctx.path("mariadb-tls", "sock")
        self.log_path = ctx.path("mariadb-tls", "error.log")

    def _launch(self, port):
        certs = ensure_certificates(self.ctx)
        cmd = [_binary("mariadbd", "mysqld"), "--no-defaults",
               "--datadir=" + self.datadir, "--socket=" + self.socket,
               "--pid-file=" + os.path.join(os.path.dirname(self.socket), "pid"),
               "--port=%d" % port, "--bind-address=127.0.0.1", "--skip-name-resolve",
               "--log-error=" + self.log_path, "--innodb-log-file-size=8M",
               "--innodb-buffer-pool-size=16M", "--character-set-server=utf8mb4",
               "--ssl-ca=" + certs["ca.pem"], "--ssl-cert=" + certs["server.pem"],
               "--ssl-key=" + certs["server.key"]]
        if os.geteuid() == 0:
            cmd.append("--user=root")
        self.proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL)
        try:
            wait_for_port(port, self.proc, "mariadbd (TLS)", self.log_path)
        except PeerError:
            stop_pid(self.proc, "mariadbd (TLS)")
            raise

    def start(self):
        self._install()
        port = None
        for attempt in range(3):
            p = free_port()
            try:
                self._launch(p)
                port = p
                break
            except PeerError as e:
                if attempt == 2 or "Address already in use" not in str(e):
                    raise
                log("port %d was taken; trying another" % p)

        password = random_secret()
        sql = "CREATE DATABASE IF NOT EXISTS secure_db;\n"
        for u in ("'tls_user'@'127.0.0.1'", "'tls_user'@'localhost'"):
            sql += "CREATE OR REPLACE USER %s IDENTIFIED BY '%s';\n" % (u, password)
            sql += "GRANT ALL PRIVILEGES ON secure_db.* TO %s;\n" % u
        self._admin(sql)

        self.env = {
            "TRIB_TEST_MYSQL_TLS_PORT": str(port),
            "TRIB_TEST_MYSQL_TLS_USER": "tls_user",
            "TRIB_TEST_MYSQL_TLS_PASSWORD": password,
            "TRIB_TEST_MYSQL_TLS_DATABASE": "secure_db",
            "TRIB_TEST_TLS_CA": ensure_certificates(self.ctx)["ca.pem"],
        }
        log("mariadb with TLS on 127.0.0.1:%d (pid %d)" % (port, self.proc.pid))
