"""Invented Korean and English names for the synthetic district (no real person or place).

Examples
--------
>>> school_name(0), school_name(2, "en")
('새빛초등학교', 'Haetsal Middle School')
>>> import numpy as np
>>> ko, en = person_names(np.random.default_rng(1), 2)
>>> len(ko), all(" " in e for e in en)
(2, True)
"""

from __future__ import annotations

import numpy as np

__all__ = ["STEMS", "school_level", "school_name", "dong_name", "person_names"]

#: Invented place-name stems (ko, en).
STEMS: tuple[tuple[str, str], ...] = (
    ("새빛", "Saebit"),
    ("푸른", "Pureun"),
    ("햇살", "Haetsal"),
    ("다온", "Daon"),
    ("누리", "Nuri"),
    ("가람", "Garam"),
    ("한빛", "Hanbit"),
    ("솔내", "Solnae"),
    ("별마루", "Byeolmaru"),
    ("하늘", "Haneul"),
    ("버들", "Beodeul"),
    ("매화", "Maehwa"),
    ("느티", "Neuti"),
    ("샘터", "Saemteo"),
    ("꽃뫼", "Kkotmoe"),
    ("달빛", "Dalbit"),
    ("청솔", "Cheongsol"),
    ("산들", "Sandeul"),
    ("미리내", "Mirinae"),
    ("너울", "Neoul"),
    ("해오름", "Haeoreum"),
    ("도담", "Dodam"),
    ("은솔", "Eunsol"),
    ("바른", "Bareun"),
)

#: School levels in the order schools cycle through them: half elementary (?).
_LEVELS = ("elementary", "elementary", "middle", "high")
_LEVEL_NAMES = {
    "elementary": ("초등학교", "Elementary School"),
    "middle": ("중학교", "Middle School"),
    "high": ("고등학교", "High School"),
}

_SURNAMES = (
    ("김", "Kim", 0.22),
    ("이", "Lee", 0.15),
    ("박", "Park", 0.09),
    ("최", "Choi", 0.05),
    ("정", "Jung", 0.05),
    ("강", "Kang", 0.03),
    ("조", "Cho", 0.03),
    ("윤", "Yoon", 0.03),
    ("장", "Jang", 0.03),
    ("임", "Lim", 0.03),
    ("한", "Han", 0.02),
    ("오", "Oh", 0.02),
    ("서", "Seo", 0.02),
    ("신", "Shin", 0.02),
    ("권", "Kwon", 0.02),
    ("황", "Hwang", 0.02),
    ("안", "Ahn", 0.02),
    ("송", "Song", 0.02),
    ("유", "Yoo", 0.02),
    ("홍", "Hong", 0.01),
    ("전", "Jeon", 0.01),
    ("고", "Ko", 0.01),
    ("문", "Moon", 0.01),
    ("배", "Bae", 0.01),
    ("백", "Baek", 0.01),
)
_SYLLABLES = (
    ("지", "ji"),
    ("현", "hyeon"),
    ("민", "min"),
    ("서", "seo"),
    ("준", "jun"),
    ("하", "ha"),
    ("윤", "yun"),
    ("도", "do"),
    ("예", "ye"),
    ("은", "eun"),
    ("수", "su"),
    ("우", "woo"),
    ("연", "yeon"),
    ("아", "a"),
    ("진", "jin"),
    ("호", "ho"),
    ("유", "yu"),
    ("빈", "bin"),
    ("채", "chae"),
    ("율", "yul"),
    ("시", "si"),
    ("원", "won"),
    ("주", "ju"),
    ("다", "da"),
)


def school_level(index: int) -> str:
    """School level code of the ``index``-th school (``elementary``, ``middle`` or ``high``)."""
    return _LEVELS[index % len(_LEVELS)]


def _stem(index: int, lang: str) -> str:
    ko, en = STEMS[index % len(STEMS)]
    cycle = index // len(STEMS)
    suffix = str(cycle + 1) if cycle else ""
    return (ko + suffix) if lang == "ko" else (en + suffix)


def school_name(index: int, lang: str = "ko") -> str:
    """The invented name of the ``index``-th school."""
    level = school_level(index)
    stem = _stem(index, lang)
    ko, en = _LEVEL_NAMES[level]
    return f"{stem}{ko}" if lang == "ko" else f"{stem} {en}"


def dong_name(index: int, lang: str = "ko") -> str:
    """The invented name of the ``index``-th neighbourhood (dong)."""
    return f"{_stem(index, 'ko')}동" if lang == "ko" else f"{_stem(index, 'en')}-dong"


def person_names(rng: np.random.Generator, n: int) -> tuple[list[str], list[str]]:
    """``n`` invented Korean person names and their romanisations."""
    p = np.array([s[2] for s in _SURNAMES])
    sur = rng.choice(len(_SURNAMES), size=n, p=p / p.sum())
    given = rng.integers(0, len(_SYLLABLES), size=(n, 2))
    ko = [_SURNAMES[s][0] + _SYLLABLES[a][0] + _SYLLABLES[b][0] for s, (a, b) in zip(sur, given, strict=True)]
    en = [
        f"{_SURNAMES[s][1]} {_SYLLABLES[a][1].capitalize()}{_SYLLABLES[b][1]}"
        for s, (a, b) in zip(sur, given, strict=True)
    ]
    return ko, en
