//! AccessToken "006": the format of the seed package `agora-token-builder`.
//!
//! ```text
//! m       = u32 salt | u32 ts | map32{privilege: absolute unix expiry}
//! sig     = HMAC(certificate, appId | channelName | uidStr | m)
//! content = str(sig) | u32 crc32(channelName) | u32 crc32(uidStr) | str(m)
//! token   = "006" | appId | base64(content)
//! ```

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;

use crate::credentials::{AppCertificate, Credentials};
use crate::crypto::{crc32, ct_eq};
use crate::error::{Error, ErrorKind, Field, Result};
use crate::privilege_map::PrivilegeMap;
use crate::v007::{Privilege as _, RtcPrivilege};
use crate::wire::{Reader, Writer};

/// The version prefix of 006 tokens.
pub const VERSION: &str = "006";

/// The seed package packs `ts = issue time + 24 h` into 006 tokens.
pub const TS_OFFSET: u32 = 24 * 3600;

/// The `ts` the seed package packs for a token issued at `issue_ts`: 24 hours later.
pub fn ts_for(issue_ts: u32) -> Result<u32> {
    issue_ts.checked_add(TS_OFFSET).ok_or_else(|| {
        Error::new(
            ErrorKind::InvalidExpiry,
            Field::IssuedAt,
            "issue time plus 24 h is past the year 2106 (u32 unix time)",
        )
    })
}

/// A 006 privilege.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Privilege {
    /// 1: join the channel.
    JoinChannel,
    /// 2: publish audio.
    PublishAudioStream,
    /// 3: publish video.
    PublishVideoStream,
    /// 4: publish data streams.
    PublishDataStream,
    /// 5: publish audio to a CDN.
    PublishAudioCdn,
    /// 6: publish video to a CDN.
    PublishVideoCdn,
    /// 7: request to publish audio.
    RequestPublishAudioStream,
    /// 8: request to publish video.
    RequestPublishVideoStream,
    /// 9: request to publish data.
    RequestPublishDataStream,
    /// 10: invite others to publish audio.
    InvitePublishAudioStream,
    /// 11: invite others to publish video.
    InvitePublishVideoStream,
    /// 12: invite others to publish data.
    InvitePublishDataStream,
    /// 101: administrate the channel.
    AdministrateChannel,
    /// 1000: log in to RTM.
    RtmLogin,
}

impl Privilege {
    /// Every privilege, in wire order.
    pub const ALL: [Self; 14] = [
        Self::JoinChannel,
        Self::PublishAudioStream,
        Self::PublishVideoStream,
        Self::PublishDataStream,
        Self::PublishAudioCdn,
        Self::PublishVideoCdn,
        Self::RequestPublishAudioStream,
        Self::RequestPublishVideoStream,
        Self::RequestPublishDataStream,
        Self::InvitePublishAudioStream,
        Self::InvitePublishVideoStream,
        Self::InvitePublishDataStream,
        Self::AdministrateChannel,
        Self::RtmLogin,
    ];

    /// The wire id.
    pub const fn id(self) -> u16 {
        match self {
            Self::JoinChannel => 1,
            Self::PublishAudioStream => 2,
            Self::PublishVideoStream => 3,
            Self::PublishDataStream => 4,
            Self::PublishAudioCdn => 5,
            Self::PublishVideoCdn => 6,
            Self::RequestPublishAudioStream => 7,
            Self::RequestPublishVideoStream => 8,
            Self::RequestPublishDataStream => 9,
            Self::InvitePublishAudioStream => 10,
            Self::InvitePublishVideoStream => 11,
            Self::InvitePublishDataStream => 12,
            Self::AdministrateChannel => 101,
            Self::RtmLogin => 1000,
        }
    }

