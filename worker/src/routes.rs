//! Route matching: the path (percent-decoded segment by segment) to a [`Route`], and the
//! methods each route accepts.

use agora_token::v007::ServiceType;

use crate::errors::ApiError;

/// A matched route, with its decoded path parameters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// `GET /ping`.
    Ping,
    /// `POST /getToken`.
    GetToken,
    /// `POST /inspect`.
    Inspect,
    /// `GET /rtc/:channel/:role/:tokentype/:uid/`.
    Rtc(RtcPath),
    /// `GET /rtm/:uid/`.
    Rtm {
        /// The RTM user id.
        uid: String,
    },
    /// `GET /rte/:channel/:role/:tokentype/:rtcuid[/:rtmuid]/`.
    Rte {
        /// The RTC part.
        rtc: RtcPath,
        /// The RTM user id (the RTC uid when absent).
        rtm_uid: Option<String>,
    },
    /// `GET /chat/app/`: a Chat app token.
    ChatApp,
    /// `GET /chat/account/:uid/`: a Chat user token.
    ChatAccount {
        /// The Chat user id.
        uid: String,
    },
}

/// The RTC parameters of the older GET routes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RtcPath {
    /// The channel name.
    pub channel: String,
    /// `publisher` or `subscriber`.
    pub role: String,
    /// `uid` or `userAccount`.
    pub token_type: String,
    /// The uid or account.
    pub uid: String,
}

impl Route {
    /// The methods this route accepts, as sent in `Allow`.
    pub const fn allow(&self) -> &'static str {
        match self {
            Self::Ping
            | Self::Rtc(_)
            | Self::Rtm { .. }
            | Self::Rte { .. }
            | Self::ChatApp
            | Self::ChatAccount { .. } => "GET, OPTIONS",
            Self::GetToken | Self::Inspect => "POST, OPTIONS",
        }
    }

    /// Whether `method` is the route's (non-OPTIONS) method.
    pub fn accepts(&self, method: &str) -> bool {
        match self {
            Self::Ping
            | Self::Rtc(_)
            | Self::Rtm { .. }
            | Self::Rte { .. }
            | Self::ChatApp
            | Self::ChatAccount { .. } => method == "GET",
            Self::GetToken | Self::Inspect => method == "POST",
        }
    }

    /// The route's name in the audit trail and the metrics.
    pub const fn name(&self) -> &'static str {
        match self {
            Self::Ping => "ping",
            Self::GetToken => "getToken",
            Self::Inspect => "inspect",
            Self::Rtc(_) => ServiceType::Rtc.name(),
            Self::Rtm { .. } => ServiceType::Rtm.name(),
            Self::Rte { .. } => "rte",
            Self::ChatApp => "chat/app",
            Self::ChatAccount { .. } => "chat/account",
        }
    }

    /// Whether the caller must present the API key (every route but `/ping`).
    pub const fn needs_auth(&self) -> bool {
        !matches!(self, Self::Ping)
    }
}

/// Matches a percent-encoded path. One trailing slash is allowed. `Ok(None)` is an
/// unknown route; an error is a path segment that is not valid percent-encoded UTF-8.
pub fn match_path(path: &str) -> Result<Option<Route>, ApiError> {
    let Some(rest) = path.strip_prefix('/') else {
        return Ok(None);
    };
    let rest = rest.strip_suffix('/').unwrap_or(rest);
    let raw: Vec<&str> = rest.split('/').collect();
    let seg = raw
        .iter()
        .map(|s| percent_decode(s, false))
        .collect::<Result<Vec<String>, ApiError>>()?;
    let rtc = |c: &str, r: &str, t: &str, u: &str| RtcPath {
        channel: c.to_owned(),
        role: r.to_owned(),
        token_type: t.to_owned(),
        uid: u.to_owned(),
    };
    // Route names are matched on the raw text, so that an encoded name is not a route.
    let Some((name, _)) = raw.split_first() else {
        return Ok(None);
    };
    let params = seg.get(1..).unwrap_or_default();
    // The token routes are named by the core's service names (agora-token-service's paths).
    let service = ServiceType::from_name(name);
    Ok(match (*name, service, params) {
        ("ping", _, []) => Some(Route::Ping),
        ("getToken", _, []) => Some(Route::GetToken),
        ("inspect", _, []) => Some(Route::Inspect),
        (_, Some(ServiceType::Rtc), [c, r, t, u]) => Some(Route::Rtc(rtc(c, r, t, u))),
        (_, Some(ServiceType::Rtm), [u]) => Some(Route::Rtm { uid: u.clone() }),
        ("rte", _, [c, r, t, u]) => Some(Route::Rte {
            rtc: rtc(c, r, t, u),
            rtm_uid: None,
        }),
        ("rte", _, [c, r, t, u, m]) => Some(Route::Rte {
            rtc: rtc(c, r, t, u),
            rtm_uid: Some(m.clone()),
        }),
        // The second segment is matched on the raw text, like the route name.
        (_, Some(ServiceType::Chat), [_]) if raw.get(1) == Some(&"app") => Some(Route::ChatApp),
        (_, Some(ServiceType::Chat), [_, u]) if raw.get(1) == Some(&"account") => {
            Some(Route::ChatAccount { uid: u.clone() })
        }
        _ => None,
    })
}

