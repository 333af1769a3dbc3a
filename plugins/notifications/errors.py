"""Why a message was not sent, and whether trying again may help (the task retries only those)."""

from __future__ import annotations


class DeliveryError(Exception):
    """`code` is the provider's code or a short word of ours; the text never holds a secret."""

    retryable = False

    def __init__(self, message: str, *, code: str) -> None:
        super().__init__(message)
        self.code = code


class PermanentDeliveryError(DeliveryError):
    """Sending again will fail the same way: a bad number, a set-up a person must fix."""


class TemporaryDeliveryError(DeliveryError):
    """Network trouble, the provider's own error, an empty balance: worth trying again later."""

    retryable = True
