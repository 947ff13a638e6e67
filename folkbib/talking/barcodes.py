"""Item barcodes as SVG for printed shelf sheets: Code 128, the symbology desk scanners read.

``python-barcode`` computes the bars (start code, check digit, stop); the SVG is drawn
here with presentation attributes only (no ``style``), so it passes the site's
Content-Security-Policy when inlined in a page.
"""

from __future__ import annotations

import contextlib
import io
from xml.sax.saxutils import escape

MODULE = 2  # width of one module in SVG units
HEIGHT = 60
QUIET = 10  # quiet zone, in modules, each side


def code128_modules(code: str) -> str:
    """The bar pattern of ``code`` as "1" (bar) and "0" (space) modules."""
    # python-barcode prints a notice about Pillow on import; keep it out of the logs.
    with contextlib.redirect_stdout(io.StringIO()):
        import barcode
    return str(barcode.get("code128", code).build()[0])


def svg(code: str, *, symbology: str = "code128") -> str:
    """An accessible inline SVG of the barcode, its digits printed under the bars."""
    if symbology != "code128":
        raise ValueError(f"unsupported symbology {symbology}")
    modules = code128_modules(code)
    width = (len(modules) + 2 * QUIET) * MODULE
    rects = []
    run_start = None
    for index, bit in enumerate(modules + "0"):
        if bit == "1" and run_start is None:
            run_start = index
        elif bit == "0" and run_start is not None:
            x = (QUIET + run_start) * MODULE
            rects.append(
                f'<rect x="{x}" y="0" width="{(index - run_start) * MODULE}" height="{HEIGHT}"/>'
            )
            run_start = None
    label = escape(code)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {HEIGHT + 22}" '
        f'width="{width}" height="{HEIGHT + 22}" role="img" aria-label="{label}">'
        f'<rect x="0" y="0" width="{width}" height="{HEIGHT + 22}" fill="#fff"/>'
        f'<g fill="#000">{"".join(rects)}</g>'
        f'<text x="{width // 2}" y="{HEIGHT + 18}" text-anchor="middle" '
        f'font-family="DejaVu Sans Mono, monospace" font-size="16" fill="#000">{label}</text>'
        "</svg>"
    )
