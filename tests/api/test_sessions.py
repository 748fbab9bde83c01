"""People's sessions through the API: sign in, use the access token, rotate the refresh token,
detect a reused one, sign out; removing a member ends their sessions at once."""

from __future__ import annotations

from fastapi.testclient import TestClient

from acorn.auth.accounts import add_member, create_organization
from acorn.config import Settings
from tests.jobs.harness import make_app

PASSWORD = "a long enough secret"


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_sign_in_refresh_reuse_and_sign_out(settings: Settings) -> None:
    with TestClient(make_app(settings)) as client:
        db = client.app.state.db  # type: ignore[attr-defined]
        org = create_organization(db, "Bakery").id
        add_member(db, org, "Owner@Bakery.example.org", "owner", PASSWORD)
        add_member(db, org, "viewer@bakery.example.org", "viewer", PASSWORD)

        first = client.post(
            "/v1/auth/login", json={"email": " OWNER@bakery.example.org", "password": PASSWORD}
        )
        assert first.status_code == 200, first.text
        pair = first.json()
        assert pair["token_type"] == "bearer" and pair["expires_in"] == 900
        assert pair["role"] == "owner" and pair["organization"]["id"] == org
        assert client.get("/v1/auth/me", headers=bearer(pair["access_token"])).status_code == 200

        second = client.post("/v1/auth/refresh", json={"refresh_token": pair["refresh_token"]})
        assert second.status_code == 200
        nxt = second.json()
        assert nxt["refresh_token"] != pair["refresh_token"]
        assert client.get("/v1/auth/me", headers=bearer(nxt["access_token"])).status_code == 200

        # The first refresh token comes back: stolen. Its whole sign-in is revoked.
        reused = client.post("/v1/auth/refresh", json={"refresh_token": pair["refresh_token"]})
        assert reused.status_code == 401 and "already used" in reused.json()["error"]
        gone = client.post("/v1/auth/refresh", json={"refresh_token": nxt["refresh_token"]})
        assert gone.status_code == 401

        # A new sign-in, then sign out: its refresh token stops working.
        again = client.post(
            "/v1/auth/login", json={"email": "owner@bakery.example.org", "password": PASSWORD}
        ).json()
        assert (
            client.post(
                "/v1/auth/logout", json={"refresh_token": again["refresh_token"]}
            ).status_code
            == 204
        )
        out = client.post("/v1/auth/refresh", json={"refresh_token": again["refresh_token"]})
        assert out.status_code == 401

        # The owner removes the viewer: the viewer's token stops working at once.
        viewer = client.post(
            "/v1/auth/login", json={"email": "viewer@bakery.example.org", "password": PASSWORD}
        ).json()
        assert client.get("/v1/agents", headers=bearer(viewer["access_token"])).status_code == 200
        owner = bearer(again["access_token"])
        members = client.get("/v1/members", headers=owner).json()
        vid = next(m["user_id"] for m in members if m["role"] == "viewer")
        assert client.delete(f"/v1/members/{vid}", headers=owner).status_code == 204
        assert client.get("/v1/agents", headers=bearer(viewer["access_token"])).status_code == 401
        refused = client.post("/v1/auth/refresh", json={"refresh_token": viewer["refresh_token"]})
        assert refused.status_code == 401
        # And the last owner cannot remove themself.
        me = client.get("/v1/auth/me", headers=owner).json()["user"]["id"]
        last = client.delete(f"/v1/members/{me}", headers=owner)
        assert last.status_code == 422 and "owner" in last.json()["error"]
