"""Migration operations that keep one migration history working on both PostgreSQL and SQLite."""

from django.db.migrations.operations.base import Operation


class PostgresOnly(Operation):
    """Apply an operation's state everywhere but run its SQL only on PostgreSQL.

    GIN and trigram indexes are PostgreSQL features; SQLite (the zero-services default) cannot create them,
    yet the model state must match on both so that `makemigrations --check` stays clean.
    """

    reversible = True

    def __init__(self, operation):
        self.operation = operation

    def deconstruct(self):
        return (self.__class__.__qualname__, [self.operation], {})

    def state_forwards(self, app_label, state):
        self.operation.state_forwards(app_label, state)

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            self.operation.database_forwards(app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            self.operation.database_backwards(app_label, schema_editor, from_state, to_state)

    def describe(self):
        return f"(PostgreSQL only) {self.operation.describe()}"
