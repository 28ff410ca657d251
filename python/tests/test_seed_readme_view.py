"""The seed README's usage, as the Flask view its users write around it, runs on agora_token
with only the import changed.

The README of agora-token-builder 1.0.0 shows `RtcTokenBuilder.buildTokenWithUid(appId,
appCertificate, channelName, uid, role, privilegeExpiredTs)` and the RTM call with their
variables left undefined; the view below defines them (the channel name, missing from the
README, comes from the request). The same source is run twice under Flask's test client:
with the seed's import and with ours.
"""

import time

import flask

from agora_token import inspect_token, verify_token

APP_ID = "970CA35de60c44645bbae8a215061b33"
APP_CERTIFICATE = "5CFd2fd1755d40ecb72977518be15d3b"

VIEW = '''
import time
from flask import Flask, jsonify, request
{import_line}

appId = "{app_id}"
appCertificate = "{app_certificate}"
app = Flask(__name__)


@app.route("/rtc_token")
def rtc_token():
    channelName = request.args.get("channel")
    uid = int(request.args.get("uid"))
    role = 1
    expirationTimeInSeconds = 3600
    currentTimestamp = int(time.time())
    privilegeExpiredTs = currentTimestamp + expirationTimeInSeconds
    token = RtcTokenBuilder.buildTokenWithUid(appId, appCertificate, channelName, uid, role, privilegeExpiredTs)
    return jsonify({{"token": token, "uid": uid, "expires": privilegeExpiredTs}})


@app.route("/rtm_token")
def rtm_token():
    userAccount = request.args.get("user")
    role = 1
    privilegeExpiredTs = int(time.time()) + 3600
    token = RtmTokenBuilder.buildToken(appId, appCertificate, userAccount, role, privilegeExpiredTs)
    return jsonify({{"token": token, "expires": privilegeExpiredTs}})
'''

SEED_IMPORT = "from agora_token_builder import RtcTokenBuilder, RtmTokenBuilder"
OUR_IMPORT = "from agora_token import RtcTokenBuilder, RtmTokenBuilder"


def app_with(import_line):
    namespace = {"__name__": "seed_readme_view"}
    source = VIEW.format(import_line=import_line, app_id=APP_ID, app_certificate=APP_CERTIFICATE)
    exec(compile(source, "seed_readme_view.py", "exec"), namespace)
    app = namespace["app"]
    assert isinstance(app, flask.Flask)
    return app


def same_but_salt_and_time(ours, seed):
    """Two 006 descriptions equal apart from the salt and the ts (now + 24 h, a second apart
    at most)."""
    assert abs(ours.pop("ts") - seed.pop("ts")) <= 1
    ours.pop("salt"), seed.pop("salt")
    assert ours == seed


def test_only_the_import_differs():
    assert VIEW.format(import_line=SEED_IMPORT, app_id="", app_certificate="").replace(
        SEED_IMPORT, OUR_IMPORT) == VIEW.format(import_line=OUR_IMPORT, app_id="", app_certificate="")


def test_rtc_view():
    seed = app_with(SEED_IMPORT).test_client().get("/rtc_token?channel=lobby&uid=2882341273")
    ours = app_with(OUR_IMPORT).test_client().get("/rtc_token?channel=lobby&uid=2882341273")
    assert seed.status_code == ours.status_code == 200
    s, o = seed.get_json(), ours.get_json()
    assert o["uid"] == 2882341273 and o["token"].startswith("006" + APP_ID)
    now = int(time.time())
    v = verify_token(o["token"], APP_CERTIFICATE, channel_name="lobby", uid=2882341273, now=now)
    assert v["valid"] is True, v
    assert {p["expiresAt"] for srv in v["token"]["services"] for p in srv["privileges"]} == {o["expires"]}
    # The seed's token from the same view verifies the same way and describes the same grant.
    assert verify_token(s["token"], APP_CERTIFICATE, channel_name="lobby", uid=2882341273, now=now)["valid"]
    same_but_salt_and_time(inspect_token(o["token"], now=now), inspect_token(s["token"], now=now))


def test_rtm_view():
    seed = app_with(SEED_IMPORT).test_client().get("/rtm_token?user=alice")
    ours = app_with(OUR_IMPORT).test_client().get("/rtm_token?user=alice")
    assert seed.status_code == ours.status_code == 200
    now = int(time.time())
    o, s = ours.get_json()["token"], seed.get_json()["token"]
    assert verify_token(o, APP_CERTIFICATE, channel_name="alice", uid=0, now=now)["valid"]
    same_but_salt_and_time(inspect_token(o, now=now), inspect_token(s, now=now))


def test_rtc_view_refuses_what_the_seed_would_wrap():
    """A bad request gets an error from our builder, where the seed packs whatever it is given."""
    client = app_with(OUR_IMPORT).test_client()
    assert client.get("/rtc_token?channel=lobby&uid=4294967296").status_code == 500
    assert client.get("/rtc_token?channel=a/b&uid=1").status_code == 500
