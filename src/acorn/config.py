"""Process settings (``ACORN_*`` environment / ``.env``) and the per-agent config schema.

Settings describe *where things run* (database, index, queues, providers); the agent config
describes *how one agent behaves* (crawl limits, persona, retrieval) and is stored with the
agent so every tenant can differ.
"""

from __future__ import annotations

import ipaddress
from functools import cached_property
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, Field, ValidationInfo, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from acorn import __version__
from acorn.crawl.patterns import compile_patterns

DEFAULT_USER_AGENT = (
    f"AcornBot/{__version__} (+https://github.com/acorn-voice/acorn; website receptionist crawler)"
)
INSECURE_SECRET = "change-me-acorn-local-only"


class Settings(BaseSettings):
    """Where Acorn keeps its state and which providers it uses. One instance per process."""

    model_config = SettingsConfigDict(
        env_prefix="ACORN_", env_file=".env", extra="ignore", frozen=False
    )

    environment: Literal["local", "production"] = "local"
    data_dir: Path = Path("data")
    database_url: str | None = None
    qdrant_url: str | None = None
    qdrant_api_key: str | None = None
    qdrant_collection: str = "acorn_chunks"
    redis_url: str | None = None
    secret_key: str = INSECURE_SECRET
    public_base_url: str = "http://127.0.0.1:8000"

    # Crawling / network safety
    allow_private_networks: Annotated[list[str], NoDecode] = Field(default_factory=list)
    user_agent: str = DEFAULT_USER_AGENT
    chromium_path: str = "/usr/bin/chromium"
    # Crawl policy: the most a submitted agent config may ask for (acorn.crawl.policy)
    crawl_max_pages: int = Field(500, ge=1)
    crawl_max_concurrency: int = Field(8, ge=1)
    crawl_min_refresh_hours: float = Field(6.0, ge=0.25)
    crawl_max_deadline_seconds: float = Field(1800.0, gt=0)
    crawl_max_page_bytes: int = Field(10_000_000, ge=10_000)
    crawl_max_depth: int = Field(10, ge=0)
    crawl_max_timeout_seconds: float = Field(60.0, gt=0)

    # Providers, chosen by registry name
    embedder: str = "use"  # chosen by bench/embedders.py: see docs/knowledge-base.md
    embed_base_url: str | None = None
    embed_api_key: str | None = None
    embed_model: str = "text-embedding-3-small"
    answerer: str = "extractive"
    llm_base_url: str | None = None
    llm_api_key: str | None = None
    llm_model: str = "gpt-4o-mini"
    llm_temperature: float = 0.1
    llm_timeout_seconds: float = 30.0
    # whisper: 25% WER vs pocketsphinx's 58% (own model) / 72% (generic) on espeak-spoken
    # shared-site questions (bench/voice.py, docs/voice.md); slower (p50 1.8 s vs 0.7 s on a
    # loaded 2-core box), but a wrong transcript costs a whole turn, a slow one only a second
    stt: str = "whisper"
    # the openai speech-to-text provider: any OpenAI-compatible /audio/transcriptions server
    stt_base_url: str | None = None
    stt_api_key: str | None = None
    stt_model: str = "whisper-1"
    stt_timeout_seconds: float = 30.0
    tts: str = "espeak"

    # Server / jobs
    host: str = "127.0.0.1"
    port: int = 8000
    worker_concurrency: int = 2
    # Largest request body the API reads (413 above it): JSON requests are a few kB, so 1 MiB
    # leaves room and still stops a client from making the server buffer megabytes.
    max_body_bytes: int = Field(1_048_576, ge=1)

    # Accounts: rate limits (``limits`` strings), in Redis when redis_url is set (acorn.auth)
    rate_limit_visitor: str = "100/minute"  # per visitor session and per IP, visitor endpoints
    rate_limit_token: str = "20/minute"  # visitor tokens minted per IP
    rate_limit_login_ip: str = "20/minute"  # sign-in attempts per client address
    rate_limit_login_account: str = "10/minute"  # sign-in attempts per e-mail address

    @field_validator("allow_private_networks", mode="before")
    @classmethod
    def _split_allow_list(cls, value: object) -> object:
        if isinstance(value, str):
            return [item.strip() for item in value.split(",") if item.strip()]
        return value

    @model_validator(mode="after")
    def _refuse_default_secret_in_production(self) -> Settings:
        if self.environment == "production" and self.secret_key == INSECURE_SECRET:
            raise ValueError(
                "ACORN_SECRET_KEY must be set to a random value when ACORN_ENVIRONMENT=production "
                '(e.g. python -c "import secrets; print(secrets.token_urlsafe(32))")'
            )
        return self

    @cached_property
    def private_allow_networks(self) -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
        """The CIDR entries of ``allow_private_networks`` (plain host names are kept apart)."""
        nets = []
        for item in self.allow_private_networks:
            try:
                nets.append(ipaddress.ip_network(item, strict=False))
            except ValueError:
                continue
        return nets

    @cached_property
    def private_allow_hosts(self) -> set[str]:
        """Host names (not CIDRs) explicitly allowed even when they resolve to private space."""
        hosts = set()
        for item in self.allow_private_networks:
            try:
                ipaddress.ip_network(item, strict=False)
            except ValueError:
                hosts.add(item.lower())
        return hosts

    @property
    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'acorn.db').resolve()}"

    @property
    def qdrant_path(self) -> Path:
        return self.data_dir / "qdrant"


