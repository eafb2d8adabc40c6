"""Signals other apps listen to, so that people never imports the product apps that keep records about a child."""

from django.dispatch import Signal

# Sent inside the transaction that moves a child to another setting, with child, old_setting and new_setting.
setting_changed = Signal()
