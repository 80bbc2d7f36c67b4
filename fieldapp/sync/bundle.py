"""The sync bundle: one zip file (suffix .fieldsync) carried on a USB stick or a shared folder, holding
data.xlsx, the photos and their thumbnails, values too long for a cell, and manifest.json (format version,
device, time, row counts and the SHA-256 of every file).

Opening one trusts nothing: the zip's names (no '..', no absolute paths, only the files a bundle has), its
size once expanded, the manifest, and every file's hash against the manifest (a photo's name is its own
SHA-256 as well) are checked before a single record is read."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fieldapp.sync.spec import FORMAT_NAME, FORMAT_VERSION
from fieldapp.workbook.problems import WorkbookError, WorkbookProblem
from fieldapp.workbook.reading import sniff

MANIFEST = "manifest.json"
DATA = "data.xlsx"
MAX_ENTRIES = 250_000
MAX_MANIFEST_BYTES = 64 * 1024 * 1024
MAX_EXPANDED_BYTES = 32 * 1024 * 1024 * 1024
# A bundle's files are stored (photos, data.xlsx) or are text deflated a few times over; a file that
# expands a hundredfold beyond a megabyte is a zip bomb, refused before anything is extracted.
MAX_ENTRY_RATIO = 100
RATIO_FLOOR_BYTES = 1024 * 1024
_ENTRY = re.compile(
    r"(photos|thumbs)/[0-9a-f]{64}\.jpg|cells/[0-9a-f]{64}\.txt|evidence/[0-9a-f]{64}\.(pdf|jpg|png)"
)
_CHUNK = 1 << 20


@dataclass(frozen=True)
class BundleFile:
    """A file to put into a bundle: its name inside, and where it is now (or its bytes)."""

    name: str
    path: Path | None = None
    data: bytes | None = None


@dataclass
class Bundle:
    """An opened, checked bundle, its files extracted to `folder`."""

    manifest: dict[str, Any]
    workbook: Path
    folder: Path
    photos: dict[str, Path] = field(default_factory=dict)  # sha256 -> extracted photo
    thumbnails: dict[str, Path] = field(default_factory=dict)  # photo sha256 -> extracted thumbnail
    overflow: dict[str, str] = field(default_factory=dict)  # "cells/….txt" -> text
    evidence: dict[str, Path] = field(default_factory=dict)  # "<sha256><suffix>" -> extracted file


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def write_bundle(target: Path, files: Iterable[BundleFile], manifest: dict[str, Any]) -> dict[str, str]:
    """Write the bundle beside `target` and rename it into place: a stick pulled out mid-write leaves no
    half bundle under the real name. Returns the hashes the manifest lists."""
    temporary = target.with_name(f".{target.name}.tmp")
    hashes: dict[str, str] = {}
    try:
        with zipfile.ZipFile(temporary, "w", allowZip64=True) as archive:
            for item in files:
                # JPEG and xlsx are compressed already: storing them costs nothing and saves the time.
                method = zipfile.ZIP_DEFLATED if item.name.endswith((".txt", ".json")) else zipfile.ZIP_STORED
                info = zipfile.ZipInfo(item.name, date_time=(2020, 1, 1, 0, 0, 0))
                info.compress_type = method
                digest = hashlib.sha256()
                with archive.open(info, "w", force_zip64=True) as out:
                    if item.data is not None:
                        digest.update(item.data)
                        out.write(item.data)
                    else:
                        assert item.path is not None
                        with item.path.open("rb") as source:
                            while chunk := source.read(_CHUNK):
                                digest.update(chunk)
                                out.write(chunk)
                hashes[item.name] = digest.hexdigest()
            body = {"format": FORMAT_NAME, "format_version": FORMAT_VERSION, **manifest, "files": hashes}
            archive.writestr(MANIFEST, json.dumps(body, ensure_ascii=False, indent=1, sort_keys=True))
        with temporary.open("rb") as stream:
            os.fsync(stream.fileno())
        temporary.replace(target)
    finally:
        temporary.unlink(missing_ok=True)
    return hashes


_NOT_A_BUNDLE = {
    "xls": "这是旧版 Excel (.xls) 文件，不是同步包 (an old .xls file, not a bundle)",
    "truncated": "同步包不完整（可能复制或下载时中断），请重新复制 (the bundle is truncated)",
    "text": "这是文本文件，不是同步包 (a text file, not a bundle)",
    "unknown": "文件已损坏或不是同步包（不是有效的 zip 文件）(damaged, or not a bundle)",
}


def _refuse(path: Path, message: str) -> WorkbookError:
    return WorkbookError([WorkbookProblem(path.name, None, None, None, message)])


def _directory_at_end(path: Path) -> bool:
    """Whether the zip's end-of-directory record closes the file. A bundle cut short can still open as a
    zip: data.xlsx is stored in it as it is, with a directory of its own, which zipfile then finds."""
    size = path.stat().st_size
    with path.open("rb") as stream:
        stream.seek(max(0, size - (1 << 16) - 22))  # the record and the longest comment it may have
        tail = stream.read()
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or len(tail) - at < 22:
        return False
    return at + 22 + int.from_bytes(tail[at + 20 : at + 22], "little") == len(tail)


def _check_names(path: Path, entries: list[zipfile.ZipInfo]) -> None:
    if len(entries) > MAX_ENTRIES:
        raise _refuse(
            path, f"同步包中文件过多（{len(entries)} 个，上限 {MAX_ENTRIES}），已拒绝 (too many entries)"
        )
    expanded = sum(e.file_size for e in entries)
    if expanded > MAX_EXPANDED_BYTES or expanded > 64 * max(path.stat().st_size, 1 << 20):
        raise _refuse(path, "同步包解压后过大，已拒绝 (the bundle expands too far: refused)")
    for entry in entries:
        ratio = entry.file_size // max(entry.compress_size, 1)
        if entry.file_size > RATIO_FLOOR_BYTES and ratio > MAX_ENTRY_RATIO:
            raise _refuse(
                path,
                f"同步包中 {entry.filename} 解压后 {entry.file_size / 1024 / 1024:.0f} MB，压缩比 {ratio}:1，"
                "疑似压缩炸弹，已拒绝 (a zip bomb: refused)",
            )
    listed = {e.filename for e in entries}
    if MANIFEST not in listed and "[Content_Types].xml" in listed:
        if not _directory_at_end(path):  # the workbook stored in a bundle cut short, not a workbook
            raise _refuse(path, _NOT_A_BUNDLE["truncated"])
        raise _refuse(
            path,
            "这是 Excel 工作簿，不是同步包：把扩展名改为 .xlsx 即可导入其中的记录 (a workbook, not a bundle)",
        )
    names = set()
    for entry in entries:
        name = entry.filename
        parts = re.split(r"[/\\]", name)
        if name.startswith(("/", "\\")) or ".." in parts or re.match(r"^[A-Za-z]:", name):
            raise _refuse(
                path, f"同步包含有不安全的路径 {name!r}，已拒绝 (unsafe path in the bundle: refused)"
            )
        if name in names:
            raise _refuse(path, f"同步包中 {name} 出现两次，已拒绝 (a file appears twice)")
        names.add(name)
        if name not in (MANIFEST, DATA) and not _ENTRY.fullmatch(name):
            raise _refuse(path, f"同步包含有不应有的文件 {name!r}，已拒绝 (unexpected file in the bundle)")
    if MANIFEST not in names:
        raise _refuse(path, "同步包缺少 manifest.json，文件不完整或不是同步包 (no manifest: not a bundle)")
    if DATA not in names:
        raise _refuse(path, "同步包缺少 data.xlsx (no data.xlsx in the bundle)")


def _manifest(path: Path, archive: zipfile.ZipFile) -> dict[str, Any]:
    info = archive.getinfo(MANIFEST)
    if info.file_size > MAX_MANIFEST_BYTES:
        raise _refuse(path, "manifest.json 过大，已拒绝 (manifest too large)")
    try:
        manifest = json.loads(archive.read(MANIFEST).decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise _refuse(path, f"manifest.json 无法读取：{exc} (manifest unreadable)") from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT_NAME:
        raise _refuse(path, "不是 fieldapp 同步包（manifest 格式不符）(not a fieldapp bundle)")
    version = manifest.get("format_version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise _refuse(
            path,
            f"同步包格式版本 {version} 比本程序支持的 {FORMAT_VERSION} 新，请先升级 fieldapp "
            "(made by a newer fieldapp)",
        )
    files = manifest.get("files")
    if not isinstance(files, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in files.items()
    ):
        raise _refuse(path, "manifest.json 缺少文件清单 (manifest lists no files)")
    return manifest


def open_bundle(path: Path, folder: Path) -> Bundle:
    """Check the bundle at `path` and extract it into `folder` (created, and the caller's to remove)."""
    if not path.is_file():
        raise _refuse(path, "文件不存在 (file not found)")
    if path.stat().st_size == 0:
        raise _refuse(path, "文件是空的 (the file is empty)")
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
            _check_names(path, entries)
            manifest = _manifest(path, archive)
            listed: dict[str, str] = manifest["files"]
            present = {e.filename for e in entries} - {MANIFEST}
            for name in sorted(present - set(listed)):
                raise _refuse(path, f"{name} 不在 manifest 的文件清单中，已拒绝 (file not in the manifest)")
            for name in sorted(set(listed) - present):
                raise _refuse(path, f"manifest 列出的 {name} 不在同步包中，文件不完整 (listed file missing)")
            folder.mkdir(parents=True, exist_ok=True)
            bundle = Bundle(manifest, folder / DATA, folder)
            for entry in entries:
                if entry.filename == MANIFEST:
                    continue
                target = folder / Path(*entry.filename.split("/"))
                target.parent.mkdir(parents=True, exist_ok=True)
                digest = hashlib.sha256()
                with archive.open(entry) as source, target.open("wb") as out:
                    while chunk := source.read(_CHUNK):
                        digest.update(chunk)
                        out.write(chunk)
                actual = digest.hexdigest()
                if actual != listed[entry.filename]:
                    raise _refuse(
                        path,
                        f"{entry.filename} 的 SHA-256 与 manifest 不符，文件已损坏或被改动 (hash mismatch)",
                    )
                kind, _, base = entry.filename.partition("/")
                sha = base[:64]
                if kind == "photos":
                    if actual != sha:
                        raise _refuse(
                            path, f"照片 {entry.filename} 的内容与其名称（SHA-256）不符 (photo hash mismatch)"
                        )
                    bundle.photos[sha] = target
                elif kind == "thumbs":
                    bundle.thumbnails[sha] = target
                elif kind == "evidence":
                    if actual != sha:
                        raise _refuse(
                            path, f"{entry.filename} 的内容与其名称（SHA-256）不符 (evidence hash mismatch)"
                        )
                    bundle.evidence[base] = target
                elif kind == "cells":
                    if actual != sha:
                        raise _refuse(path, f"{entry.filename} 的内容与其名称不符 (hash mismatch)")
                    bundle.overflow[entry.filename] = target.read_text(encoding="utf-8")
    except zipfile.BadZipFile:
        shutil.rmtree(folder, ignore_errors=True)
        raise _refuse(path, _NOT_A_BUNDLE[sniff(path)]) from None
    except (EOFError, zipfile.LargeZipFile, NotImplementedError, OSError, ValueError) as exc:
        if isinstance(exc, WorkbookError):
            raise
        shutil.rmtree(folder, ignore_errors=True)
        raise _refuse(
            path, f"同步包无法读取（{type(exc).__name__}: {exc}），文件可能不完整 (unreadable bundle)"
        ) from None
    return bundle
