"""The repository's known-answer vectors (tests/vectors/vectors.json) through every API of the
package: the seed's names (006), agoraiotools' names (007), the Pythonic functions, and
inspect_token / verify_token on every vector, the hand-assembled ones included."""

import pytest

import agora_token as at
from conftest import VECTORS, inflate

DAY = 24 * 3600

# vectors.json names the python3 builders; agoraiotools (and this package) export them as:
CLASSES_007 = {
    "RtcTokenBuilder": at.RtcTokenBuilder2,
    "RtmTokenBuilder": at.RtmTokenBuilder2,
    "ChatTokenBuilder": at.ChatTokenBuilder2,
    "ApaasTokenBuilder": at.ApaasTokenBuilder,
    "EducationTokenBuilder": at.EducationTokenBuilder,
}


def by_format(fmt, built=True):
    return [
        pytest.param(v, id=v["id"])
        for v in VECTORS
        if v["format"] == fmt and (not built or ("." in v["builder"] and "(" not in v["builder"]))
    ]


@pytest.mark.parametrize("v", by_format("006"))
def test_006_seed_api(v):
    i = v["inputs"]
    pinned = dict(issued_at=v["ts"] - DAY, salt=v["salt"])
    if v["builder"] == "RtmTokenBuilder.buildToken":
        token = at.RtmTokenBuilder.buildToken(
            i["app_id"], i["app_certificate"], i["user_account"], i["role"],
            i["privilege_expired_ts"], **pinned)
    else:
        cls, method = v["builder"].split(".")
        assert cls == "RtcTokenBuilder"
        user = i["uid"] if "uid" in i else i["account"]
        token = getattr(at.RtcTokenBuilder, method)(
            i["app_id"], i["app_certificate"], i["channel_name"], user, i["role"],
            i["privilege_expired_ts"], **pinned)
    assert token == v["expected"]


@pytest.mark.parametrize("v", by_format("006"))
def test_006_pythonic(v):
    i = v["inputs"]
    common = dict(app_id=i["app_id"], app_certificate=i["app_certificate"], version="006",
                  expires_at=i["privilege_expired_ts"], issued_at=v["ts"] - DAY, salt=v["salt"])
    if "user_account" in i:
        token = at.build_rtm_token(user_id=i["user_account"], **common)
    else:
        user = {"uid": i["uid"]} if "uid" in i else {"account": i["account"]}
        role = {1: "publisher", 2: "subscriber"}[i["role"]]
        token = at.build_rtc_token(channel_name=i["channel_name"], role=role, **user, **common)
    assert token == v["expected"]


@pytest.mark.parametrize("v", by_format("007"))
def test_007_official_names(v):
    i = dict(v["inputs"])
    cls, method = v["builder"].split(".")
    app_id, cert = i.pop("app_id"), i.pop("app_certificate")
    token = getattr(CLASSES_007[cls], method)(
        app_id, cert, *i.values(), issued_at=v["issue_ts"], salt=v["salt"])
    assert token.startswith("007")
    # Our deflate encoding differs from CPython's zlib; the payload must not.
    assert inflate(token) == inflate(v["expected"])


@pytest.mark.parametrize("v", [p for p in by_format("007") if p.values[0]["builder"].startswith("RtcTokenBuilder.build_token_with_u")])
def test_007_pythonic_rtc(v):
    i = v["inputs"]
    assert i["token_expire"] == i["privilege_expire"]
    user = {"uid": i["uid"]} if "uid" in i else {"account": i["account"]}
    token = at.build_rtc_token(
        app_id=i["app_id"], app_certificate=i["app_certificate"],
        channel_name=i["channel_name"], role={1: "publisher", 2: "subscriber"}[i["role"]],
        expires_in=i["token_expire"], issued_at=v["issue_ts"], salt=v["salt"], **user)
    assert inflate(token) == inflate(v["expected"])


def test_007_pythonic_rtm():
    (v,) = [v for v in VECTORS if v["id"] == "007-rtm"]
    i = v["inputs"]
    token = at.build_rtm_token(
        app_id=i["app_id"], app_certificate=i["app_certificate"], user_id=i["user_id"],
        expires_in=i["expire"], issued_at=v["issue_ts"], salt=v["salt"])
    assert inflate(token) == inflate(v["expected"])


@pytest.mark.parametrize("v", [pytest.param(v, id=v["id"]) for v in VECTORS])
def test_inspect_every_vector(v):
    info = at.inspect_token(v["expected"], now=1)
    assert info["version"] == v["format"]
    assert info["appId"] == v["inputs"]["app_id"]
    assert info["salt"] == v["salt"]
    assert info["expired"] is False
    if v["format"] == "006":
        assert info["ts"] == v["ts"]
        got = {str(p["id"]): p["expiresAt"] for s in info["services"] for p in s["privileges"]}
        assert got == v["privileges"]
    else:
        assert info["issuedAt"] == v["issue_ts"]
        assert info["expire"] == v["expire"]
        assert [s["type"] for s in info["services"]] == [s["type"] for s in v["services"]]
        for got, want in zip(info["services"], v["services"]):
            assert {str(p["id"]): p["seconds"] for p in got["privileges"]} == want["privileges"]


@pytest.mark.parametrize("v", [pytest.param(v, id=v["id"]) for v in VECTORS if v["format"] == "007" and not v.get("parse_only")])
def test_verify_every_007_vector(v):
    cert = v["inputs"]["app_certificate"]
    ok = at.verify_token(v["expected"], cert, now=v["issue_ts"])
    assert ok["valid"] is True and ok["signatureValid"] is True, ok
    other = ("0" if cert[0] != "0" else "1") + cert[1:]
    bad = at.verify_token(v["expected"], other, now=v["issue_ts"])
    assert bad["valid"] is False and bad["reason"] == "SIGNATURE_MISMATCH", bad


@pytest.mark.parametrize("v", by_format("006"))
def test_verify_006_vectors(v):
    i = v["inputs"]
    channel = i.get("channel_name", i.get("user_account"))
    if "user_account" in i:
        user = {"uid": 0}
    elif "uid" in i:
        user = {"uid": i["uid"]}
    else:
        user = {"account": i["account"]}
    ok = at.verify_token(v["expected"], i["app_certificate"], channel_name=channel, now=1, **user)
    assert ok["valid"] is True, ok
    wrong = at.verify_token(v["expected"], i["app_certificate"], channel_name=channel + "x", now=1, **user)
    assert wrong["valid"] is False and wrong["reason"] == "CHANNEL_MISMATCH", wrong
