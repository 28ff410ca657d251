"""RTM2 resource-permission tokens (service 8): ``RtmTokenBuilder2.build_token_with_permissions``
with ``ServiceRtm2.Permissions`` (Agora's python3 names and shape) and the Pythonic
``build_rtm2_token``, each compared, inflated, with npm ``agora-token``'s
``RtmTokenBuilder.buildTokenWithPermissions`` run on the same inputs
(``tests/reference/reference.mjs``)."""

import json
import random
import subprocess

import pytest

import agora_token as at
from conftest import APP_CERTIFICATE as CERT, APP_ID, REPO, inflate

P = at.ServiceRtm2.Permissions


def npm_agora_token(cases):
    """npm agora-token's tokens for ``cases`` (userId, triples, expire, salt, ts)."""
    request = [{"ref": "agora-token", "fn": "RtmTokenBuilder.buildTokenWithPermissions",
                "args": [APP_ID, CERT, user, triples, expire], "salt": salt, "ts": ts}
               for user, triples, expire, salt, ts in cases]
    out = subprocess.run(["node", str(REPO / "tests/reference/reference.mjs")], input=json.dumps(request),
                         capture_output=True, text=True, check=True, cwd=REPO)
    return json.loads(out.stdout)


def random_case(rng):
    triples = []
    for _ in range(rng.randint(0, 4)):
        names = [rng.choice(["a", "room-1", "*", "grp_2", "u9"]) for _ in range(rng.randint(0, 3))]
        triples.append([rng.randint(0, 4), rng.randint(0, 1), names])
    user = rng.choice(["", "alice", "user-42", "x" * 64])
    return user, triples, rng.randint(1, 86400), rng.randint(1, 99999999), rng.randint(1, 2**31)


def test_permission_tokens_equal_npm_agora_token_inflated():
    rng = random.Random(8)
    cases = [("alice", [[P.kMessageChannels, P.kRead, ["a", "b"]], [P.kUsers, P.kWrite, ["bob"]]], 600, 1, 1111111),
             ("", [], 1, 7, 1700000000)]
    cases += [random_case(rng) for _ in range(60)]
    refs = npm_agora_token(cases)
    for (user, triples, expire, salt, ts), ref in zip(cases, refs):
        assert "token" in ref, ref
        perms = P()
        for resource, permission, names in triples:
            perms.add(resource, permission, names)
        official = at.RtmTokenBuilder2.build_token_with_permissions(
            APP_ID, CERT, user, perms, expire, issued_at=ts, salt=salt)
        assert inflate(official).hex() == ref["payload_hex"], (user, triples)
        by_names = {}
        for resource, permission, names in triples:
            by_names.setdefault(["messageChannels", "streamChannels", "groupChannels", "serverGroups",
                                 "users"][resource], {})[["read", "write"][permission]] = names
        pythonic = at.build_rtm2_token(app_id=APP_ID, app_certificate=CERT, user_id=user,
                                       permissions=by_names, expires_in=expire, issued_at=ts, salt=salt)
        assert inflate(pythonic).hex() == ref["payload_hex"], (user, triples)


def test_permissions_shape_and_defaults():
    assert (P.kMessageChannels, P.kStreamChannels, P.kGroupChannels, P.kServerGroups, P.kUsers) == (0, 1, 2, 3, 4)
    assert (P.kRead, P.kWrite) == (0, 1) and at.ServiceRtm2.kServiceType == 8
    p = P()
    p.add(P.kUsers, P.kRead, (n for n in ["a", "b"]))
    p.add(P.kUsers, P.kRead, ["c"])
    assert p.details == {4: {0: ["c"]}}
    pin = dict(issued_at=1700000000, salt=3)
    # The details dict itself is accepted.
    assert (at.RtmTokenBuilder2.build_token_with_permissions(APP_ID, CERT, "u", p, 60, **pin)
            == at.RtmTokenBuilder2.build_token_with_permissions(APP_ID, CERT, "u", {4: {0: ["c"]}}, 60, **pin))
    # expire defaults to 0 as in the python3 builder, whose token would expire when issued:
    # refused, saying what to pass (tests/reference/KNOWN_DIFFERENCES.md).
    with pytest.raises(at.TokenError) as e:
        at.RtmTokenBuilder2.build_token_with_permissions(APP_ID, CERT, "u", p, **pin)
    assert e.value.code == "INVALID_EXPIRY" and e.value.field == "expire" and "such as 3600" in str(e.value)


@pytest.mark.parametrize("permissions, message", [
    ({5: {0: ["a"]}}, "unknown resource type"),
    ({0: {2: ["a"]}}, "unknown permission type"),
    ({"channels": {"read": ["a"]}}, "unknown resource type"),
    ({0: {0: [1]}}, "must be a str"),
    ([(0, 0, ["a"])], "must be an agora_token.ServiceRtm2.Permissions"),
])
def test_permission_refusals_name_the_argument(permissions, message):
    with pytest.raises(at.TokenError) as e:
        at.RtmTokenBuilder2.build_token_with_permissions(APP_ID, CERT, "u", permissions, 600)
    assert e.value.field == "permissions" and message in str(e.value), str(e.value)