    /// The privilege with wire id `id`, if there is one.
    pub fn from_id(id: u16) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.id() == id)
    }

    /// The camelCase name used in inspection output (the four RTC privileges by their 007
    /// names, which they share).
    pub fn name(self) -> &'static str {
        match self {
            Self::JoinChannel => RtcPrivilege::JoinChannel.name(),
            Self::PublishAudioStream => RtcPrivilege::PublishAudioStream.name(),
            Self::PublishVideoStream => RtcPrivilege::PublishVideoStream.name(),
            Self::PublishDataStream => RtcPrivilege::PublishDataStream.name(),
            Self::PublishAudioCdn => "publishAudioCdn",
            Self::PublishVideoCdn => "publishVideoCdn",
            Self::RequestPublishAudioStream => "requestPublishAudioStream",
            Self::RequestPublishVideoStream => "requestPublishVideoStream",
            Self::RequestPublishDataStream => "requestPublishDataStream",
            Self::InvitePublishAudioStream => "invitePublishAudioStream",
            Self::InvitePublishVideoStream => "invitePublishVideoStream",
            Self::InvitePublishDataStream => "invitePublishDataStream",
            Self::AdministrateChannel => "administrateChannel",
            Self::RtmLogin => "rtmLogin",
        }
    }
}

/// The 006 RTC roles of the seed package.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// 0: like Publisher (joins and publishes).
    Attendee,
    /// 1: joins and publishes audio, video and data.
    Publisher,
    /// 2: joins only.
    Subscriber,
    /// 101: like Publisher.
    Admin,
}

impl Role {
    /// The seed package's integer for this role.
    pub const fn id(self) -> u16 {
        match self {
            Self::Attendee => 0,
            Self::Publisher => 1,
            Self::Subscriber => 2,
            Self::Admin => 101,
        }
    }

    /// The role with the seed package's integer `id`.
    pub fn from_id(id: i64) -> Result<Self> {
        match id {
            0 => Ok(Self::Attendee),
            1 => Ok(Self::Publisher),
            2 => Ok(Self::Subscriber),
            101 => Ok(Self::Admin),
            _ => Err(Error::new(
                ErrorKind::InvalidRole,
                Field::Role,
                "must be 0 (attendee), 1 (publisher), 2 (subscriber) or 101 (admin)",
            )),
        }
    }

    /// The privileges this role grants: join for a subscriber, join and publish for the others.
    pub fn privileges(self) -> &'static [Privilege] {
        match self {
            Self::Subscriber => &[Privilege::JoinChannel],
            Self::Attendee | Self::Publisher | Self::Admin => &[
                Privilege::JoinChannel,
                Privilege::PublishAudioStream,
                Privilege::PublishVideoStream,
                Privilege::PublishDataStream,
            ],
        }
    }
}

/// The message of a 006 token: salt, ts and privileges with absolute expiries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// Random salt, 1..=99999999 when built here.
    pub salt: u32,
    /// The packed timestamp (the seed package uses now + 24 h).
    pub ts: u32,
    /// Privilege id → absolute unix expiry (0 means it never expires). Kept by raw id so
    /// that tokens with privileges this crate does not name still parse.
    pub privileges: PrivilegeMap,
}

impl Message {
    /// A message with no privileges.
    pub fn new(salt: u32, ts: u32) -> Self {
        Self {
            salt,
            ts,
            privileges: PrivilegeMap::new(),
        }
    }

    /// Adds (or replaces) a privilege with an absolute unix expiry.
    pub fn add(&mut self, privilege: Privilege, expire_ts: u32) -> &mut Self {
        self.privileges.insert(privilege.id(), expire_ts);
        self
    }
}

/// What a 006 token says who it is for: a numeric uid (0 is the wildcard) or an account.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Subject<'a> {
    /// A numeric uid; 0 becomes `""`, the wildcard.
    Uid(u32),
    /// A string account, used as given (`"0"` stays `"0"`).
    Account(&'a str),
}

impl Subject<'_> {
    /// The uid string that is signed and CRC'd.
    pub fn uid_str(&self) -> String {
        match self {
            Self::Uid(0) => String::new(),
            Self::Uid(n) => n.to_string(),
            Self::Account(s) => (*s).to_owned(),
        }
    }
}

fn signature(cert: &AppCertificate, app_id: &str, channel: &str, uid: &str, m: &[u8]) -> [u8; 32] {
    cert.mac(&[app_id.as_bytes(), channel.as_bytes(), uid.as_bytes(), m])
}

/// The raw 006 layer, which checks the channel and uid only for what the format can encode
/// (lengths that fit the `u16` prefixes). Use [`build_rtc`] and
/// [`build_rtm`] for validated input.
pub mod unvalidated {
    use super::{build_body, Message};
    use crate::credentials::Credentials;
    use crate::error::Result;

