"""A private MariaDB server for the tests: Debian's mariadbd on a Unix socket under var/, no
network, no password.

`python -m spoc_xblocks.dev.mariadb start` initialises the data folder once and starts the server (a
second call finds it running); `stop` and `restart` do what they say. The settings switch to this
server when SPOC_DATABASE=mariadb. Nothing here is used by a real site, which brings its own MySQL
or MariaDB.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

UNIX_SOCKET_PATH_LIMIT = 100
START_TIMEOUT_SECONDS = 60


def folder() -> Path:
    return Path(os.environ.get("SPOC_VAR_DIR", os.path.join(os.getcwd(), "var"))) / "mariadb"


def socket_path() -> str:
    """The socket under var/, or in the temporary folder when var/ is too deep for a Unix socket's
    path."""
    path = folder() / "mysqld.sock"
    if len(str(path)) <= UNIX_SOCKET_PATH_LIMIT:
        return str(path)
    digest = hashlib.sha256(str(path).encode()).hexdigest()[:12]
    return os.path.join(tempfile.gettempdir(), f"spoc-mariadb-{digest}.sock")


def database_settings(name: str = "spoc") -> dict:
    """Django's DATABASES entry for this server; tests run in test_<name>, created and dropped by
    the test run."""
    return {
        "ENGINE": "django.db.backends.mysql",
        "NAME": name,
        "USER": "root",
        "PASSWORD": "",
        "HOST": socket_path(),
        "OPTIONS": {"charset": "utf8mb4", "isolation_level": "read committed"},
        "TEST": {"CHARSET": "utf8mb4", "COLLATION": "utf8mb4_unicode_ci"},
    }


def _server_binary(name: str) -> str:
    found = shutil.which(name) or shutil.which(name, path="/usr/sbin:/usr/bin")
    if not found:
        raise SystemExit(f"{name} is missing: install Debian's mariadb-server (make test does).")
    return found


def _pid() -> int | None:
    try:
        pid = int((folder() / "mysqld.pid").read_text().strip())
        os.kill(pid, 0)
        return pid
    except (FileNotFoundError, ValueError, ProcessLookupError):
        return None


def connect(database: str | None = None, **options):
    """A root connection to the server through its socket, in `database` when given."""
    import MySQLdb

    if database:
        options["db"] = database
    return MySQLdb.connect(unix_socket=socket_path(), user="root", passwd="", **options)


def _answers() -> bool:
    import MySQLdb

    try:
        connect(connect_timeout=2).close()
        return True
    except MySQLdb.OperationalError:
        return False


def _initialise() -> None:
    data = folder() / "data"
    if (data / "mysql").is_dir():
        return
    data.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            _server_binary("mariadb-install-db"),
            "--no-defaults",
            "--user=root",
            f"--datadir={data}",
            "--auth-root-authentication-method=normal",
            "--skip-test-db",
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )


def start() -> None:
    if _pid() and _answers():
        return
    _initialise()
    base = folder()
    subprocess.Popen(
        [
            _server_binary("mariadbd"),
            "--no-defaults",
            "--user=root",
            f"--datadir={base / 'data'}",
            f"--socket={socket_path()}",
            f"--pid-file={base / 'mysqld.pid'}",
            f"--log-error={base / 'error.log'}",
            "--skip-networking",
            "--character-set-server=utf8mb4",
            "--collation-server=utf8mb4_unicode_ci",
            "--max-connections=500",
            "--innodb-buffer-pool-size=256M",
            "--innodb-flush-log-at-trx-commit=2",
            "--skip-log-bin",
        ],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while not _answers():
        if time.monotonic() > deadline:
            raise SystemExit(f"MariaDB did not start; see {base / 'error.log'}")
        time.sleep(0.2)


def stop() -> None:
    pid = _pid()
    if pid is None:
        return
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + START_TIMEOUT_SECONDS
    while _pid() is not None and time.monotonic() < deadline:
        time.sleep(0.1)


def _run(statement: str) -> None:
    connection = connect(autocommit=True)
    try:
        connection.cursor().execute(statement)
    finally:
        connection.close()


def create_database(name: str) -> None:
    """An empty database `name` on the server (any database of that name dropped first)."""
    drop_database(name)
    _run(f"CREATE DATABASE `{name}` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci")


def drop_database(name: str) -> None:
    _run(f"DROP DATABASE IF EXISTS `{name}`")


def restart() -> None:
    stop()
    start()


if __name__ == "__main__":
    commands = {"start": start, "stop": stop, "restart": restart}
    if len(sys.argv) != 2 or sys.argv[1] not in commands:
        raise SystemExit(f"usage: python -m spoc_xblocks.dev.mariadb {'|'.join(commands)}")
    commands[sys.argv[1]]()
