// The API of agora-token-wasm (pkg-template/js/), for every entry point; the readers'
// functions are in readers.d.ts (the main entry only).

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
    /** Seconds after the issue time, 1..=1000000000. A unix timestamp here is rejected: use `expiresAt`. */
    expiresIn?: number;
    expiresAt?: never;
}
| {
    expiresIn?: never;
    /** Absolute unix time in seconds, after the issue time. */
    expiresAt: number;
};

/** The token format: `"007"` (AccessToken2, default) or `"006"` (AccessToken, the seed package's). */
export type TokenVersion = "007" | "006";

/** The RTC role of the headline API. */
export type RtcRoleName = "publisher" | "subscriber";

/** A role of npm agora-token's 007 builders: 1 = publisher, 2 = subscriber. */
export type Role2 = 1 | 2;

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
export type ServiceTokenOptions = Credentials & Reproducible & Expiry;

/** Options of `buildChatUserToken`. */
export type ChatUserTokenOptions = ServiceTokenOptions & {
    /** The Chat user id, 1..=64 bytes. */
    userId: string;
};

/** Options of `buildFpaToken` (FPA tokens always last 24 hours). */
export type FpaTokenOptions = Credentials & Reproducible;

/** Options of `buildApaasRoomUserToken`. */
export type ApaasRoomUserTokenOptions = ServiceTokenOptions & {
    roomUuid: string;
    userUuid: string;
    /** The role in the room (an integer, e.g. 1 teacher, 2 student). */
    role: number;
};

/** Options of `buildApaasUserToken`. */
export type ApaasUserTokenOptions = ServiceTokenOptions & {
    userUuid: string;
};

/** Options of `buildRtcRtmToken`: RTC as `buildRtcToken` (007 only), plus RTM login. */
export type RtcRtmTokenOptions = Credentials &
Reproducible &
Expiry &
RtcUserSpec & {
    channelName: string;
    role?: RtcRoleName;
    privileges?: RtcPrivilegeSeconds;
    /** The RTM user id (default: the uid's digits or the account). */
    rtmUserId?: string;
    /** RTM login lifetime in seconds (default: the token's). */
    rtmExpiresIn?: number;
};

/** The shape of npm agora-token's `Rtm2Permissions`: resource type (0-4) → permission type (0 read, 1 write) → resources. */
export interface Rtm2PermissionsLike {
    details: Record<number, Record<number, string[]>>;
}

/** Options of `buildRtmPermissionsToken`. */
export type RtmPermissionsTokenOptions = ServiceTokenOptions & {
    userId: string;
    permissions: RtmPermissions;
};

