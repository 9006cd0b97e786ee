"""Korean fonts for matplotlib: Hangul in plots instead of empty boxes.

matplotlib's default font (DejaVu Sans) has no Hangul, so every Korean label would be drawn
as a box and matplotlib would warn ``Glyph ... missing from font``. :func:`use_korean_font`
picks a Korean font, preferring one installed on the system (NanumGothic, Noto Sans CJK KR,
Noto Sans KR, Malgun Gothic, AppleGothic), else the NanumGothic file carried by the
``koreanize-matplotlib`` wheel (found on disk, never imported: that package imports
``distutils``, which is gone from Python 3.12). DejaVu Sans stays second in the family list so
the glyphs a Korean font lacks, such as the minus sign U+2212, fall back to it.

Nothing here chooses a backend: fonts are rcParams, the backend is the caller's business.

Examples
--------
>>> family = use_korean_font()
>>> import matplotlib
>>> matplotlib.rcParams["font.family"][0] == family
True
"""

from __future__ import annotations

import importlib.util
import warnings
from pathlib import Path

import matplotlib
from matplotlib import font_manager

__all__ = [
    "KOREAN_FONTS",
    "FALLBACK_FONT",
    "MissingKoreanFontWarning",
    "korean_font",
    "korean_font_path",
    "use_korean_font",
    "installed_korean_font",
    "bundled_font_path",
    "register_bundled_font",
]

#: Korean font families, most preferred first (installed fonts are looked up by these names).
KOREAN_FONTS: tuple[str, ...] = (
    "NanumGothic",
    "Noto Sans CJK KR",
    "Noto Sans KR",
    "Malgun Gothic",
    "AppleGothic",
    "Apple SD Gothic Neo",
)

#: matplotlib's own font: second in the family list, for glyphs a Korean font lacks (U+2212).
FALLBACK_FONT = "DejaVu Sans"

_BUNDLED_PACKAGE = "koreanize_matplotlib"
_BUNDLED_FILE = "NanumGothic.ttf"

# The chosen family, found once per process (None until the first call).
_chosen: str | None = None


class MissingKoreanFontWarning(UserWarning):
    """No Korean font was found: Hangul will be drawn as empty boxes."""


def installed_korean_font() -> str | None:
    """The most preferred Korean family among the fonts matplotlib knows, or ``None``."""
    known = {entry.name for entry in font_manager.fontManager.ttflist}
    return next((name for name in KOREAN_FONTS if name in known), None)


def bundled_font_path() -> Path | None:
    """The NanumGothic file inside the installed ``koreanize-matplotlib`` wheel, or ``None``.

    The package is located with :func:`importlib.util.find_spec` and is not imported.
    """
    try:
        spec = importlib.util.find_spec(_BUNDLED_PACKAGE)
    except (ImportError, ValueError):
        return None
    if spec is None:
        return None
    folders = [Path(p) for p in (spec.submodule_search_locations or ())]
    if not folders and spec.origin:
        folders = [Path(spec.origin).parent]
    for folder in folders:
        path = folder / "fonts" / _BUNDLED_FILE
        if path.is_file():
            return path
    return None


def register_bundled_font() -> str | None:
    """Register the bundled NanumGothic with matplotlib; its family name, or ``None``.

    Registering twice is harmless (the file is added once).
    """
    path = bundled_font_path()
    if path is None:
        return None
    known = {Path(entry.fname) for entry in font_manager.fontManager.ttflist}
    if path not in known:
        font_manager.fontManager.addfont(str(path))
    return str(font_manager.FontProperties(fname=path).get_name())


def korean_font() -> str:
    """The family name of the Korean font casekit draws with.

    An installed Korean font if there is one, else the bundled NanumGothic (registered on the
    way). When neither exists, warns once (:class:`MissingKoreanFontWarning`) and returns
    ``"DejaVu Sans"``, with which Hangul shows as boxes.
    """
    global _chosen
    if _chosen is None:
        found = installed_korean_font() or register_bundled_font()
        if found is None:
            warnings.warn(
                "No Korean font found, so Hangul in plots will show as empty boxes. Install one: "
                "'sudo apt install fonts-noto-cjk' (Debian/Ubuntu), or 'pip install koreanize-matplotlib' "
                "(casekit uses the NanumGothic file it carries). / 한글 글꼴이 없어 그림의 한글이 "
                "네모로 보입니다. fonts-noto-cjk 또는 koreanize-matplotlib를 설치하세요.",
                MissingKoreanFontWarning,
                stacklevel=2,
            )
            found = FALLBACK_FONT
        _chosen = found
    return _chosen


def korean_font_path() -> Path:
    """The file matplotlib draws :func:`korean_font` from."""
    props = font_manager.FontProperties(family=korean_font())
    return Path(font_manager.findfont(props, fallback_to_default=True))


def use_korean_font() -> str:
    """Make matplotlib draw Hangul: set ``font.family`` to the Korean font, then DejaVu Sans.

    Idempotent and cheap after the first call; touches rcParams only (never the backend).
    ``axes.unicode_minus`` stays on: the true minus sign (U+2212) comes from DejaVu Sans when
    the Korean font lacks it. Returns the Korean family name (see :func:`korean_font`).
    """
    family = korean_font()
    matplotlib.rcParams["font.family"] = list(dict.fromkeys([family, FALLBACK_FONT]))
    matplotlib.rcParams["axes.unicode_minus"] = True
    return family
