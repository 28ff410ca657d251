"""The Pythonic API (build_rtc_token, build_rtm_token, inspect_token, verify_token), and the
package's shape: exports, type stubs against the runtime signatures, py.typed."""

import ast
import base64
import inspect
import pathlib
import time

import pytest

import agora_token as at
from conftest import APP_CERTIFICATE as CERT, APP_ID, inflate

PIN = dict(issued_at=1_700_000_000, salt=12345)
BASE = dict(app_id=APP_ID, app_certificate=CERT)


def test_defaults_are_007_subscriber_one_hour():
    token = at.build_rtc_token(channel_name="room", uid=7, **BASE, **PIN)
    info = at.inspect_token(token, now=PIN["issued_at"])
    assert info["version"] == "007" and info["expire"] == 3600
    assert info["issuedAt"] == PIN["issued_at"] and info["salt"] == PIN["salt"]
    (rtc,) = info["services"]
    assert rtc["fields"] == {"channelName": "room", "uid": "7"}
    assert [p["name"] for p in rtc["privileges"]] == ["joinChannel"]
    assert info["expired"] is False


def test_publisher_and_expiry_forms():
    pub = at.build_rtc_token(channel_name="room", uid="7", role="publisher", expires_in=600, **BASE, **PIN)
    same = at.build_rtc_token(channel_name="room", uid=7, role="publisher",
                              expires_at=PIN["issued_at"] + 600, **BASE, **PIN)
    assert pub == same
    (rtc,) = at.inspect_token(pub, now=0)["services"]
    assert [p["name"] for p in rtc["privileges"]] == [
        "joinChannel", "publishAudioStream", "publishVideoStream", "publishDataStream"]


def test_uid_account_and_wildcard():
    by_uid = at.build_rtc_token(channel_name="c", uid=2882341273, **BASE, **PIN)
    by_account = at.build_rtc_token(channel_name="c", account="2882341273", **BASE, **PIN)
    assert inflate(by_uid) == inflate(by_account)
    wildcard = at.inspect_token(at.build_rtc_token(channel_name="c", uid=0, **BASE, **PIN), now=0)
    assert wildcard["services"][0]["fields"]["uid"] == ""
    assert "WILDCARD_UID" in wildcard["warnings"]
    zero = at.inspect_token(at.build_rtc_token(channel_name="c", account="0", **BASE, **PIN), now=0)
    assert zero["services"][0]["fields"]["uid"] == "0"


def test_006_versions_and_reproducibility():
    a = at.build_rtc_token(channel_name="c", uid=1, version="006", **BASE, **PIN)
    b = at.build_rtc_token(channel_name="c", uid=1, version="006", **BASE, **PIN)
    assert a == b and a.startswith("006" + APP_ID)
    info = at.inspect_token(a, now=0)
    assert info["ts"] == PIN["issued_at"] + 86400 and info["salt"] == PIN["salt"]
    rtm = at.build_rtm_token(user_id="alice", version="006", expires_in=60, **BASE, **PIN)
    assert at.inspect_token(rtm, now=0)["services"][0]["privileges"][0]["expiresAt"] == PIN["issued_at"] + 60


def test_fresh_salt_and_time_without_pins():
    before = int(time.time())
    tokens = {at.build_rtm_token(user_id="alice", **BASE) for _ in range(50)}
    assert len(tokens) == 50
    info = at.inspect_token(tokens.pop())
    assert before <= info["issuedAt"] <= int(time.time())
    assert 1 <= info["salt"] <= 99_999_999


def test_inspect_now_decides_expired():
    token = at.build_rtm_token(user_id="u", expires_in=10, **BASE, **PIN)
    assert at.inspect_token(token, now=PIN["issued_at"] + 9)["expired"] is False
    late = at.inspect_token(token, now=PIN["issued_at"] + 10)
    assert late["expired"] is True and late["warnings"][0] == "EXPIRED"
    assert at.inspect_token(token)["expired"] is True  # the clock is long past 2023


