// Generated from the Rust types by src/js/vocab/api.rs (ts-rs; pkg-template/build.sh runs it;
// `cargo test --all-features` fails when this file is not current). Do not edit.
// The options types: each headline export's options (src/js/headline.rs `known`, typed by
// `HeadlineOptions`) and verifyToken's (src/js/reader.rs); the results: the core's serde
// model (src/inspect.rs, src/verify.rs).

/**
 * The token format: `"007"` (AccessToken2, the default) or `"006"` (AccessToken, the
 * seed package's).
 */
export type TokenVersion = "006" | "007";

/** The RTC role of the headline API. */
export type RtcRoleName = "publisher" | "subscriber";

/** The app credentials: both are 32 hexadecimal characters. The certificate is secret. */
export interface Credentials {
    /** The Agora app id (32 hex characters). */
    appId: string;
    /** The app certificate (32 hex characters). Never logged or echoed in errors. */
    appCertificate: string;
}

/** Pins the issue time and salt, for reproducible tokens. */
export interface Reproducible {
    /** Unix time of issue, in seconds (default: now). */
    issuedAt?: number;
    /** Salt, 1..=99999999 (default: random from the platform CSPRNG). */
    salt?: number;
}

/** When a token expires: seconds from issue, or an absolute unix time. Default `{ expiresIn: 3600 }`. */
export type Expiry =
| {
    /**
     * Seconds after the issue time, 1..=1000000000. A unix timestamp here is rejected: use
     * `expiresAt`.
     */
    expiresIn?: number;
    expiresAt?: never;
}
| {
    expiresIn?: never;
    /** Absolute unix time in seconds, after the issue time. */
    expiresAt: number;
};

/** Who an RTC token is for: a uid (0 = any user; a number or a string of decimal digits) or a string account. */
export type RtcUserSpec =
| {
    /** 0..=4294967295 as a number, or its decimal digits as a string. 0 is the wildcard. */
    uid: number | string;
    account?: never;
}
| {
    uid?: never;
    /** A string account, 1..=255 bytes. `"0"` is an account, not the wildcard. */
    account: string;
};

/** Options of `buildRtcToken`. */
export type RtcTokenOptions = Credentials &
Reproducible &
Expiry &
RtcUserSpec & {
    /** 1..=64 bytes of a-z A-Z 0-9 space and !#$%&()+-:;<=.>?@[]^_{}|~, */
    channelName: string;
    /** Default `"subscriber"`. */
    role?: RtcRoleName;
    /** When given, all four privileges are granted with these lifetimes, whatever the role. */
    privileges?: RtcPrivilegeSeconds;
    /** Default `"007"`. */
    version?: TokenVersion;
};

/** Options of `buildRtmToken`. */
export type RtmTokenOptions = Credentials &
Reproducible &
Expiry & {
    /** The RTM user id, 1..=64 bytes. */
    userId: string;
    /** Default `"007"`. */
    version?: TokenVersion;
};

/** Options of the 007 builders that take nothing but credentials and an expiry. */
export type ServiceTokenOptions = Credentials &
Reproducible &
Expiry;

/** Options of `buildChatUserToken`. */
export type ChatUserTokenOptions = Credentials &
Reproducible &
Expiry & {
    /** The Chat user id, 1..=64 bytes. */
    userId: string;
};

/** Options of `buildFpaToken` (FPA tokens always last 24 hours). */
export type FpaTokenOptions = Credentials &
Reproducible;

/** Options of `buildApaasRoomUserToken`. */
export type ApaasRoomUserTokenOptions = Credentials &
Reproducible &
Expiry & {
    /** The APaaS / Education room uuid. */
    roomUuid: string;
    /** The APaaS / Education user uuid. */
    userUuid: string;
    /** The role in the room, an integer in -32768..=32767 (e.g. 1 teacher, 2 student). */
    role: number;
};

/** Options of `buildApaasUserToken`. */
export type ApaasUserTokenOptions = Credentials &
Reproducible &
Expiry & {
    /** The APaaS / Education user uuid. */
    userUuid: string;
};

/** Options of `buildRtcRtmToken`: RTC as `buildRtcToken` (007 only), plus RTM login. */
export type RtcRtmTokenOptions = Credentials &
Reproducible &
Expiry &
RtcUserSpec & {
    /** 1..=64 bytes of a-z A-Z 0-9 space and !#$%&()+-:;<=.>?@[]^_{}|~, */
    channelName: string;
    /** Default `"subscriber"`. */
    role?: RtcRoleName;
    /** When given, all four privileges are granted with these lifetimes, whatever the role. */
    privileges?: RtcPrivilegeSeconds;
    /** The RTM user id (default: the uid's digits or the account). */
    rtmUserId?: string;
    /** RTM login lifetime in seconds (default: the token's). */
    rtmExpiresIn?: number;
};

