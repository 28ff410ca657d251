//! The 007 compositions of Agora's official builders (`RtcTokenBuilder2`,
//! `RtmTokenBuilder2`, `ChatTokenBuilder2`, `FpaTokenBuilder2`, `ApaasTokenBuilder2`,
//! `EducationTokenBuilder2`, ConvoAI and STT), as functions returning unsigned
//! [`AccessToken2`] claims. Sign them with [`AccessToken2::build`].
//!
//! Every function takes the issue time and salt explicitly through [`Issue`]; use
//! [`Issue::now`](crate::clock::Issue::now) to fill them from the clock and a CSPRNG.

use crate::clock::Issue;
use crate::crypto::md5_hex;
use crate::v007::{
    AccessToken2, Apaas, ApaasPrivilege, Chat, ChatPrivilege, ConvoAi, Fpa, FpaPrivilege,
    Permissions, Privileges, Rtc, RtcPrivilege, Rtm, Rtm2, RtmPrivilege, Stt,
};

pub use crate::rtc::{RtcPrivilegeExpiries, RtcRole, RtcUser};

/// An RTC service granting join, and for a publisher the three publish privileges, each
/// for `privilege_expire` seconds (`withUid` / `withUserAccount`).
pub fn rtc_service(
    channel_name: &str,
    user: &RtcUser,
    role: RtcRole,
    privilege_expire: u32,
) -> Rtc {
    let mut privileges = Privileges::new();
    privileges.insert(RtcPrivilege::JoinChannel, privilege_expire);
    if role == RtcRole::Publisher {
        privileges
            .insert(RtcPrivilege::PublishAudioStream, privilege_expire)
            .insert(RtcPrivilege::PublishVideoStream, privilege_expire)
            .insert(RtcPrivilege::PublishDataStream, privilege_expire);
    }
    Rtc {
        channel_name: channel_name.to_owned(),
        uid: user.wire(),
        privileges,
    }
}

/// An RTC service with the given privileges. When `role` is `None` all four are granted
/// (`…AndPrivilege`); with a role, publish privileges only for a publisher (`withRtm2`).
pub fn rtc_service_with_privileges(
    channel_name: &str,
    user: &RtcUser,
    role: Option<RtcRole>,
    p: &RtcPrivilegeExpiries,
) -> Rtc {
    let mut privileges = Privileges::new();
    privileges.insert(RtcPrivilege::JoinChannel, p.join_channel);
    if role != Some(RtcRole::Subscriber) {
        privileges
            .insert(RtcPrivilege::PublishAudioStream, p.publish_audio)
            .insert(RtcPrivilege::PublishVideoStream, p.publish_video)
            .insert(RtcPrivilege::PublishDataStream, p.publish_data);
    }
    Rtc {
        channel_name: channel_name.to_owned(),
        uid: user.wire(),
        privileges,
    }
}

/// An RTM login service for `seconds`.
pub fn rtm_service(user_id: &str, seconds: u32) -> Rtm {
    Rtm {
        user_id: user_id.to_owned(),
        privileges: [(RtmPrivilege::Login, seconds)].into_iter().collect(),
    }
}

/// RTC by uid or account with a role (`buildTokenWithUid` / `buildTokenWithUserAccount`).
pub fn rtc(
    issue: Issue,
    channel_name: &str,
    user: &RtcUser,
    role: RtcRole,
    token_expire: u32,
    privilege_expire: u32,
) -> AccessToken2 {
    AccessToken2::new(issue.issue_ts, token_expire, issue.salt).with(rtc_service(
        channel_name,
        user,
        role,
        privilege_expire,
    ))
}

/// RTC with per-privilege lifetimes (`buildTokenWithUidAndPrivilege` /
/// `buildTokenWithUserAccountAndPrivilege`): all four privileges, whatever the role.
pub fn rtc_with_privileges(
    issue: Issue,
    channel_name: &str,
    user: &RtcUser,
    token_expire: u32,
    p: &RtcPrivilegeExpiries,
) -> AccessToken2 {
    AccessToken2::new(issue.issue_ts, token_expire, issue.salt).with(rtc_service_with_privileges(
        channel_name,
        user,
        None,
        p,
    ))
}

/// RTC plus RTM for the same account (`buildTokenWithRtm`); RTM login lasts `token_expire`.
pub fn rtc_rtm(
    issue: Issue,
    channel_name: &str,
    account: &RtcUser,
    role: RtcRole,
    token_expire: u32,
    privilege_expire: u32,
) -> AccessToken2 {
    rtc(
        issue,
        channel_name,
        account,
        role,
        token_expire,
        privilege_expire,
    )
    .with(rtm_service(&account.wire(), token_expire))
}

/// The inputs of `buildTokenWithRtm2` (and of the ConvoAI and STT builders).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RtcRtm2 {
    /// The RTC channel.
    pub channel_name: String,
    /// The RTC uid or account.
    pub rtc_user: RtcUser,
    /// The RTC role: publish privileges only for a publisher.
    pub role: RtcRole,
    /// The token lifetime, in seconds.
    pub rtc_token_expire: u32,
    /// The RTC privilege lifetimes.
    pub privileges: RtcPrivilegeExpiries,
    /// The RTM user id.
    pub rtm_user_id: String,
    /// The RTM login lifetime, in seconds.
    pub rtm_token_expire: u32,
}

