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
