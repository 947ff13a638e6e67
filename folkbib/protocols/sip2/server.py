"""The SIP2 TCP server: asyncio for the connections, a thread pool for the database.

Each connection reads CR-terminated messages and answers them in order, one at a time
(SIP2 is strictly request/response). The services are synchronous Django code, so a
message is answered in a worker thread; each worker keeps its own database connection
(Django's connections are per thread) and treats a message like a request: stale
connections are closed before and after it, as ``CONN_MAX_AGE`` asks. With many
terminals at once, the pool's size is how many messages touch the database together.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import dataclasses
import datetime as dt
import logging
import os
import signal
import socket
import ssl
import threading
from collections.abc import Callable
from dataclasses import dataclass

from django.db import close_old_connections, connection, connections

from folkbib.core import clock
from folkbib.operations import metrics
from folkbib.protocols.sip2.session import RESEND, Session

logger = logging.getLogger(__name__)

#: The longest message read; a longer run of bytes without CR is garbage (answered 96).
MAX_MESSAGE = 16 * 1024


@dataclass(frozen=True)
class ServerOptions:
    host: str = "127.0.0.1"
    port: int = 6001
    workers: int = 16
    idle_timeout: float = 15 * 60  # seconds a terminal may stay silent
    encoding: str = "utf-8"  # before a terminal has logged in
    ssl_context: ssl.SSLContext | None = None
    # Processes sharing the port (SO_REUSEPORT): the kernel spreads the terminals'
    # connections over them, so more than one core answers messages (one process has
    # one GIL). Meant for PostgreSQL; on SQLite the processes' writers would meet in
    # SQLite's busy handler instead of taking turns (``answer``).
    processes: int = 1


def tls_context(certfile: str, keyfile: str | None = None) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(certfile, keyfile)
    return context


#: Requests that change the database (the login counts failures, too).
WRITES = frozenset({"01", "09", "11", "15", "25", "29", "35", "37", "65", "93"})
# SQLite has one writer: threads of this process that wait for it inside SQLite sleep
# in growing steps (its busy handler), which costs tens of milliseconds each time.
# Taking turns here first hands the write lock on at once; readers never wait.
_sqlite_writer = threading.Lock()


def answer(session: Session, raw: bytes, *, now: dt.datetime) -> bytes:
    """``session.respond``, writers taking turns on SQLite."""
    command = raw.lstrip(b"\n")[:2].decode("ascii", "replace")
    if command in WRITES and connection.vendor == "sqlite":
        with _sqlite_writer:
            return session.respond(raw, now=now)
    return session.respond(raw, now=now)


def _tidy_connection() -> None:
    """Close this thread's connection if broken, or (PostgreSQL) past ``CONN_MAX_AGE``.

    A SQLite connection is kept while it works, although the settings say 0 for the
    web: a long-lived worker thread reopening the file for each message would pay the
    pragmas and start each time with a cold page cache.
    """
    if connection.vendor == "sqlite":
        broken = connection.connection is not None and connection.errors_occurred
        if broken and not connection.is_usable():
            connection.close()
        return
    close_old_connections()


def _answer(session: Session, raw: bytes) -> bytes:
    """One message, in a worker thread, with the connection hygiene of a request."""
    _tidy_connection()
    try:
        return answer(session, raw, now=clock.now())
    finally:
        _tidy_connection()


class Sip2Server:
    """``await start()``, then ``port`` is bound; ``await stop()`` closes everything."""

    def __init__(
        self, options: ServerOptions, *, answer: Callable[[Session, bytes], bytes] = _answer
    ) -> None:
        self.options = options
        self._answer = answer
        self._pool = concurrent.futures.ThreadPoolExecutor(
            max_workers=options.workers, thread_name_prefix="sip2"
        )
        self._server: asyncio.Server | None = None
        self._connections: set[asyncio.Task[None]] = set()

    @property
    def port(self) -> int:
        assert self._server is not None and self._server.sockets
        return int(self._server.sockets[0].getsockname()[1])

    async def start(self) -> None:
        self._server = await asyncio.start_server(
            self._serve,
            self.options.host,
            self.options.port,
            ssl=self.options.ssl_context,
            limit=MAX_MESSAGE,
            reuse_port=self.options.processes > 1 or None,
        )

    async def serve_forever(self) -> None:
        assert self._server is not None
        async with self._server:
            await self._server.serve_forever()

    async def stop(self) -> None:
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()
        for task in list(self._connections):
            task.cancel()
        await asyncio.gather(*self._connections, return_exceptions=True)
        self._pool.shutdown(wait=True)

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._connections.add(task)
        peer = writer.get_extra_info("peername")
        session = Session(encoding=self.options.encoding)
        loop = asyncio.get_running_loop()
        metrics.sip2_session_opened()
        try:
            while True:
                raw = await self._read(reader)
                if raw is None:
                    break
                if not raw.strip(b"\r\n"):
                    continue  # a bare line break between messages
                if raw is _TOO_LONG:
                    response = RESEND
                else:
                    response = await loop.run_in_executor(self._pool, self._answer, session, raw)
                writer.write(response)
                await writer.drain()
        except (ConnectionError, asyncio.IncompleteReadError, TimeoutError):
            pass
        except asyncio.CancelledError:
            pass
        finally:
            metrics.sip2_session_closed()
            self._connections.discard(task)
            logger.debug("sip2 %s (%s) disconnected", session.terminal_name, peer)
            writer.close()
            with contextlib.suppress(ConnectionError, ssl.SSLError):
                await writer.wait_closed()

    async def _read(self, reader: asyncio.StreamReader) -> bytes | None:
        """The next message up to its CR; None at the end of the stream or when idle."""
        try:
            return await asyncio.wait_for(reader.readuntil(b"\r"), self.options.idle_timeout)
        except asyncio.IncompleteReadError:
            return None  # the peer closed; nobody is left to read an answer
        except asyncio.LimitOverrunError:
            # Throw away the over-long run up to and including its CR, then answer 96.
            while True:
                try:
                    await reader.readuntil(b"\r")
                    break
                except asyncio.LimitOverrunError as overrun:
                    await reader.readexactly(overrun.consumed)
            return _TOO_LONG
        except TimeoutError:
            return None


_TOO_LONG = b"\x00too long\x00"


def run(options: ServerOptions, *, ready: Callable[[int], None] | None = None) -> None:
    """Serve until interrupted (Ctrl-C / SIGTERM); ``ready`` once every process listens.

    With ``options.processes`` > 1 this process forks the others before any thread or
    database connection exists; each binds the same port with SO_REUSEPORT. SIGTERM or
    SIGINT to this process stops them all; one whose parent has gone stops by itself.
    """
    if options.processes <= 1:
        _serve_until_stopped(options, ready=ready)
        return
    # Port 0 is resolved once, here, so that every process binds the same port.
    probe = socket.socket(socket.AF_INET6 if ":" in options.host else socket.AF_INET)
    probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    probe.bind((options.host, options.port))
    shared = dataclasses.replace(options, port=int(probe.getsockname()[1]))
    connections.close_all()
    listening, told = os.pipe()
    children = []
    for _ in range(options.processes - 1):
        pid = os.fork()
        if pid == 0:  # a child: serve, say so through the pipe, never return
            os.close(listening)
            code = 0
            try:
                _serve_until_stopped(
                    shared, ready=lambda _port: os.write(told, b"."), parent=os.getppid()
                )
            except BaseException:
                logger.exception("sip2 server process failed")
                code = 1
            finally:
                os._exit(code)
        children.append(pid)
    os.close(told)

    def all_listening(port: int) -> None:
        for _ in children:  # a child that fails to start closes its end: b""
            if not os.read(listening, 1):
                raise RuntimeError("a SIP2 server process did not start")
        os.close(listening)
        probe.close()
        if ready is not None:
            ready(port)

    try:
        _serve_until_stopped(shared, ready=all_listening)
    finally:
        for pid in children:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)
        for pid in children:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, 0)


def _serve_until_stopped(
    options: ServerOptions,
    *,
    ready: Callable[[int], object] | None = None,
    parent: int | None = None,
) -> None:
    async def main() -> None:
        server = Sip2Server(options)
        await server.start()
        stopping = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, stopping.set)
        watcher = None
        if parent is not None:
            watcher = loop.create_task(_stop_when_orphaned(parent, stopping))
        if ready is not None:
            ready(server.port)
        serving = asyncio.create_task(server.serve_forever())
        await stopping.wait()
        serving.cancel()
        if watcher is not None:
            watcher.cancel()
        await asyncio.gather(serving, *([watcher] if watcher else []), return_exceptions=True)
        await server.stop()

    asyncio.run(main())


async def _stop_when_orphaned(parent: int, stopping: asyncio.Event) -> None:
    """A child process ends with its parent, even one killed without a word."""
    while os.getppid() == parent:
        await asyncio.sleep(1)
    stopping.set()
