"""Type stubs of agora_token (the extension module agora_token._native, re-exported)."""

from typing import Any, Dict, Final, Iterable, List, Literal, Optional, Sequence, Union

__all__: list[str]

Role_Attendee: Final[int]
Role_Publisher: Final[int]
Role_Subscriber: Final[int]
Role_Admin: Final[int]
Role_Rtm_User: Final[int]

class TokenError(ValueError):
    """Invalid input or an unreadable token."""

    code: str
    """The core's stable code, such as ``INVALID_UID``."""
    field: str
    """The argument at fault, in snake_case (``channel_name``, ``uid``, ``token``, ...)."""
    message: str
    """The rule that was broken, without the field name."""

# ---- the seed's API (agora-token-builder 1.0.0): AccessToken 006 ---------------------------

class RtcTokenBuilder:
    @staticmethod
    def buildTokenWithUid(
        appId: str,
        appCertificate: str,
        channelName: str,
        uid: Union[int, str],
        role: int,
        privilegeExpiredTs: int,
        *,
        issued_at: Optional[int] = None,
        salt: Optional[int] = None,
    ) -> str: ...
    @staticmethod
    def buildTokenWithAccount(
        appId: str,
        appCertificate: str,
        channelName: str,
        account: Union[str, int],
        role: int,
        privilegeExpiredTs: int,
        *,
        issued_at: Optional[int] = None,
        salt: Optional[int] = None,
    ) -> str: ...

class RtmTokenBuilder:
    @staticmethod
    def buildToken(
        appId: str,
        appCertificate: str,
        userAccount: str,
        role: int,
        privilegeExpiredTs: int,
        *,
        issued_at: Optional[int] = None,
        salt: Optional[int] = None,
    ) -> str: ...

# ---- Agora's python3 007 builders (agoraiotools 0.3.4) -------------------------------------

class RtcTokenBuilder2:
    @staticmethod
    def build_token_with_uid(
        app_id: str,
        app_certificate: str,
        channel_name: str,
        uid: Union[int, str],
        role: int,
        token_expire: int,
        privilege_expire: Optional[int] = None,
        *,
        issued_at: Optional[int] = None,
        salt: Optional[int] = None,
    ) -> str: ...
    @staticmethod
    def build_token_with_user_account(
        app_id: str,
        app_certificate: str,
        channel_name: str,
        account: Union[str, int],
        role: int,
        token_expire: int,
        privilege_expire: Optional[int] = None,
        *,
        issued_at: Optional[int] = None,
        salt: Optional[int] = None,
    ) -> str: ...
    @staticmethod
    def build_token_with_uid_and_privilege(
        app_id: str,
        app_certificate: str,
        channel_name: str,
        uid: Union[int, str],
        token_expire: int,
        join_channel_privilege_expire: int,
        pub_audio_privilege_expire: int,
        pub_video_privilege_expire: int,
        pub_data_stream_privilege_expire: int,
        *,
        issued_at: Optional[int] = None,
        salt: Optional[int] = None,
    ) -> str: ...
    @staticmethod
    def build_token_with_user_account_and_privilege(
        app_id: str,
        app_certificate: str,
        channel_name: str,
        account: Union[str, int],
        token_expire: int,
        join_channel_privilege_expire: int,
        pub_audio_privilege_expire: int,
        pub_video_privilege_expire: int,
        pub_data_stream_privilege_expire: int,
        *,
        issued_at: Optional[int] = None,
        salt: Optional[int] = None,
    ) -> str: ...
    @staticmethod
    def build_token_with_rtm(
        app_id: str,
        app_certificate: str,
        channel_name: str,
        account: Union[str, int],
        role: int,
        token_expire: int,
        privilege_expire: Optional[int] = None,
        *,
        issued_at: Optional[int] = None,
        salt: Optional[int] = None,
    ) -> str: ...
    @staticmethod
    def build_token_with_rtm2(
        app_id: str,
        app_certificate: str,
        channel_name: str,
        rtc_account: Union[str, int],
        rtc_role: int,
        rtc_token_expire: int,
        join_channel_privilege_expire: int,
        pub_audio_privilege_expire: int,
        pub_video_privilege_expire: int,
        pub_data_stream_privilege_expire: int,
        rtm_user_id: str,
        rtm_token_expire: int,
        *,
        issued_at: Optional[int] = None,
        salt: Optional[int] = None,
    ) -> str: ...

