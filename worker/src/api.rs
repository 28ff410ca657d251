//! The route bodies: `/getToken`, the older GET routes and `/inspect`. Each returns the
//! JSON value to send with 200, or an [`ApiError`].
//!
//! The request semantics are agora-token-service's: role `"publisher"` or a join-only
//! token, lifetime 0 or absent for the default, the same required fields and answer keys.
//! The deliberate refusals (values that would wrap, names Agora refuses, wildcard and
//! Chat app tokens without their settings) are listed in docs/worker.md.

use agora_token::v007::ServiceType;
use agora_token::{AppCertificate, Credentials, ErrorKind, Expected, RtcUser, Version};
use serde_json::{json, Value};

use crate::body::{opt_seconds, opt_str, opt_uid, req_str, Object};
use crate::errors::ApiError;
use crate::routes::{query_param, RtcPath};
use crate::tokens::{self, Issuer, UidKind};

/// `POST /getToken`: `{tokenType, channel?, role?, uid?, expire?, version?}` → `{token}`.
///
/// `tokenType` is a service name of the core ([`ServiceType::name`]), as agora-token-service
/// spells them: rtc needs `channel` and `uid`; rtm needs `uid` (with `channel`, the token
/// also joins that stream channel); chat with `uid` is a user token, without one an app
/// token.
pub fn get_token(o: &Object, issuer: &mut Issuer<'_>) -> Result<Value, ApiError> {
    let token_type = req_str(o, "tokenType")?;
    let version = tokens::version(opt_str(o, "version")?)?;
    let expire = issuer.expire("expire", opt_seconds(o, "expire")?)?;
    // JWT mode: an absent uid is the caller's own identity (the issuer checks any other).
    let uid = opt_uid(o, "uid")?
        .filter(|u| !u.is_empty())
        .or_else(|| issuer.identity.map(|id| id.user.clone()));
    let channel = opt_str(o, "channel")?.filter(|c| !c.is_empty());
    let token = match ServiceType::from_name(token_type) {
        Some(ServiceType::Rtc) => {
            let channel = channel.ok_or_else(|| ApiError::missing("channel"))?;
            let uid = uid.ok_or_else(|| {
                ApiError::bad_request(
                    "MISSING_FIELD",
                    "uid: is required (a uid or an account; \"0\" is the wildcard)",
                )
            })?;
            let role = tokens::role(opt_str(o, "role")?);
            let user = issuer.rtc_user(Some(&uid), UidKind::Auto)?;
            issuer.rtc(channel, user, role, expire, version)?
        }
        Some(ServiceType::Rtm) => {
            let uid = uid.ok_or_else(|| ApiError::missing("uid"))?;
            issuer.rtm(&uid, channel, expire, version)?
        }
        Some(ServiceType::Chat) => issuer.chat(uid.as_deref(), expire, version)?,
        _ => {
            let [rtc, rtm, chat] =
                [ServiceType::Rtc, ServiceType::Rtm, ServiceType::Chat].map(ServiceType::name);
            return Err(ApiError::bad_request(
                "INVALID_TOKEN_TYPE",
                format!("tokenType: must be \"{rtc}\", \"{rtm}\" or \"{chat}\""),
            ));
        }
    };
    Ok(with_expiry(json!({ "token": token }), issuer, expire))
}

/// An answer with the tokens' expiry beside them: `expiresAt` (unix seconds) and `expiresIn`
/// (seconds), so that a client can schedule its renewal without parsing a token. Every
/// token of one answer has the same lifetime.
fn with_expiry(mut answer: Value, issuer: &Issuer<'_>, expire: u32) -> Value {
    if let Value::Object(map) = &mut answer {
        map.insert(
            "expiresAt".into(),
            (u64::from(issuer.now) + u64::from(expire)).into(),
        );
        map.insert("expiresIn".into(), expire.into());
    }
    answer
}

/// The `?expiry=` and `?version=` of the GET routes. An `expiry` that is present must be
/// a whole number of seconds (`?expiry=` alone is a 400, as agora-token-service).
fn query_options(query: &str, issuer: &Issuer<'_>) -> Result<(u32, Version), ApiError> {
    let expiry = match query_param(query, "expiry")? {
        None => None,
        Some(s) => Some(
            (!s.is_empty() && s.len() <= 20 && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse::<u64>().ok())
                .flatten()
                .ok_or_else(|| {
                    ApiError::bad_request(
                        ErrorKind::InvalidExpiry.code(),
                        "expiry: must be a whole number of seconds",
                    )
                })?,
        ),
    };
    let expire = issuer.expire("expiry", expiry)?;
    let version = tokens::version(query_param(query, "version")?.as_deref())?;
    Ok((expire, version))
}

fn rtc_from_path(
    p: &RtcPath,
    expire: u32,
    version: Version,
    issuer: &mut Issuer<'_>,
) -> Result<String, ApiError> {
    let role = tokens::role(Some(&p.role));
    let kind = UidKind::from_path(&p.token_type)?;
    let user = issuer.rtc_user(Some(&p.uid), kind)?;
    issuer.rtc(&p.channel, user, role, expire, version)
}

/// 400 for the RTM user ids the GET routes refuse, as agora-token-service: empty and `"0"`.
fn rtm_path_user<'a>(field: &str, uid: &'a str) -> Result<&'a str, ApiError> {
    if uid.is_empty() || uid == "0" {
        Err(ApiError::bad_request(
            ErrorKind::InvalidUid.code(),
            format!("{field}: an RTM user id must not be empty or \"0\""),
        ))
    } else {
        Ok(uid)
    }
}

