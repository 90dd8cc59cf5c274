"""Schemathesis against /openapi.json: no request, valid or not, makes the server answer 5xx.

Cases (positive and negative) are generated once per session from the OpenAPI
document and replayed against each backend. Signed replays come from an approved
team lead (a signing proxy in front of the app), so the fuzzing reaches the logic
behind authentication; an unsigned replay checks the authentication itself. Every
answer must be a protocol answer or an Error document.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import httpx
import msgspec
import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, assume, given, reject, settings
from schemathesis.core.errors import SerializationNotPossible
from schemathesis.core.result import Ok
from schemathesis.generation import GenerationMode

from server.app import create_app
from server.settings import ServerSettings
from sync.protocol import MSGPACK
from tests.server.helpers import World, asgi_client, signing_proxy

EXAMPLES = {GenerationMode.POSITIVE: 12, GenerationMode.NEGATIVE: 9}


@schemathesis.serializer(MSGPACK)
def _msgpack(_ctx: schemathesis.SerializationContext, value: Any) -> bytes:
    try:
        return msgspec.msgpack.encode(value)
    except OverflowError:  # MessagePack has no integers beyond 64 bits: not a possible body
        reject()


@dataclass(frozen=True)
class Fuzzed:
    """One generated request, ready to send."""

    label: str
    method: str
    url: str
    headers: dict[str, str]
    body: bytes

    def send(self, client: httpx.Client) -> httpx.Response:
        return client.request(self.method, self.url, content=self.body, headers=self.headers)


def _prepare(case: schemathesis.Case[Any], label: str) -> Fuzzed:
    try:
        kwargs = case.as_transport_kwargs(base_url="http://testserver")
    except SerializationNotPossible:
        assume(False)
        raise  # unreachable: assume(False) ends this example
    prepared = requests.Request(
        method=kwargs["method"],
        url=kwargs["url"],
        headers=kwargs.get("headers"),
        params=kwargs.get("params"),
        data=kwargs.get("data"),
        json=kwargs.get("json"),
        cookies=kwargs.get("cookies"),
    ).prepare()
    body = prepared.body or b""
    assert prepared.url is not None and prepared.method is not None
    assert isinstance(body, str | bytes)
    headers = {
        k: v if isinstance(v, str) else v.decode("latin-1") for k, v in prepared.headers.items()
    }
    return Fuzzed(
        label,
        prepared.method,
        prepared.url,
        headers,
        body.encode() if isinstance(body, str) else body,
    )


@pytest.fixture(scope="session")
def fuzzed() -> list[Fuzzed]:
    """Positive and negative cases for every operation, generated deterministically."""
    schema = schemathesis.openapi.from_dict(create_app(ServerSettings()).openapi())
    out: list[Fuzzed] = []
    for result in schema.get_all_operations():
        assert isinstance(result, Ok), result
        operation = result.ok()
        inputs = (operation.query, operation.path_parameters, operation.headers, operation.body)
        for mode, examples in EXAMPLES.items():
            if mode is GenerationMode.NEGATIVE and not any(len(i) for i in inputs):
                continue  # nothing to make invalid (GET /v1/health)
            label = f"{operation.method.upper()} {operation.path} ({mode.value})"

            @given(case=operation.as_strategy(generation_mode=mode))
            @settings(
                max_examples=examples,
                deadline=None,
                database=None,
                derandomize=True,
                suppress_health_check=list(HealthCheck),
            )
            def collect(case: schemathesis.Case[Any]) -> None:
                out.append(_prepare(case, label))  # noqa: B023 (run at once, in this loop)

            collect()
    return out


def _check(r: httpx.Response, case: Fuzzed) -> None:
    where = f"{case.label}: {case.method} {case.url}"
    assert r.status_code < 500, f"{where} -> {r.status_code} {r.text[:300]}"
    if r.status_code >= 400:
        error = r.json()
        assert set(error) == {"code", "message"} and error["message"], f"{where}: {r.text}"
    else:
        assert r.headers["content-type"] in ("application/json", MSGPACK), where


@pytest.fixture
def open_settings(settings: ServerSettings) -> ServerSettings:
    return replace(settings, device_requests_per_minute=0, enrol_attempts_per_minute=0)


def test_fuzzed_requests_never_make_the_server_fail(
    open_settings: ServerSettings, world: World, fuzzed: list[Fuzzed]
) -> None:
    lead = world.device("teamleder")
    member = world.device("terapeut")
    world.push(lead, [lead.change(f"team:{world.team.id}") for _ in range(3)])
    world.push(member, [member.change("clinical:p1", kind="text")])
    app = create_app(open_settings)
    labels = {case.label for case in fuzzed}
    assert len(fuzzed) > 150 and len(labels) == 29
    passed = 0
    with asgi_client(app, asgi=signing_proxy(app, lead)) as signed:
        for case in fuzzed:
            r = case.send(signed)
            _check(r, case)
            passed += r.status_code == 200
    assert passed > 20  # the proxy's signatures pass, and valid cases reach the services
    with asgi_client(app) as unsigned:
        for case in fuzzed[::3]:
            _check(case.send(unsigned), case)


def test_the_openapi_document_describes_the_protocol(settings: ServerSettings) -> None:
    doc = create_app(settings).openapi()
    paths = doc["paths"]
    assert set(paths) == {
        "/v1/health",
        "/v1/enrol",
        "/v1/changes",
        "/v1/grants",
        "/v1/grants/missing",
        "/v1/devices",
        "/v1/devices/{device_id}/approve",
        "/v1/devices/{device_id}/revoke",
        "/v1/audit",
        "/v1/teams",
        "/v1/rotations",
        "/v1/rotations/claim",
    }
    push = paths["/v1/changes"]["post"]
    assert set(push["requestBody"]["content"]) == {"application/json", MSGPACK}
    assert push["responses"]["413"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Error"
    }
    schemas = doc["components"]["schemas"]
    assert {"WireChange", "PushRequest", "PullResponse", "Error", "Grant"} <= set(schemas)
    assert {"Rotation", "RotationList", "RotationClaim"} <= set(schemas)
    assert set(schemas["MissingGrant"]["properties"]) == {
        "space",
        "key_version",
        "to_device",
        "evidence",
    }
    assert schemas["WireChange"]["properties"]["payload"]["contentEncoding"] == "base64"
