"""The conformance table's Python drivers, over the installed package ``agora_token``: the
seed's API (py-seed), Agora's python3 007 names (py-007) and the Pythonic API (py-pythonic).
Each maps one row to one call; the outcomes ({token} | {error: {code, field}} | {inspected} |
{unmapped: why}) go to <out>/<surface>.json for tests/conformance/matrix.mjs to compare.

Usage: python3 tests/conformance/python.py [outDir]
"""

import json
import pathlib
import sys

import agora_token as at

HERE = pathlib.Path(__file__).resolve().parent
TABLE = json.loads((HERE / "table.json").read_text())
RESOURCES = ["messageChannels", "streamChannels", "groupChannels", "serverGroups", "users"]
ROLES = {1: "publisher", 2: "subscriber"}


class Unmapped(Exception):
    pass


def context(row):
    c = dict(TABLE["credentials"], **TABLE["issue"])
    c.update(row.get("issue", {}))
    c.update({k: row["args"][k] for k in ("appId", "appCertificate") if k in row["args"]})
    return c


def seed(c, row):
    a, pin = row["args"], dict(issued_at=c["issuedAt"], salt=c["salt"])
    if row["op"] == "rtc006":
        build = at.RtcTokenBuilder.buildTokenWithUid if row["by"] == "uid" else at.RtcTokenBuilder.buildTokenWithAccount
        return build(c["appId"], c["appCertificate"], a["channelName"], a[row["by"]], a["role"], a["privilegeExpiredTs"], **pin)
    if row["op"] == "rtm006":
        return at.RtmTokenBuilder.buildToken(c["appId"], c["appCertificate"], a["userAccount"], a["role"], a["privilegeExpiredTs"], **pin)
    raise Unmapped("the seed has no %s builder" % row["op"])


def official(c, row):
    a, pin = row["args"], dict(issued_at=c["issuedAt"], salt=c["salt"])
    if row["op"] == "rtc007":
        build = (at.RtcTokenBuilder2.build_token_with_uid if row["by"] == "uid"
                 else at.RtcTokenBuilder2.build_token_with_user_account)
        return build(c["appId"], c["appCertificate"], a["channelName"], a[row["by"]], a["role"], a["tokenExpire"], a["privilegeExpire"], **pin)
    if row["op"] == "rtm007":
        return at.RtmTokenBuilder2.build_token(c["appId"], c["appCertificate"], a["userId"], a["expire"], **pin)
    if row["op"] == "rtm2":
        p = at.ServiceRtm2.Permissions()
        for resource, permission, names in a["permissions"]:
            p.add(resource, permission, names)
        return at.RtmTokenBuilder2.build_token_with_permissions(c["appId"], c["appCertificate"], a["userId"], p, a["expire"], **pin)
    raise Unmapped("the python3 007 builders have no %s builder" % row["op"])


def pythonic(c, row):
    a = row["args"]
    base = dict(app_id=c["appId"], app_certificate=c["appCertificate"], issued_at=c["issuedAt"], salt=c["salt"])
    if row["op"] in ("rtc006", "rtc007"):
        if a["role"] not in ROLES:
            raise Unmapped('role is "publisher" or "subscriber"')
        user = {row["by"]: a[row["by"]]}
        if row["op"] == "rtc006":
            return at.build_rtc_token(channel_name=a["channelName"], role=ROLES[a["role"]], expires_at=a["privilegeExpiredTs"], version="006", **user, **base)
        if a["tokenExpire"] != a["privilegeExpire"]:
            raise Unmapped("its privileges last as long as the token")
        return at.build_rtc_token(channel_name=a["channelName"], role=ROLES[a["role"]], expires_in=a["tokenExpire"], **user, **base)
    if row["op"] == "rtm006":
        return at.build_rtm_token(user_id=a["userAccount"], expires_at=a["privilegeExpiredTs"], version="006", **base)
    if row["op"] == "rtm007":
        return at.build_rtm_token(user_id=a["userId"], expires_in=a["expire"], **base)
    if row["op"] == "rtm2":
        perms = {}
        for resource, permission, names in a["permissions"]:
            key = RESOURCES[resource] if resource < len(RESOURCES) else resource
            perms.setdefault(key, {})[["read", "write"][permission]] = names
        return at.build_rtm2_token(user_id=a["userId"], permissions=perms, expires_in=a["expire"], **base)
    if row["op"] == "inspect":
        at.inspect_token(a["token"])
        return None
    raise Unmapped("no Pythonic function for %s" % row["op"])


def outcome(driver, row):
    try:
        token = driver(context(row), row)
    except Unmapped as why:
        return {"unmapped": str(why)}
    except at.TokenError as e:
        return {"error": {"code": e.code, "field": e.field}}
    return {"inspected": True} if token is None else {"token": token}


def main():
    out = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else HERE.parents[1] / "target" / "conformance")
    out.mkdir(parents=True, exist_ok=True)
    for surface, driver in (("py-seed", seed), ("py-007", official), ("py-pythonic", pythonic)):
        results = {row["id"]: outcome(driver, row) for row in TABLE["rows"]}
        (out / ("%s.json" % surface)).write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