/** Options of `buildRtmPermissionsToken`. */
export type RtmPermissionsTokenOptions = Credentials &
Reproducible &
Expiry & {
    /** The RTM user id (`""`: any user). */
    userId: string;
    /** RTM2 resource permissions by resource type. */
    permissions: RtmPermissions;
};

/** Options of the generic `buildToken` (007). */
export type MultiServiceTokenOptions = Credentials &
Reproducible &
Expiry & {
    /** 1..=64 services. */
    services: ServiceSpec[];
};

/**
 * What `verifyToken` should check besides the signature: who the client is, and when. Every
 * identity given must be named by the token (a 006 token keeps only the CRC-32 of its
 * channel and uid, so they are compared by CRC).
 */
export interface VerifyExpectations {
    /** The app id the token must carry. */
    appId?: string;
    /**
     * The channel the client joins (RTC, Streaming, FCDN). Required, with uid or account,
     * to check the signature of a 006 RTC token.
     */
    channelName?: string;
    /** The uid the client joins with (a token for uid 0, the wildcard, matches any). */
    uid?: number | string;
    /** The account the client joins with. */
    account?: string;
    /**
     * The uid or account as one text, as a person types it: decimal digits are a uid,
     * anything else an account. Not with `uid` or `account`.
     */
    user?: string;
    /**
     * The RTM, RTM2 or Chat user id the client logs in with. For a 006 RTM token (the
     * seed's `RtmTokenBuilder.buildToken`) it is what the signature covers:
     * `verifyToken(token, cert, { userId: 'alice' })` is valid for alice only.
     */
    userId?: string;
    /** The APaaS / Education room uuid. */
    roomUuid?: string;
    /** The APaaS / Education user uuid. */
    userUuid?: string;
    /** The current unix time (default: now; `null` skips the expiry check). */
    now?: number | null;
    /** Seconds of clock skew tolerated: expired only from `expiresAt + leeway` (default 0). */
    leeway?: number;
}

/** One privilege of a token. */
export interface PrivilegeInfo {
    /** The wire id. */
    id: number;
    /** The privilege's name, or `unknown` if this crate does not know the id. */
    name: string;
    /** 007: seconds after the issue time (0 = as long as the token). Absent for 006. */
    seconds?: number;
    /** Absolute unix expiry (for 007 with 0 seconds: the token's expiry; for 006, 0 = never). */
    expiresAt: number;
}

/** One service of a 007 token (or the privilege set of a 006 token). */
export interface ServiceInfo {
    /** The wire type number (1–10). */
    type: number;
    /** The type name: `rtc`, `rtm`, `streaming`, `fpa`, `chat`, `fcdn`, `apaas`, `rtm2`, `convoai`, `stt`. */
    typeName: ServiceName;
    /**
     * The service's text fields by camelCase name (`channelName`, `uid`, `userId`, …), in
     * wire order.
     */
    fields: Record<string, string>;
    /** APaaS: the role. */
    role?: number;
    /** RTM2: resource type → permission type → resources, in wire order. */
    permissions?: Record<string, Record<string, string[]>>;
    /** The privileges. */
    privileges: Array<PrivilegeInfo>;
}

/** A description of a token. */
export interface TokenInfo {
    /** `"006"` or `"007"`. */
    version: TokenVersion;
    /** The app id found in the token. */
    appId: string;
    /** 007: unix issue time. Absent for 006. */
    issuedAt?: number;
    /** 007: lifetime in seconds. Absent for 006. */
    expire?: number;
    /** Unix expiry: 007 `issuedAt + expire`; 006 the latest privilege expiry (0 = never). */
    expiresAt: number;
    /** The salt. */
    salt: number;
    /** 006: the packed ts. Absent for 007. */
    ts?: number;
    /** 006: CRC-32 of the channel name. */
    crcChannelName?: number;
    /** 006: CRC-32 of the uid string. */
    crcUid?: number;
    /** The services (for 006, one pseudo-service `rtc` or `rtm` with the privileges). */
    services: Array<ServiceInfo>;
    /**
     * Whether the token had expired at the time given to `inspect` (`inspectToken`'s
     * `now`); absent when no time was given.
     */
    expired?: boolean;
    /** Things that are valid but probably not meant. */
    warnings: TokenWarning[];
}

