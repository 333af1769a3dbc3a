"""Haat: the Django project and its domain apps.

The Celery app is imported here so that `@shared_task` tasks bind to it (and so run eagerly when
no broker is configured) in every process, not only in a worker started with `-A backend.celery`.
"""

from .celery import app as celery_app

__all__ = ("celery_app",)
