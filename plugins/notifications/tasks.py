"""The send task: thin, takes a message id, safe to run twice (see `delivery.deliver_message`).

It reads the plugin's configuration from `configuration`, not from the hooks in `plugin`: the
hooks schedule this task, so the dependencies point one way (`plugin` -> `tasks` -> `delivery`).
"""

from __future__ import annotations

from celery import shared_task

from .configuration import current_configuration
from .delivery import MAX_ATTEMPTS, DeliveryOutcome, deliver_message

# Attempt n waits base * 2**(n-1) seconds: 30, 60, 120, 240.
RETRY_BACKOFF_SECONDS = 30


@shared_task(bind=True, max_retries=MAX_ATTEMPTS, ignore_result=True)
def send_notification_message_task(self, message_id: int) -> str:
    outcome = deliver_message(message_id, config=current_configuration())
    while outcome is DeliveryOutcome.RETRY and self.request.is_eager:
        # No broker (the demo, tests): nobody would run a delayed retry, so try again now. It
        # ends: every attempt is counted on the row, and the last one marks it failed.
        outcome = deliver_message(message_id, config=current_configuration())
    if outcome is DeliveryOutcome.RETRY:
        raise self.retry(countdown=RETRY_BACKOFF_SECONDS * 2**self.request.retries)
    return outcome.value


@shared_task(ignore_result=True)
def send_notification_messages_task(message_ids: list[int]) -> None:
    """One event's messages (its SMS and e-mail) in one task: one message to the broker per
    event instead of one per message. Each is sent as `send_notification_message_task` sends
    it; one that must be tried again is handed to that task, so it retries on its own."""
    for message_id in message_ids:
        outcome = deliver_message(message_id, config=current_configuration())
        if outcome is DeliveryOutcome.RETRY:
            send_notification_message_task.apply_async(
                args=[message_id], countdown=RETRY_BACKOFF_SECONDS
            )


def enqueue_messages(message_ids: list[int]) -> None:
    """Schedule one event's pending messages (after the commit that wrote them)."""
    if len(message_ids) == 1:
        send_notification_message_task.delay(message_ids[0])
    else:
        send_notification_messages_task.delay(message_ids)
