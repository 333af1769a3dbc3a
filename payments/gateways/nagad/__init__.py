"""Nagad's merchant remote payment gateway (API v-0.2.0): plugin, client and simulator."""