class RtmTokenBuilder2:
    @staticmethod
    def build_token(
        app_id: str,
        app_certificate: str,
        user_id: str,
        expire: int,
        *,
        issued_at: Optional[int] = None,
        salt: Optional[int] = None,
    ) -> str: ...
    @staticmethod
    def build_token_with_permissions(
        app_id: str,
        app_certificate: str,
        user_id: str,
        permissions: Union["ServiceRtm2.Permissions", Dict[Any, Dict[Any, Iterable[str]]]],
        expire: int = 0,
        *,
        issued_at: Optional[int] = None,
        salt: Optional[int] = None,
    ) -> str: ...

class ServiceRtm2:
    kServiceType: int
    kPrivilegeLogin: int
    class Permissions:
        kMessageChannels: int
        kStreamChannels: int
        kGroupChannels: int
        kServerGroups: int
        kUsers: int
        kRead: int
        kWrite: int
        details: Dict[int, Dict[int, List[str]]]
        def __init__(self) -> None: ...
        def add(self, resource_type: int, permission_type: int, resources: Iterable[str]) -> None: ...

class ChatTokenBuilder2:
    @staticmethod
    def build_user_token(
        app_id: str,
        app_certificate: str,
        user_id: str,
        expire: int,
        *,
        issued_at: Optional[int] = None,
        salt: Optional[int] = None,
    ) -> str: ...
    @staticmethod
    def build_app_token(
        app_id: str,
        app_certificate: str,
        expire: int,
        *,
        issued_at: Optional[int] = None,
        salt: Optional[int] = None,
    ) -> str: ...

class ApaasTokenBuilder:
    @staticmethod
    def build_room_user_token(
        app_id: str,
        app_certificate: str,
        room_uuid: str,
        user_uuid: str,
        role: int,
        expire: int,
        *,
        issued_at: Optional[int] = None,
        salt: Optional[int] = None,
    ) -> str: ...
    @staticmethod
    def build_user_token(
        app_id: str,
        app_certificate: str,
        user_uuid: str,
        expire: int,
        *,
        issued_at: Optional[int] = None,
        salt: Optional[int] = None,
    ) -> str: ...
    @staticmethod
    def build_app_token(
        app_id: str,
        app_certificate: str,
        expire: int,
        *,
        issued_at: Optional[int] = None,
        salt: Optional[int] = None,
    ) -> str: ...

class EducationTokenBuilder(ApaasTokenBuilder): ...

class FpaTokenBuilder:
    @staticmethod
    def build_token(
        app_id: str,
        app_certificate: str,
        *,
        issued_at: Optional[int] = None,
        salt: Optional[int] = None,
    ) -> str: ...

# ---- the Pythonic API ------------------------------------------------------------------------

def build_rtc_token(
    *,
    app_id: str,
    app_certificate: str,
    channel_name: str,
    uid: Union[int, str, None] = None,
    account: Optional[str] = None,
    role: Optional[Literal["publisher", "subscriber"]] = None,
    expires_in: Optional[int] = None,
    expires_at: Optional[int] = None,
    version: Optional[Literal["007", "006"]] = None,
    issued_at: Optional[int] = None,
    salt: Optional[int] = None,
) -> str: ...
def build_rtm_token(
    *,
    app_id: str,
    app_certificate: str,
    user_id: str,
    expires_in: Optional[int] = None,
    expires_at: Optional[int] = None,
    version: Optional[Literal["007", "006"]] = None,
    issued_at: Optional[int] = None,
    salt: Optional[int] = None,
) -> str: ...
def build_rtm2_token(
    *,
    app_id: str,
    app_certificate: str,
    user_id: str,
    permissions: Union[ServiceRtm2.Permissions, Dict[Any, Dict[Any, Iterable[str]]]],
    expires_in: Optional[int] = None,
    expires_at: Optional[int] = None,
    issued_at: Optional[int] = None,
    salt: Optional[int] = None,
) -> str: ...
def inspect_token(token: str, now: Optional[int] = None) -> Dict[str, Any]: ...
def verify_token(
    token: str,
    app_certificate: Union[str, Sequence[str]],
    *,
    app_id: Optional[str] = None,
    channel_name: Optional[str] = None,
    uid: Union[int, str, None] = None,
    account: Optional[str] = None,
    now: Optional[int] = None,
) -> Dict[str, Any]: ...
