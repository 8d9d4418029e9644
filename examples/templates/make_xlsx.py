"""Write the .xlsx versions of the CSV templates in this folder (needs openpyxl).

    python examples/templates/make_xlsx.py

Each workbook holds one sheet with the CSV's header and example rows, cell for cell as text
except numbers, which become numeric cells (what a person typing into Excel gets). The hub
and the `csv` connector read the first sheet. A test checks the workbooks match the CSVs, so
run this after changing a CSV template and commit both.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

HERE = Path(__file__).resolve().parent
TEMPLATES = ("flows.csv", "flows.ja.csv", "products.csv", "products.ja.csv")
# Fixed document dates, so regenerating without a change gives the same workbook content.
STAMP = dt.datetime(2025, 1, 1)


def cell_value(text: str):
    """A number stays a number (Excel would store it so); everything else is text.

    Codes that look numeric but are identifiers (GTIN, municipality codes) stay text, since
    Excel would drop leading zeros or switch to exponent notation."""
    if text == "":
        return None
    if text.isdigit() and (len(text) > 6 or text.startswith("0")):
        return text
    try:
        number = float(text)
    except ValueError:
        return text
    return int(number) if number.is_integer() and "." not in text else number


def write_workbook(csv_path: Path, xlsx_path: Path) -> None:
    with csv_path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    book = Workbook()
    sheet = book.active
    sheet.title = "records"
    for row in rows[:1]:
        sheet.append(row)
    for row in rows[1:]:
        sheet.append([cell_value(c) for c in row])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    book.properties.created = book.properties.modified = STAMP
    book.save(xlsx_path)


def main() -> None:
    for name in TEMPLATES:
        target = HERE / name.replace(".csv", ".xlsx")
        write_workbook(HERE / name, target)
        print(target.relative_to(HERE.parent.parent))


if __name__ == "__main__":
    main()
