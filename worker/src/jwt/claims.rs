//! The registered claims: `exp` (required), `nbf`, `iss` and `aud` (RFC 7519 §4.1).

use serde_json::{Map, Value};

use super::{AuthError, Reason};

/// The default clock leeway for `exp` and `nbf`, in seconds (`AUTH_JWT_LEEWAY`).
pub const DEFAULT_LEEWAY: u32 = 60;

/// The longest a caller JWT may still be valid, in seconds (30 days, the longest access-token
/// lifetime the major identity providers issue): a JWT whose `exp` is further ahead is
/// refused, so that a leaked near-eternal token is not a standing credential here.
pub const MAX_REMAINING_LIFETIME: u64 = 30 * 86_400;

/// What the registered claims must satisfy.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ClaimRules {
    /// `AUTH_JWT_ISSUER`: `iss` must equal it when set.
    pub issuer: Option<String>,
    /// `AUTH_JWT_AUDIENCE` (comma-separated): `aud` (a string or a list) must name one of
    /// them when set.
    pub audiences: Vec<String>,
    /// Seconds of clock skew allowed on `exp` and `nbf`.
    pub leeway: u32,
}

fn numeric_date(claims: &Map<String, Value>, name: &str) -> Result<Option<f64>, AuthError> {
    match claims.get(name) {
        None => Ok(None),
        Some(Value::Number(n)) => n
            .as_f64()
            .filter(|v| v.is_finite())
            .map(Some)
            .ok_or_else(|| {
                AuthError::new(Reason::BadClaim, format!("{name}: must be a NumericDate"))
            }),
        Some(_) => Err(AuthError::new(
            Reason::BadClaim,
            format!("{name}: must be a NumericDate (seconds since the epoch)"),
        )),
    }
}

impl ClaimRules {
    /// Checks the claims at `now` (unix seconds). Called only after the signature holds,
    /// so that an unsigned token learns nothing about these rules.
    pub fn check(&self, claims: &Map<String, Value>, now: u64) -> Result<(), AuthError> {
        // f64 holds every unix second exactly for the next 285 million years.
        #[allow(clippy::cast_precision_loss)]
        let now = now as f64;
        let leeway = f64::from(self.leeway);
        let exp = numeric_date(claims, "exp")?.ok_or_else(|| {
            AuthError::new(
                Reason::BadClaim,
                "exp: is required (a JWT without an expiry is never accepted)",
            )
        })?;
        if now > exp + leeway {
            return Err(AuthError::new(
                Reason::TokenExpired,
                format!(
                    "exp: the JWT has expired (leeway {} s, AUTH_JWT_LEEWAY)",
                    self.leeway
                ),
            ));
        }
        #[allow(clippy::cast_precision_loss)]
        if exp - now > MAX_REMAINING_LIFETIME as f64 {
            return Err(AuthError::new(
                Reason::BadClaim,
                "exp: more than 30 days ahead; this server accepts JWTs that expire sooner",
            ));
        }
        if let Some(nbf) = numeric_date(claims, "nbf")? {
            if now + leeway < nbf {
                return Err(AuthError::new(
                    Reason::TokenNotYetValid,
                    format!(
                        "nbf: the JWT is not valid yet (leeway {} s, AUTH_JWT_LEEWAY)",
                        self.leeway
                    ),
                ));
            }
        }
        if let Some(issuer) = &self.issuer {
            if claims.get("iss").and_then(Value::as_str) != Some(issuer.as_str()) {
                return Err(AuthError::new(
                    Reason::BadIssuer,
                    "iss: is not this server's AUTH_JWT_ISSUER",
                ));
            }
        }
        if !self.audiences.is_empty() {
            let named = |a: &str| self.audiences.iter().any(|x| x == a);
            let ok = match claims.get("aud") {
                Some(Value::String(a)) => named(a),
                Some(Value::Array(list)) => list.iter().filter_map(Value::as_str).any(named),
                _ => false,
            };
            if !ok {
                return Err(AuthError::new(
                    Reason::BadAudience,
                    "aud: does not name this server's AUTH_JWT_AUDIENCE",
                ));
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn claims(v: Value) -> Map<String, Value> {
        match v {
            Value::Object(m) => m,
            _ => Map::new(),
        }
    }

    #[test]
    fn time_rules_with_leeway() {
        let r = ClaimRules {
            leeway: 60,
            ..ClaimRules::default()
        };
        let now = 1_000_000;
        assert!(r.check(&claims(json!({"exp": now})), now).is_ok());
        assert!(r.check(&claims(json!({"exp": now - 60})), now).is_ok());
        assert_eq!(
            r.check(&claims(json!({"exp": now - 61})), now)
                .unwrap_err()
                .reason,
            Reason::TokenExpired
        );
        assert!(r
            .check(&claims(json!({"exp": 1.5e6, "nbf": now + 60})), now)
            .is_ok());
        let month = MAX_REMAINING_LIFETIME;
        assert!(r.check(&claims(json!({"exp": now + month})), now).is_ok());
        assert_eq!(
            r.check(&claims(json!({"exp": now + month + 1})), now)
                .unwrap_err()
                .reason,
            Reason::BadClaim
        );
        assert_eq!(
            r.check(&claims(json!({"exp": 1.5e6, "nbf": now + 61})), now)
                .unwrap_err()
                .reason,
            Reason::TokenNotYetValid
        );
        for bad in [
            json!({}),
            json!({"exp": "1"}),
            json!({"exp": 2e6, "nbf": null}),
        ] {
            assert_eq!(
                r.check(&claims(bad), now).unwrap_err().reason,
                Reason::BadClaim
            );
        }
    }

    #[test]
    fn issuer_and_audience() {
        let r = ClaimRules {
            issuer: Some("https://idp.example/".into()),
            audiences: vec!["app-1".into(), "app-2".into()],
            leeway: 0,
        };
        let ok = |c: Value| r.check(&claims(c), 10);
        assert!(ok(json!({"exp": 20, "iss": "https://idp.example/", "aud": "app-2"})).is_ok());
        assert!(
            ok(json!({"exp": 20, "iss": "https://idp.example/", "aud": ["x", "app-1"]})).is_ok()
        );
        assert_eq!(
            ok(json!({"exp": 20, "iss": "https://idp.example", "aud": "app-1"}))
                .unwrap_err()
                .reason,
            Reason::BadIssuer
        );
        for aud in [json!("app-3"), json!(["x"]), json!(null), json!(1)] {
            assert_eq!(
                ok(json!({"exp": 20, "iss": "https://idp.example/", "aud": aud}))
                    .unwrap_err()
                    .reason,
                Reason::BadAudience
            );
        }
        assert_eq!(
            ok(json!({"exp": 20, "aud": "app-1"})).unwrap_err().reason,
            Reason::BadIssuer
        );
    }
}
