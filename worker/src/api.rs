//! The route bodies: `/getToken`, the older GET routes and `/inspect`. Each returns the
//! JSON value to send with 200, or an [`ApiError`].

use agora_token::builders::RtcUser;
use agora_token::{Credentials, Expected};
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
    // JWT mode: an absent uid is the caller's own identity (the issuer checks any other).
    let uid = match issuer.identity {
        Some(id) => opt_uid(o, "uid")?
            .filter(|u| !u.is_empty())
            .or_else(|| Some(id.user.clone())),
        None => opt_uid(o, "uid")?,
    };
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

/// `POST /inspect` with `{token, channel?, uid?}`: the decoded token and whether its
/// signature holds under the bound certificate.
///
/// A 006 signature covers the channel and uid, which the token keeps only as CRCs; without
/// both in the request, `signatureValid` is `null` and `reason` says why.
pub fn inspect(o: &Object, creds: &Credentials, now: u32) -> Result<Value, ApiError> {
    let token = req_str(o, "token")?;
    let info = agora_token::inspect(token, Some(now))?;
    let channel = opt_str(o, "channel")?;
    let user = opt_uid(o, "uid")?.map(|u| {
        if !u.is_empty() && u.bytes().all(|b| b.is_ascii_digit()) {
            agora_token::validate::parse_uid("uid", &u).map(RtcUser::Uid)
        } else {
            Ok(RtcUser::Account(u))
        }
    });
    let user = user.transpose()?;
    let expected = Expected {
        app_id: None,
        channel_name: channel.map(str::to_owned),
        user,
        now: Some(now),
    };
    let v = agora_token::verify(token, &creds.certificate, &expected);
    Ok(json!({
        "token": info,
        "appIdMatches": info.app_id == creds.app_id.as_str(),
        "signatureValid": v.signature_valid,
        "valid": v.valid,
        "reason": v.reason,
        "message": v.message,
    }))
}
