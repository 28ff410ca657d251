// Generated from the Rust core by src/js/vocab.rs (pkg-template/build.sh runs it;
// `cargo test --all-features` fails when this file is not current). Do not edit.
export const VOCABULARY = Object.freeze({
  services: Object.freeze({
    rtc: Object.freeze({
      id: 1,
      fields: Object.freeze(['channelName', 'uid']),
      required: Object.freeze(['channelName']),
      privileges: Object.freeze({
        joinChannel: 1,
        publishAudioStream: 2,
        publishVideoStream: 3,
        publishDataStream: 4
      })
    }),
    rtm: Object.freeze({
      id: 2,
      fields: Object.freeze(['userId']),
      required: Object.freeze(['userId']),
      privileges: Object.freeze({
        login: 1
      })
    }),
    streaming: Object.freeze({
      id: 3,
      fields: Object.freeze(['channelName', 'account']),
      required: Object.freeze(['channelName']),
      privileges: Object.freeze({
        publishMixStream: 1,
        publishRawStream: 2
      })
    }),
    fpa: Object.freeze({
      id: 4,
      fields: Object.freeze([]),
      required: Object.freeze([]),
      privileges: Object.freeze({
        login: 1
      })
    }),
    chat: Object.freeze({
      id: 5,
      fields: Object.freeze(['userId']),
      required: Object.freeze([]),
      privileges: Object.freeze({
        user: 1,
        app: 2
      })
    }),
    fcdn: Object.freeze({
      id: 6,
      fields: Object.freeze(['channelName', 'account']),
      required: Object.freeze(['channelName']),
      privileges: Object.freeze({
        publish: 1,
        play: 2
      })
    }),
    apaas: Object.freeze({
      id: 7,
      fields: Object.freeze(['roomUuid', 'userUuid', 'role']),
      required: Object.freeze([]),
      privileges: Object.freeze({
        roomUser: 1,
        user: 2,
        app: 3
      })
    }),
    rtm2: Object.freeze({
      id: 8,
      fields: Object.freeze(['userId', 'permissions']),
      required: Object.freeze([]),
      privileges: Object.freeze({
        login: 1
      })
    }),
    convoai: Object.freeze({
      id: 9,
      fields: Object.freeze([]),
      required: Object.freeze([]),
      privileges: Object.freeze({})
    }),
    stt: Object.freeze({
      id: 10,
      fields: Object.freeze([]),
      required: Object.freeze([]),
      privileges: Object.freeze({})
    })
  }),
  rtm2Resources: Object.freeze({
    messageChannels: 0,
    streamChannels: 1,
    groupChannels: 2,
    serverGroups: 3,
    users: 4
  }),
  rtm2Permissions: Object.freeze({
    read: 0,
    write: 1
  }),
  errorCodes: Object.freeze(['INVALID_APP_ID', 'INVALID_APP_CERTIFICATE', 'INVALID_CHANNEL_NAME', 'INVALID_UID', 'INVALID_FIELD', 'FIELD_TOO_LONG', 'INVALID_SALT', 'INVALID_EXPIRY', 'INVALID_ROLE', 'NO_SERVICES', 'UNSUPPORTED_VERSION', 'INVALID_BASE64', 'INVALID_COMPRESSION', 'PAYLOAD_TOO_LARGE', 'TRUNCATED_TOKEN', 'MALFORMED_TOKEN', 'PLATFORM_UNAVAILABLE']),
  errors: Object.freeze({
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
  }),
  boundary: Object.freeze({
    user: Object.freeze({
      uid: 0,
      uidText: 1,
      account: 2,
      none: 3,
      text: 4,
      uidOrAccount: 5
    }),
    life: Object.freeze({
      asGiven: 0,
      expiresIn: 1,
      expiresAt: 2,
      default: 3
    }),
    preset: Object.freeze({
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
    })
  })
})
