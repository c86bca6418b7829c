"""The sandbox's HTTP/1.1 protocol: a bounded request head and error envelopes for bad framing.

uvicorn's httptools protocol buffers a request line and headers of any size (a single 64 MiB
header was held in memory and answered 200), and answers framing errors with a plain-text 400
without X-Request-Id. This protocol refuses a head larger than :data:`MAX_HEAD_BYTES` and
answers both cases with the INVALID_REQUEST envelope and its X-Request-Id, then closes.
"""

from __future__ import annotations

from larkpay_sandbox.core.api_error import ApiError
from larkpay_sandbox.server.pipeline import new_request_id
from larkpay_sandbox.server.protocol import CoalescingHttpToolsProtocol

MAX_HEAD_BYTES = 64 * 1024
"""The most bytes a request line plus headers may take."""


def framing_error_response(message: str) -> bytes:
    """A complete HTTP/1.1 400 with the INVALID_REQUEST envelope, closing the connection."""
    request_id = new_request_id()
    body = ApiError("INVALID_REQUEST", message).body(request_id)
    head = (
        "HTTP/1.1 400 Bad Request\r\n"
        "content-type: application/json\r\n"
        f"content-length: {len(body)}\r\n"
        f"x-request-id: {request_id}\r\n"
        "connection: close\r\n\r\n"
    )
    return head.encode("ascii") + body


class _HeadTooLargeError(Exception):
    """Raised from a parser callback; httptools turns it into a parse error."""


class SandboxHttpProtocol(CoalescingHttpToolsProtocol):
    """httptools with one write per response, a bounded head and envelope 400s."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._in_head = True
        self._received_in_head = 0  # raw bytes read while a head is incomplete
        self._parsed_head = 0  # URL and header bytes the parser has handed over
        self._head_too_large = False

    def data_received(self, data: bytes) -> None:
        """Feed the parser; refuse a head that is still incomplete past MAX_HEAD_BYTES."""
        if self._in_head:
            self._received_in_head += len(data)
        super().data_received(data)
        # Counted per read, so at most one read (256 KiB) past the limit is ever buffered.
        if (
            self._in_head
            and self._received_in_head > MAX_HEAD_BYTES
            and not self.transport.is_closing()
        ):
            self._head_too_large = True
            self.send_400_response("")

    def on_message_begin(self) -> None:
        """A new request starts: its head is counted from zero."""
        super().on_message_begin()
        self._parsed_head = 0

    def on_url(self, url: bytes) -> None:
        """Count the URL towards the head's size."""
        self._count(len(url))
        super().on_url(url)

    def on_header(self, name: bytes, value: bytes) -> None:
        """Count the header towards the head's size."""
        self._count(len(name) + len(value) + 4)
        super().on_header(name, value)

    def _count(self, size: int) -> None:
        self._parsed_head += size
        if self._parsed_head > MAX_HEAD_BYTES:
            self._head_too_large = True
            raise _HeadTooLargeError

    def on_headers_complete(self) -> None:
        """The head is complete: later bytes of this request are body."""
        self._in_head = False
        super().on_headers_complete()

    def on_message_complete(self) -> None:
        """The next bytes on this connection start a new request head."""
        super().on_message_complete()
        self._in_head = True
        self._received_in_head = 0

    def send_400_response(self, msg: str) -> None:
        """Answer a request that cannot be parsed with the error envelope, then close."""
        if self._head_too_large:
            msg = (
                f"The request line and headers are larger than {MAX_HEAD_BYTES // 1024} KiB; "
                "send shorter headers."
            )
        else:
            msg = (
                "The request is not valid HTTP/1.1 (its request line, a header or the "
                "Content-Length is malformed); fix the client that sent it."
            )
        self.transport.write(framing_error_response(msg))
        self.transport.close()
