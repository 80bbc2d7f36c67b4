"""Safe reading and writing of the workbooks people exchange with the app (templates, the legal library,
the sync bundle's data.xlsx): every user string written as text, every problem found on reading located
by file, sheet, row and column, hostile files (zip bombs, unsafe paths, XML entities, formulas) refused.
Qt-free and database-free; the checklist and sync packages build on it."""
