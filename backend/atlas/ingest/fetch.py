"""Fetching a URL to ingest, safely: the server must not become a tool for reaching its own network.

A URL given by a user is fetched with limits on everything the other side controls: time
(connect and read timeouts, and a deadline for the whole fetch), size (the body is streamed and
dropped at the cap), redirects (followed by hand, at most a few, each target checked like the
first) and content type (HTML and plain text only).

**No SSRF.** Before each request the host is resolved and *every* address it resolves to is
checked (:func:`refusal_reason`): loopback, private, link-local, carrier-grade NAT, multicast,
reserved, unspecified and cloud metadata addresses are refused, also when written as IPv6 that
embeds an IPv4 address, unless the operator allows their network (``ATLAS_FETCH_ALLOWED_NETWORKS``).
The request then goes to the checked address itself: the URL's host is replaced by the IP, the
``Host`` header keeps the name, and for HTTPS the TLS server name (SNI, and so the certificate's
hostname check) is the name too. A second DNS lookup, which an attacker's DNS server could answer
with an internal address after the first answered with a public one (DNS rebinding), never
happens. Proxies from the environment are ignored for the same reason: a proxy would resolve
the name again on its side.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Final

import httpx

from atlas.ingest.sources import SourceError, SourceText, text_from_bytes
from atlas.settings import Settings

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

ALLOWED_CONTENT_TYPES: Final = frozenset({"text/html", "application/xhtml+xml", "text/plain"})
REDIRECT_STATUSES: Final = frozenset({301, 302, 303, 307, 308})

# Where clouds answer with instance credentials; named so that a refusal says why.
METADATA_ADDRESSES: Final = frozenset(
    {
        ipaddress.ip_address("169.254.169.254"),  # AWS, Google Cloud, Azure, OpenStack, …
        ipaddress.ip_address("fd00:ec2::254"),  # AWS over IPv6
        ipaddress.ip_address("100.100.100.200"),  # Alibaba Cloud
        ipaddress.ip_address("168.63.129.16"),  # Azure's host services: a public address
    }
)
CARRIER_GRADE_NAT: Final = ipaddress.ip_network("100.64.0.0/10")
NAT64: Final = ipaddress.ip_network("64:ff9b::/96")


def refusal_reason(address: str | IPAddress, allowed: Sequence[IPNetwork] = ()) -> str | None:
    """Why a fetch must not connect to ``address`` ("loopback", "private", …), or None.

    An address inside one of the ``allowed`` networks is never refused. IPv6 addresses that
    carry an IPv4 address (IPv4-mapped, NAT64, 6to4, Teredo) are judged by that address too.
    """
    ip = ipaddress.ip_address(address) if isinstance(address, str) else address
    if any(ip in network for network in allowed):
        return None
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = _embedded_ipv4(ip)
        if embedded is not None:
            reason = refusal_reason(embedded, allowed)
            if reason is not None or ip.ipv4_mapped is not None:
                return reason
    if ip in METADATA_ADDRESSES:
        return "cloud metadata"
    if ip.is_unspecified:
        return "unspecified"
    if ip.is_loopback:
        return "loopback"
    if ip.is_link_local:
        return "link-local"
    if ip.is_multicast:
        return "multicast"
    if ip in CARRIER_GRADE_NAT:
        return "carrier-grade NAT"
    if ip.is_reserved or (isinstance(ip, ipaddress.IPv6Address) and ip.is_site_local):
        return "reserved"
    if ip.is_private:
        return "private"
    if not ip.is_global:
        return "not public"
    return None


def _embedded_ipv4(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address | None:
    if ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if ip in NAT64:
        return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    if ip.sixtofour is not None:
        return ip.sixtofour
    if ip.teredo is not None:
        return ip.teredo[1]  # the client's address; the server's is public by definition
    return None


@dataclass(frozen=True)
class _Target:
    """A URL whose host has been resolved and checked: requests go to ``addresses`` only."""

    url: httpx.URL
    addresses: tuple[IPAddress, ...]


def fetch_url(url: str, settings: Settings) -> SourceText:
    """Download ``url`` and turn it into a :class:`SourceText` (HTML reduced to its article).

    ``source_url`` is the URL the text was finally found at, after redirects; ``name`` the URL
    asked for. Raises :class:`SourceError` with reason ``bad_url``, ``refused_address``,
    ``unreachable``, ``timeout``, ``too_many_redirects``, ``bad_status``, ``bad_content_type``,
    ``too_large`` or one of :func:`~atlas.ingest.sources.text_from_bytes`'s.
    """
    deadline = time.monotonic() + settings.fetch_deadline_seconds
    current = _parse_url(url)
    headers = {"User-Agent": settings.fetch_user_agent, "Accept": "text/html, text/plain;q=0.9"}
    # trust_env=False: no proxies from the environment (see the module docstring), no .netrc.
    # No kept-alive connections: a pooled connection is keyed by address, so a redirect to
    # another name on the same address would reuse a TLS session verified for the first name.
    with httpx.Client(
        trust_env=False,
        follow_redirects=False,
        headers=headers,
        limits=httpx.Limits(max_keepalive_connections=0),
    ) as client:
        for _ in range(settings.fetch_max_redirects + 1):
            target = _resolve(current, settings)
            with _open(client, target, settings, deadline) as response:
                if response.status_code in REDIRECT_STATUSES and "location" in response.headers:
                    current = _redirect_target(current, response.headers["location"])
                    continue
                body, content_type = _read_body(response, current, settings, deadline)
            source = text_from_bytes(
                body, name=url, content_type=content_type, max_bytes=settings.fetch_max_bytes
            )
            return SourceText(
                text=source.text,
                name=url,
                source_url=str(current),
                title=source.title,
                published=source.published,
                content_type=source.content_type,
            )
    raise SourceError(
        "too_many_redirects", f"{url} redirects more than {settings.fetch_max_redirects} times"
    )


def _parse_url(raw: str) -> httpx.URL:
    try:
        url = httpx.URL(raw.strip())
    except (httpx.InvalidURL, TypeError, ValueError) as error:
        raise SourceError("bad_url", f"not a URL: {raw!r} ({error})") from None
    if url.scheme not in ("http", "https"):
        raise SourceError("bad_url", f"only http:// and https:// URLs can be fetched, not {raw!r}")
    if not url.host:
        raise SourceError("bad_url", f"the URL names no host: {raw!r}")
    if url.userinfo:
        raise SourceError("bad_url", "URLs with a user name or password are not fetched")
    return url.copy_with(fragment=None)


def _redirect_target(current: httpx.URL, location: str) -> httpx.URL:
    try:
        joined = current.join(location)
    except (httpx.InvalidURL, TypeError, ValueError):
        raise SourceError("bad_url", f"{current} redirects to a bad URL: {location!r}") from None
    return _parse_url(str(joined))


def _resolve(url: httpx.URL, settings: Settings) -> _Target:
    """Resolve the URL's host and refuse it if any of its addresses is refused."""
    host = url.raw_host.decode("ascii")
    port = url.port or (443 if url.scheme == "https" else 80)
    # The system resolver has no timeout of its own: ask it in a thread and stop waiting at the
    # fetch timeout (the thread ends when the resolver gives up).
    pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="atlas-resolve")
    lookup = pool.submit(socket.getaddrinfo, host, port, type=socket.SOCK_STREAM)
    pool.shutdown(wait=False)
    try:
        infos = lookup.result(timeout=settings.fetch_timeout_seconds)
    except FutureTimeout:
        raise SourceError("timeout", f"resolving {url.host} took too long") from None
    except (OSError, UnicodeError) as error:  # socket.gaierror is an OSError
        raise SourceError("unreachable", f"cannot resolve {url.host}: {error}") from None
    addresses: list[IPAddress] = []
    for _family, _type, _proto, _name, sockaddr in infos:
        # Drop an IPv6 zone ("fe80::1%eth0"): the address alone decides.
        address = ipaddress.ip_address(str(sockaddr[0]).split("%", 1)[0])
        if address not in addresses:
            addresses.append(address)
    if not addresses:
        raise SourceError("unreachable", f"cannot resolve {url.host}")
    for address in addresses:
        reason = refusal_reason(address, settings.fetch_allowed_networks)
        if reason is not None:
            named = url.host if _is_ip_literal(url.host) else f"{url.host} resolves to {address}"
            raise SourceError(
                "refused_address", f"{named} ({reason}); only public addresses are fetched"
            )
    return _Target(url=url, addresses=tuple(addresses))


