"""Hostile inputs: every rule of the core, reached through each API, raises TokenError (a
ValueError) with the core's code and the field at fault; nothing is wrapped, truncated or
coerced (True is not 1, 1.0 is not 1, -1 is not 4294967295, 2**32 is not 0)."""

import functools

import pytest

import agora_token as at
from agora_token import TokenError

APP_ID = "970CA35de60c44645bbae8a215061b33"
CERT = "5CFd2fd1755d40ecb72977518be15d3b"
MAX_U32 = 2**32 - 1
PIN = dict(issued_at=1_700_000_000, salt=1)


def seed_rtc(**kw):
    a = dict(appId=APP_ID, appCertificate=CERT, channelName="room", uid=42, role=1,
             privilegeExpiredTs=1_700_003_600)
    a.update(kw)
    pins = {k: a.pop(k) for k in ("issued_at", "salt") if k in a}
    return at.RtcTokenBuilder.buildTokenWithUid(*a.values(), **pins)


def seed_account(**kw):
    a = dict(appId=APP_ID, appCertificate=CERT, channelName="room", account="alice", role=1,
             privilegeExpiredTs=1_700_003_600)
    a.update(kw)
    return at.RtcTokenBuilder.buildTokenWithAccount(*a.values())


def seed_rtm(**kw):
    a = dict(appId=APP_ID, appCertificate=CERT, userAccount="alice", role=1,
             privilegeExpiredTs=1_700_003_600)
    a.update(kw)
    return at.RtmTokenBuilder.buildToken(*a.values())


def rtc2(**kw):
    a = dict(app_id=APP_ID, app_certificate=CERT, channel_name="room", uid=42, role=1,
             token_expire=600, privilege_expire=600)
    a.update(kw)
    pins = {k: a.pop(k) for k in ("issued_at", "salt") if k in a}
    return at.RtcTokenBuilder2.build_token_with_uid(*a.values(), **pins)


def rtm2(**kw):
    a = dict(app_id=APP_ID, app_certificate=CERT, user_id="alice", expire=600)
    a.update(kw)
    return at.RtmTokenBuilder2.build_token(*a.values())


def room_user(**kw):
    a = dict(app_id=APP_ID, app_certificate=CERT, room_uuid="r", user_uuid="u", role=1,
             expire=600)
    a.update(kw)
    return at.ApaasTokenBuilder.build_room_user_token(*a.values())


def rtc(**kw):
    a = dict(app_id=APP_ID, app_certificate=CERT, channel_name="room", uid=42)
    a.update(kw)
    return at.build_rtc_token(**{k: v for k, v in a.items() if v is not DROP})


def rtm(**kw):
    a = dict(app_id=APP_ID, app_certificate=CERT, user_id="alice")
    a.update(kw)
    return at.build_rtm_token(**a)


DROP = object()
HUGE = "a" * 1_000_000
LONE_SURROGATE = "ab\ud800"