    /// Builds a 006 token for `channel` and `uid` (already in wire form: `""` for the
    /// wildcard), with the message as given, without checking them against Agora's rules.
    pub fn build(
        creds: &Credentials,
        channel: &str,
        uid: &str,
        message: &Message,
    ) -> Result<String> {
        build_body(
            creds,
            channel,
            uid,
            message.salt,
            message.ts,
            message.privileges.as_slice(),
        )
    }
}

/// Signs and encodes a 006 token: `privileges` as `(id, expiry)` in ascending id order.
/// The built-in roles pass a stack array here rather than a [`Message`].
fn build_body(
    creds: &Credentials,
    channel: &str,
    uid: &str,
    salt: u32,
    ts: u32,
    privileges: &[(u16, u32)],
) -> Result<String> {
    // The message first, then its signature, then `str(signature) | u32 crc | u32 crc |
    // str(message)` around it.
    let mut m = Writer::with_capacity(10 + 6 * privileges.len());
    m.u32(salt)
        .u32(ts)
        .len16(privileges.len(), Field::Privileges)?;
    for &(id, expiry) in privileges {
        m.u16(id).u32(expiry);
    }
    let m = m.into_vec();
    let sig = signature(&creds.certificate, creds.app_id.as_str(), channel, uid, &m);
    let mut w = Writer::with_capacity(2 + 32 + 8 + 2 + m.len());
    w.bytes(&sig, Field::Token)?
        .u32(crc32(channel.as_bytes()))
        .u32(crc32(uid.as_bytes()))
        .bytes(&m, Field::Privileges)?;
    let content = w.into_vec();
    let mut out = String::with_capacity(3 + 32 + content.len().div_ceil(3) * 4);
    out.push_str(VERSION);
    out.push_str(creds.app_id.as_str());
    STANDARD.encode_string(&content, &mut out);
    Ok(out)
}

/// Builds a validated 006 RTC token granting the four RTC privileges with their own absolute
/// expiries (join, publish audio, publish video, publish data; 0 = never).
pub fn build_rtc_with_expiries(
    creds: &Credentials,
    channel_name: &str,
    subject: &Subject<'_>,
    expiries: [u32; 4],
    salt: u32,
    ts: u32,
) -> Result<String> {
    crate::validate::channel_name(Field::ChannelName, channel_name)?;
    if let Subject::Account(a) = subject {
        crate::validate::account(Field::Account, a)?;
    }
    crate::validate::salt(salt)?;
    let [join, audio, video, data] = expiries;
    let privileges = [
        (Privilege::JoinChannel.id(), join),
        (Privilege::PublishAudioStream.id(), audio),
        (Privilege::PublishVideoStream.id(), video),
        (Privilege::PublishDataStream.id(), data),
    ];
    build_body(
        creds,
        channel_name,
        &subject.uid_str(),
        salt,
        ts,
        &privileges,
    )
}

/// The explicit inputs of a 006 RTC token (the seed's `RtcTokenBuilder.buildTokenWithUid` /
/// `buildTokenWithAccount`, with salt and ts pinned).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RtcParams<'a> {
    /// The channel name (validated: 1–64 bytes of Agora's set).
    pub channel_name: &'a str,
    /// Who the token is for.
    pub subject: Subject<'a>,
    /// The role, which decides the privileges.
    pub role: Role,
    /// Absolute unix expiry of every granted privilege (0 = never, as in the seed).
    pub privilege_expired_ts: u32,
    /// Salt, 1..=99999999.
    pub salt: u32,
    /// The packed ts (the seed uses now + 24 h).
    pub ts: u32,
}

