"""Rectification notices rendered with ReportLab from plain NoticeData values.

Not built yet: the notices issue fills this package. It stays empty rather than pretending."""