# (builder, arguments, code, field)
CASES = [
    # app id and certificate: 32 hexadecimal characters, str only
    *[(f, {k: v}, "INVALID_APP_ID", "app_id")
      for f, k in [(seed_rtc, "appId"), (rtc2, "app_id"), (rtc, "app_id")]
      for v in ["", APP_ID[:-1], APP_ID + "0", APP_ID[:-1] + "g", APP_ID[:-1] + "é", HUGE,
                APP_ID.encode(), 123, None, LONE_SURROGATE]],
    *[(f, {k: v}, "INVALID_APP_CERTIFICATE", "app_certificate")
      for f, k in [(seed_rtc, "appCertificate"), (rtm2, "app_certificate"),
                   (rtm, "app_certificate")]
      for v in ["", CERT[:-1], CERT + "0", CERT[:-1] + "z", HUGE, CERT.encode(), None]],
    # channel name: 1-64 bytes of Agora's set
    *[(f, {k: v}, code, "channel_name")
      for f, k in [(seed_rtc, "channelName"), (rtc2, "channel_name"), (rtc, "channel_name")]
      for v, code in [("", "INVALID_CHANNEL_NAME"), ("a" * 65, "FIELD_TOO_LONG"),
                      (HUGE, "FIELD_TOO_LONG"), ("a/b", "INVALID_CHANNEL_NAME"),
                      ("é", "INVALID_CHANNEL_NAME"), ("a\x00", "INVALID_CHANNEL_NAME"),
                      ("a\n", "INVALID_CHANNEL_NAME"), (b"room", "INVALID_CHANNEL_NAME"),
                      (42, "INVALID_CHANNEL_NAME"), (LONE_SURROGATE, "INVALID_CHANNEL_NAME")]],
    # uid: an int in 0..=4294967295 (never wrapped), not bool or float
    *[(f, {k: v}, "INVALID_UID", "uid")
      for f, k in [(seed_rtc, "uid"), (rtc2, "uid"), (rtc, "uid")]
      for v in [2**32, -1, -(2**32), 10**100, True, False, 1.0, 42.5, float("nan"), None, [1]]
      if not (f is rtc and v is None)],
    (rtc, {"uid": "4294967296"}, "INVALID_UID", "uid"),
    (rtc, {"uid": "-1"}, "INVALID_UID", "uid"),
    (rtc, {"uid": "12a"}, "INVALID_UID", "uid"),
    (rtc, {"uid": " 1"}, "INVALID_UID", "uid"),
    (rtc, {"uid": ""}, "INVALID_UID", "uid"),
    (rtc, {"uid": DROP}, "INVALID_UID", "uid"),
    (rtc, {"uid": 1, "account": "a"}, "INVALID_UID", "uid"),
    # account: 1-255 bytes, no control characters
    *[(f, kw, code, "account") for f, kw, code in [
        (seed_account, {"account": ""}, "INVALID_FIELD"),
        (seed_account, {"account": "a" * 256}, "FIELD_TOO_LONG"),
        (seed_account, {"account": "é" * 128}, "FIELD_TOO_LONG"),
        (seed_account, {"account": HUGE}, "FIELD_TOO_LONG"),
        (seed_account, {"account": "a\x00b"}, "INVALID_FIELD"),
        (seed_account, {"account": LONE_SURROGATE}, "INVALID_FIELD"),
        (rtc, {"uid": DROP, "account": ""}, "INVALID_FIELD"),
        (rtc, {"uid": DROP, "account": "a" * 256}, "FIELD_TOO_LONG"),
        (rtc, {"uid": DROP, "account": "\x7f"}, "INVALID_FIELD"),
        (rtc, {"uid": DROP, "account": 5}, "INVALID_FIELD"),
    ]],
    # RTM user id: 1-64 bytes, no control characters
    *[(f, {k: v}, code, field)
      for f, k, field in [(seed_rtm, "userAccount", None), (rtm2, "user_id", "user_id"),
                          (rtm, "user_id", "user_id")]
      for v, code in [("", "INVALID_FIELD"), ("a" * 65, "FIELD_TOO_LONG"),
                      (HUGE, "FIELD_TOO_LONG"), ("a\tb", "INVALID_FIELD")]],
    # roles
    *[(f, {k: v}, "INVALID_ROLE", "role")
      for f, k in [(seed_rtc, "role"), (rtc2, "role")]
      for v in [3, -1, 100, 2**64, True, 1.0, "1", None]],
    *[(seed_rtm, {"role": v}, "INVALID_ROLE", "role") for v in [0, 2, True, 1.0]],
    *[(room_user, {"role": v}, "INVALID_ROLE", "role") for v in [32768, -32769, 2**40, True, 1.5]],
    *[(rtc, {"role": v}, "INVALID_ROLE", "role") for v in ["admin", "Publisher", "", 1]],
    # absolute expiry (006): 0..=4294967295, int only
    *[(f, {"privilegeExpiredTs": v}, "INVALID_EXPIRY", "privilege_expired_ts")
      for f in (seed_rtc, seed_rtm)
      for v in [-1, 2**32, 10**30, 1.5, 1e9, True, "3600", None]],
    # relative lifetimes (007): 1..=1000000000 for the token, 0..=1000000000 for privileges
    *[(rtc2, {"token_expire": v}, "INVALID_EXPIRY", f) for v, f in [
        (0, "token_expire"), (10**9 + 1, "token_expire"), (1_700_000_000, "token_expire"), (2**32, "token_expire"),
        (-1, "token_expire"), (600.0, "token_expire"), (True, "token_expire")]],
    *[(rtc2, {"privilege_expire": v}, "INVALID_EXPIRY", f) for v, f in [
        (1_700_000_000, "privileges"), (2**32, "privilege_expire"), (-5, "privilege_expire")]],
    (rtm2, {"expire": 0}, "INVALID_EXPIRY", "expire"),
    # issue time and salt pins
    *[(f, {"salt": v}, "INVALID_SALT", "salt")
      for f in (seed_rtc, rtc2, rtc)
      for v in [0, 100_000_000, 2**32, -1, 1.0, True]],
    *[(f, {"issued_at": v}, "INVALID_EXPIRY", "issued_at")
      for f in (seed_rtc, rtc2, rtc)
      for v in [-1, 2**32, 1.0, False]],
    (seed_rtc, {"issued_at": MAX_U32 - 100}, "INVALID_EXPIRY", "issued_at"),
    (rtc2, {"issued_at": MAX_U32 - 100}, "INVALID_EXPIRY", "expire"),
    # the Pythonic expiry, role and version
    (rtc, {"expires_in": 10, "expires_at": 1_800_000_000}, "INVALID_EXPIRY", "expires_at"),
    (rtc, {"expires_in": 0}, "INVALID_EXPIRY", "expires_in"),
    (rtc, {"expires_in": 1_700_000_000}, "INVALID_EXPIRY", "expires_in"),
    (rtc, {"expires_in": -1}, "INVALID_EXPIRY", "expires_in"),
    (rtc, {"expires_in": 3600.0}, "INVALID_EXPIRY", "expires_in"),
    (rtc, {"expires_at": 1_600_000_000, "issued_at": 1_700_000_000}, "INVALID_EXPIRY", "expires_at"),
    (rtc, {"expires_at": 1_700_000_000, "issued_at": 1_700_000_000}, "INVALID_EXPIRY", "expires_at"),
    (rtm, {"expires_in": 2**32}, "INVALID_EXPIRY", "expires_in"),
    # the other 007 services' fields
    (lambda **kw: at.ChatTokenBuilder2.build_user_token(APP_ID, CERT, "a" * 65, 600), {}, "FIELD_TOO_LONG", "user_id"),
    (lambda **kw: at.ChatTokenBuilder2.build_user_token(APP_ID, CERT, "a\x01", 600), {}, "INVALID_FIELD", "user_id"),
    (room_user, {"room_uuid": "r" * 256}, "FIELD_TOO_LONG", "room_uuid"),
    (room_user, {"user_uuid": "u" * 256}, "FIELD_TOO_LONG", "user_uuid"),
    (room_user, {"user_uuid": 7}, "INVALID_FIELD", "user_uuid"),
    (room_user, {"expire": 0}, "INVALID_EXPIRY", "expire"),
    (lambda **kw: at.RtcTokenBuilder2.build_token_with_rtm2(
        APP_ID, CERT, "room", "alice", 1, 600, 600, 600, 600, 600, "", 600), {}, "INVALID_FIELD", "user_id"),
    (lambda **kw: at.RtcTokenBuilder2.build_token_with_rtm2(
        APP_ID, CERT, "room", "alice", 1, 600, 600, 600, 600, 600, "bob", 2**32), {}, "INVALID_EXPIRY", "rtm_token_expire"),
    (lambda **kw: at.RtcTokenBuilder2.build_token_with_uid_and_privilege(
        APP_ID, CERT, "room", 1, 600, -1, 600, 600, 600), {}, "INVALID_EXPIRY", "join_channel_privilege_expire"),
    (lambda **kw: at.RtcTokenBuilder2.build_token_with_rtm(
        APP_ID, CERT, "room", "a" * 65, 1, 600), {}, "FIELD_TOO_LONG", "user_id"),
    (lambda **kw: at.FpaTokenBuilder.build_token(APP_ID, CERT[:-1]), {}, "INVALID_APP_CERTIFICATE", "app_certificate"),
    *[(f, {"version": v}, "UNSUPPORTED_VERSION", "version")
      for f in (rtc, rtm) for v in ["008", "7", "", 7, b"007"]],
]