/// Builds a validated 006 RTC token.
pub fn build_rtc(creds: &Credentials, p: &RtcParams<'_>) -> Result<String> {
    crate::validate::channel_name(Field::ChannelName, p.channel_name)?;
    if let Subject::Account(a) = p.subject {
        crate::validate::account(Field::Account, a)?;
    }
    crate::validate::salt(p.salt)?;
    // The role's privileges (in ascending id order) and a numeric uid formatted on the
    // stack: no allocation besides the token's own. `Role::privileges` lists the same
    // (a unit test compares them).
    let at = p.privilege_expired_ts;
    let join = [(Privilege::JoinChannel.id(), at)];
    let publish = [
        (Privilege::JoinChannel.id(), at),
        (Privilege::PublishAudioStream.id(), at),
        (Privilege::PublishVideoStream.id(), at),
        (Privilege::PublishDataStream.id(), at),
    ];
    let privileges: &[(u16, u32)] = match p.role {
        Role::Subscriber => &join,
        Role::Attendee | Role::Publisher | Role::Admin => &publish,
    };
    let mut digits = itoa::Buffer::new();
    let uid = match p.subject {
        Subject::Uid(0) => "",
        Subject::Uid(n) => digits.format(n),
        Subject::Account(a) => a,
    };
    build_body(creds, p.channel_name, uid, p.salt, p.ts, privileges)
}

/// The explicit inputs of a 006 RTM token (the seed's `RtmTokenBuilder.buildToken`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RtmParams<'a> {
    /// The RTM user id (1–64 bytes).
    pub user_id: &'a str,
    /// Absolute unix expiry of the login privilege (0 = never).
    pub privilege_expired_ts: u32,
    /// Salt, 1..=99999999.
    pub salt: u32,
    /// The packed ts (the seed uses now + 24 h).
    pub ts: u32,
}

/// Builds a validated 006 RTM token: channel := user id, uid := `""`, `{1000: expiry}`.
pub fn build_rtm(creds: &Credentials, p: &RtmParams<'_>) -> Result<String> {
    crate::validate::user_id(Field::UserId, p.user_id)?;
    crate::validate::salt(p.salt)?;
    let privileges = [(Privilege::RtmLogin.id(), p.privilege_expired_ts)];
    build_body(creds, p.user_id, "", p.salt, p.ts, &privileges)
}

/// A parsed 006 token. The channel and uid are only known by their CRCs.
#[derive(Clone, PartialEq, Eq)]
pub struct Token {
    /// The app id, as found in the token.
    pub app_id: String,
    /// The 32-byte signature.
    pub signature: [u8; 32],
    /// CRC-32 of the channel name.
    pub crc_channel_name: u32,
    /// CRC-32 of the uid string.
    pub crc_uid: u32,
    /// Salt, ts and privileges.
    pub message: Message,
    raw_message: Vec<u8>,
}

impl std::fmt::Debug for Token {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Token")
            .field("app_id", &self.app_id)
            .field("crc_channel_name", &self.crc_channel_name)
            .field("crc_uid", &self.crc_uid)
            .field("message", &self.message)
            .finish_non_exhaustive()
    }
}

/// Why a 006 token does not verify.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mismatch {
    /// The token was issued for another app id.
    AppId,
    /// The CRC of the channel name differs: the token is for another channel.
    ChannelName,
    /// The CRC of the uid differs: the token is for another uid or account.
    Uid,
    /// Channel and uid match but the signature does not: most likely another certificate.
    Signature,
}

impl Token {
    /// Parses a 006 token. Any app id text of 32 bytes is accepted, so that tokens can be
    /// inspected whatever produced them.
    pub fn parse(token: &str) -> Result<Self> {
        let rest = token.strip_prefix(VERSION).ok_or_else(|| {
            Error::token(
                ErrorKind::UnsupportedVersion,
                "a 006 token starts with \"006\"",
            )
        })?;
        let (app_id, body) = match (rest.get(..32), rest.get(32..)) {
            (Some(a), Some(b)) => (a, b),
            _ => return Err(Error::truncated("the app id")),
        };
        let content = STANDARD.decode(body).map_err(|_| {
            Error::token(
                ErrorKind::InvalidBase64,
                "the body after the app id is not valid base64",
            )
        })?;
        let mut r = Reader::new(&content);
        let signature = r.signature()?;
        let crc_channel_name = r.u32("the channel CRC")?;
        let crc_uid = r.u32("the uid CRC")?;
        let raw_message = r.bytes("the message")?.to_vec();
        r.finish("the message")?;
        let mut m = Reader::new(&raw_message);
        let salt = m.u32("the salt")?;
        let ts = m.u32("the ts")?;
        let privileges = m.map32("the privileges")?;
        m.finish("the privileges")?;
        Ok(Self {
            app_id: app_id.to_owned(),
            signature,
            crc_channel_name,
            crc_uid,
            message: Message {
                salt,
                ts,
                privileges,
            },
            raw_message,
        })
    }

