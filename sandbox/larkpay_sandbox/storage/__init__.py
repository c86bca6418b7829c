"""The SQLite file: schema, transactions with group commit, paging, idempotency records, outbox."""