def case_id(c):
    f, kw, code, field = c
    shown = {k: (v if not isinstance(v, str) or len(v) < 20 else f"<{len(v)} chars>")
             for k, v in kw.items()}
    return f"{f.__name__}-{shown}-{code}-{field}"


@pytest.mark.parametrize("case", CASES, ids=[case_id(c) for c in CASES])
def test_rule_raises_token_error(case):
    f, kw, code, field = case
    with pytest.raises(TokenError) as info:
        f(**kw)
    e = info.value
    assert isinstance(e, ValueError)
    assert e.code == code, (e.code, str(e))
    if field is not None:
        assert e.field == field, (e.field, str(e))
    assert str(e) == f"{e.field}: {e.message}"
    assert CERT not in str(e) and CERT not in repr(e.args)


def test_the_certificate_never_appears_in_an_error():
    secret = "0123456789abcdef0123456789ABCDEF"
    for bad in [secret + "0", secret[:-1] + "x", secret[:-1]]:
        with pytest.raises(TokenError) as info:
            at.build_rtc_token(app_id=APP_ID, app_certificate=bad, channel_name="c", uid=1)
        assert secret[:31] not in str(info.value)
    with pytest.raises(TokenError) as info:
        at.verify_token("007abc", secret[:-1] + "x")
    assert secret[:31] not in str(info.value)


