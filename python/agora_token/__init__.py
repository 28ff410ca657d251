"""Agora access tokens (AccessToken 006 and AccessToken2 007) from the agora-token Rust core.

Three APIs over one core:

- the seed's API, PyPI ``agora-token-builder`` 1.0.0 (006): ``RtcTokenBuilder``,
  ``RtmTokenBuilder`` and the ``Role_*`` constants;
- Agora's python3 007 builders, as PyPI ``agoraiotools`` names them: ``RtcTokenBuilder2``,
  ``RtmTokenBuilder2``, ``ChatTokenBuilder2``, ``ApaasTokenBuilder``,
  ``EducationTokenBuilder``, ``FpaTokenBuilder``;
- a Pythonic API: ``build_rtc_token``, ``build_rtm_token``, ``build_rtm2_token``,
  ``inspect_token``, ``verify_token``.

``ServiceRtm2.Permissions`` is the python3 builders' RTM2 permission set, for
``RtmTokenBuilder2.build_token_with_permissions`` and ``build_rtm2_token``.

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
    build_rtm2_token,
    build_rtm_token,
    inspect_token,
    verify_token,
)


class ServiceRtm2:
    """The RTM2 service (type 8) of Agora's python3 ``AccessToken2``: only its
    ``Permissions``, the argument of ``RtmTokenBuilder2.build_token_with_permissions``."""

    kServiceType = 8
    kPrivilegeLogin = 1

    class Permissions:
        """RTM2 resource permissions, as Agora's python3 builder holds them: ``details`` is
        ``{resource_type: {permission_type: [resource, ...]}}``. The core checks the types and
        names when a token is built."""

        kMessageChannels = 0
        kStreamChannels = 1
        kGroupChannels = 2
        kServerGroups = 3
        kUsers = 4

        kRead = 0
        kWrite = 1

        def __init__(self):
            self.details = {}

        def add(self, resource_type, permission_type, resources):
            """Adds, or replaces, the resources of one resource and permission type."""
            self.details.setdefault(resource_type, {})[permission_type] = list(resources)


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
    "ServiceRtm2",
    "TokenError",
    "build_rtc_token",
    "build_rtm2_token",
    "build_rtm_token",
    "inspect_token",
    "verify_token",
]
