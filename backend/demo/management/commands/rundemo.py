"""`manage.py rundemo [addr:port]`: the demo server with every payment gateway's simulator.

Starts the simulators on loopback, turns the gateways on in the demo channel pointed at them
(PUBLIC_URL becomes this server's address, so gateways call back here), then serves the API
with Django's development server (no autoreload: the simulators live in this process).
"""

from __future__ import annotations

import signal
import sys
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from backend.channels.models import Channel
from backend.demo.payments import configure_gateways, start_simulators


class Command(BaseCommand):
    help = "Serve the demo with every payment gateway's simulator."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("addrport", nargs="?", default="127.0.0.1:8000")

    def handle(self, *args: Any, **options: Any) -> None:
        # Stopped by SIGTERM as by Ctrl-C: the simulators and localstripe stop with the server.
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
        addrport = options["addrport"]
        settings.PUBLIC_URL = f"http://{addrport}"
        channel = Channel.objects.get(slug=settings.DEFAULT_CHANNEL_SLUG)
        running = start_simulators(channel.slug)
        try:
            enabled = configure_gateways(channel, running)
            for plugin_id, simulator in running.simulators.items():
                self.stdout.write(f"  {plugin_id}: simulator on {simulator.base_url}")
            self.stdout.write(f"Payment gateways on in {channel.slug}: {', '.join(enabled)}")
            call_command("runserver", addrport, use_reloader=False)
        finally:
            running.stop()
