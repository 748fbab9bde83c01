"""Test helpers: real HTTP servers on 127.0.0.1 serving multi-page sites."""