def test_nothing_wraps_at_the_edges():
    """The largest values are accepted as themselves, the next ones are refused."""
    token = seed_rtc(uid=MAX_U32, privilegeExpiredTs=MAX_U32, salt=99_999_999, issued_at=0)
    info = at.inspect_token(token, now=0)
    assert info["salt"] == 99_999_999
    assert {p["expiresAt"] for s in info["services"] for p in s["privileges"]} == {MAX_U32}
    assert at.verify_token(token, CERT, channel_name="room", uid=MAX_U32, now=0)["valid"]
    assert not at.verify_token(token, CERT, channel_name="room", uid=0, now=0)["valid"]
    for bad in (MAX_U32 + 1, -1):
        with pytest.raises(TokenError):
            seed_rtc(uid=bad)


@pytest.mark.parametrize("token", [
    "", "006", "007", "008abc", "007!!!!", "007" + "A" * 10_000, "006" + "0" * 32 + "AAAA",
    "007eJwDAAAAAAE=", "006970CA35de60c44645bbae8a215061b33" + "IAAA" * 50, "x" * 1_000_000,
])
def test_unreadable_tokens(token):
    with pytest.raises(TokenError) as info:
        at.inspect_token(token, now=0)
    assert info.value.field == "token"
    v = at.verify_token(token, CERT, now=0)
    assert v["valid"] is False and v["reason"] == "MALFORMED" and v["code"] == info.value.code


@pytest.mark.parametrize("bad", [None, 7, b"007abc", LONE_SURROGATE])
def test_token_must_be_text(bad):
    with pytest.raises(TokenError):
        at.inspect_token(bad)


def test_verify_options():
    token = rtc(**PIN)
    with pytest.raises(TokenError) as info:
        at.verify_token(token, CERT, channel="room")
    assert info.value.code == "INVALID_FIELD" and info.value.field == "expected"
    with pytest.raises(TokenError):
        at.verify_token(token, CERT, uid=2**32)
    with pytest.raises(TokenError):
        at.verify_token(token, CERT, now=-1)
    with pytest.raises(TokenError):
        at.verify_token(token, CERT, uid=1, account="a")
    with pytest.raises(TypeError):
        at.verify_token(token)


def test_positional_api_unchanged():
    """The pins are keyword-only: a seventh positional argument is an error, as in the seed."""
    with pytest.raises(TypeError):
        at.RtcTokenBuilder.buildTokenWithUid(APP_ID, CERT, "c", 1, 1, 0, 1_700_000_000)
    with pytest.raises(TypeError):
        at.build_rtc_token(APP_ID, CERT, "c", 1)


@pytest.mark.parametrize("f", [seed_rtc, rtc2, rtc], ids=lambda f: f.__name__)
def test_errors_do_not_leak_between_calls(f):
    with pytest.raises(TokenError):
        f(uid=-1)
    assert f(**PIN).startswith(("006", "007"))
    assert functools.reduce(lambda a, _: f(**PIN), range(3), None) == f(**PIN)


def test_credentials_switch_between_calls():
    """Calls alternate between apps (same app id with another certificate, too): each token
    is signed with its own certificate, whatever the previous call used."""
    apps = [(APP_ID, CERT), (APP_ID, CERT[::-1]), ("0" * 32, CERT), ("F" * 32, "a" * 32)]
    for n in range(40):
        app_id, cert = apps[n % len(apps)]
        for token in (
            at.RtcTokenBuilder2.build_token_with_uid(app_id, cert, "room", n, 1, 600, 600),
            at.build_rtc_token(app_id=app_id, app_certificate=cert, channel_name="room", uid=n,
                               version="006"),
        ):
            v = at.verify_token(token, cert, app_id=app_id, channel_name="room", uid=n)
            assert v["valid"] is True, (n, v)
            other = apps[(n + 1) % len(apps)][1]
            assert at.verify_token(token, other, channel_name="room", uid=n)["valid"] is False


def test_threads_build_valid_tokens():
    import threading

    errors = []

    def work(i):
        try:
            app_id, cert = (APP_ID, CERT) if i % 2 else ("ab" * 16, "cd" * 16)
            for n in range(300):
                token = at.RtcTokenBuilder.buildTokenWithUid(app_id, cert, "room", n, 1, 0)
                assert at.verify_token(token, cert, channel_name="room", uid=n)["valid"]
        except Exception as e:  # reported below, with the thread
            errors.append((i, repr(e)))

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
