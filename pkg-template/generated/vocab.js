// Generated from the Rust core by src/js/vocab.rs (pkg-template/build.sh runs it;
// `cargo test --all-features` fails when this file is not current). Do not edit.
const VOCABULARY = {
  services: {
    rtc: {
      id: 1,
      fields: ['channelName', 'uid'],
      required: ['channelName'],
      privileges: {
        joinChannel: 1,
        publishAudioStream: 2,
        publishVideoStream: 3,
        publishDataStream: 4
      }
    },
    rtm: {
      id: 2,
      fields: ['userId'],
      required: ['userId'],
      privileges: {
        login: 1
      }
    },
    streaming: {
      id: 3,
      fields: ['channelName', 'account'],
      required: ['channelName'],
      privileges: {
        publishMixStream: 1,
        publishRawStream: 2
      }
    },
    fpa: {
      id: 4,
      fields: [],
      required: [],
      privileges: {
        login: 1
      }
    },
    chat: {
      id: 5,
      fields: ['userId'],
      required: [],
      privileges: {
        user: 1,
        app: 2
      }
    },
    fcdn: {
      id: 6,
      fields: ['channelName', 'account'],
      required: ['channelName'],
      privileges: {
        publish: 1,
        play: 2
      }
    },
    apaas: {
      id: 7,
      fields: ['roomUuid', 'userUuid', 'role'],
      required: [],
      privileges: {
        roomUser: 1,
        user: 2,
        app: 3
      }
    },
    rtm2: {
      id: 8,
      fields: ['userId', 'permissions'],
      required: [],
      privileges: {
        login: 1
      }
    },
    convoai: {
      id: 9,
      fields: [],
      required: [],
      privileges: {}
    },
    stt: {
      id: 10,
      fields: [],
      required: [],
      privileges: {}
    }
  },
  rtm2Resources: {
    messageChannels: 0,
    streamChannels: 1,
    groupChannels: 2,
    serverGroups: 3,
    users: 4
  },
  rtm2Permissions: {
    read: 0,
    write: 1
  },
  errorCodes: ['INVALID_APP_ID', 'INVALID_APP_CERTIFICATE', 'INVALID_CHANNEL_NAME', 'INVALID_UID', 'INVALID_FIELD', 'FIELD_TOO_LONG', 'INVALID_SALT', 'INVALID_EXPIRY', 'INVALID_ROLE', 'NO_SERVICES', 'UNSUPPORTED_VERSION', 'INVALID_BASE64', 'INVALID_COMPRESSION', 'PAYLOAD_TOO_LARGE', 'TRUNCATED_TOKEN', 'MALFORMED_TOKEN', 'PLATFORM_UNAVAILABLE'],
  errors: {
    invalidAppId: 'INVALID_APP_ID',
    invalidAppCertificate: 'INVALID_APP_CERTIFICATE',
    invalidChannelName: 'INVALID_CHANNEL_NAME',
    invalidUid: 'INVALID_UID',
    invalidField: 'INVALID_FIELD',
    fieldTooLong: 'FIELD_TOO_LONG',
    invalidSalt: 'INVALID_SALT',
    invalidExpiry: 'INVALID_EXPIRY',
    invalidRole: 'INVALID_ROLE',
    noServices: 'NO_SERVICES',
    unsupportedVersion: 'UNSUPPORTED_VERSION',
    invalidBase64: 'INVALID_BASE64',
    invalidCompression: 'INVALID_COMPRESSION',
    payloadTooLarge: 'PAYLOAD_TOO_LARGE',
    truncatedToken: 'TRUNCATED_TOKEN',
    malformedToken: 'MALFORMED_TOKEN',
    platformUnavailable: 'PLATFORM_UNAVAILABLE'
  },
  boundary: {
    user: {
      uid: 0,
      uidText: 1,
      account: 2,
      none: 3,
      text: 4
    },
    life: {
      asGiven: 0,
      expiresIn: 1,
      expiresAt: 2,
      default: 3
    },
    now: {
      clock: 0,
      none: 1,
      at: 2
    },
    preset: {
      rtc: 0,
      rtcPrivileges: 1,
      rtcRtm: 2,
      rtcRtm2: 3,
      rtm: 4,
      chatUser: 5,
      chatApp: 6,
      fpa: 7,
      apaasRoomUser: 8,
      apaasUser: 9,
      apaasApp: 10,
      convoai: 11,
      stt: 12
    }
  }
}