/// `GET /rtc/:channel/:role/:tokentype/:uid/?expiry=` → `{rtcToken}`.
pub fn rtc(p: &RtcPath, query: &str, issuer: &mut Issuer<'_>) -> Result<Value, ApiError> {
    let (expire, version) = query_options(query, issuer)?;
    let token = rtc_from_path(p, expire, version, issuer)?;
    Ok(with_expiry(json!({ "rtcToken": token }), issuer, expire))
}

/// `GET /rtm/:uid/?expiry=` → `{rtmToken}` (RTM login).
pub fn rtm(uid: &str, query: &str, issuer: &mut Issuer<'_>) -> Result<Value, ApiError> {
    let (expire, version) = query_options(query, issuer)?;
    let uid = rtm_path_user("uid", uid)?;
    let token = issuer.rtm(uid, None, expire, version)?;
    Ok(with_expiry(json!({ "rtmToken": token }), issuer, expire))
}

/// `GET /rte/:channel/:role/:tokentype/:rtcuid[/:rtmuid]/?expiry=` → `{rtcToken, rtmToken}`.
///
/// The RTM user is `rtmuid`, else the RTC uid unless that is the wildcard (`0` or empty: a
/// 400, as agora-token-service). In 007 the RTM token also carries an RTC service for the
/// channel with joinChannel and publishDataStream (a stream channel); a 006 RTM token
/// (`?version=006`) has no services and holds the login only.
pub fn rte(
    p: &RtcPath,
    rtm_uid: Option<&str>,
    query: &str,
    issuer: &mut Issuer<'_>,
) -> Result<Value, ApiError> {
    let (expire, version) = query_options(query, issuer)?;
    let rtm_user = match rtm_uid {
        Some(u) => u,
        None => rtm_path_user("rtmuid", &p.uid).map_err(|_| {
            ApiError::bad_request(
                "MISSING_FIELD",
                "rtmuid: is required when the RTC uid is 0 or empty (the wildcard is no RTM user)",
            )
        })?,
    };
    let rtc_token = rtc_from_path(p, expire, version, issuer)?;
    let channel = (version == Version::V007).then_some(p.channel.as_str());
    let rtm_token = issuer.rtm(rtm_user, channel, expire, version)?;
    Ok(with_expiry(
        json!({ "rtcToken": rtc_token, "rtmToken": rtm_token }),
        issuer,
        expire,
    ))
}

/// `GET /chat/app/?expiry=` → `{chatToken}`: a Chat app token (with
/// `ALLOW_CHAT_APP_TOKEN=true` only).
pub fn chat_app(query: &str, issuer: &mut Issuer<'_>) -> Result<Value, ApiError> {
    issuer.check_chat_app()?;
    let (expire, version) = query_options(query, issuer)?;
    let token = issuer.chat(None, expire, version)?;
    Ok(with_expiry(json!({ "chatToken": token }), issuer, expire))
}

/// `GET /chat/account/:uid/?expiry=` → `{chatToken}`: a Chat user token.
pub fn chat_account(uid: &str, query: &str, issuer: &mut Issuer<'_>) -> Result<Value, ApiError> {
    let (expire, version) = query_options(query, issuer)?;
    if uid.is_empty() {
        return Err(ApiError::missing("uid"));
    }
    let token = issuer.chat(Some(uid), expire, version)?;
    Ok(with_expiry(json!({ "chatToken": token }), issuer, expire))
}

/// `POST /inspect` with `{token, channel?, uid?, userId?}`: the decoded token and whether it
/// would be accepted under the bound certificate, from the core's one verification (the
/// token is parsed once). `uid` is the uid or account as one text (see
/// [`RtcUser::from_text`]); on a token that names no uid, such as a 006 RTM token, it is the
/// RTM user id.
///
/// A 006 signature covers the channel and uid, which the token keeps only as CRCs; without
/// them in the request, `signatureValid` is `null` and `reason` says why.
///
/// With a secondary certificate (a rotation), a token signed with either verifies, and
/// `certificate` says which one matched: `"primary"` or `"secondary"`.
pub fn inspect(
    o: &Object,
    creds: &Credentials,
    secondary: Option<&AppCertificate>,
    now: u32,
) -> Result<Value, ApiError> {
    let token = req_str(o, "token")?;
    let user = opt_uid(o, "uid")?
        .map(|u| RtcUser::from_text(&u))
        .transpose()?;
    let expected = Expected {
        channel_name: opt_str(o, "channel")?.map(str::to_owned),
        user,
        user_id: opt_str(o, "userId")?.map(str::to_owned),
        now: Some(now),
        ..Expected::default()
    };
    let certificates: Vec<&AppCertificate> = std::iter::once(&creds.certificate)
        .chain(secondary)
        .collect();
    let v = agora_token::verify_any(token, &certificates, &expected);
    let info = match (&v.token, v.code) {
        (Some(info), _) => info,
        (None, Some(code)) => {
            return Err(ApiError::bad_request(code, v.message.unwrap_or_default()))
        }
        (None, None) => return Err(ApiError::internal("verification gave no token and no code")),
    };
    Ok(json!({
        "token": info,
        "appIdMatches": info.app_id == creds.app_id.as_str(),
        "signatureValid": v.signature_valid,
        "certificate": v.certificate.map(|i| if i == 0 { "primary" } else { "secondary" }),
        "valid": v.valid,
        "reason": v.reason,
        "message": v.message,
        "warnings": v.warnings,
        "mismatches": v.mismatches,
    }))
}
