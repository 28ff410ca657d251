//! The route bodies: `/getToken`, the older GET routes and `/inspect`. Each returns the
//! JSON value to send with 200, or an [`ApiError`].

use agora_token::{Credentials, Expected, RtcUser};
use serde_json::{json, Value};

use crate::body::{opt_seconds, opt_str, opt_uid, req_str, Object};
use crate::errors::ApiError;
use crate::routes::{query_param, RtcPath};
use crate::tokens::{self, Issuer, UidKind};

/// `POST /getToken`: `{tokenType, channel?, role?, uid?, expire?, version?}` → `{token}`.
pub fn get_token(o: &Object, issuer: &mut Issuer<'_>) -> Result<Value, ApiError> {
    let token_type = req_str(o, "tokenType")?;
    let version = tokens::version(opt_str(o, "version")?)?;
    let expire = issuer.expire("expire", opt_seconds(o, "expire")?)?;
    let uid = opt_uid(o, "uid")?;
    let channel = opt_str(o, "channel")?;
    let token = match token_type {
        "rtc" => {
            let channel = channel.ok_or_else(|| ApiError::missing("channel"))?;
            let role = tokens::role(opt_str(o, "role")?)?;
            let user = issuer.rtc_user(uid.as_deref(), UidKind::Auto)?;
            issuer.rtc(channel, user, role, expire, version)?
        }
        "rtm" => {
            let uid = uid.ok_or_else(|| ApiError::missing("uid"))?;
            issuer.rtm(&uid, channel.filter(|c| !c.is_empty()), expire, version)?
        }
        "chat" => issuer.chat(uid.as_deref(), expire, version)?,
        _ => {
            return Err(ApiError::bad_request(
                "INVALID_TOKEN_TYPE",
                "tokenType: must be \"rtc\", \"rtm\" or \"chat\"",
            ))
        }
    };
    Ok(json!({ "token": token }))
}

/// The `?expiry=` and `?version=` of the older routes.
fn query_options(
    query: &str,
    issuer: &Issuer<'_>,
) -> Result<(u32, agora_token::Version), ApiError> {
    let expiry = match query_param(query, "expiry")? {
        None => None,
        Some(s) if s.is_empty() => None,
        Some(s) => Some(
            (s.len() <= 20 && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse::<u64>().ok())
                .flatten()
                .ok_or_else(|| {
                    ApiError::bad_request(
                        "INVALID_EXPIRY",
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
    version: agora_token::Version,
    issuer: &mut Issuer<'_>,
) -> Result<String, ApiError> {
    let role = tokens::role(Some(&p.role))?;
    let kind = UidKind::from_path(&p.token_type)?;
    let user = issuer.rtc_user(Some(&p.uid), kind)?;
    issuer.rtc(&p.channel, user, role, expire, version)
}

/// `GET /rtc/:channel/:role/:tokentype/:uid/?expiry=` → `{rtcToken}`.
pub fn rtc(p: &RtcPath, query: &str, issuer: &mut Issuer<'_>) -> Result<Value, ApiError> {
    let (expire, version) = query_options(query, issuer)?;
    Ok(json!({ "rtcToken": rtc_from_path(p, expire, version, issuer)? }))
}

/// `GET /rtm/:uid/?expiry=` → `{rtmToken}`.
pub fn rtm(uid: &str, query: &str, issuer: &mut Issuer<'_>) -> Result<Value, ApiError> {
    let (expire, version) = query_options(query, issuer)?;
    Ok(json!({ "rtmToken": issuer.rtm(uid, None, expire, version)? }))
}

/// `GET /rte/:channel/:role/:tokentype/:rtcuid[/:rtmuid]/?expiry=` → `{rtcToken, rtmToken}`;
/// the RTM user is the RTC uid when `rtmuid` is absent.
pub fn rte(
    p: &RtcPath,
    rtm_uid: Option<&str>,
    query: &str,
    issuer: &mut Issuer<'_>,
) -> Result<Value, ApiError> {
    let (expire, version) = query_options(query, issuer)?;
    let rtc_token = rtc_from_path(p, expire, version, issuer)?;
    let rtm_token = issuer.rtm(rtm_uid.unwrap_or(&p.uid), None, expire, version)?;
    Ok(json!({ "rtcToken": rtc_token, "rtmToken": rtm_token }))
}

/// `POST /inspect` with `{token, channel?, uid?, userId?}`: the decoded token and whether it
/// would be accepted under the bound certificate, from the core's one verification (the
/// token is parsed once). `uid` is the uid or account as one text (see
/// [`RtcUser::from_text`]); on a token that names no uid, such as a 006 RTM token, it is the
/// RTM user id.
///
/// A 006 signature covers the channel and uid, which the token keeps only as CRCs; without
/// them in the request, `signatureValid` is `null` and `reason` says why.
pub fn inspect(o: &Object, creds: &Credentials, now: u32) -> Result<Value, ApiError> {
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
    let v = agora_token::verify(token, &creds.certificate, &expected);
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
        "valid": v.valid,
        "reason": v.reason,
        "message": v.message,
        "warnings": v.warnings,
        "mismatches": v.mismatches,
    }))
}