@contextmanager
def _open(
    client: httpx.Client, target: _Target, settings: Settings, deadline: float
) -> Iterator[httpx.Response]:
    """Send the GET to the first checked address that accepts a connection."""
    url = target.url
    host_header = url.netloc.decode("ascii")
    last_error: httpx.ConnectError | None = None
    for address in target.addresses:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise SourceError("timeout", f"{url} took longer than {_seconds(settings)} in all")
        timeout = min(settings.fetch_timeout_seconds, remaining)
        extensions = {}
        if url.scheme == "https" and not _is_ip_literal(url.host):
            # Certificate and SNI for the name, while the connection goes to the checked address.
            extensions["sni_hostname"] = url.raw_host.decode("ascii")
        request = client.build_request(
            "GET",
            url.copy_with(host=str(address)),
            headers={"Host": host_header},
            timeout=httpx.Timeout(timeout),
            extensions=extensions,
        )
        try:
            response = client.send(request, stream=True)
        except httpx.ConnectError as error:
            last_error = error  # try the host's next address
            continue
        except httpx.TimeoutException:
            raise SourceError(
                "timeout", f"{url.host} did not answer within {timeout:g} s"
            ) from None
        except httpx.HTTPError as error:
            raise SourceError("unreachable", f"{url.host}: {_first_line(error)}") from None
        try:
            yield response
        finally:
            response.close()
        return
    raise SourceError("unreachable", f"cannot connect to {url.host}: {_first_line(last_error)}")


