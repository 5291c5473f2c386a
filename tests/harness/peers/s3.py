"""An S3 server that verifies AWS Signature V4 (@20minutes/s3rver on Node)."""

import os
import shutil
import subprocess

from .common import Peer, PeerError, log, random_secret, read_json_line, stop_pid

DEMO_PORT = 29000
BUCKET = "dw-emr-demo"
DEMO_ACCESS_KEY = "TRIBUTARYDEMO"


class S3(Peer):
    name = "s3"

    def __init__(self, ctx):
        super().__init__(ctx)
        self.proc = None
        self.directory = ctx.path("s3", "store", "")

    def start(self):
        script = os.path.join(self.ctx.source_root, "tests", "peers", "s3", "server.js")
        modules = os.path.join(self.ctx.source_root, "tests", "peers", "node_modules", "@20minutes", "s3rver")
        if not os.path.isdir(modules):
            raise PeerError("the S3 peer is not installed: run build-aux/install-deps "
                            "(npm ci in tests/peers)")
        node = shutil.which("node")
        if node is None:
            raise PeerError("node is not installed: run build-aux/install-deps")

        key_file = self.ctx.path("s3", "credentials")
        if os.path.exists(key_file):
            with open(key_file) as f:
                access_key, secret_key = f.read().split()
        else:
            # The demo workspace names its access key id; the secret key stays random.
            access_key = DEMO_ACCESS_KEY if self.ctx.demo else \
                "TRIB" + random_secret(8).upper().replace("-", "X").replace("_", "Y")
            secret_key = random_secret(30)
            with open(os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w") as f:
                f.write("%s %s\n" % (access_key, secret_key))

        env = dict(os.environ)
        env.update({
            "TRIB_S3_PORT": str(DEMO_PORT if self.ctx.demo else 0),
            "TRIB_S3_DIRECTORY": self.directory,
            "TRIB_S3_ACCESS_KEY": access_key,
            "TRIB_S3_SECRET_KEY": secret_key,
            "TRIB_S3_BUCKETS": BUCKET,
        })
        log_file = open(self.ctx.path("s3", "server.log"), "ab")
        # Its ListObjectsV2 continuation tokens use DES, which OpenSSL 3 only has in the
        # legacy provider; without it a paginated listing answers 500.
        self.proc = subprocess.Popen([node, "--openssl-legacy-provider", script], env=env,
                                     stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=log_file)
        log_file.close()
        try:
            port = read_json_line(self.proc, "the S3 peer")["port"]
        except PeerError:
            stop_pid(self.proc, "s3 peer")
            raise

        self.env = {
            "TRIB_TEST_S3_ENDPOINT": "http://127.0.0.1:%d" % port,
            "TRIB_TEST_S3_PORT": str(port),
            "TRIB_TEST_S3_REGION": "us-east-1",
            "TRIB_TEST_S3_BUCKET": BUCKET,
            "TRIB_TEST_S3_ACCESS_KEY": access_key,
            "TRIB_TEST_S3_SECRET_KEY": secret_key,
            "TRIB_TEST_S3_DIRECTORY": self.directory,
            "TRIB_TEST_S3_PID": str(self.proc.pid),
        }
        log("s3 on 127.0.0.1:%d (pid %d)" % (port, self.proc.pid))

    def stop(self):
        stop_pid(self.proc, "s3 peer")
