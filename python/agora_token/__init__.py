"""Agora access tokens (AccessToken 006 and AccessToken2 007) from the agora-token Rust core.

Three APIs over one core:

- the seed's API, PyPI ``agora-token-builder`` 1.0.0 (006): ``RtcTokenBuilder``,
  ``RtmTokenBuilder`` and the ``Role_*`` constants;
- Agora's python3 007 builders, as PyPI ``agoraiotools`` names them: ``RtcTokenBuilder2``,
  ``RtmTokenBuilder2``, ``ChatTokenBuilder2``, ``ApaasTokenBuilder``,
  ``EducationTokenBuilder``, ``FpaTokenBuilder``;
- a Pythonic API: ``build_rtc_token``, ``build_rtm_token``, ``inspect_token``,
  ``verify_token``.

Invalid input raises ``TokenError`` (a ``ValueError``) with ``code`` and ``field``.
"""

from ._native import (
    ApaasTokenBuilder,
    ChatTokenBuilder2,
    EducationTokenBuilder,
    FpaTokenBuilder,
    Role_Admin,
    Role_Attendee,
    Role_Publisher,
    Role_Rtm_User,
    Role_Subscriber,
    RtcTokenBuilder,
    RtcTokenBuilder2,
    RtmTokenBuilder,
    RtmTokenBuilder2,
    TokenError,
    build_rtc_token,
    build_rtm_token,
    inspect_token,
    verify_token,
)

__all__ = [
    "ApaasTokenBuilder",
    "ChatTokenBuilder2",
    "EducationTokenBuilder",
    "FpaTokenBuilder",
    "Role_Admin",
    "Role_Attendee",
    "Role_Publisher",
    "Role_Rtm_User",
    "Role_Subscriber",
    "RtcTokenBuilder",
    "RtcTokenBuilder2",
    "RtmTokenBuilder",
    "RtmTokenBuilder2",
    "TokenError",
    "build_rtc_token",
    "build_rtm_token",
    "inspect_token",
    "verify_token",
]
