#!/usr/bin/env python3
"""Reference side of the differential tests: runs the PyPI 006 builders on given inputs.

Same protocol as reference.mjs, for PyPI agora-token-builder==1.0.0 (see requirements.txt).
stdin is a JSON array of cases; stdout is a JSON array of results, same length and order.
  case:   {"ref": "agora-token-builder", "fn": "<Builder.method>", "args": [...],
           "salt": <u32>, "ts": <u32>}      ts is the 006 message ts (an absolute unix time)
  result: {"token": "..."} or {"error": "..."} (malformed case, or the reference raised)

args are the builder's own arguments in the package's order; privilege expiries are absolute unix
times. The JSON type is passed through: a uid/account given as the number 0 becomes "" (wildcard),
while the string "0" stays "0".
  RtcTokenBuilder.buildTokenWithUid     [appId, appCertificate, channelName, uid, role, privilegeExpiredTs]
  RtcTokenBuilder.buildTokenWithAccount [appId, appCertificate, channelName, account, role, privilegeExpiredTs]
  RtmTokenBuilder.buildToken            [appId, appCertificate, userAccount, role, privilegeExpiredTs]
                                        (role is ignored by the builder)

How salt and ts are pinned: each builder module does `from .AccessToken import *`, so it looks up
the name AccessToken in its own globals at call time. That name is replaced below, in both builder
modules, by a subclass that overwrites the salt and ts its constructor drew. Everything else is the
package's own code.
"""
import importlib
import json
import sys

from agora_token_builder.AccessToken import AccessToken

pin = {}  # salt and ts of the case being built; read by PinnedAccessToken


class PinnedAccessToken(AccessToken):
    def __init__(self, *args):
        super().__init__(*args)
        self.salt = pin["salt"]
        self.ts = pin["ts"]


# Import the submodules by name: the package's __init__ rebinds the attributes
# agora_token_builder.RtcTokenBuilder / .RtmTokenBuilder to the classes.
rtc = importlib.import_module("agora_token_builder.RtcTokenBuilder")
rtm = importlib.import_module("agora_token_builder.RtmTokenBuilder")
rtc.AccessToken = PinnedAccessToken
rtm.AccessToken = PinnedAccessToken

# fn -> (builder function, arity)
FNS = {
    "RtcTokenBuilder.buildTokenWithUid": (rtc.RtcTokenBuilder.buildTokenWithUid, 6),
    "RtcTokenBuilder.buildTokenWithAccount": (rtc.RtcTokenBuilder.buildTokenWithAccount, 6),
    "RtmTokenBuilder.buildToken": (rtm.RtmTokenBuilder.buildToken, 5),
}


def is_u32(v):
    return type(v) is int and 0 <= v <= 0xFFFFFFFF


def run(case):
    if case.get("ref") != "agora-token-builder" or case.get("fn") not in FNS:
        return {"error": "unknown ref/fn: %s %s" % (case.get("ref"), case.get("fn"))}
    fn, arity = FNS[case["fn"]]
    args = case.get("args")
    if not isinstance(args, list) or len(args) != arity:
        return {"error": "%s takes %d args" % (case["fn"], arity)}
    if not is_u32(case.get("salt")) or not is_u32(case.get("ts")):
        return {"error": "salt and ts must be u32 integers"}
    pin["salt"], pin["ts"] = case["salt"], case["ts"]
    try:
        return {"token": fn(*args)}
    except Exception as e:  # the reference's own failure is a result, not a crash
        return {"error": "reference raised: %s: %s" % (type(e).__name__, e)}


if __name__ == "__main__":
    json.dump([run(c) for c in json.load(sys.stdin)], sys.stdout)
    sys.stdout.write("\n")
