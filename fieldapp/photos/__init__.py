"""The evidence pipeline: content-addressed photo files. Qt-free and database-free."""
