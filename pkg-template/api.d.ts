// The drop-in classes of agora-token-wasm (pkg-template/js/dropins.js), written by hand, for
// every entry point: npm agora-token's and agora-access-token's positional signatures. The
// options and result types and the headline functions are generated from the Rust types
// (generated/api.d.ts, src/js/vocab/api.rs), the vocabulary from the core
// (generated/vocab.d.ts); the readers' functions are in readers.d.ts (the main entry only).

/** A role of npm agora-token's 007 builders: 1 = publisher, 2 = subscriber. */
export type Role2 = 1 | 2;

/** The shape of npm agora-token's `Rtm2Permissions`: resource type (0-4) → permission type (0 read, 1 write) → resources. */
export interface Rtm2PermissionsLike {
    details: Record<number, Record<number, string[]>>;
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
