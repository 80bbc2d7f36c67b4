"""Use cases: one function per user action. Each takes a Session as its first argument, validates with the
domain rules, writes (with an audit event) and returns plain values. These are the only writers."""
