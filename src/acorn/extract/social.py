"""Links to the business's own social profiles (not share buttons)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

NETWORKS = {
    "facebook.com": "facebook",
    "fb.com": "facebook",
    "instagram.com": "instagram",
    "twitter.com": "x",
    "x.com": "x",
    "linkedin.com": "linkedin",
    "youtube.com": "youtube",
    "youtu.be": "youtube",
    "tiktok.com": "tiktok",
    "pinterest.com": "pinterest",
    "yelp.com": "yelp",
    "tripadvisor.com": "tripadvisor",
    "threads.net": "threads",
    "mastodon.social": "mastodon",
    "bsky.app": "bluesky",
    "wa.me": "whatsapp",
    "whatsapp.com": "whatsapp",
    "vimeo.com": "vimeo",
    "trustpilot.com": "trustpilot",
    "houzz.com": "houzz",
    "nextdoor.com": "nextdoor",
    "booking.com": "booking",
}
_SHARE = re.compile(
    r"sharer|/share\b|share\?|/intent/|shareArticle|/pin/create|/dialog/|/plugins/|"
    r"/embed/|/watch\?|/hashtag/|/tr\?|/p/|/status/",
    re.I,
)


_HINT = re.compile("|".join(re.escape(d.split(".")[0]) for d in NETWORKS), re.I)


def social_network(href: str) -> str | None:
    """The network name for a profile link, or None (share links and posts excluded)."""
    if not _HINT.search(href):
        return None
    if not href.lower().startswith(("http://", "https://", "//")):
        return None
    parts = urlsplit(href if not href.startswith("//") else "https:" + href)
    host = (parts.hostname or "").lower()
    if host.startswith("www."):
        host = host[4:]
    network = NETWORKS.get(host)
    if network is None:
        for domain, name in NETWORKS.items():
            if host.endswith("." + domain) or (
                name == "tripadvisor" and host.startswith("tripadvisor.")
            ):
                network = name
                break
    if network is None or _SHARE.search(href):
        return None
    if not parts.path.strip("/") and network not in {"whatsapp"}:
        return None  # a bare "facebook.com" link is a template leftover
    return network
