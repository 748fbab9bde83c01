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

from pydantic import (
    BaseModel,
    Field,
    PrivateAttr,
    ValidationInfo,
    field_validator,
    model_validator,
)
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
    # True when public_base_url was guessed (``acorn serve`` from its host and port) rather
    # than given: the embed code then names the host the request came to (acorn.api.baseurl).
    _base_url_guessed: bool = PrivateAttr(False)

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
    tts: str = (
        "espeak"  # acorn.voice.tts: espeak (offline default), piper, piper-joe, openai, elevenlabs
    )
    # Remote voices (acorn.voice.tts.openai / .elevenlabs). None: the provider's own default
    # (openai: https://api.openai.com/v1, tts-1, alloy; elevenlabs: its public API and
    # eleven_multilingual_v2; an ElevenLabs voice id has no default).
    tts_base_url: str | None = None
    tts_api_key: str | None = None
    tts_model: str | None = None
    tts_voice: str | None = None
    tts_timeout_seconds: float = Field(30.0, gt=0)
    # Piper voices (acorn.voice.tts.piper): the server's own voice file, and the folder an
    # agent's ``voice.piper_model_path`` is read from (an agent names a file, never a path).
    piper_model_path: Path | None = None
    piper_voices_dir: Path | None = None  # None: <data_dir>/voices

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

    def guess_public_base_url(self, url: str) -> None:
        """Set ``public_base_url`` from how the server was started, unless it was given."""
        if "public_base_url" not in self.model_fields_set or self._base_url_guessed:
            self.public_base_url = url
            self._base_url_guessed = True

    @property
    def public_base_url_given(self) -> bool:
        """Whether ``ACORN_PUBLIC_BASE_URL`` (or the constructor) named the public address."""
        return "public_base_url" in self.model_fields_set and not self._base_url_guessed

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
    """How one agent sounds. Every provider reads the fields it understands and ignores the
    rest, so switching provider never invalidates a stored config."""

    enabled: bool = True
    stt_provider: str | None = None  # None: the server's default (ACORN_STT)
    tts_provider: str | None = None  # None: the server's default (ACORN_TTS)
    # The language visitors speak; None: detected where the engine can (Whisper), else the
    # engine's default. Replies are spoken in the language they are written in.
    stt_language: str | None = None
    # espeak: a voice name ("en-us", "en-gb", "de"); used when it speaks the reply's language,
    # otherwise that language's own voice is chosen.
    voice: str = "en-us"
    language: str = "en"
    speaking_rate: float = Field(1.0, ge=0.5, le=2.0)
    # openai / elevenlabs: the vendor's voice ("alloy", an ElevenLabs voice id); None: the
    # server's ACORN_TTS_VOICE.
    voice_id: str | None = Field(None, max_length=100)
    # elevenlabs: how steady and how close to the original recording the voice stays (0..1).
    stability: float = Field(0.5, ge=0.0, le=1.0)
    similarity_boost: float = Field(0.75, ge=0.0, le=1.0)
    # piper: a voice file in the server's ACORN_PIPER_VOICES_DIR ("en_GB-alba-medium.onnx");
    # None: the server's ACORN_PIPER_MODEL_PATH.
    piper_model_path: str | None = Field(None, max_length=200)


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


class WidgetConfig(BaseModel):
    """How the embedded widget looks and speaks (everything here is public: the widget reads
    it with the public key)."""

    color: str = Field("#2f6f4f", pattern=r"^#[0-9a-fA-F]{6}$", description="Accent colour")
    position: Literal["bottom-right", "bottom-left"] = "bottom-right"
    # None: the site's own language (as crawled), else English; the fixed UI strings exist in
    # en, de, fr and es.
    language: str | None = Field(None, pattern=r"^[a-z]{2}$")
    consent_text: str = Field(
        "Your questions are stored to improve this assistant.", max_length=500
    )


class AgentConfig(BaseModel):
    """Everything one agent can be tuned by; stored as JSON with the agent."""

    voice: VoiceConfig = Field(default_factory=VoiceConfig)
    personality: PersonalityConfig = Field(default_factory=PersonalityConfig)
    scraping: ScrapingConfig = Field(default_factory=ScrapingConfig)
    rag: RagConfig = Field(default_factory=RagConfig)
    integrations: IntegrationsConfig = Field(default_factory=IntegrationsConfig)
    widget: WidgetConfig = Field(default_factory=WidgetConfig)


def get_settings() -> Settings:
    """Build settings from the environment. Callers pass the object on; nothing caches it globally."""
    return Settings()
