"""Helpers for the photo GUI tests (plain functions; importable as `photo_kit`, pytest puts tests/gui on
sys.path): an inspection to attach photos to, photo-like JPEGs, the bad files a user may pick, typing
as an input method does, and the Chinese interface the app starts with."""

from __future__ import annotations

import re
import struct
import uuid
import zlib
from dataclasses import dataclass
from pathlib import Path

from photo_samples import camera_jpeg
from PIL import Image, ImageDraw
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select
from testkit import field_team

from fieldapp.gui.app import install_translators
from fieldapp.gui.style import apply_style
from fieldapp.services.backend import Backend
from fieldapp.services.inspections import start_inspection
from fieldapp.store.models import ChecklistItem, Inspection

CJK = re.compile(r"[\u4e00-\u9fff]")
# The multimedia backend warns once per process about optional system libraries it looks for and does not
# find (PipeWire, VA-API); that says nothing about the app, so those lines may not fail a test.
MULTIMEDIA_NOISE = r"Couldn't (load|resolve) .*(library|symbols)"
# The offscreen platform of the tests cannot pass a window's size limits on to a window system, and says
# so whenever a widget shown on its own changes them (on a tablet the strip sits inside a page).
OFFSCREEN_NOISE = r"This plugin does not support propagateSizeHints"


@dataclass(frozen=True)
class Site:
    backend: Backend
    inspection_id: uuid.UUID
    item_code: str


def open_inspection(backend: Backend) -> Site:
    """A customer, two inspectors and an inspection in progress on the built-in checklist."""
    customer, team, template = field_team(backend, "0531009001", "临河县测试水泥厂")
    inspection = backend.call(start_inspection, customer, template, team)
    with backend.session() as session:
        template_id = session.scalar(select(Inspection.template_id).where(Inspection.id == inspection))
        code = session.scalar(
            select(ChecklistItem.code)
            .where(ChecklistItem.template_id == template_id)
            .order_by(ChecklistItem.position)
        )
    assert code is not None
    return Site(backend, inspection, code)


def chinese_interface(app: QApplication) -> None:
    install_translators(app, "zh_CN")
    apply_style(app)


def scene(width: int, height: int, shade: int = 0) -> Image.Image:
    """Something like a photo of a meter cabinet: a gradient, a grey box, a display, a red knob. Mostly
    free of pure red, so a red drawing on it can be found by its colour."""
    image = Image.new("RGB", (width, height))
    draw = ImageDraw.Draw(image)
    for y in range(0, height, 8):
        level = 60 + int(120 * y / height)
        draw.rectangle((0, y, width, y + 8), fill=(level, level + 10, min(255, level + 40 + shade)))
    draw.rectangle((width * 0.2, height * 0.15, width * 0.8, height * 0.85), fill=(180, 185, 190))
    draw.rectangle((width * 0.3, height * 0.25, width * 0.7, height * 0.45), fill=(30, 40, 30))
    draw.ellipse((width * 0.45, height * 0.6, width * 0.55, height * 0.6 + width * 0.1), fill=(120, 60, 50))
    return image


def photos(
    folder: Path, count: int, *, size: tuple[int, int] = (1600, 1200), prefix: str = "IMG"
) -> list[Path]:
    """`count` different camera JPEGs (each a different shade), turned by EXIF orientations 1, 6, 8, 3."""
    folder.mkdir(parents=True, exist_ok=True)
    return [
        camera_jpeg(
            folder / f"{prefix}_{n:04d}.jpg",
            upright=scene(size[0], size[1], shade=7 * n),
            orientation=(1, 6, 8, 3)[n % 4],
        )
        for n in range(count)
    ]


def empty_file(folder: Path) -> Path:
    path = folder / "空文件.jpg"
    path.write_bytes(b"")
    return path


def truncated_jpeg(folder: Path) -> Path:
    whole = photos(folder / "whole", 1)[0].read_bytes()
    path = folder / "cut.jpg"
    path.write_bytes(whole[: len(whole) // 2])
    return path


def not_an_image(folder: Path) -> Path:
    path = folder / "记录.jpg"
    path.write_text("配电室检查记录 not a photo", encoding="utf-8")
    return path


def bomb_png(folder: Path, side: int = 20_000) -> Path:
    """A tiny PNG whose header claims 20000 x 20000 pixels: far over Pillow's decompression-bomb limit."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", side, side, 8, 2, 0, 0, 0)
    path = folder / "bomb.png"
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b""))
        + chunk(b"IEND", b"")
    )
    return path


def type_text(qtbot: QtBot, widget: QWidget, text: str) -> None:
    """Type as a person would: ASCII through key presses, Chinese the way an input method (or the on-screen
    keyboard) delivers it, as a committed string."""
    for run in re.findall(r"[\x00-\x7f]+|[^\x00-\x7f]+", text):
        if run.isascii():
            qtbot.keyClicks(widget, run)
        else:
            event = QInputMethodEvent()
            event.setCommitString(run)
            QApplication.sendEvent(widget, event)
