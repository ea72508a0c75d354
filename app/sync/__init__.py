"""Sync with the head office: the wire protocol, the client and the outbox worker."""
