"""Korean fonts: Hangul renders (no missing-glyph warnings), with or without system fonts."""

from __future__ import annotations

import json
import subprocess
import sys
import warnings
from pathlib import Path

import matplotlib
import pytest
from matplotlib import font_manager
from matplotlib.figure import Figure
from matplotlib.ft2font import FT2Font

from casekit.viz import fonts

HANGUL = "생태도 사례관리 가나다 −1"


def _has_hangul(path: Path) -> bool:
    return FT2Font(str(path)).get_char_index(ord("가")) != 0


def _hangul_figure() -> Figure:
    fig = Figure(figsize=(3, 2))
    ax = fig.add_subplot()
    ax.plot([-2, 1], [-1, 3])  # negative tick labels: the minus sign U+2212
    ax.set_title(HANGUL)
    ax.text(0, 0, "교내 · 지역사회(교외) · 비공식")
    return fig


@pytest.fixture
def fresh(monkeypatch):
    """Forget the chosen font (restored after the test) and restore rcParams afterwards."""
    monkeypatch.setattr(fonts, "_chosen", None)
    with matplotlib.rc_context():
        yield


def test_use_korean_font_sets_family_with_fallback_and_is_idempotent():
    with matplotlib.rc_context():
        family = fonts.use_korean_font()
        first = list(matplotlib.rcParams["font.family"])
        assert fonts.use_korean_font() == family
        assert list(matplotlib.rcParams["font.family"]) == first == [family, "DejaVu Sans"]
        assert matplotlib.rcParams["axes.unicode_minus"] is True


def test_hangul_renders_without_missing_glyph_warnings(glyph_warnings_on_save):
    with matplotlib.rc_context():
        fonts.use_korean_font()
        assert glyph_warnings_on_save(_hangul_figure()) == []


def test_the_chosen_font_file_has_hangul():
    assert fonts.korean_font() != fonts.FALLBACK_FONT, "no Korean font at all: install fonts-noto-cjk"
    assert _has_hangul(fonts.korean_font_path())


def test_bundled_nanum_gothic_is_found_without_importing_its_package():
    path = fonts.bundled_font_path()
    if path is None:
        pytest.skip("koreanize-matplotlib is not installed")
    assert path.name == "NanumGothic.ttf"
    assert _has_hangul(path)
    assert "koreanize_matplotlib" not in sys.modules


def test_registering_the_bundled_font_twice_adds_it_once():
    path = fonts.bundled_font_path()
    if path is None:
        pytest.skip("koreanize-matplotlib is not installed")
    assert fonts.register_bundled_font() == "NanumGothic"
    assert fonts.register_bundled_font() == "NanumGothic"
    assert sum(Path(e.fname) == path for e in font_manager.fontManager.ttflist) == 1


def test_without_system_fonts_the_bundled_font_renders_hangul(fresh, monkeypatch, glyph_warnings_on_save):
    # As on a machine without fonts-noto-cjk: no installed Korean font is found.
    if fonts.bundled_font_path() is None:
        pytest.skip("koreanize-matplotlib is not installed")
    monkeypatch.setattr(fonts, "installed_korean_font", lambda: None)
    assert fonts.use_korean_font() == "NanumGothic"
    assert fonts.korean_font_path() == fonts.bundled_font_path()
    assert glyph_warnings_on_save(_hangul_figure()) == []


def test_no_korean_font_at_all_warns_once(fresh, monkeypatch):
    monkeypatch.setattr(fonts, "installed_korean_font", lambda: None)
    monkeypatch.setattr(fonts, "bundled_font_path", lambda: None)
    with pytest.warns(fonts.MissingKoreanFontWarning, match="fonts-noto-cjk"):
        assert fonts.korean_font() == "DejaVu Sans"
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert fonts.use_korean_font() == "DejaVu Sans"
    assert list(matplotlib.rcParams["font.family"]) == ["DejaVu Sans"]


def test_drawing_touches_neither_pyplot_nor_the_backend(tmp_path):
    code = """
import json, sys
import matplotlib
import casekit
light = "casekit.viz" not in sys.modules
raw = lambda: dict.__getitem__(matplotlib.rcParams, "backend")  # reading rcParams["backend"] may resolve it
backend = raw()
from casekit.network.model import ResourceNetwork
from casekit.viz import draw_ecomap, draw_network
net = ResourceNetwork()
net.add_client("S1", name="김하늘")
draw_ecomap(net, "S1").savefig(sys.argv[1] + "/e.png")
draw_network(net).savefig(sys.argv[1] + "/n.png")
print(json.dumps({"light": light, "pyplot": "matplotlib.pyplot" in sys.modules,
                  "koreanize": "koreanize_matplotlib" in sys.modules,
                  "same_backend": raw() == backend}))
"""
    done = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, check=True
    )
    assert json.loads(done.stdout) == {
        "light": True,
        "pyplot": False,
        "koreanize": False,
        "same_backend": True,
    }
