"""A private MariaDB server, seeded with the demo's ods_user_info_d."""

import os
import shutil
import subprocess

from .common import Peer, PeerError, free_port, log, random_secret, stop_pid, tail, wait_for_port

DEMO_PORT = 23306


def _binary(name, fallback):
    return shutil.which(name) or shutil.which(fallback) or name


class MariaDB(Peer):
    name = "mariadb"

    def __init__(self, ctx):
        super().__init__(ctx)
        self.proc = None
        self.datadir = ctx.path("mariadb", "data")
        self.socket = ctx.path("mariadb", "sock")
        self.log_path = ctx.path("mariadb", "error.log")

    def _admin(self, sql, database=None):
        cmd = [_binary("mariadb", "mysql"), "--no-defaults", "--socket=" + self.socket, "-uroot",
               "--default-character-set=utf8mb4"]
        if database:
            cmd.append(database)
        # SQL, and the passwords in it, go through stdin, never argv.
        r = subprocess.run(cmd, input=sql.encode(), stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        if r.returncode != 0:
            raise PeerError("mariadb: %s" % r.stderr.decode(errors="replace").strip())
        return r.stdout.decode()

    def _install(self):
        if os.path.exists(os.path.join(self.datadir, "mysql")):
            return False
        os.makedirs(self.datadir, exist_ok=True)
        # A private tmpdir: two bootstraps at once in /tmp can clash on their temporary
        # table names ("Could not remove temporary table ... Unknown table").
        tmpdir = self.ctx.path("mariadb", "tmp", "")
        cmd = [_binary("mariadb-install-db", "mysql_install_db"), "--no-defaults",
               "--datadir=" + self.datadir, "--tmpdir=" + tmpdir, "--auth-root-authentication-method=socket",
               "--skip-test-db", "--innodb-log-file-size=8M"]
        if os.geteuid() == 0:
            cmd.append("--user=root")
        for attempt in range(2):
            r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
            if r.returncode == 0:
                return True
            output = r.stdout.decode(errors="replace")[-2000:]
            if attempt == 0:
                # Seen once under load with two tests starting at the same moment: start
                # over with an empty folder before calling it a failure.
                log("mariadb-install-db failed (status %d); retrying once:\n%s" % (r.returncode, output))
                shutil.rmtree(self.datadir, ignore_errors=True)
                os.makedirs(self.datadir, exist_ok=True)
        raise PeerError("mariadb-install-db failed:\n" + output)

    def _launch(self, port):
        cmd = [_binary("mariadbd", "mysqld"), "--no-defaults",
               "--datadir=" + self.datadir, "--socket=" + self.socket,
               "--pid-file=" + os.path.join(os.path.dirname(self.socket), "pid"),
               "--port=%d" % port, "--bind-address=127.0.0.1", "--skip-name-resolve",
               "--log-error=" + self.log_path, "--innodb-log-file-size=8M",
               "--tmpdir=" + self.ctx.path("mariadb", "tmp", ""),
               "--innodb-buffer-pool-size=64M", "--character-set-server=utf8mb4",
               "--collation-server=utf8mb4_general_ci", "--local-infile=1",
               "--secure-file-priv=" + self.ctx.path("mariadb", "outfile", "")]
        if os.geteuid() == 0:
            cmd.append("--user=root")
        self.proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL)
        try:
            wait_for_port(port, self.proc, "mariadbd", self.log_path)
        except PeerError:
            stop_pid(self.proc, "mariadbd")
            raise

    def start(self):
        fresh = self._install()
        port = DEMO_PORT if self.ctx.demo else None
        for attempt in range(3):
            p = port or free_port()
            try:
                self._launch(p)
                port = p
                break
            except PeerError as e:
                # Another process may have taken the free port between probe and bind.
                if port or attempt == 2 or "Address already in use" not in str(e):
                    raise
                log("port %d was taken; trying another" % p)

        password_file = self.ctx.path("mariadb", "password")
        if fresh or not os.path.exists(password_file):
            password = random_secret()
            with open(os.open(password_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w") as f:
                f.write(password)
            users = ["'workshop'@'127.0.0.1'", "'workshop'@'localhost'"]
            sql = "CREATE DATABASE IF NOT EXISTS workshop CHARACTER SET utf8mb4;\n"
            for u in users:
                sql += "CREATE OR REPLACE USER %s IDENTIFIED BY '%s';\n" % (u, password)
                sql += "GRANT ALL PRIVILEGES ON *.* TO %s;\n" % u
            self._admin(sql)
            with open(os.path.join(self.ctx.sample_dir(), "ods_user_info_d.sql"), "r") as f:
                self._admin(f.read(), database="workshop")
        else:
            with open(password_file) as f:
                password = f.read().strip()

        self.env = {
            "TRIB_TEST_MYSQL_HOST": "127.0.0.1",
            "TRIB_TEST_MYSQL_PORT": str(port),
            "TRIB_TEST_MYSQL_USER": "workshop",
            "TRIB_TEST_MYSQL_PASSWORD": password,
            "TRIB_TEST_MYSQL_DATABASE": "workshop",
            "TRIB_TEST_MYSQL_SOCKET": self.socket,
            "TRIB_TEST_MYSQL_PID": str(self.proc.pid),
            "TRIB_TEST_MYSQL_OUTFILE_DIR": self.ctx.path("mariadb", "outfile", ""),
        }
        log("mariadb on 127.0.0.1:%d (pid %d)" % (port, self.proc.pid))

    def stop(self):
        if self.proc is None or self.proc.poll() is not None:
            return
        # A clean shutdown first, so a persistent demo datadir stays consistent.
        subprocess.run([_binary("mariadb-admin", "mysqladmin"), "--no-defaults",
                        "--socket=" + self.socket, "-uroot", "shutdown"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=30)
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            pass
        stop_pid(self.proc, "mariadbd")
        if self.proc.returncode not in (0, None, -15):
            log("mariadbd exited with %s\n%s" % (self.proc.returncode, tail(self.log_path)))
