"""Persistence: the SQLite engine, typed models, migrations, the unit of work and the outbox."""
