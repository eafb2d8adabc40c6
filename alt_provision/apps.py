from django.apps import AppConfig


class AltProvisionConfig(AppConfig):
    name = "alt_provision"
