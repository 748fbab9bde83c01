"""URL normalisation and site identity.

Two URLs that a visitor would call "the same page" must map to one key, or the crawl fetches
(and the index stores) the same text several times: fragments, tracking parameters, default
ports, query order, ``www.`` and a trailing slash do not make a new page. w3lib does the
percent-encoding and query sorting (the way Scrapy does); the rest is policy and lives here.
"""

from __future__ import annotations

import posixpath
import re
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from w3lib.url import canonicalize_url

DEFAULT_PORTS = {"http": 80, "https": 443}
_INDEX_FILE = re.compile(r"/(index|default)\.(html?|php|aspx?)$", re.IGNORECASE)

# Query parameters that only track the visitor; they never change the page's content.
TRACKING_PARAMS = frozenset(
    {
        "gclid",
        "dclid",
        "gbraid",
        "wbraid",
        "fbclid",
        "msclkid",
        "yclid",
        "twclid",
        "igshid",
        "mkt_tok",
        "_ga",
        "_gl",
        "_hsenc",
        "_hsmi",
        "hsctatracking",
        "ref_src",
        "srsltid",
        "vero_id",
        "oly_anon_id",
        "oly_enc_id",
        "rb_clickid",
        "s_cid",
        "sessionid",
        "phpsessid",
        "jsessionid",
        "sid",
    }
)
TRACKING_PREFIXES = ("utm_", "mc_", "pk_", "piwik_", "matomo_", "hsa_", "ga_")

# Extensions that are never an HTML page; the link is skipped without a request.
NON_HTML_EXTENSIONS = frozenset(
    [
        "pdf",
        "doc",
        "docx",
        "xls",
        "xlsx",
        "ppt",
        "pptx",
        "odt",
        "ods",
        "odp",
        "rtf",
        "csv",
        "txt",
        "xml",
        "json",
        "rss",
        "atom",
        "ics",
        "vcf",
        "zip",
        "gz",
        "tgz",
        "bz2",
        "xz",
        "7z",
        "rar",
        "tar",
        "dmg",
        "exe",
        "msi",
        "apk",
        "deb",
        "rpm",
        "iso",
        "bin",
        "jpg",
        "jpeg",
        "png",
        "gif",
        "webp",
        "avif",
        "bmp",
        "tif",
        "tiff",
        "svg",
        "ico",
        "heic",
        "psd",
        "eps",
        "ai",
        "mp3",
        "wav",
        "ogg",
        "oga",
        "flac",
        "m4a",
        "aac",
        "opus",
        "mp4",
        "m4v",
        "mov",
        "avi",
        "wmv",
        "mkv",
        "webm",
        "flv",
        "mpg",
        "mpeg",
        "3gp",
        "css",
        "js",
        "mjs",
        "map",
        "woff",
        "woff2",
        "ttf",
        "otf",
        "eot",
        "swf",
    ]
)


def is_tracking_param(name: str) -> bool:
    lowered = name.lower()
    return lowered in TRACKING_PARAMS or lowered.startswith(TRACKING_PREFIXES)


def normalize_url(url: str, base: str | None = None) -> str | None:
    """The absolute, canonical form of ``url`` (resolved against ``base``), or None when it is
    not an http(s) URL. Keeps the path's trailing slash: servers may treat it differently, so
    the *fetch* URL keeps it; :func:`url_key` is what equates the two spellings."""
    url = url.strip()
    if not url:
        return None
    if base is not None:
        try:
            url = urljoin(base, url)
        except ValueError:
            return None
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS or not parts.hostname:
        return None
    host = parts.hostname.lower().rstrip(".")
    if ":" in host:  # IPv6 literal
        host = f"[{host}]"
    netloc = host if port in (None, DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    path = parts.path or "/"
    if "/." in path:
        trailing = path.endswith("/")
        path = posixpath.normpath(path)
        path = "/" if path in (".", "//") else path
        if trailing and not path.endswith("/"):
            path += "/"
    query = parts.query
    if query:
        pairs = parse_qsl(query, keep_blank_values=True)
        kept = [(k, v) for k, v in pairs if not is_tracking_param(k)]
        query = urlencode(kept) if len(kept) != len(pairs) else query
    try:
        return canonicalize_url(urlunsplit((scheme, netloc, path, query, "")))
    except ValueError:
        return None


def site_of(url: str) -> str:
    """The site a URL belongs to: host without ``www.`` plus any non-default port.

    ``http://example.com`` and ``https://www.example.com`` are one site; ``127.0.0.1:8001``
    and ``127.0.0.1:8002`` are two (different servers)."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().rstrip(".")
    host = host.removeprefix("www.")
    try:
        port = parts.port
    except ValueError:
        port = None
    if port is None or port == DEFAULT_PORTS.get(parts.scheme.lower()):
        return host
    return f"{host}:{port}"


def same_site(url: str, site: str) -> bool:
    return site_of(url) == site


def url_key(url: str) -> str:
    """Dedupe key: scheme, ``www.``, a trailing slash and a directory index file dropped
    (``/about`` == ``/about/`` == ``/about/index.html``)."""
    parts = urlsplit(url)
    path = _INDEX_FILE.sub("", parts.path).rstrip("/") or "/"
    return f"{site_of(url)}{path}" + (f"?{parts.query}" if parts.query else "")


def non_html_extension(url: str) -> str | None:
    """The file extension when the URL obviously names a non-HTML file, else None."""
    path = urlsplit(url).path
    name = path.rsplit("/", 1)[-1]
    if "." not in name:
        return None
    ext = name.rsplit(".", 1)[-1].lower()
    return ext if ext in NON_HTML_EXTENSIONS else None
