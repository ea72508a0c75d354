"""The head-office server: where every store's records meet (FastAPI, SQLite or PostgreSQL)."""
