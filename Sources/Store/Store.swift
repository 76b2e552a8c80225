// The SQLite store