    /// Checks the token against a certificate and the channel and uid it should be for
    /// (`uid` in wire form: `""` for the wildcard). The signature is compared in constant time.
    pub fn verify(
        &self,
        certificate: &AppCertificate,
        channel: &str,
        uid: &str,
    ) -> Result<(), Mismatch> {
        if crc32(channel.as_bytes()) != self.crc_channel_name {
            return Err(Mismatch::ChannelName);
        }
        if crc32(uid.as_bytes()) != self.crc_uid {
            return Err(Mismatch::Uid);
        }
        let expected = signature(certificate, &self.app_id, channel, uid, &self.raw_message);
        if ct_eq(&expected, &self.signature) {
            Ok(())
        } else {
            Err(Mismatch::Signature)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const APP_ID: &str = "970CA35de60c44645bbae8a215061b33";
    const CERT: &str = "5CFd2fd1755d40ecb72977518be15d3b";
    const CHANNEL: &str = "7d72365eb983485397e3e3f9d460bdda";

    #[test]
    fn role_privileges_fit_the_stack_array_in_id_order() {
        for role in [
            Role::Attendee,
            Role::Publisher,
            Role::Subscriber,
            Role::Admin,
        ] {
            let ids: Vec<u16> = role.privileges().iter().map(|p| p.id()).collect();
            assert!(
                ids.len() <= 4 && ids.windows(2).all(|w| w[0] < w[1]),
                "{role:?}"
            );
        }
    }

    #[test]
    fn build_rtc_equals_the_unvalidated_build_of_the_same_message() {
        let creds = Credentials::new(APP_ID, CERT).unwrap();
        for (role, subject, uid) in [
            (Role::Publisher, Subject::Uid(2_882_341_273), "2882341273"),
            (Role::Subscriber, Subject::Uid(0), ""),
            (Role::Admin, Subject::Account("alice"), "alice"),
        ] {
            let mut m = Message::new(7, 1_111_111);
            for p in role.privileges() {
                m.add(*p, 1_446_455_471);
            }
            let p = RtcParams {
                channel_name: CHANNEL,
                subject,
                role,
                privilege_expired_ts: 1_446_455_471,
                salt: 7,
                ts: 1_111_111,
            };
            assert_eq!(
                build_rtc(&creds, &p).unwrap(),
                unvalidated::build(&creds, CHANNEL, uid, &m).unwrap()
            );
        }
    }

    #[test]
    fn official_vector() {
        let creds = Credentials::new(APP_ID, CERT).unwrap();
        let t = build_rtc(
            &creds,
            &RtcParams {
                channel_name: CHANNEL,
                subject: Subject::Uid(2_882_341_273),
                role: Role::Subscriber,
                privilege_expired_ts: 1_446_455_471,
                salt: 1,
                ts: 1_111_111,
            },
        )
        .unwrap();
        assert_eq!(t, "006970CA35de60c44645bbae8a215061b33IACV0fZUBw+72cVoL9eyGGh3Q6Poi8bgjwVLnyKSJyOXR7dIfRBXoFHlEAABAAAAR/QQAAEAAQCvKDdW");
        let parsed = Token::parse(&t).unwrap();
        assert_eq!(parsed.message.salt, 1);
        assert_eq!(
            parsed.verify(&creds.certificate, CHANNEL, "2882341273"),
            Ok(())
        );
        assert_eq!(
            parsed.verify(&creds.certificate, "other", "2882341273"),
            Err(Mismatch::ChannelName)
        );
        assert_eq!(
            parsed.verify(&creds.certificate, CHANNEL, ""),
            Err(Mismatch::Uid)
        );
        let other = AppCertificate::new("5CFd2fd1755d40ecb72977518be15d3c").unwrap();
        assert_eq!(
            parsed.verify(&other, CHANNEL, "2882341273"),
            Err(Mismatch::Signature)
        );
    }
}
