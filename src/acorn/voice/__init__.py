"""Voice: speech in (``stt/``), spoken answers out (``tts/``), audio decoding and encoding, and
real-time turn-taking. Providers are chosen by registry name from settings and the agent's
``voice`` config; the offline ones need no key and no network."""