/// The path (still percent-encoded, starting with `/`) and the query (without `?`) of an
/// absolute URL as the runtime serializes it (`Request.url`): the first `/` after the
/// authority starts the path, and a literal `?` or `#` inside the path is always
/// percent-encoded there, so no URL parser is needed (and none is linked into the module).
pub fn split_url(url: &str) -> (&str, &str) {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let Some(start) = rest.find('/') else {
        return ("/", "");
    };
    let target = rest.get(start..).unwrap_or("/");
    let target = target.split_once('#').map_or(target, |(t, _)| t);
    target.split_once('?').unwrap_or((target, ""))
}

/// The value of `name` in a query string (`+` is a space), if present.
pub fn query_param(query: &str, name: &str) -> Result<Option<String>, ApiError> {
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        if percent_decode(k, true)? == name {
            return percent_decode(v, true).map(Some);
        }
    }
    Ok(None)
}

/// Decodes `%XX` escapes (and `+` as space in queries). Malformed escapes and invalid
/// UTF-8 are a 400 `INVALID_PATH`.
pub fn percent_decode(s: &str, plus_is_space: bool) -> Result<String, ApiError> {
    let bad = || {
        ApiError::bad_request(
            "INVALID_PATH",
            "the URL has a malformed %-escape or is not UTF-8",
        )
    };
    let mut out = Vec::with_capacity(s.len());
    let mut bytes = s.bytes();
    while let Some(b) = bytes.next() {
        match b {
            b'%' => {
                let hi = bytes.next().and_then(hex).ok_or_else(bad)?;
                let lo = bytes.next().and_then(hex).ok_or_else(bad)?;
                out.push(hi << 4 | lo);
            }
            b'+' if plus_is_space => out.push(b' '),
            _ => out.push(b),
        }
    }
    String::from_utf8(out).map_err(|_| bad())
}

fn hex(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths() {
        assert_eq!(match_path("/ping").unwrap(), Some(Route::Ping));
        assert_eq!(match_path("/ping/").unwrap(), Some(Route::Ping));
        assert_eq!(match_path("/getToken").unwrap(), Some(Route::GetToken));
        assert_eq!(match_path("/gettoken").unwrap(), None);
        assert_eq!(match_path("/").unwrap(), None);
        assert_eq!(match_path("").unwrap(), None);
        assert_eq!(match_path("/ping//").unwrap(), None);
        assert_eq!(
            match_path("/rtm/a%20b/").unwrap(),
            Some(Route::Rtm { uid: "a b".into() })
        );
        let Some(Route::Rte { rtc, rtm_uid }) = match_path("/rte/c/publisher/uid/42/x").unwrap()
        else {
            panic!("no rte")
        };
        assert_eq!(
            (rtc.channel.as_str(), rtc.uid.as_str(), rtm_uid.as_deref()),
            ("c", "42", Some("x"))
        );
        assert_eq!(match_path("/rtc/c/publisher/uid").unwrap(), None);
        assert_eq!(match_path("/chat/app/").unwrap(), Some(Route::ChatApp));
        assert_eq!(
            match_path("/chat/account/a%40b/").unwrap(),
            Some(Route::ChatAccount { uid: "a@b".into() })
        );
        // As agora-token-service: no user id, or another kind, is no route.
        assert_eq!(match_path("/chat/account/").unwrap(), None);
        assert_eq!(match_path("/chat/invalid/").unwrap(), None);
        assert_eq!(match_path("/chat/%61pp/").unwrap(), None);
        assert_eq!(match_path("/chat/app/x/").unwrap(), None);
        // An empty uid segment is a route (the RTC wildcard, as agora-token-service).
        let Some(Route::Rtc(p)) = match_path("/rtc/c/publisher/uid//").unwrap() else {
            panic!("no rtc")
        };
        assert_eq!(p.uid, "");
        assert_eq!(match_path("/%70ing").unwrap(), None);
        assert_eq!(match_path("/rtm/%zz").unwrap_err().code, "INVALID_PATH");
        assert_eq!(match_path("/rtm/%ff").unwrap_err().code, "INVALID_PATH");
        assert_eq!(match_path("/rtm/%4").unwrap_err().code, "INVALID_PATH");
    }

    #[test]
    fn urls() {
        assert_eq!(split_url("http://127.0.0.1:8787/ping"), ("/ping", ""));
        assert_eq!(
            split_url("https://a.example/rtc/c/publisher/uid/1/?expiry=60&x=%3F#frag"),
            ("/rtc/c/publisher/uid/1/", "expiry=60&x=%3F")
        );
        assert_eq!(split_url("https://a.example"), ("/", ""));
        assert_eq!(split_url("https://a.example?x=1"), ("/", ""));
        assert_eq!(split_url("http://h/a%3Fb?c"), ("/a%3Fb", "c"));
        assert_eq!(split_url("http://h/?"), ("/", ""));
        assert_eq!(split_url(""), ("/", ""));
    }

    #[test]
    fn queries() {
        assert_eq!(
            query_param("a=1&expiry=60", "expiry").unwrap().as_deref(),
            Some("60")
        );
        assert_eq!(
            query_param("expiry", "expiry").unwrap().as_deref(),
            Some("")
        );
        assert_eq!(
            query_param("x=a+b%21", "x").unwrap().as_deref(),
            Some("a b!")
        );
        assert_eq!(query_param("", "expiry").unwrap(), None);
    }
}