def test_verify_token_reasons():
    token = at.build_rtc_token(channel_name="room", uid=5, expires_in=60, **BASE, **PIN)
    now = PIN["issued_at"] + 1
    ok = at.verify_token(token, CERT, app_id=APP_ID, channel_name="room", uid=5, now=now)
    assert ok["valid"] is True and ok["signatureValid"] is True
    assert ok["token"]["services"][0]["fields"]["channelName"] == "room"
    cases = {
        "SIGNATURE_MISMATCH": dict(certificate="0" * 32),
        "APP_ID_MISMATCH": dict(app_id="0" * 32),
        "CHANNEL_MISMATCH": dict(channel_name="other"),
        "UID_MISMATCH": dict(uid=6),
        "EXPIRED": dict(now=PIN["issued_at"] + 60),
    }
    for reason, change in cases.items():
        kw = dict(app_id=APP_ID, channel_name="room", uid=5, now=now)
        cert = change.pop("certificate", CERT)
        kw.update(change)
        v = at.verify_token(token, cert, **kw)
        assert v["valid"] is False and v["reason"] == reason, (reason, v)
    token006 = at.build_rtc_token(channel_name="room", account="bob", version="006", **BASE, **PIN)
    assert at.verify_token(token006, CERT, now=now)["reason"] == "CHANNEL_AND_UID_REQUIRED"
    assert at.verify_token(token006, CERT, channel_name="room", account="bob", now=now)["valid"]
    assert at.verify_token(token006, CERT, channel_name="room", account="eve", now=now)["reason"] == "UID_MISMATCH"


def test_verify_token_with_several_certificates_names_the_one_that_signed():
    other = "0123456789abcdef0123456789abcdef"
    token = at.build_rtc_token(channel_name="room", uid=5, **BASE, **PIN)
    now = PIN["issued_at"] + 1
    for certs, index in [([CERT], 0), ([other, CERT], 1), ((CERT, other), 0)]:
        v = at.verify_token(token, certs, channel_name="room", uid=5, now=now)
        assert v["valid"] is True and v["certificate"] == index, (certs, v)
    assert at.verify_token(token, CERT, now=now)["certificate"] == 0
    wrong = at.verify_token(token, [other, "f" * 32], channel_name="room", uid=5, now=now)
    assert wrong["valid"] is False and wrong["reason"] == "SIGNATURE_MISMATCH"
    assert "certificate" not in wrong
    with pytest.raises(at.TokenError) as e:
        at.verify_token(token, [other, "not hex"], now=now)
    assert e.value.code == "INVALID_APP_CERTIFICATE" and e.value.field == "app_certificate"
    assert other not in str(e.value)


def test_verify_detects_tampering():
    token = at.build_rtc_token(channel_name="room", uid=5, version="006", **BASE, **PIN)
    body = bytearray(base64.b64decode(token[35:]))
    body[-1] ^= 1  # the last privilege expiry
    tampered = token[:35] + base64.b64encode(bytes(body)).decode()
    v = at.verify_token(tampered, CERT, channel_name="room", uid=5, now=0)
    assert v["valid"] is False and v["reason"] == "SIGNATURE_MISMATCH"


def test_token_error_shape():
    with pytest.raises(at.TokenError) as info:
        at.build_rtc_token(channel_name="a" * 65, uid=1, **BASE)
    e = info.value
    assert type(e).__module__ == "agora_token" and issubclass(at.TokenError, ValueError)
    assert (e.code, e.field) == ("FIELD_TOO_LONG", "channel_name")
    assert str(e) == "channel_name: must be at most 64 bytes (got 65)"
    with pytest.raises(ValueError):
        at.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, "c", -1, 1, 0)


# ---- the package's shape ------------------------------------------------------------------

PKG = pathlib.Path(at.__file__).parent
SEED_NAMES = {"RtcTokenBuilder", "RtmTokenBuilder", "Role_Attendee", "Role_Publisher",
              "Role_Subscriber", "Role_Admin", "Role_Rtm_User"}
OFFICIAL_NAMES = {"RtcTokenBuilder2", "RtmTokenBuilder2", "ChatTokenBuilder2",
                  "ApaasTokenBuilder", "EducationTokenBuilder", "FpaTokenBuilder"}


