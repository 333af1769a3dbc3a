"""The Celery app: JSON only, tasks discovered in every installed app, eager without a broker.

Settings come from Django's `CELERY_*` (backend/settings.py): with `CELERY_BROKER_URL` unset tasks
run eagerly in the calling process, which is what the demo and most tests use. A worker:

    celery -A backend.celery worker --pool=threads --concurrency=16
    celery -A backend.celery beat          # periodic tasks (below)
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "backend.settings")

app = Celery("haat")
# JSON only (CELERY_TASK_SERIALIZER, CELERY_ACCEPT_CONTENT): a pickle could run code.
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Periodic work for `celery beat`: lost webhook deliveries are enqueued again; checkout stock
# reservations past their time are deleted (they hold nothing once expired: this is tidying).
app.add_periodic_task(
    300.0,
    app.signature("webhook.requeue_stale_deliveries"),
    name="webhook-requeue-stale-deliveries",
)
app.add_periodic_task(
    600.0,
    app.signature("inventory.delete_expired_reservations"),
    name="inventory-delete-expired-reservations",
)
# Checkouts nobody will finish (anonymous 30 days, a customer's 90, empty 6 hours) are deleted.
app.add_periodic_task(
    3600.0,
    app.signature("checkout.delete_expired_checkouts"),
    name="checkout-delete-expired-checkouts",
)
# Payments and refunds whose gateway answer never came (a timeout) are asked about, not resent.
app.add_periodic_task(
    300.0,
    app.signature("payments.settle_pending_transactions"),
    name="payments-settle-pending-transactions",
)
