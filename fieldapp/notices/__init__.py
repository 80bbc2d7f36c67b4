"""Rectification notices rendered with ReportLab from plain NoticeData values (data.py): layout and
drawing (render.py), numbering, verification codes and digests, the wording of each kind, print-size photo
copies, and reading a PDF back for `fieldapp verify`. Qt-free and database-free: services gather the data."""
