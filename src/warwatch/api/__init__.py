"""``warwatch serve``: the REST API and the dashboard over a DuckDB store, offline, in one process.

``create_app(store, token=...)`` builds the ASGI application (FastAPI); ``serve(...)`` runs it with uvicorn
on a socket bound beforehand, so a port already in use is a clear error and port 0 picks a free one.
How the store is opened (read-only without a token, read-write with one) is told in ``database``.
"""

from __future__ import annotations

import errno
import socket
from collections.abc import Callable
from pathlib import Path

from ..errors import ConfigError
from ..settings import Settings
from .app import STATIC_DIR, create_app

__all__ = ["STATIC_DIR", "bind", "create_app", "serve"]


def bind(host: str, port: int) -> socket.socket:
    """A listening TCP socket on ``host``:``port`` (IPv4 or IPv6); ConfigError when it cannot be had."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as error:
        raise ConfigError(f"--host {host}: not an address of this machine ({error.strerror})") from None
    family, kind, proto, _, address = infos[0]
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(2048)
    except OSError as error:
        sock.close()
        if error.errno == errno.EADDRINUSE:
            raise ConfigError(f"port {port} on {host} is in use; choose another with --port") from None
        if error.errno == errno.EACCES:
            raise ConfigError(f"no permission to listen on port {port}; choose one above 1023 with --port") from None
        raise ConfigError(f"cannot listen on {host}:{port}: {error.strerror}") from None
    sock.set_inheritable(True)
    return sock


def url_of(sock: socket.socket) -> str:
    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/"


def serve(store: Path, settings: Settings, *, host: str = "127.0.0.1", port: int = 8000,
          access_log: bool = True, on_ready: Callable[[str], None] | None = None) -> None:
    """Serve the store until interrupted. ``on_ready(url)`` is called once the socket listens."""
    import uvicorn

    sock = bind(host, port)
    try:
        app = create_app(store, token=settings.api_token, settings=settings)
        config = uvicorn.Config(app, log_level="info" if access_log else "warning", access_log=access_log,
                                server_header=False, timeout_graceful_shutdown=5)
        server = uvicorn.Server(config)
        if on_ready is not None:
            on_ready(url_of(sock))
        server.run(sockets=[sock])
    finally:
        sock.close()
