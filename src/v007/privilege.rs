//! Typed privileges of the 007 services, and the privilege map each service carries.

use std::fmt;
use std::marker::PhantomData;

use crate::privilege_map::PrivilegeMap;

/// A privilege of one 007 service type: a typed name for a wire id.
pub trait Privilege: Copy + Eq + fmt::Debug + 'static {
    /// Every privilege of the service, in wire order.
    const ALL: &'static [Self];
    /// The wire id.
    fn id(self) -> u16;
    /// The camelCase name used in inspection output.
    fn name(self) -> &'static str;
    /// The privilege with wire id `id`, if the service defines one.
    fn from_id(id: u16) -> Option<Self> {
        Self::ALL.iter().copied().find(|p| p.id() == id)
    }
}

macro_rules! privileges {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $id:literal => $text:literal,)* }) => {
        $(#[$meta])*
        #[non_exhaustive]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)*
        }

        impl Privilege for $name {
            const ALL: &'static [Self] = &[$(Self::$variant,)*];
            fn id(self) -> u16 {
                match self { $(Self::$variant => $id,)* }
            }
            fn name(self) -> &'static str {
                match self { $(Self::$variant => $text,)* }
            }
        }
    };
}

privileges! {
    /// RTC (service 1) privileges.
    RtcPrivilege {
        /// 1: join the channel.
        JoinChannel = 1 => "joinChannel",
        /// 2: publish audio.
        PublishAudioStream = 2 => "publishAudioStream",
        /// 3: publish video.
        PublishVideoStream = 3 => "publishVideoStream",
        /// 4: publish data streams.
        PublishDataStream = 4 => "publishDataStream",
    }
}

privileges! {
    /// RTM (service 2) and RTM2 permissions (service 8) privileges.
    RtmPrivilege {
        /// 1: log in.
        Login = 1 => "login",
    }
}

privileges! {
    /// Streaming (service 3) privileges.
    StreamingPrivilege {
        /// 1: publish a mixed stream.
        PublishMixStream = 1 => "publishMixStream",
        /// 2: publish a raw stream.
        PublishRawStream = 2 => "publishRawStream",
    }
}

privileges! {
    /// FPA (service 4) privileges.
    FpaPrivilege {
        /// 1: log in.
        Login = 1 => "login",
    }
}

privileges! {
    /// Chat (service 5) privileges.
    ChatPrivilege {
        /// 1: act as a user.
        User = 1 => "user",
        /// 2: act as the app.
        App = 2 => "app",
    }
}

privileges! {
    /// FCDN (service 6) privileges.
    FcdnPrivilege {
        /// 1: publish.
        Publish = 1 => "publish",
        /// 2: play.
        Play = 2 => "play",
    }
}

privileges! {
    /// APaaS / Education (service 7) privileges.
    ApaasPrivilege {
        /// 1: a user in a room.
        RoomUser = 1 => "roomUser",
        /// 2: a user.
        User = 2 => "user",
        /// 3: the app.
        App = 3 => "app",
    }
}

/// The privilege type of services that define none (ConvoAI, STT).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NoPrivilege {}

impl Privilege for NoPrivilege {
    const ALL: &'static [Self] = &[];
    fn id(self) -> u16 {
        match self {}
    }
    fn name(self) -> &'static str {
        match self {}
    }
}

/// A service's privileges: privilege → seconds after the issue time (0 = as long as the token).
///
/// Entries are kept by wire id, so a parsed token with a privilege this crate does not
/// name keeps it (see [`Privileges::iter_raw`]).
pub struct Privileges<P> {
    map: PrivilegeMap,
    _kind: PhantomData<P>,
}

impl<P: Privilege> Privileges<P> {
    /// No privileges.
    pub fn new() -> Self {
        Self::from_raw(PrivilegeMap::new())
    }

    pub(crate) fn from_raw(map: PrivilegeMap) -> Self {
        Self {
            map,
            _kind: PhantomData,
        }
    }

    pub(crate) fn raw(&self) -> &PrivilegeMap {
        &self.map
    }

    /// Grants `privilege` for `seconds` after the issue time (0 = as long as the token).
    pub fn insert(&mut self, privilege: P, seconds: u32) -> &mut Self {
        self.map.insert(privilege.id(), seconds);
        self
    }

    /// The seconds granted for `privilege`, if granted.
    pub fn get(&self, privilege: P) -> Option<u32> {
        self.map.get(privilege.id())
    }

    /// The number of entries.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// Whether no privilege is granted.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// Every entry as `(wire id, typed privilege if known, seconds)`, in id order.
    pub fn iter_raw(&self) -> impl Iterator<Item = (u16, Option<P>, u32)> + '_ {
        self.map.iter().map(|(id, s)| (id, P::from_id(id), s))
    }
}

impl<P: Privilege> Default for Privileges<P> {
    fn default() -> Self {
        Self::new()
    }
}

impl<P> Clone for Privileges<P> {
    fn clone(&self) -> Self {
        Self {
            map: self.map.clone(),
            _kind: PhantomData,
        }
    }
}

impl<P> PartialEq for Privileges<P> {
    fn eq(&self, other: &Self) -> bool {
        self.map == other.map
    }
}

impl<P> Eq for Privileges<P> {}

impl<P: Privilege> fmt::Debug for Privileges<P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut m = f.debug_map();
        for (id, p, s) in self.iter_raw() {
            match p {
                Some(p) => m.entry(&p.name(), &s),
                None => m.entry(&id, &s),
            };
        }
        m.finish()
    }
}

impl<P: Privilege> FromIterator<(P, u32)> for Privileges<P> {
    fn from_iter<I: IntoIterator<Item = (P, u32)>>(iter: I) -> Self {
        let mut p = Self::new();
        for (k, v) in iter {
            p.insert(k, v);
        }
        p
    }
}
