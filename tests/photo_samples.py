"""JPEGs made on the spot with Pillow for the photo tests: an asymmetric pattern whose orientation can be
read back from the pixels, and EXIF written the way a camera writes it."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image

RED = (230, 20, 20)
GREEN = (20, 200, 20)
WHITE = (255, 255, 255)

# exif_transpose applies, for each orientation, the operation that turns the stored pixels upright; a
# camera stores the upright scene transformed by its inverse.
_INVERSE = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_90,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_270,
}


def upright_pattern(width: int = 400, height: int = 200) -> Image.Image:
    """White, a red block in the top-left corner and a green one in the top-right corner."""
    image = Image.new("RGB", (width, height), WHITE)
    image.paste(RED, (0, 0, width // 4, height // 4))
    image.paste(GREEN, (width - width // 4, 0, width, height // 4))
    return image


def camera_exif(
    *,
    orientation: int = 1,
    taken: str | None = None,
    offset: str | None = None,
    gps: tuple[str, tuple[float, float, float], str, tuple[float, float, float]] | None = None,
) -> Image.Exif:
    exif = Image.Exif()
    exif[0x010F] = "TestCam"
    exif[0x0112] = orientation
    if taken is not None:
        sub = exif.get_ifd(0x8769)
        sub[36867] = taken
        if offset is not None:
            sub[36881] = offset
    if gps is not None:
        lat_ref, lat, lon_ref, lon = gps
        exif.get_ifd(0x8825).update({1: lat_ref, 2: lat, 3: lon_ref, 4: lon})
    return exif


def camera_jpeg(
    path: Path,
    *,
    orientation: int = 1,
    upright: Image.Image | None = None,
    exif: Image.Exif | None = None,
    quality: int = 92,
) -> Path:
    """A JPEG as a camera held in `orientation` stores it: pixels turned, an Orientation tag to undo it."""
    scene = upright if upright is not None else upright_pattern()
    stored = scene.transpose(_INVERSE[orientation]) if orientation in _INVERSE else scene
    tags = exif if exif is not None else camera_exif(orientation=orientation)
    tags[0x0112] = orientation
    stored.save(path, "JPEG", quality=quality, exif=tags.tobytes())
    return path


def jpeg_bytes(image: Image.Image, quality: int = 90) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=quality)
    return buffer.getvalue()


def near(pixel: object, colour: tuple[int, int, int], tolerance: int = 40) -> bool:
    assert isinstance(pixel, tuple)
    return all(abs(int(a) - b) <= tolerance for a, b in zip(pixel[:3], colour, strict=True))


def assert_upright(path: Path, size: tuple[int, int]) -> None:
    """The stored photo has `size` and the pattern the right way up: red top-left, green top-right."""
    with Image.open(path) as image:
        assert image.size == size
        assert image.getexif().get(0x0112) in (None, 1)
        rgb = image.convert("RGB")
        w, h = rgb.size
        top, bottom = h // 8, h - h // 8
        left, right = w // 8, w - w // 8
        assert near(rgb.getpixel((left, top)), RED), f"top-left is {rgb.getpixel((left, top))}"
        assert near(rgb.getpixel((right, top)), GREEN), f"top-right is {rgb.getpixel((right, top))}"
        assert near(rgb.getpixel((left, bottom)), WHITE)
        assert near(rgb.getpixel((right, bottom)), WHITE)
