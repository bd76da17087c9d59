"""Uploaded pictures checked, stripped and cut into renditions with Pillow (no database).

An upload is read by its content, never its name: only JPEG, PNG and WebP decode, within a size in
bytes and in pixels (a small file claiming 30,000 × 30,000 pixels, a decompression bomb, is refused
from its header, before anything is decoded). What is kept is re-encoded from the pixels, so no EXIF
(camera, GPS position), XMP or comment survives; the orientation EXIF asked for is applied first.

Renditions are made once, when the picture or its focal point is saved, and stored: the reader's
pages only name them. Each shape (the picture as it is, a square for portraits, the 1200 × 630 card
social sites show) comes at a few widths in WebP (and AVIF where this Pillow can write it) with a
JPEG fallback; a forced shape is cut around the focal point.
"""

import hashlib
import io
import warnings
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError, features

FORMATS = {"JPEG": "jpeg", "PNG": "png", "WEBP": "webp"}
MAX_BYTES = 15 * 1024 * 1024
MAX_PIXELS = 50_000_000  # a 50-megapixel camera's frame; a decoded RGBA frame is then 200 MB at most
MIN_SIDE = 16

# Widths each shape is made at (never wider than the picture itself), and its ratio (None: as is).
SHAPES = {
    "wide": (None, (480, 960, 1600)),
    "square": (1.0, (96, 240, 480)),
    "social": (1200 / 630, (1200,)),
}
QUALITY = {"webp": 80, "avif": 60, "jpeg": 82}
MIME = {"webp": "image/webp", "avif": "image/avif", "jpeg": "image/jpeg", "png": "image/png"}


class Refused(ValueError):
    """The upload isn't accepted; the message says why, for the editor."""


@dataclass
class Original:
    data: bytes  # re-encoded, without metadata
    format: str  # jpeg, png, webp
    width: int
    height: int

    @property
    def digest(self):
        return hashlib.sha256(self.data).hexdigest()


def megabytes(size):
    return f"{size / 1024 / 1024:.1f} MB"


def read(upload):
    """The upload (a file object with .size) as an Original, or Refused with the reason."""
    if upload.size > MAX_BYTES:
        raise Refused(f"The file is {megabytes(upload.size)}; at most {megabytes(MAX_BYTES)} is accepted.")
    data = upload.read()
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            picture = Image.open(io.BytesIO(data), formats=list(FORMATS))
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            raise Refused(too_many_pixels()) from None
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
            raise Refused(
                "This is not a JPEG, PNG or WebP image (the file's content was read, not its name)."
            ) from None
        width, height = picture.size
        if width * height > MAX_PIXELS:
            raise Refused(too_many_pixels(width, height))
        if min(width, height) < MIN_SIDE:
            raise Refused(f"The image is {width} × {height} pixels; each side needs at least {MIN_SIDE}.")
        if getattr(picture, "n_frames", 1) > 1:
            raise Refused("Animated images are not accepted: upload a still JPEG, PNG or WebP.")
        try:
            picture.load()
        except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
            raise Refused("The image is damaged or cut short: it could not be decoded.") from None
    kind = FORMATS[picture.format]
    icc = picture.info.get("icc_profile")
    picture = ImageOps.exif_transpose(picture)
    picture = picture.convert("RGBA" if has_alpha(picture) else "RGB")
    return Original(encode(picture, kind, quality=92, icc=icc), kind, picture.width, picture.height)


def too_many_pixels(width=None, height=None):
    size = f"{width} × {height} pixels" if width else "too many pixels"
    return f"The image is {size}; at most {MAX_PIXELS // 1_000_000} megapixels are accepted."


def has_alpha(picture):
    return picture.mode in ("RGBA", "LA", "PA") or (picture.mode == "P" and "transparency" in picture.info)


def encode(picture, kind, quality=None, icc=None):
    """The picture's bytes in `kind`, with no metadata but the colour profile."""
    out = io.BytesIO()
    options = {"icc_profile": icc} if icc else {}
    if kind == "jpeg":
        if picture.mode == "RGBA":  # transparent parts on white, not black
            flat = Image.new("RGB", picture.size, "white")
            flat.paste(picture, mask=picture.getchannel("A"))
            picture = flat
        picture = picture.convert("RGB") if picture.mode != "RGB" else picture
        options |= {"quality": quality or QUALITY["jpeg"], "optimize": True, "progressive": True}
    elif kind == "png":
        options |= {"optimize": True}
    else:
        options |= {"quality": quality or QUALITY[kind]}
    picture.save(out, format=kind.upper(), **options)
    return out.getvalue()


def formats():
    """The formats renditions are made in, best first; JPEG last, the fallback every browser reads."""
    return [*(["avif"] if features.check("avif") else []), "webp", "jpeg"]


def crop_box(width, height, ratio, focal_x, focal_y):
    """The largest box of `ratio` (width / height) inside width × height, centred as near the
    focal point (percentages of the width and height) as the edges allow."""
    if ratio is None:
        return (0, 0, width, height)
    crop_w, crop_h = (width, round(width / ratio)) if width / height <= ratio else (round(height * ratio), height)
    crop_w, crop_h = min(crop_w, width), min(crop_h, height)
    left = min(max(round(width * focal_x / 100 - crop_w / 2), 0), width - crop_w)
    top = min(max(round(height * focal_y / 100 - crop_h / 2), 0), height - crop_h)
    return (left, top, left + crop_w, top + crop_h)


def renditions(data, focal_x=50, focal_y=50):
    """Every rendition of the picture `data` (an Original's bytes): a list of
    ({"shape", "format", "width", "height"}, bytes). Hidden cost: about a second of CPU for a
    large photograph, on the editor's upload, never on a reader's request."""
    with Image.open(io.BytesIO(data)) as opened:
        source = opened.convert("RGBA" if has_alpha(opened) else "RGB")
    made = []
    for shape, (ratio, widths) in SHAPES.items():
        cut = source.crop(crop_box(source.width, source.height, ratio, focal_x, focal_y))
        sizes = sorted({min(width, cut.width) for width in widths})
        for width in sizes:
            height = max(1, round(cut.height * width / cut.width))
            resized = cut if width == cut.width else cut.resize((width, height), Image.Resampling.LANCZOS)
            kinds = ["jpeg"] if shape == "social" else formats()
            for kind in kinds:
                info = {"shape": shape, "format": kind, "width": width, "height": height}
                made.append((info, encode(resized, kind)))
    return made
