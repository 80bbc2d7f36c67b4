"""Pure rules on plain values: no I/O, no database, no Qt."""
