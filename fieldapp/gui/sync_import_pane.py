"""The Sync page's import: a .fieldsync bundle or a sync workbook is chosen and checked at once by a dry
run, which changes nothing; the preview shows the five counts (new, updated, unchanged, conflicts,
rejected), every change, every conflict (the value kept and the one lost) and every problem, each with its
sheet and row. Apply imports it for real (after a backup of the database) and shows the summary and the
report's path; Cancel forgets the preview. A file that cannot be imported shows its problems and no Apply."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fieldapp.gui.page_kit import BUTTON_HEIGHT, error_label, show_error, touch_table
from fieldapp.gui.row_model import RowTableModel
from fieldapp.gui.sync_kit import CountTile, note_label, path_label, remember_folder, set_tone, start_folder
from fieldapp.gui.sync_models import (
    ChangeLine,
    ChangeTableModel,
    ConflictLine,
    ConflictTableModel,
    ProblemLine,
    ProblemTableModel,
)
from fieldapp.gui.sync_worker import IMPORT, PREVIEW, Progress, SyncRunner
from fieldapp.services.exchange_list import field_label, sheet_label
from fieldapp.services.sync_import import ImportReport, import_file

if TYPE_CHECKING:
    from fieldapp.services.backend import Backend


# The app's own bookkeeping (the operation log, the kept conflicts): listed after the records people read.
BOOKKEEPING = frozenset({"audit_events", "conflicts"})


def change_lines(report: ImportReport) -> list[ChangeLine]:
    """Every change, sheet by sheet in the workbook's order, the bookkeeping last."""
    changes = sorted(report.changes, key=lambda c: c.table in BOOKKEEPING)
    return [
        ChangeLine(
            sheet_label(c.table),
            c.row,
            c.action == "inserted",
            c.edited,
            "、".join(field_label(c.table, key) for key in c.fields),
        )
        for c in changes
    ]


def lost_from_label(lost_from: str) -> str:
    """Where a losing value came from, for people: a device code as it is; an edit made in a workbook
    ("xl-<export>-<save>", the merge's editor name) as such, with the export it was made in."""
    if lost_from.startswith("xl-"):
        export = lost_from[3:].split("-", 1)[0]
        return QCoreApplication.translate("ImportPane", "An edit in the workbook (export %1)").replace(
            "%1", export
        )
    return lost_from


def conflict_lines(report: ImportReport) -> list[ConflictLine]:
    return [
        ConflictLine(
            sheet_label(c.table),
            c.row,
            field_label(c.table, c.field),
            c.kept,
            c.lost,
            lost_from_label(c.lost_from),
        )
        for c in report.conflict_notes
    ]


def problem_lines(report: ImportReport) -> list[ProblemLine]:
    """The file's problems (each names its sheet, row, column and cell), then the records refused."""
    lines = [
        ProblemLine(
            False,
            p.sheet or "",
            p.row,
            f"{p.column} ({p.cell})" if p.column and p.cell else (p.column or ""),
            p.message,
        )
        for p in report.problems
    ]
    lines += [ProblemLine(True, sheet_label(r.table), r.row, "", r.message) for r in report.rejections]
    return lines


