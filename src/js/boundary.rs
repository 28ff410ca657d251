//! The small integer codes the drop-in classes of the JavaScript layer
//! (`pkg-template/js/dropins.js`) pass to their positional wasm exports.
//!
//! Each code set is a Rust enum here; its numbers and names reach JavaScript only through
//! the generated vocabulary (`pkg-template/generated/vocab.js`, `VOCABULARY.boundary`, see
//! `src/js/vocab.rs`), so the two sides cannot drift. The layout of every export's arguments
//! is documented in `docs/js-boundary.md`.

use crate::error::{Error, ErrorKind, Field, Result};
#[cfg(test)]
use crate::v007::ServiceType;

/// A code the JS layer never produces (one function for every code set: one copy of the
/// message in the module).
#[inline(never)]
fn unknown_code() -> Error {
    Error::new(
        ErrorKind::InvalidField,
        Field::Builder,
        "is not in the encoding of the JS layer",
    )
}

/// Declares one code set: a `u8`-coded enum with its JavaScript name per variant (a
/// `&'static str` constant: a preset that builds one service is named by
/// [`crate::v007::ServiceType::name`]).
macro_rules! codes {
    ($(#[$meta:meta])* $name:ident, $js:literal { $($(#[$vmeta:meta])* $variant:ident = $code:literal, $text:expr;)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub(crate) enum $name {
            $($(#[$vmeta])* $variant,)*
        }

        $(#[$meta])*
        impl $name {
            /// Every variant, in code order.
            pub(crate) const ALL: &'static [Self] = &[$(Self::$variant,)*];
            /// The key of this code set in `VOCABULARY.boundary`. The names and numbers are
            /// read by the generator ([`super::vocab`], a test) only.
            #[cfg(test)]
            pub(crate) const JS: &'static str = $js;

            /// The number the JS layer passes.
            #[cfg(test)]
            pub(crate) const fn code(self) -> u8 {
                match self { $(Self::$variant => $code,)* }
            }

            /// The name of the code in `VOCABULARY.boundary`.
            #[cfg(test)]
            pub(crate) const fn name(self) -> &'static str {
                match self { $(Self::$variant => $text,)* }
            }

            /// The variant the JS layer meant by `code`; any other number is refused
            /// (the JS layer never produces one). The codes are the indexes of
            /// [`Self::ALL`] (a unit test checks it), so this is a bounds check.
            pub(crate) fn from_code(code: u8) -> Result<Self> {
                Self::ALL.get(usize::from(code)).copied().ok_or_else(unknown_code)
            }
        }
    };
}

codes! {
    /// Who an RTC token (or a verification) is for.
    UserKind, "user" {
        /// The numeric uid argument.
        Uid = 0, "uid";
        /// The decimal uid text argument, parsed by the core (no leading zeros).
        UidText = 1, "uidText";
        /// The account text argument.
        Account = 2, "account";
        /// Nobody (verification only: no RTC user expected).
        None = 3, "none";
        /// A uid or an account typed as one text (verification only, see
        /// [`RtcUser::from_text`](crate::RtcUser::from_text)).
        Text = 4, "text";
        /// The text argument of an official-style uid builder (`buildTokenWithUid`), read
        /// by [`RtcUser::from_uid_text`](crate::RtcUser::from_uid_text): the official
        /// builders' user, never a wildcard.
        UidOrAccount = 5, "uidOrAccount";
    }
}

codes! {
    /// How the `life` argument is meant.
    LifeKind, "life" {
        /// Seconds after the issue time, as given (the drop-in classes).
        AsGiven = 0, "asGiven";
        /// `expiresIn`: seconds after the issue time, checked as an expiry.
        ExpiresIn = 1, "expiresIn";
        /// `expiresAt`: an absolute unix time, resolved against the issue time.
        ExpiresAt = 2, "expiresAt";
        /// The default expiry (one hour); `life` is ignored.
        Default = 3, "default";
    }
}

codes! {
    /// The 007 builders behind the one wasm export `token007`. One export for all of them
    /// keeps one copy of the shared steps (credentials, issue time, lifetime, signing, the
    /// JS conversion) in the module instead of one per builder (`bash .ci/bench-size.sh`
    /// shows the sizes).
    Preset, "preset" {
        /// `RtcTokenBuilder2.buildTokenWithUid/UserAccount`: RTC (`role` 1 or 2, `privilege`).
        Rtc = 0, ServiceType::Rtc.name();
        /// `RtcTokenBuilder2.buildTokenWith…AndPrivilege`: RTC with four privilege lifetimes.
        RtcPrivileges = 1, "rtcPrivileges";
        /// `RtcTokenBuilder2.buildTokenWithRtm`: RTC plus RTM login for the account `text2`.
        RtcRtm = 2, "rtcRtm";
        /// `RtcTokenBuilder2.buildTokenWithRtm2` and `buildRtcRtmToken`: RTC plus RTM with
        /// separate users and lifetimes.
        RtcRtm2 = 3, "rtcRtm2";
        /// `RtmTokenBuilder2.buildToken` and `buildRtmToken` (007): RTM login for `text1`.
        Rtm = 4, ServiceType::Rtm.name();
        /// Chat user `text1`.
        ChatUser = 5, "chatUser";
        /// Chat app.
        ChatApp = 6, "chatApp";
        /// FPA (24 hours, as the official builder does).
        Fpa = 7, ServiceType::Fpa.name();
        /// APaaS / Education room `text1`, user `text2`, `role`.
        ApaasRoomUser = 8, "apaasRoomUser";
        /// APaaS / Education user `text1`.
        ApaasUser = 9, "apaasUser";
        /// APaaS / Education app.
        ApaasApp = 10, "apaasApp";
        /// `ConvoAITokenBuilder.buildToken`: `RtcRtm2` plus the ConvoAI service.
        ConvoAi = 11, ServiceType::ConvoAi.name();
        /// `SttTokenBuilder.buildToken`: `RtcRtm2` plus the STT service.
        Stt = 12, ServiceType::Stt.name();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every code set round-trips, its codes are dense from 0 (so that the JS layer's
    /// tables index them) and the first code past the end is refused.
    macro_rules! round_trip {
        ($($t:ty),*) => {$(
            for (i, v) in <$t>::ALL.iter().enumerate() {
                assert_eq!(usize::from(v.code()), i, "{} codes are dense", <$t>::JS);
                assert_eq!(<$t>::from_code(v.code()).unwrap(), *v);
            }
            let past = u8::try_from(<$t>::ALL.len()).unwrap();
            assert!(<$t>::from_code(past).is_err());
            assert!(<$t>::from_code(u8::MAX).is_err());
        )*};
    }

    #[test]
    fn codes_round_trip() {
        round_trip!(UserKind, LifeKind, Preset);
    }
}
