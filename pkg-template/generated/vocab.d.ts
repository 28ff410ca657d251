// Generated from the Rust core by src/js/vocab.rs (pkg-template/build.sh runs it;
// `cargo test --all-features` fails when this file is not current). Do not edit.

/** A 007 service type, by its name in the core. */
export type ServiceName = "rtc" | "rtm" | "streaming" | "fpa" | "chat" | "fcdn" | "apaas" | "rtm2" | "convoai" | "stt";

/** The stable codes of thrown errors (`error.code`). */
export type ErrorCode = "INVALID_APP_ID" | "INVALID_APP_CERTIFICATE" | "INVALID_CHANNEL_NAME" | "INVALID_UID" | "INVALID_FIELD" | "FIELD_TOO_LONG" | "INVALID_SALT" | "INVALID_EXPIRY" | "INVALID_ROLE" | "NO_SERVICES" | "UNSUPPORTED_VERSION" | "INVALID_BASE64" | "INVALID_COMPRESSION" | "PAYLOAD_TOO_LARGE" | "TRUNCATED_TOKEN" | "MALFORMED_TOKEN" | "PLATFORM_UNAVAILABLE";

/** Something valid but probably unintended (`inspectToken`, `verifyToken`). */
export type TokenWarning = "EXPIRED" | "WILDCARD_UID" | "PRIVILEGE_OUTLIVES_TOKEN" | "LOOKS_LIKE_TIMESTAMP" | "IDENTITY_MISMATCH";

/** Why `verifyToken` would refuse a token. */
export type RefusalReason = "MALFORMED" | "SIGNATURE_MISMATCH" | "CHANNEL_AND_UID_REQUIRED" | "APP_ID_MISMATCH" | "CHANNEL_MISMATCH" | "UID_MISMATCH" | "USER_ID_MISMATCH" | "ROOM_MISMATCH" | "EXPIRED" | "SIGNATURE_NOT_CHECKED";

/** An RTM2 resource type. */
export type RtmResourceName = "messageChannels" | "streamChannels" | "groupChannels" | "serverGroups" | "users";

/** An RTM2 permission type. */
export type RtmPermissionName = "read" | "write";

/** Resource names a user may read and write. */
export type RtmPermissionLists = { [P in RtmPermissionName]?: string[] };

/** RTM2 resource permissions by resource type. */
export type RtmPermissions = { [R in RtmResourceName]?: RtmPermissionLists };

/** Lifetimes of the rtc privileges, in seconds after issue (0 or absent = as long as the token). */
export interface RtcPrivilegeSeconds {
    /** Privilege 1. */
    joinChannel?: number;
    /** Privilege 2. */
    publishAudioStream?: number;
    /** Privilege 3. */
    publishVideoStream?: number;
    /** Privilege 4. */
    publishDataStream?: number;
}

/** Lifetimes of the rtm privileges, in seconds after issue (0 or absent = as long as the token). */
export interface RtmPrivilegeSeconds {
    /** Privilege 1. */
    login?: number;
}

/** Lifetimes of the streaming privileges, in seconds after issue (0 or absent = as long as the token). */
export interface StreamingPrivilegeSeconds {
    /** Privilege 1. */
    publishMixStream?: number;
    /** Privilege 2. */
    publishRawStream?: number;
}

/** Lifetimes of the fpa privileges, in seconds after issue (0 or absent = as long as the token). */
export interface FpaPrivilegeSeconds {
    /** Privilege 1. */
    login?: number;
}

/** Lifetimes of the chat privileges, in seconds after issue (0 or absent = as long as the token). */
export interface ChatPrivilegeSeconds {
    /** Privilege 1. */
    user?: number;
    /** Privilege 2. */
    app?: number;
}

/** Lifetimes of the fcdn privileges, in seconds after issue (0 or absent = as long as the token). */
export interface FcdnPrivilegeSeconds {
    /** Privilege 1. */
    publish?: number;
    /** Privilege 2. */
    play?: number;
}

/** Lifetimes of the apaas privileges, in seconds after issue (0 or absent = as long as the token). */
export interface ApaasPrivilegeSeconds {
    /** Privilege 1. */
    roomUser?: number;
    /** Privilege 2. */
    user?: number;
    /** Privilege 3. */
    app?: number;
}

/** Lifetimes of the rtm2 privileges, in seconds after issue (0 or absent = as long as the token). */
export interface Rtm2PrivilegeSeconds {
    /** Privilege 1. */
    login?: number;
}

/** One service of `buildToken`; `privileges` maps privilege names to seconds after issue (0 = as long as the token). */
export type ServiceSpec =
| ({ type: "rtc"; channelName: string; privileges?: RtcPrivilegeSeconds } & RtcUserSpec)
| { type: "rtm"; userId: string; privileges?: RtmPrivilegeSeconds }
| { type: "streaming"; channelName: string; account?: string; privileges?: StreamingPrivilegeSeconds }
| { type: "fpa"; privileges?: FpaPrivilegeSeconds }
| { type: "chat"; userId?: string; privileges?: ChatPrivilegeSeconds }
| { type: "fcdn"; channelName: string; account?: string; privileges?: FcdnPrivilegeSeconds }
| { type: "apaas"; roomUuid?: string; userUuid?: string; role?: number; privileges?: ApaasPrivilegeSeconds }
| { type: "rtm2"; userId?: string; permissions?: RtmPermissions; privileges?: Rtm2PrivilegeSeconds }
| { type: "convoai" }
| { type: "stt" };