def test_exports():
    assert SEED_NAMES | OFFICIAL_NAMES <= set(at.__all__)
    assert {n: getattr(at, n) for n in SEED_NAMES if n.startswith("Role")} == {
        "Role_Attendee": 0, "Role_Publisher": 1, "Role_Subscriber": 2, "Role_Admin": 101,
        "Role_Rtm_User": 1}
    assert all(hasattr(at, n) for n in at.__all__)


def test_same_names_and_orders_as_the_references():
    """Every method of the references exists here with the same positional parameters."""
    import agora_token_builder
    import agoraiotools

    pairs = [(getattr(agora_token_builder, c), getattr(at, c)) for c in ("RtcTokenBuilder", "RtmTokenBuilder")]
    pairs += [(getattr(agoraiotools, c), getattr(at, c)) for c in OFFICIAL_NAMES - {"ChatTokenBuilder2"}]
    from agoraiotools.ChatTokenBuilder2 import ChatTokenBuilder2

    pairs.append((ChatTokenBuilder2, at.ChatTokenBuilder2))
    checked = 0
    for ref, ours in pairs:
        methods = {}
        for klass in reversed(ref.__mro__[:-1]):
            methods.update({n: f for n, f in vars(klass).items() if isinstance(f, staticmethod)})
        for name, fn in methods.items():
            theirs = list(inspect.signature(fn.__func__).parameters)
            mine = [p.name for p in inspect.signature(getattr(ours, name)).parameters.values()
                    if p.kind is not p.KEYWORD_ONLY]
            assert mine == theirs, (ref.__name__, name)
            checked += 1
    assert checked == 19


def stub_functions():
    tree = ast.parse((PKG / "__init__.pyi").read_text())
    out = {}
    for node in tree.body:
        if isinstance(node, ast.FunctionDef):
            out[node.name] = node
        elif isinstance(node, ast.ClassDef):
            for item in node.body:
                if isinstance(item, ast.FunctionDef):
                    out[f"{node.name}.{item.name}"] = item
    return out


def test_stubs_match_the_runtime():
    stubs = stub_functions()
    assert len(stubs) >= 20
    for qualname, node in stubs.items():
        obj = at
        for part in qualname.split("."):
            obj = getattr(obj, part)
        runtime = inspect.signature(obj)
        if qualname == "verify_token":
            assert [a.arg for a in node.args.kwonlyargs] == ["app_id", "channel_name", "uid", "account", "now"]
            continue
        params = [(p.name, p.kind.name) for p in runtime.parameters.values()]
        a = node.args
        stub = ([(x.arg, "POSITIONAL_OR_KEYWORD") for x in a.args]
                + [(x.arg, "KEYWORD_ONLY") for x in a.kwonlyargs])
        assert stub == params, qualname
        defaults = {p.name for p in runtime.parameters.values() if p.default is not p.empty}
        stub_defaults = {x.arg for x, d in zip(a.args[len(a.args) - len(a.defaults):], a.defaults)}
        stub_defaults |= {x.arg for x, d in zip(a.kwonlyargs, a.kw_defaults) if d is not None}
        assert stub_defaults == defaults, qualname
    classes = {n.name for n in ast.parse((PKG / "__init__.pyi").read_text()).body if isinstance(n, ast.ClassDef)}
    assert classes == {n for n in at.__all__ if isinstance(getattr(at, n), type)}


def test_verify_token_accepts_exactly_the_stub_keys():
    token = at.build_rtm_token(user_id="u", **BASE, **PIN)
    for key in ["app_id", "channel_name", "uid", "account", "now"]:
        value = {"app_id": APP_ID, "channel_name": "c", "uid": 1, "account": "a", "now": 1}[key]
        at.verify_token(token, CERT, **{key: value})


def test_typed_package_files_are_installed():
    assert (PKG / "py.typed").is_file()
    assert (PKG / "__init__.pyi").is_file()
    native = [p.name for p in PKG.iterdir() if p.name.startswith("_native")]
    assert native and any(".abi3." in n for n in native), native