/// RTC plus RTM with separate lifetimes (`buildTokenWithRtm2`).
pub fn rtc_rtm2(issue: Issue, p: &RtcRtm2) -> AccessToken2 {
    AccessToken2::new(issue.issue_ts, p.rtc_token_expire, issue.salt)
        .with(rtc_service_with_privileges(
            &p.channel_name,
            &p.rtc_user,
            Some(p.role),
            &p.privileges,
        ))
        .with(rtm_service(&p.rtm_user_id, p.rtm_token_expire))
}

/// RTC + RTM + ConvoAI (`ConvoAITokenBuilder.buildToken`).
pub fn convoai(issue: Issue, p: &RtcRtm2) -> AccessToken2 {
    rtc_rtm2(issue, p).with(ConvoAi::default())
}

/// RTC + RTM + STT (`SttTokenBuilder.buildToken`).
pub fn stt(issue: Issue, p: &RtcRtm2) -> AccessToken2 {
    rtc_rtm2(issue, p).with(Stt::default())
}

/// RTM login (`RtmTokenBuilder2.buildToken`): login and token both last `expire`.
pub fn rtm(issue: Issue, user_id: &str, expire: u32) -> AccessToken2 {
    AccessToken2::new(issue.issue_ts, expire, issue.salt).with(rtm_service(user_id, expire))
}

/// RTM login with resource permissions (`buildTokenWithPermissions`, service 8).
pub fn rtm_with_permissions(
    issue: Issue,
    user_id: &str,
    permissions: Permissions,
    expire: u32,
) -> AccessToken2 {
    AccessToken2::new(issue.issue_ts, expire, issue.salt).with(Rtm2 {
        user_id: user_id.to_owned(),
        privileges: [(RtmPrivilege::Login, expire)].into_iter().collect(),
        permissions,
    })
}

/// A Chat user token: `Chat(userId){user: expire}`.
pub fn chat_user(issue: Issue, user_id: &str, expire: u32) -> AccessToken2 {
    AccessToken2::new(issue.issue_ts, expire, issue.salt).with(Chat {
        user_id: user_id.to_owned(),
        privileges: [(ChatPrivilege::User, expire)].into_iter().collect(),
    })
}

/// A Chat app token: `Chat(""){app: expire}`.
pub fn chat_app(issue: Issue, expire: u32) -> AccessToken2 {
    AccessToken2::new(issue.issue_ts, expire, issue.salt).with(Chat {
        user_id: String::new(),
        privileges: [(ChatPrivilege::App, expire)].into_iter().collect(),
    })
}

/// The FPA token lifetime the official builder uses: 24 hours.
pub const FPA_TOKEN_EXPIRE: u32 = 24 * 3600;

/// An FPA token: lifetime 24 h, `FPA{login: 0}`.
pub fn fpa(issue: Issue) -> AccessToken2 {
    AccessToken2::new(issue.issue_ts, FPA_TOKEN_EXPIRE, issue.salt).with(Fpa {
        privileges: [(FpaPrivilege::Login, 0)].into_iter().collect(),
    })
}

/// An APaaS / Education room-user token: `APaaS(room, user, role){roomUser}` +
/// `RTM(user){login}` + `Chat(md5hex(user)){user}`, all for `expire`.
///
/// npm `agora-token` omits the APaaS privilege here; the other references and the
/// official vectors include it, and so does this crate.
pub fn apaas_room_user(
    issue: Issue,
    room_uuid: &str,
    user_uuid: &str,
    role: i16,
    expire: u32,
) -> AccessToken2 {
    AccessToken2::new(issue.issue_ts, expire, issue.salt)
        .with(Apaas {
            room_uuid: room_uuid.to_owned(),
            user_uuid: user_uuid.to_owned(),
            role,
            privileges: [(ApaasPrivilege::RoomUser, expire)].into_iter().collect(),
        })
        .with(rtm_service(user_uuid, expire))
        .with(Chat {
            user_id: md5_hex(user_uuid.as_bytes()),
            privileges: [(ChatPrivilege::User, expire)].into_iter().collect(),
        })
}

/// An APaaS / Education user token: `APaaS("", user, -1){user: expire}`.
pub fn apaas_user(issue: Issue, user_uuid: &str, expire: u32) -> AccessToken2 {
    AccessToken2::new(issue.issue_ts, expire, issue.salt).with(Apaas {
        user_uuid: user_uuid.to_owned(),
        privileges: [(ApaasPrivilege::User, expire)].into_iter().collect(),
        ..Apaas::default()
    })
}

/// An APaaS / Education app token: `APaaS("", "", -1){app: expire}`.
pub fn apaas_app(issue: Issue, expire: u32) -> AccessToken2 {
    AccessToken2::new(issue.issue_ts, expire, issue.salt).with(Apaas {
        privileges: [(ApaasPrivilege::App, expire)].into_iter().collect(),
        ..Apaas::default()
    })
}
