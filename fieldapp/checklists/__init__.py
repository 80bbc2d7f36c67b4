"""Checklist templates: the model, the built-in templates in resources/checklists, and (later) the
XLSForm-style Excel reader and writer. Qt-free and database-free."""
