"""What the widget may know about its agent: only public values, read with the public key.

Texts the owner left at their defaults are sent as ``null``: the widget then shows its own
wording in the agent's language (en, de, fr, es), so a German site gets a German greeting
without the owner writing one. ``voice`` stays false until this server has the voice routes;
the widget shows its microphone button only when it is true.
"""

from __future__ import annotations

from fastapi import FastAPI
from pydantic import BaseModel
from starlette.routing import NoMatchFound

from acorn.config import PersonalityConfig, WidgetConfig
from acorn.store import Agent, agent_config

LANGUAGES = ("en", "de", "fr", "es")  # the widget's fixed strings exist in these


class WidgetConfigOut(BaseModel):
    agent_id: str
    name: str
    greeting: str | None  # null: the widget's own greeting in ``language``
    fallback_message: str | None
    consent_text: str | None
    color: str
    position: str
    language: str
    lead_capture: bool
    voice: bool


def widget_language(agent: Agent) -> str:
    """The configured widget language, else the site's (as crawled), else English."""
    config = agent_config(agent)
    lang = config.widget.language or str((agent.profile or {}).get("lang") or "")
    lang = lang.split("-")[0].lower()
    return lang if lang in LANGUAGES else "en"


def has_voice(app: FastAPI) -> bool:
    # By name, not by walking ``app.routes``: newer FastAPI keeps included routers nested
    # there, so a scan of the top level never finds the route.
    try:
        return bool(app.url_path_for("voice_question", agent_id="a"))
    except NoMatchFound:
        return False


def _unless_default(value: str, default: str) -> str | None:
    return None if value == default else value


def public_config(app: FastAPI, agent: Agent) -> WidgetConfigOut:
    config = agent_config(agent)
    defaults, widget_defaults = PersonalityConfig(), WidgetConfig()
    return WidgetConfigOut(
        agent_id=agent.id,
        name=agent.name or str((agent.profile or {}).get("name") or ""),
        greeting=_unless_default(config.personality.greeting, defaults.greeting),
        fallback_message=_unless_default(
            config.personality.fallback_message, defaults.fallback_message
        ),
        consent_text=_unless_default(config.widget.consent_text, widget_defaults.consent_text),
        color=config.widget.color,
        position=config.widget.position,
        language=widget_language(agent),
        lead_capture=config.integrations.lead_capture,
        voice=config.voice.enabled and has_voice(app),
    )
