"""The Excel sync bundle between tablets and the office.

Not built yet: the sync issue fills this package. It stays empty rather than pretending."""