/** npm agora-token's `Rtm2Permissions` constants: resource and permission type ids. */
export interface Rtm2PermissionConstants {
    readonly kMessageChannels: 0;
    readonly kStreamChannels: 1;
    readonly kGroupChannels: 2;
    readonly kServerGroups: 3;
    readonly kUsers: 4;
    readonly kRead: 0;
    readonly kWrite: 1;
}

/** The core's vocabulary: names and wire ids of services, privileges, RTM2 resources and permissions, error codes, and the codes of the JS boundary (docs/js-boundary.md). */
export interface Vocabulary {
  readonly services: {
    readonly rtc: {
      readonly id: 1;
      readonly fields: readonly ["channelName", "uid"];
      readonly required: readonly ["channelName"];
      readonly privileges: {
        readonly joinChannel: 1;
        readonly publishAudioStream: 2;
        readonly publishVideoStream: 3;
        readonly publishDataStream: 4;
      };
    };
    readonly rtm: {
      readonly id: 2;
      readonly fields: readonly ["userId"];
      readonly required: readonly ["userId"];
      readonly privileges: {
        readonly login: 1;
      };
    };
    readonly streaming: {
      readonly id: 3;
      readonly fields: readonly ["channelName", "account"];
      readonly required: readonly ["channelName"];
      readonly privileges: {
        readonly publishMixStream: 1;
        readonly publishRawStream: 2;
      };
    };
    readonly fpa: {
      readonly id: 4;
      readonly fields: readonly [];
      readonly required: readonly [];
      readonly privileges: {
        readonly login: 1;
      };
    };
    readonly chat: {
      readonly id: 5;
      readonly fields: readonly ["userId"];
      readonly required: readonly [];
      readonly privileges: {
        readonly user: 1;
        readonly app: 2;
      };
    };
    readonly fcdn: {
      readonly id: 6;
      readonly fields: readonly ["channelName", "account"];
      readonly required: readonly ["channelName"];
      readonly privileges: {
        readonly publish: 1;
        readonly play: 2;
      };
    };
    readonly apaas: {
      readonly id: 7;
      readonly fields: readonly ["roomUuid", "userUuid", "role"];
      readonly required: readonly [];
      readonly privileges: {
        readonly roomUser: 1;
        readonly user: 2;
        readonly app: 3;
      };
    };
    readonly rtm2: {
      readonly id: 8;
      readonly fields: readonly ["userId", "permissions"];
      readonly required: readonly [];
      readonly privileges: {
        readonly login: 1;
      };
    };
    readonly convoai: {
      readonly id: 9;
      readonly fields: readonly [];
      readonly required: readonly [];
      readonly privileges: {};
    };
    readonly stt: {
      readonly id: 10;
      readonly fields: readonly [];
      readonly required: readonly [];
      readonly privileges: {};
    };
  };
  readonly rtm2Resources: {
    readonly messageChannels: 0;
    readonly streamChannels: 1;
    readonly groupChannels: 2;
    readonly serverGroups: 3;
    readonly users: 4;
  };
  readonly rtm2Permissions: {
    readonly read: 0;
    readonly write: 1;
  };
  readonly errorCodes: readonly ["INVALID_APP_ID", "INVALID_APP_CERTIFICATE", "INVALID_CHANNEL_NAME", "INVALID_UID", "INVALID_FIELD", "FIELD_TOO_LONG", "INVALID_SALT", "INVALID_EXPIRY", "INVALID_ROLE", "NO_SERVICES", "UNSUPPORTED_VERSION", "INVALID_BASE64", "INVALID_COMPRESSION", "PAYLOAD_TOO_LARGE", "TRUNCATED_TOKEN", "MALFORMED_TOKEN", "PLATFORM_UNAVAILABLE"];
  readonly errors: {
    readonly invalidAppId: "INVALID_APP_ID";
    readonly invalidAppCertificate: "INVALID_APP_CERTIFICATE";
    readonly invalidChannelName: "INVALID_CHANNEL_NAME";
    readonly invalidUid: "INVALID_UID";
    readonly invalidField: "INVALID_FIELD";
    readonly fieldTooLong: "FIELD_TOO_LONG";
    readonly invalidSalt: "INVALID_SALT";
    readonly invalidExpiry: "INVALID_EXPIRY";
    readonly invalidRole: "INVALID_ROLE";
    readonly noServices: "NO_SERVICES";
    readonly unsupportedVersion: "UNSUPPORTED_VERSION";
    readonly invalidBase64: "INVALID_BASE64";
    readonly invalidCompression: "INVALID_COMPRESSION";
    readonly payloadTooLarge: "PAYLOAD_TOO_LARGE";
    readonly truncatedToken: "TRUNCATED_TOKEN";
    readonly malformedToken: "MALFORMED_TOKEN";
    readonly platformUnavailable: "PLATFORM_UNAVAILABLE";
  };
  readonly boundary: {
    readonly user: {
      readonly uid: 0;
      readonly uidText: 1;
      readonly account: 2;
      readonly none: 3;
      readonly text: 4;
      readonly uidOrAccount: 5;
    };
    readonly life: {
      readonly asGiven: 0;
      readonly expiresIn: 1;
      readonly expiresAt: 2;
      readonly default: 3;
    };
    readonly preset: {
      readonly rtc: 0;
      readonly rtcPrivileges: 1;
      readonly rtcRtm: 2;
      readonly rtcRtm2: 3;
      readonly rtm: 4;
      readonly chatUser: 5;
      readonly chatApp: 6;
      readonly fpa: 7;
      readonly apaasRoomUser: 8;
      readonly apaasUser: 9;
      readonly apaasApp: 10;
      readonly convoai: 11;
      readonly stt: 12;
    };
  };
}

/** The core's vocabulary (frozen). */
export declare const vocabulary: Vocabulary;
