"""A webhook endpoint on loopback that answers every POST with 500, and ``GET /count`` with how
many POSTs it got: the failing endpoint of ``bench/clock_advance.py``, run as a subprocess.

Written on asyncio's protocol API so that it is never the bottleneck of the sandbox it answers
(``python -m bench.failing_endpoint`` prints its port).
"""

from __future__ import annotations

import asyncio

FAILED = b"HTTP/1.1 500 Internal Server Error\r\ncontent-length: 0\r\n\r\n"


class _Endpoint(asyncio.Protocol):
    posts = 0

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport
        self.buffer = b""

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        while (end := self.buffer.find(b"\r\n\r\n")) >= 0:
            head = self.buffer[:end].decode("latin-1").lower()
            length = 0
            for line in head.split("\r\n")[1:]:
                name, _, value = line.partition(":")
                if name.strip() == "content-length":
                    length = int(value)
            if len(self.buffer) < end + 4 + length:
                return
            self.buffer = self.buffer[end + 4 + length :]
            if head.startswith("get /count"):
                count = str(_Endpoint.posts).encode()
                self.transport.write(
                    b"HTTP/1.1 200 OK\r\ncontent-length: %d\r\n\r\n%s" % (len(count), count)
                )
            else:
                _Endpoint.posts += 1
                self.transport.write(FAILED)


async def serve() -> None:
    """Serve on a free loopback port (printed) until killed."""
    server = await asyncio.get_running_loop().create_server(_Endpoint, "127.0.0.1", 0)
    print(server.sockets[0].getsockname()[1], flush=True)
    await server.serve_forever()


if __name__ == "__main__":
    asyncio.run(serve())
