"""Schemathesis against /openapi.json: no request, valid or not, makes the server answer 5xx,
and every answer is one the document describes.

Cases (positive and negative) are generated once per session from the OpenAPI
document and replayed against each backend. Signed replays come from an approved
team lead (a signing proxy in front of the app), so the fuzzing reaches the logic
behind authentication; an unsigned replay checks the authentication itself. Every
answer must be a protocol answer or an Error document, with a status code, content
type, headers and body (for an error: one of the codes listed for that route and
status) that the document gives for that operation.
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
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from server.app import ERROR_CODES, create_app
from server.settings import ServerSettings
from sync.protocol import MSGPACK, AuditEvent, AuditPush
from tests.server.helpers import World, asgi_client, signing_proxy

EXAMPLES = {GenerationMode.POSITIVE: 20, GenerationMode.NEGATIVE: 15}
CONFORMANCE = [
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


@schemathesis.serializer(MSGPACK)
def _msgpack(_ctx: schemathesis.SerializationContext, value: Any) -> bytes:
    try:
        return msgspec.msgpack.encode(value)
    except OverflowError:  # MessagePack has no integers beyond 64 bits: not a possible body
        reject()


@schemathesis.deserializer(MSGPACK)
def _from_msgpack(_ctx: schemathesis.DeserializationContext, response: Any) -> Any:
    # As the JSON answer would be: bytes become base64 strings, as the schema says.
    return msgspec.json.decode(msgspec.json.encode(msgspec.msgpack.decode(response.content)))


@dataclass(frozen=True)
class Fuzzed:
    """One generated request, ready to send."""

    label: str
    method: str
    url: str
    headers: dict[str, str]
    body: bytes
    case: schemathesis.Case[Any]

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
        case,
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
    case.case.validate_response(r, checks=CONFORMANCE)


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
    assert len(fuzzed) > 150 and len(labels) == 30
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
        "/v1/ready",
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
    assert push["responses"]["413"]["content"]["application/json"]["schema"]["allOf"] == [
        {"$ref": "#/components/schemas/Error"},
        {
            "type": "object",
            "properties": {"code": {"enum": ["body_too_large", "too_many_changes"]}},
        },
    ]
    assert (
        "`too_many_changes`: more changes than a push may hold"
        in (push["responses"]["413"]["description"])
    )
    assert "Retry-After" in push["responses"]["429"]["headers"]
    assert set(paths["/v1/health"]["get"]["responses"]) == {"200"}  # it refuses nothing
    documented = {
        code
        for operations in paths.values()
        for operation in operations.values()
        for status, answer in operation["responses"].items()
        if status != "200"
        for code in answer["content"]["application/json"]["schema"]["allOf"][1]["properties"][
            "code"
        ]["enum"]
    }
    assert documented == set(ERROR_CODES)  # each code is given by some route
    assert "HTTPValidationError" not in doc["components"]["schemas"]
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


def _documented(doc: dict[str, Any], method: str, path: str, r: httpx.Response) -> None:
    """``r`` is an answer the document gives for this operation: status, code and body."""
    operation = doc["paths"][path][method.lower()]
    answer = operation["responses"].get(str(r.status_code))
    where = f"{method} {path} -> {r.status_code} {r.text[:200]}"
    assert answer is not None, f"undocumented status: {where}"
    if r.status_code >= 400:
        codes = answer["content"]["application/json"]["schema"]["allOf"][1]["properties"]["code"]
        assert r.json()["code"] in codes["enum"], f"undocumented code: {where}"
    schema = schemathesis.openapi.from_dict(doc)
    schema[path][method].validate_response(r)


def test_each_refusal_is_documented_for_its_route(world: World) -> None:
    doc = world.client.get("/openapi.json").json()
    lead = world.device("teamleder")
    member = world.device("jobbspesialist")
    bad_json, text = b'{"changes": [', {"Content-Type": "text/plain"}
    for path in ("/v1/changes", "/v1/grants", "/v1/audit"):
        r = world.call(lead, "POST", path, bad_json)
        assert r.status_code == 400 and r.json()["code"] == "malformed_body", r.text
        _documented(doc, "POST", path, r)
        r = world.client.post(
            path, content=b"{}", headers={**lead.headers("POST", path, b"{}"), **text}
        )
        assert r.status_code == 415, r.text
        _documented(doc, "POST", path, r)
    r = world.client.post(
        "/v1/enrol", content=bad_json, headers={"Content-Type": "application/json"}
    )
    assert r.status_code == 400 and r.json()["code"] == "malformed_body"
    _documented(doc, "POST", "/v1/enrol", r)

    headers = lead.headers("GET", "/v1/grants", b"")
    assert world.client.get("/v1/grants", headers=headers).status_code == 200
    r = world.client.get("/v1/grants", headers=headers)
    assert r.json()["code"] == "replayed_request"
    _documented(doc, "GET", "/v1/grants", r)
    r = world.client.request(
        "GET", "/v1/devices", content=b"x", headers=lead.headers("GET", "/v1/devices", b"x")
    )
    assert r.json()["code"] == "body_too_large"
    _documented(doc, "GET", "/v1/devices", r)
    r = world.call(lead, "POST", f"/v1/devices/{lead.id}/revoke")
    assert r.json()["code"] == "last_lead_device"
    _documented(doc, "POST", "/v1/devices/{device_id}/revoke", r)
    r = world.call(member, "GET", "/v1/teams")
    assert r.json()["code"] == "forbidden"
    _documented(doc, "GET", "/v1/teams", r)
    gap = AuditPush([AuditEvent(2, "x", member.id, "Kari", "read", None, "0" * 64)])
    r = world.call(member, "POST", "/v1/audit", msgspec.json.encode(gap))
    assert r.json()["code"] == "audit_gap"
    _documented(doc, "POST", "/v1/audit", r)
    r = world.call(lead, "GET", "/v1/changes?after=0&limit=0")
    assert r.status_code == 422
    _documented(doc, "GET", "/v1/changes", r)