# ---------------------------------------------------------------- agent configuration


class VoiceConfig(BaseModel):
    enabled: bool = True
    stt_provider: str = "pocketsphinx"
    tts_provider: str = "espeak"
    voice: str = "en-us"
    language: str = "en"
    speaking_rate: float = Field(1.0, ge=0.5, le=2.0)


class PersonalityConfig(BaseModel):
    name: str = "Acorn"
    tone: Literal["friendly", "professional", "casual"] = "friendly"
    style: Literal["concise", "detailed"] = "concise"
    persona: str = "a helpful receptionist for the business"
    greeting: str = "Hi! How can I help you today?"
    fallback_message: str = (
        "I'm sorry, I don't have that information. "
        "Please contact us directly and we'll be happy to help."
    )
    max_sentences: int = Field(3, ge=1, le=8)


class ScrapingConfig(BaseModel):
    max_depth: int = Field(3, ge=0, le=20)
    max_pages: int = Field(50, ge=1, le=10_000)
    respect_robots_txt: bool = True
    # robots.txt's Crawl-delay asks strangers' crawlers to slow down; the site's owner (or a
    # copy served on loopback for measurement) may crawl at full speed.
    obey_crawl_delay: bool = True
    # 0: no fixed pause; a site's robots.txt Crawl-delay still applies, and 429/503 slow it.
    delay_seconds: float = Field(0.0, ge=0.0, le=60.0)
    concurrency: int = Field(4, ge=1, le=64)
    render_js: Literal["auto", "always", "never"] = "auto"
    include_patterns: list[str] = Field(default_factory=list)
    exclude_patterns: list[str] = Field(default_factory=list)
    timeout_seconds: float = Field(15.0, gt=0, le=120)
    max_page_bytes: int = Field(5_000_000, ge=10_000)
    job_deadline_seconds: float = Field(600.0, gt=0)
    max_retries: int = Field(2, ge=0, le=10)
    use_sitemaps: bool = True
    refresh_hours: float | None = Field(None, ge=0.25)

    @field_validator("include_patterns", "exclude_patterns")
    @classmethod
    def _patterns_compile_with_re2(cls, value: list[str], info: ValidationInfo) -> list[str]:
        """Refuse a pattern RE2 cannot compile when the config is submitted (a 422 naming it),
        not when the crawl starts. A config read back from the database (context
        ``{"stored": True}``) is not refused, so an older agent keeps answering; its next crawl
        fails with the same message."""
        if not (info.context or {}).get("stored"):
            compile_patterns(value)  # PatternError is a ValueError: pydantic reports it
        return value


class RagConfig(BaseModel):
    top_k: int = Field(8, ge=1, le=50)
    # The least probability that an extractive answer is right before it is spoken; None: the
    # threshold calibrated for the embedder (acorn/answer/calibration.json).
    min_confidence: float | None = Field(None, ge=0.0, le=1.0)
    chunk_max_tokens: int | None = None  # None: derived from the embedder's context
    chunk_overlap_tokens: int = Field(24, ge=0, le=200)
    answerer: str | None = None  # None: the server default (ACORN_ANSWERER)
    use_fast_path: bool = True
    faq_match_threshold: float = Field(0.82, ge=0.0, le=1.0)


class WebhookConfig(BaseModel):
    url: str
    events: list[str] = Field(default_factory=lambda: ["lead.created"])
    secret: str | None = None


class IntegrationsConfig(BaseModel):
    allowed_origins: list[str] = Field(default_factory=list)
    webhooks: list[WebhookConfig] = Field(default_factory=list)
    lead_capture: bool = False
    contact_email: str | None = None


class AgentConfig(BaseModel):
    """Everything one agent can be tuned by; stored as JSON with the agent."""

    voice: VoiceConfig = Field(default_factory=VoiceConfig)
    personality: PersonalityConfig = Field(default_factory=PersonalityConfig)
    scraping: ScrapingConfig = Field(default_factory=ScrapingConfig)
    rag: RagConfig = Field(default_factory=RagConfig)
    integrations: IntegrationsConfig = Field(default_factory=IntegrationsConfig)


def get_settings() -> Settings:
    """Build settings from the environment. Callers pass the object on; nothing caches it globally."""
    return Settings()