class ImportPane(QWidget):
    imported = Signal(object)  # ImportReport: an import was applied (the database changed)

    CHANGES, CONFLICTS, PROBLEMS = range(3)

    def __init__(self, backend: Backend, runner: SyncRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._backend = backend
        self._runner = runner
        self.preview: ImportReport | None = None  # the dry run shown, until applied or cancelled
        self.report: ImportReport | None = None  # what is shown: the preview, or the import's own report

        self.error = error_label()
        self.choose_button = self._button(self.tr("Choose a file…"), "chooseFileButton")
        self.choose_button.clicked.connect(self.choose_file)
        self.file_label = path_label("importFile")
        self.file_label.hide()

        self.progress = QProgressBar()
        self.progress.setObjectName("importProgress")
        self.progress.setRange(0, 0)  # the check and the merge give no counts: busy
        self.progress_label = note_label()
        self.progress_label.setObjectName("importProgressLabel")
        self.progress.hide()
        self.progress_label.hide()

        self.headline = note_label()
        self.headline.setObjectName("syncHeadline")
        self.warnings = note_label()  # what the import noted on the way (columns ignored, photos missing)
        self.warnings.setObjectName("syncWarnings")
        self.warnings.hide()
        self.tiles = {
            "inserted": CountTile(self.tr("New")),
            "updated": CountTile(self.tr("Updated")),
            "unchanged": CountTile(self.tr("Unchanged")),
            "conflicts": CountTile(self.tr("Conflicts")),
            "rejected": CountTile(self.tr("Rejected")),
        }
        self.counts = QWidget()
        counts = QHBoxLayout(self.counts)
        counts.setContentsMargins(0, 0, 0, 0)
        counts.setSpacing(10)
        for name, tile in self.tiles.items():
            tile.setProperty("count", name)
            counts.addWidget(tile, 1)

        self.change_model = ChangeTableModel(self)
        self.conflict_model = ConflictTableModel(self)
        self.problem_model = ProblemTableModel(self)
        self.change_table = self._table("syncChangeTable", self.change_model, (3,))
        self.conflict_table = self._table("syncConflictTable", self.conflict_model, (3, 4))
        self.problem_table = self._table("syncProblemTable", self.problem_model, (4,))
        # Problems are sentences that say where and what: wrapped whole, never cut.
        self.problem_table.setWordWrap(True)
        self.problem_table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.details = QStackedWidget()
        self.details.setObjectName("syncDetails")
        self.detail_group = QButtonGroup(self)
        self.detail_group.setExclusive(True)
        self.detail_buttons: list[QPushButton] = []
        selector = QHBoxLayout()
        selector.setSpacing(8)
        for index, (name, table) in enumerate(
            (
                ("changesTab", self.change_table),
                ("conflictsTab", self.conflict_table),
                ("problemsTab", self.problem_table),
            )
        ):
            button = self._button("", name, checkable=True)
            button.clicked.connect(lambda _checked=False, i=index: self.show_details(i))
            self.detail_group.addButton(button)
            self.detail_buttons.append(button)
            selector.addWidget(button)
            self.details.addWidget(table)
        selector.addStretch(1)
        self.review = QWidget()
        review = QVBoxLayout(self.review)
        review.setContentsMargins(0, 0, 0, 0)
        review.setSpacing(10)
        review.addWidget(self.counts)
        review.addLayout(selector)
        review.addWidget(self.details, 1)
        self.review.hide()

        self.apply_button = self._button(self.tr("Apply"), "primaryButton")
        self.apply_button.setProperty("action", "apply")
        self.apply_button.clicked.connect(self.apply)
        self.cancel_button = self._button(self.tr("Cancel"), "cancelImportButton")
        self.cancel_button.clicked.connect(self.cancel)
        self.result_path = path_label("importResult")
        self.result_path.hide()

        top = QHBoxLayout()
        top.setSpacing(12)
        top.addWidget(self.choose_button)
        top.addWidget(self.file_label, 1)
        actions = QHBoxLayout()
        actions.setSpacing(12)
        actions.addWidget(self.apply_button)
        actions.addWidget(self.cancel_button)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 12, 0, 0)
        layout.setSpacing(10)
        layout.addWidget(self.error)
        layout.addLayout(top)
        layout.addWidget(self.progress)
        layout.addWidget(self.progress_label)
        layout.addWidget(self.headline)
        layout.addWidget(self.warnings)
        layout.addWidget(self.review, 1)
        layout.addWidget(self.result_path)
        layout.addLayout(actions)
        # Keeps the rest at the top while there is no preview; a preview's tables take the room instead.
        self.filler = QWidget()
        layout.addWidget(self.filler, 1)

        runner.started.connect(self._runner_changed)
        runner.finished.connect(self._on_finished)
        runner.failed.connect(self._on_failed)
        runner.cancelled.connect(lambda _kind: self._runner_changed())
        self._show_idle()
        self._runner_changed()

    def _button(self, text: str, name: str, *, checkable: bool = False) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setMinimumHeight(BUTTON_HEIGHT)
        button.setCheckable(checkable)
        return button

    @staticmethod
    def _table(name: str, model: RowTableModel[Any], stretch: Sequence[int]) -> QTableView:
        table = touch_table(name)
        table.setModel(model)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setMinimumSectionSize(64)
        for column in stretch:  # the long texts share what the short ones leave
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        return table

    # -- choosing and checking ------------------------------------------------------------------------

    def choose_file(self) -> bool:
        """Pick a bundle or a workbook, and check it at once (a dry run: nothing changes)."""
        if self._runner.busy:
            return False
        chosen, _filter = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose a sync file to import"),
            start_folder(self._backend),
            self.tr("Sync files (*.fieldsync *.xlsx);;All files (*)"),
        )
        if not chosen:
            return False
        path = Path(chosen)
        remember_folder(self._backend, path.parent)
        return self.check(path)

    def check(self, path: Path) -> bool:
        """The dry run of `path` on the runner; its preview is shown when it is done."""
        if self._runner.busy:
            return False
        show_error(self.error, "")
        self.preview = self.report = None
        self._show_idle()
        self.file_label.setText(str(path))
        self.file_label.show()
        backend = self._backend

        def work(_progress: Progress) -> ImportReport:
            return backend.call(
                import_file,
                path,
                backend.paths.photos,
                dry_run=True,
                report_dir=backend.paths.reports,
            )

        return self._runner.start(PREVIEW, work)

    def apply(self) -> bool:
        """Import the previewed file for real: a backup of the database first, then one transaction."""
        preview = self.preview
        if preview is None or preview.problems or self._runner.busy:
            return False
        show_error(self.error, "")
        backend = self._backend
        path = preview.file

        def work(_progress: Progress) -> ImportReport:
            return backend.call(
                import_file,
                path,
                backend.paths.photos,
                backup=backend.backup,
                report_dir=backend.paths.reports,
            )

        return self._runner.start(IMPORT, work)

    def cancel(self) -> None:
        """Forget the preview: nothing was changed, nothing will be."""
        if self._runner.busy:
            return
        self.preview = self.report = None
        self.file_label.hide()
        self._show_idle()

    # -- showing --------------------------------------------------------------------------------------

    def _show_idle(self) -> None:
        self.headline.setText(
            self.tr(
                "Choose a .fieldsync bundle or a sync workbook (.xlsx). You see what it would change "
                "before anything is changed."
            )
        )
        set_tone(self.headline, "")
        self.warnings.hide()
        self.result_path.hide()
        self._set_room(False)
        self._update_actions()

    def _set_room(self, reviewing: bool) -> None:
        self.review.setVisible(reviewing)
        self.filler.setVisible(not reviewing)

    def show_details(self, index: int) -> None:
        self.detail_buttons[index].setChecked(True)
        self.details.setCurrentIndex(index)

    def _show_report(self, report: ImportReport) -> None:
        self.report = report
        self.file_label.setText(str(report.file))
        self.file_label.show()
        for name, tone in (
            ("inserted", ""),
            ("updated", ""),
            ("unchanged", ""),
            ("conflicts", "warn"),
            ("rejected", "alert"),
        ):
            self.tiles[name].show_count(int(getattr(report, name)), tone)
        changes, conflicts, problems = change_lines(report), conflict_lines(report), problem_lines(report)
        self.change_model.set_rows(changes)
        self.conflict_model.set_rows(conflicts)
        self.problem_model.set_rows(problems)
        for button, text, count in (
            (
                self.detail_buttons[self.CHANGES],
                self.tr("Changes (%1)"),
                len(changes) + report.unlisted_inserts,
            ),
            (self.detail_buttons[self.CONFLICTS], self.tr("Conflicts (%1)"), len(conflicts)),
            (self.detail_buttons[self.PROBLEMS], self.tr("Problems (%1)"), len(problems)),
        ):
            button.setText(text.replace("%1", str(count)))
        self.show_details(self.PROBLEMS if problems else self.CONFLICTS if conflicts else self.CHANGES)
        notes = list(report.warnings)
        unlisted = report.unlisted_inserts
        if unlisted:
            notes.append(
                self.tr("%n more new record(s) are counted but not listed one by one.", "", unlisted)
            )
        self.warnings.setText("\n".join(notes))
        self.warnings.setVisible(bool(notes))
        self._set_room(True)

    def _show_preview(self, report: ImportReport) -> None:
        self.preview = report if not report.problems else None
        self._show_report(report)
        self._show_paths(report)
        if report.problems:
            headline = self.tr(
                "This file cannot be imported: %n problem(s), each named below. Nothing was changed.",
                "",
                len(report.problems),
            )
            tone = "alert"
        elif not report.inserted and not report.updated and not report.rejections:
            headline = self.tr("Nothing would change: every record in this file is here already.")
            tone = "ok"
        else:
            headline = self.tr(
                "Preview: nothing has been changed yet. Apply imports these changes "
                "(a backup of the database is taken first)."
            )
            tone = ""
        self.headline.setText(headline)
        set_tone(self.headline, tone)
        self._update_actions()

    def _show_imported(self, report: ImportReport) -> None:
        self.preview = None
        self._show_report(report)
        if report.applied and report.rejections:
            headline = self.tr(
                "Imported. %n record(s) were rejected and not changed: see Problems.",
                "",
                len(report.rejections),
            )
            tone = "alert"
        elif report.applied:
            headline = self.tr("Imported.")
            tone = "ok"
        else:
            headline = self.tr("Nothing was imported: the file has problems, each named below.")
            tone = "alert"
        self.headline.setText(headline)
        set_tone(self.headline, tone)
        self._show_paths(report)
        self._update_actions()

    def _show_paths(self, report: ImportReport) -> None:
        """Where the backup and the report (an .xlsx of every change, conflict and problem) are."""
        lines = []
        if report.backup:
            lines.append(self.tr("Backup taken before the import: %1").replace("%1", report.backup))
        if report.report_path is not None:
            lines.append(self.tr("Report: %1").replace("%1", str(report.report_path)))
        self.result_path.setText("\n".join(lines))
        self.result_path.setVisible(bool(lines))

    def _update_actions(self) -> None:
        busy = self._runner.busy
        previewing = self.preview is not None
        self.apply_button.setVisible(previewing)
        self.cancel_button.setVisible(previewing)
        self.apply_button.setEnabled(previewing and not busy)
        self.cancel_button.setEnabled(previewing and not busy)
        self.choose_button.setEnabled(not busy)

    # -- the runner -----------------------------------------------------------------------------------

    def _runner_changed(self, _kind: str = "") -> None:
        busy = self._runner.busy
        kind = self._runner.kind
        mine = busy and kind in (PREVIEW, IMPORT)
        self.progress.setVisible(mine)
        self.progress_label.setVisible(busy)
        if kind == PREVIEW:
            self.progress_label.setText(self.tr("Checking the file… nothing is changed."))
        elif kind == IMPORT:
            self.progress_label.setText(self.tr("Importing… a backup of the database is taken first."))
        elif busy:
            self.progress_label.setText(self.tr("An export is running. Import when it is done."))
        self._update_actions()

    def _on_finished(self, kind: str, result: object) -> None:
        self._runner_changed()
        if not isinstance(result, ImportReport):
            return
        if kind == PREVIEW:
            self._show_preview(result)
        elif kind == IMPORT:
            self._show_imported(result)
            if result.applied:
                self.imported.emit(result)

    def _on_failed(self, kind: str, message: str) -> None:
        self._runner_changed()
        if kind == PREVIEW:
            show_error(self.error, self.tr("The file could not be checked: %1").replace("%1", message))
        elif kind == IMPORT:
            show_error(
                self.error,
                self.tr("The import failed; nothing was changed: %1").replace("%1", message),
            )