/** Options of the generic `buildToken` (007). */
export type MultiServiceTokenOptions = ServiceTokenOptions & {
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

/** A privilege of an inspected token. */
export interface PrivilegeInfo {
    id: number;
    name: string;
    /** 007: seconds after issue (0 = as long as the token). */
    seconds?: number;
    /** Absolute unix expiry (006: 0 = never). */
    expiresAt: number;
}

/** A service of an inspected token. */
export interface ServiceInfo {
    /** The wire type, 1..=10. */
    type: number;
    typeName: ServiceName;
    /** Text fields by name: channelName, uid, userId, account, roomUuid, userUuid. */
    fields: Record<string, string>;
    /** APaaS: the role. */
    role?: number;
    /** RTM2: resource type → permission type → resources. */
    permissions?: Record<string, Record<string, string[]>>;
    privileges: PrivilegeInfo[];
}

/** The description `inspectToken` returns. */
export interface TokenInfo {
    version: TokenVersion;
    appId: string;
    /** 007: unix issue time. */
    issuedAt?: number;
    /** 007: lifetime in seconds. */
    expire?: number;
    /** Unix expiry (006: the latest privilege's; 0 = never). */
    expiresAt: number;
    salt: number;
    /** 006: the packed ts. */
    ts?: number;
    /** 006: CRC-32 of the channel name. */
    crcChannelName?: number;
    /** 006: CRC-32 of the uid string. */
    crcUid?: number;
    services: ServiceInfo[];
    /** Whether the token had expired at `now` (absent when `now` was `null`). */
    expired?: boolean;
    warnings: TokenWarning[];
}


/** An identity the caller expects that the token does not name. */
export interface IdentityMismatch {
    /** The service that names another value (`rtc`, `rtm`, …); absent when none names the field. */
    service?: ServiceName;
    /** The field: channelName, uid, account, userId, roomUuid or userUuid. */
    field: "channelName" | "uid" | "account" | "userId" | "roomUuid" | "userUuid";
    /** What the caller expects. */
    expected: string;
    /** What the token names (absent for 006, which keeps only CRC-32s). */
    found?: string;
    /** A sentence describing the difference. */
    message: string;
}

/** The outcome of `verifyToken`. */
export interface Verification {
    /** The signature holds and nothing expected differs. */
    valid: boolean;
    /** Whether the signature holds (`null` when it could not be checked). */
    signatureValid: boolean | null;
    /**
     * Which of the certificates given to `verifyToken` signed the token, by position in the
     * array (0 for a single certificate); absent when none did.
     */
    certificate?: number;
    /** Whether the token has expired (absent without a time). */
    expired?: boolean;
    /** Why it would be refused. */
    reason?: RefusalReason;
    /** A sentence explaining the reason. */
    message?: string;
    /** For `reason: "MALFORMED"`: the parse error's stable code, such as `PAYLOAD_TOO_LARGE`. */
    code?: ErrorCode;
    /** The token's warnings, and `IDENTITY_MISMATCH` when an expected identity differs. */
    warnings: TokenWarning[];
    /** Each expected identity the token does not name. */
    mismatches: IdentityMismatch[];
    /** The token's description, when it could be parsed. */
    token?: TokenInfo;
}

/** Every error this package throws for bad input: `message` is `field: rule`. */
export interface AgoraTokenError extends Error {
    code: ErrorCode;
    /** The field at fault, in camelCase (`appId`, `uid`, …). */
    field: string;
}



/**
 * The uid of the official-style uid builders: an integer in 0..=4294967295 (0 = any user), or
 * non-empty text, signed as the official packages sign it (`'42'` is the uid 42; `'007'` and
 * `'0'` are those accounts, never the wildcard).
 */
export type Uid = number | string;

/**
 * A user account, or a number, which is that uid (0 = any user): npm agora-token's
 * `string | number`.
 */
export type Account = string | number;

/**
 * An RTM, Chat or APaaS user id, or a number, which is its decimal text (npm
 * agora-token's `string | number`; the number 0 is the empty id, which only RTM2
 * permissions, Chat and the APaaS user token accept).
 */
export type UserId = string | number;

/**
 * 006 RTC tokens, as npm `agora-access-token`'s `RtcTokenBuilder` (and the seed package's).
 * Every method takes an optional last argument `{ issuedAt, salt }`.
 */
export declare class RtcTokenBuilder {
    private constructor();
    /**
     * A 006 RTC token for a uid (a number, 0 = any user; or text, signed as that user).
     * `privilegeExpiredTs` is an absolute unix time (0 = never).
     */
    static buildTokenWithUid(appId: string, appCertificate: string, channelName: string, uid: Uid, role: RtcRole, privilegeExpiredTs: number, reproducible?: Reproducible): string;
    /**
     * A 006 RTC token for a string account (a number is that uid). `privilegeExpiredTs` is
     * an absolute unix time (0 = never).
     */
    static buildTokenWithAccount(appId: string, appCertificate: string, channelName: string, account: Account, role: RtcRole, privilegeExpiredTs: number, reproducible?: Reproducible): string;
}

/** 006 RTM tokens, as npm `agora-access-token`'s `RtmTokenBuilder` (and the seed package's). */
export declare class RtmTokenBuilder {
    private constructor();
    /**
     * A 006 RTM token. `role` must be `RtmRole.Rtm_User`; `privilegeExpiredTs` is an
     * absolute unix time (0 = never).
     */
    static buildToken(appId: string, appCertificate: string, userAccount: UserId, role: RtmRole, privilegeExpiredTs: number, reproducible?: Reproducible): string;
}

/** The RTC roles of npm `agora-token`'s 007 builders. */
export declare const RtcRole2: {
    /** Joins and publishes audio, video and data. */
    readonly PUBLISHER: 1;
    /** Joins only (publishes too unless co-host authentication is enabled for the app). */
    readonly SUBSCRIBER: 2;
};

/**
 * 007 RTC tokens, as npm `agora-token`'s `RtcTokenBuilder`. Lifetimes are seconds from
 * now; every method takes an optional last argument `{ issuedAt, salt }`.
 */
export declare class RtcTokenBuilder2 {
    private constructor();
    // `role` is 1 (`RtcRole2.PUBLISHER`) or 2 (`RtcRole2.SUBSCRIBER`); any other number is an
    // INVALID_ROLE error. It is typed `number`, as in npm agora-token, so that its calls compile.
    /**
     * RTC for a uid (a number, 0 = any user; or text, signed as that user): join for
     * `privilegeExpire` seconds (default 0 = as long as the token), and publish too for
     * `PUBLISHER`.
     */
    static buildTokenWithUid(appId: string, appCertificate: string, channelName: string, uid: Uid, role: number, tokenExpire: number, privilegeExpire?: number, reproducible?: Reproducible): string;
    /** RTC for a string account (a number is that uid); otherwise as `buildTokenWithUid`. */
    static buildTokenWithUserAccount(appId: string, appCertificate: string, channelName: string, account: Account, role: number, tokenExpire: number, privilegeExpire?: number, reproducible?: Reproducible): string;
    /** RTC for a uid with all four privileges, each with its own lifetime. */
    static buildTokenWithUidAndPrivilege(appId: string, appCertificate: string, channelName: string, uid: Uid, tokenExpire: number, joinChannelPrivilegeExpire: number, pubAudioPrivilegeExpire: number, pubVideoPrivilegeExpire: number, pubDataStreamPrivilegeExpire: number, reproducible?: Reproducible): string;
    /** RTC for an account with all four privileges, each with its own lifetime (npm agora-token's spelling). */
    static BuildTokenWithUserAccountAndPrivilege(appId: string, appCertificate: string, channelName: string, account: Account, tokenExpire: number, joinChannelPrivilegeExpire: number, pubAudioPrivilegeExpire: number, pubVideoPrivilegeExpire: number, pubDataStreamPrivilegeExpire: number, reproducible?: Reproducible): string;
    /** The same as `BuildTokenWithUserAccountAndPrivilege`. */
    static buildTokenWithUserAccountAndPrivilege(appId: string, appCertificate: string, channelName: string, account: Account, tokenExpire: number, joinChannelPrivilegeExpire: number, pubAudioPrivilegeExpire: number, pubVideoPrivilegeExpire: number, pubDataStreamPrivilegeExpire: number, reproducible?: Reproducible): string;
    /** RTC plus RTM login for the same account (RTM needs a non-empty user id). */
    static buildTokenWithRtm(appId: string, appCertificate: string, channelName: string, account: UserId, role: number, tokenExpire: number, privilegeExpire?: number, reproducible?: Reproducible): string;
    /** RTC plus RTM with separate users and lifetimes. */
    static buildTokenWithRtm2(appId: string, appCertificate: string, channelName: string, rtcAccount: Account, rtcRole: number, rtcTokenExpire: number, joinChannelPrivilegeExpire: number, pubAudioPrivilegeExpire: number, pubVideoPrivilegeExpire: number, pubDataStreamPrivilegeExpire: number, rtmUserId: UserId, rtmTokenExpire: number, reproducible?: Reproducible): string;
}

/** 007 RTM tokens, as npm `agora-token`'s `RtmTokenBuilder`. */
export declare class RtmTokenBuilder2 {
    private constructor();
    /** RTM login for `expire` seconds. */
    static buildToken(appId: string, appCertificate: string, userId: UserId, expire: number, reproducible?: Reproducible): string;
    /**
     * RTM login with resource permissions (service 8). `permissions` is an
     * `Rtm2Permissions` (or anything with its `details` shape) or the named form
     * `{ messageChannels: { read: [...] }, … }`. The user id 0 or `""` is any user.
     */
    static buildTokenWithPermissions(appId: string, appCertificate: string, userId: UserId, permissions: Rtm2PermissionsLike | RtmPermissions, expire: number, reproducible?: Reproducible): string;
}

/**
 * RTM2 resource permissions, as npm `agora-token`'s `Rtm2Permissions`. The names are
 * checked when the token is built.
 */
export interface Rtm2Permissions extends Rtm2PermissionsLike {
    /** Resource type → permission type → resource names. */
    details: { [resourceType: number]: { [permissionType: number]: string[] } };
    /** Sets the resources of one resource and permission type (replacing any before). */
    add(resourceType: number, permissionType: number, resources: Iterable<string> | ArrayLike<string>): void;
}
/** The class, with npm agora-token's constants (`kMessageChannels` … `kUsers`, `kRead`, `kWrite`). */
export declare const Rtm2Permissions: Rtm2PermissionConstants & {
    new (): Rtm2Permissions;
    readonly prototype: Rtm2Permissions;
};

/** 007 Chat tokens, as npm `agora-token`'s `ChatTokenBuilder`. */
export declare class ChatTokenBuilder2 {
    private constructor();
    /** A Chat user token for `expire` seconds. */
    static buildUserToken(appId: string, appCertificate: string, userId: UserId, expire: number, reproducible?: Reproducible): string;
    /** A Chat app token for `expire` seconds. */
    static buildAppToken(appId: string, appCertificate: string, expire: number, reproducible?: Reproducible): string;
}

/** 007 FPA tokens, as npm `agora-token`'s `FpaTokenBuilder` (24 hours). */
export declare class FpaTokenBuilder2 {
    private constructor();
    /** An FPA login token for 24 hours. */
    static buildToken(appId: string, appCertificate: string, reproducible?: Reproducible): string;
}

/** 007 APaaS tokens, as npm `agora-token`'s `ApaasTokenBuilder`. */
export declare class ApaasTokenBuilder2 {
    private constructor();
    /** A room-user token: APaaS{roomUser} + RTM{login} + Chat(md5(userUuid)){user}. `role` is an i16. */
    static buildRoomUserToken(appId: string, appCertificate: string, roomUuid: string, userUuid: UserId, role: number, expire: number, reproducible?: Reproducible): string;
    /** A user token: APaaS("", userUuid){user}. */
    static buildUserToken(appId: string, appCertificate: string, userUuid: UserId, expire: number, reproducible?: Reproducible): string;
    /** An app token: APaaS{app}. */
    static buildAppToken(appId: string, appCertificate: string, expire: number, reproducible?: Reproducible): string;
}

/** 007 Education (Flexible Classroom) tokens, as npm `agora-token`'s `EducationTokenBuilder` (the same tokens as APaaS). */
export declare class EducationTokenBuilder2 {
    private constructor();
    /** A room-user token: APaaS{roomUser} + RTM{login} + Chat(md5(userUuid)){user}. `role` is an i16. */
    static buildRoomUserToken(appId: string, appCertificate: string, roomUuid: string, userUuid: UserId, role: number, expire: number, reproducible?: Reproducible): string;
    /** A user token: APaaS("", userUuid){user}. */
    static buildUserToken(appId: string, appCertificate: string, userUuid: UserId, expire: number, reproducible?: Reproducible): string;
    /** An app token: APaaS{app}. */
    static buildAppToken(appId: string, appCertificate: string, expire: number, reproducible?: Reproducible): string;
}

/** 007 RTC + RTM + ConvoAI tokens, as npm `agora-token`'s `ConvoAITokenBuilder`. */
export declare class ConvoAITokenBuilder2 {
    private constructor();
    /** RTC (join; publish too for `PUBLISHER`) + RTM login + ConvoAI. */
    static buildToken(appId: string, appCertificate: string, channelName: string, rtcAccount: Account, rtcRole: number, rtcTokenExpire: number, joinChannelPrivilegeExpire: number, pubAudioPrivilegeExpire: number, pubVideoPrivilegeExpire: number, pubDataStreamPrivilegeExpire: number, rtmUserId: UserId, rtmTokenExpire: number, reproducible?: Reproducible): string;
}

/** 007 RTC + RTM + STT tokens, as npm `agora-token`'s `SttTokenBuilder`. */
export declare class SttTokenBuilder2 {
    private constructor();
    /** RTC (join; publish too for `PUBLISHER`) + RTM login + STT. */
    static buildToken(appId: string, appCertificate: string, channelName: string, rtcAccount: Account, rtcRole: number, rtcTokenExpire: number, joinChannelPrivilegeExpire: number, pubAudioPrivilegeExpire: number, pubVideoPrivilegeExpire: number, pubDataStreamPrivilegeExpire: number, rtmUserId: UserId, rtmTokenExpire: number, reproducible?: Reproducible): string;
}

/** The 006 RTC roles of npm `agora-access-token` (and the seed package). */
export declare enum RtcRole {
    /** Deprecated: the same privileges as `PUBLISHER`. */
    ATTENDEE = 0,
    /** Joins and publishes audio, video and data. */
    PUBLISHER = 1,
    /** Joins only (publishes too unless hosting-in authentication is enabled for the app). */
    SUBSCRIBER = 2,
    /** Deprecated: the same privileges as `PUBLISHER`. */
    ADMIN = 101,
}

/** The 006 RTM role of npm `agora-access-token` (and the seed package). */
export declare enum RtmRole {
    /** The only RTM role. */
    Rtm_User = 1,
}

/**
 * Builds a 007 APaaS / Education app token: `APaaS("", "", -1){app}`.
 */
export declare function buildApaasAppToken(options: ServiceTokenOptions): string;

/**
 * Builds a 007 APaaS / Education room-user token: APaaS{roomUser} + RTM{login} +
 * Chat(md5(userUuid)){user}.
 */
export declare function buildApaasRoomUserToken(options: ApaasRoomUserTokenOptions): string;

/**
 * Builds a 007 APaaS / Education user token: `APaaS("", userUuid, -1){user}`.
 */
export declare function buildApaasUserToken(options: ApaasUserTokenOptions): string;

/**
 * Builds a 007 Chat app token: `Chat(""){app}`.
 */
export declare function buildChatAppToken(options: ServiceTokenOptions): string;

/**
 * Builds a 007 Chat user token: `Chat(userId){user}`.
 */
export declare function buildChatUserToken(options: ChatUserTokenOptions): string;

/**
 * Builds a 007 FPA token (24 hours, as the official builder does).
 */
export declare function buildFpaToken(options: FpaTokenOptions): string;

/**
 * Builds a 007 RTC + RTM token (`buildTokenWithRtm2`): the RTC options of
 * `buildRtcToken`, plus the RTM user id (default: the uid or account) and its lifetime
 * (default: the token's).
 */
export declare function buildRtcRtmToken(options: RtcRtmTokenOptions): string;

/**
 * Builds an RTC token (007 by default, or 006) from one options object.
 */
export declare function buildRtcToken(options: RtcTokenOptions): string;

/**
 * Builds a 007 RTM token with resource permissions (service 8,
 * `buildTokenWithPermissions`).
 */
export declare function buildRtmPermissionsToken(options: RtmPermissionsTokenOptions): string;

/**
 * Builds an RTM token (007 by default, or 006) from one options object.
 */
export declare function buildRtmToken(options: RtmTokenOptions): string;

/**
 * Builds a 007 token with any services: `{ appId, appCertificate, services: [...] }`.
 */
export declare function buildToken(options: MultiServiceTokenOptions): string;