def _read_body(
    response: httpx.Response, url: httpx.URL, settings: Settings, deadline: float
) -> tuple[bytes, str | None]:
    """The body of a final answer, after checking status, content type and size."""
    if not response.is_success:
        raise SourceError(
            "bad_status", f"{url} answered {response.status_code} {response.reason_phrase}".rstrip()
        )
    content_type = response.headers.get("content-type")
    media_type = content_type.split(";", 1)[0].strip().lower() if content_type else None
    if media_type is not None and media_type not in ALLOWED_CONTENT_TYPES:
        raise SourceError(
            "bad_content_type",
            f"{url} sent {media_type}; only HTML and plain text can be ingested",
        )
    cap = settings.fetch_max_bytes
    too_large = SourceError("too_large", f"{url} sent more than {cap:,} bytes (the limit)")
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > cap:
        raise too_large
    body = bytearray()
    try:
        # iter_bytes decompresses: the cap counts what a compressed body expands to.
        for chunk in response.iter_bytes():
            body += chunk
            if len(body) > cap:
                raise too_large
            if time.monotonic() > deadline:
                raise SourceError("timeout", f"{url} took longer than {_seconds(settings)} in all")
    except httpx.TimeoutException:
        raise SourceError("timeout", f"{url} stopped sending for too long") from None
    except httpx.HTTPError as error:
        raise SourceError("unreachable", f"{url}: {_first_line(error)}") from None
    return bytes(body), content_type


def _is_ip_literal(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def _seconds(settings: Settings) -> str:
    return f"{settings.fetch_deadline_seconds:g} s"


def _first_line(error: BaseException | None) -> str:
    text = str(error).strip() if error is not None else ""
    return text.splitlines()[0] if text else type(error).__name__
