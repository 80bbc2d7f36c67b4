"""Problems found in a workbook, each with the place a person can go to and fix."""

from __future__ import annotations

from dataclasses import dataclass, field

from openpyxl.utils import get_column_letter

from fieldapp.domain.errors import ValidationError


@dataclass(frozen=True)
class WorkbookProblem:
    file: str
    sheet: str | None
    row: int | None
    column: str | None  # the column's header (its machine key)
    message: str
    cell: str | None = None  # "H12", when row and column are known

    def __str__(self) -> str:
        place = [self.file]
        if self.sheet:
            place.append(f"工作表 {self.sheet}")
        if self.row:
            place.append(f"第 {self.row} 行")
        if self.column:
            place.append(f"{self.column} 列" + (f" ({self.cell})" if self.cell else ""))
        return f"{'，'.join(place)}：{self.message}"


class WorkbookError(ValidationError):
    """The workbook cannot be used; `problems` says where and why, each one precisely."""

    def __init__(self, problems: list[WorkbookProblem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass
class ProblemLog:
    """Collects the problems of one file while it is read, so a person sees them all at once."""

    file: str
    problems: list[WorkbookProblem] = field(default_factory=list)

    def add(
        self,
        sheet: str | None,
        row: int | None,
        column: str | None,
        message: str,
        columns: dict[str, int] | None = None,
    ) -> None:
        """Record a problem; `columns` (header -> column number) lets it name the cell."""
        cell = None
        if row and column and columns and column in columns:
            cell = f"{get_column_letter(columns[column])}{row}"
        self.problems.append(WorkbookProblem(self.file, sheet, row, column, message, cell))

    def has_problems_in(self, sheet: str, row: int | None = None) -> bool:
        return any(p.sheet == sheet and (row is None or p.row == row) for p in self.problems)
