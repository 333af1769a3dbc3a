"""The Celery app: JSON only, tasks discovered in every installed app, eager without a broker."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "backend.settings")

app = Celery("haat")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