/** A field an identity mismatch names. */
export type MismatchField = "channelName" | "uid" | "account" | "userId" | "roomUuid" | "userUuid";

/** An identity the caller expects that the token does not name. */
export interface IdentityMismatch {
    /**
     * The type name of the service that names another value (`rtc`, `rtm`, …); absent when
     * no service of the token names this field.
     */
    service?: ServiceName;
    /** The field (`channelName`, `uid`, `account`, `userId`, `roomUuid`, `userUuid`). */
    field: MismatchField;
    /** What the caller expects. */
    expected: string;
    /**
     * What the token names; absent for 006, which keeps only CRC-32s, or when no service
     * names the field.
     */
    found?: string;
    /** A sentence describing the difference. */
    message: string;
}

/** The outcome of `verify` and `check` (`verifyToken`). */
export interface Verification {
    /** Whether the token is acceptable: the signature holds and nothing expected differs. */
    valid: boolean;
    /**
     * Whether the signature holds; `None` (`null` in the JSON) when it could not be
     * checked.
     */
    signatureValid: boolean | null;
    /**
     * Which of the certificates given to `verify_any` (`verifyToken`) signed the token,
     * by position (0: the first); absent when none did or the signature was not checked.
     */
    certificate?: number;
    /** Whether the token has expired (absent without a current time). */
    expired?: boolean;
    /** The most likely reason it would be refused, if it would. */
    reason?: RefusalReason;
    /** A sentence explaining `reason`. */
    message?: string;
    /**
     * For `Reason::Malformed` (`MALFORMED`): the stable code of the parse error, such as
     * `PAYLOAD_TOO_LARGE` or `INVALID_BASE64` (the same code `inspect()`
     * (`inspectToken`) fails with).
     */
    code?: ErrorCode;
    /**
     * What is valid but probably not meant: the token's own warnings, and
     * `Warning::IdentityMismatch` (`IDENTITY_MISMATCH`) when an expected identity differs.
     */
    warnings: TokenWarning[];
    /** Each expected identity the token does not name. */
    mismatches: Array<IdentityMismatch>;
    /** The token's description, when it could be parsed. */
    token?: TokenInfo;
}

/** Every error this package throws for bad input: `message` is `field: rule` (src/js/error.rs). */
export interface AgoraTokenError extends Error {
    code: ErrorCode;
    /** The field at fault, in camelCase (`appId`, `uid`, …). */
    field: string;
}

/** Builds an RTC token (007 by default, or 006) from one options object. */
export declare function buildRtcToken(options: RtcTokenOptions): string;

/** Builds an RTM token (007 by default, or 006) from one options object. */
export declare function buildRtmToken(options: RtmTokenOptions): string;

/** Builds a 007 Chat app token: `Chat(""){app}`. */
export declare function buildChatAppToken(options: ServiceTokenOptions): string;

/** Builds a 007 Chat user token: `Chat(userId){user}`. */
export declare function buildChatUserToken(options: ChatUserTokenOptions): string;

/** Builds a 007 FPA token (24 hours, as the official builder does). */
export declare function buildFpaToken(options: FpaTokenOptions): string;

/** Builds a 007 APaaS / Education app token: `APaaS("", "", -1){app}`. */
export declare function buildApaasAppToken(options: ServiceTokenOptions): string;

/**
 * Builds a 007 APaaS / Education room-user token: APaaS{roomUser} + RTM{login} +
 * Chat(md5(userUuid)){user}.
 */
export declare function buildApaasRoomUserToken(options: ApaasRoomUserTokenOptions): string;

/** Builds a 007 APaaS / Education user token: `APaaS("", userUuid, -1){user}`. */
export declare function buildApaasUserToken(options: ApaasUserTokenOptions): string;

/**
 * Builds a 007 RTC + RTM token (`buildTokenWithRtm2`): the RTC options of
 * `buildRtcToken`, plus the RTM user id (default: the uid or account) and its lifetime
 * (default: the token's).
 */
export declare function buildRtcRtmToken(options: RtcRtmTokenOptions): string;

/**
 * Builds a 007 RTM token with resource permissions (service 8,
 * `buildTokenWithPermissions`).
 */
export declare function buildRtmPermissionsToken(options: RtmPermissionsTokenOptions): string;

/** Builds a 007 token with any services: `{ appId, appCertificate, services: [...] }`. */
export declare function buildToken(options: MultiServiceTokenOptions): string;
