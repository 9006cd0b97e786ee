"""Bilingual text: every learner-facing string in casekit has Korean and English.

Korean is the first language of the kit; English is one switch away.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["LANGUAGES", "Text", "check_lang"]

#: Languages every label and learner-facing text is written in, first language first.
LANGUAGES: tuple[str, ...] = ("ko", "en")


def check_lang(lang: str) -> str:
    """Return ``lang`` if casekit speaks it, else raise ``ValueError``.

    Examples
    --------
    >>> check_lang("en")
    'en'
    """
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}: use one of {', '.join(LANGUAGES)}")
    return lang


@dataclass(frozen=True)
class Text:
    """A short text in Korean and English.

    Examples
    --------
    >>> t = Text("사정", "assessment")
    >>> t.get("en")
    'assessment'
    >>> str(t)
    '사정'
    """

    ko: str
    en: str

    def get(self, lang: str = "ko") -> str:
        """The text in ``lang`` (``"ko"`` or ``"en"``)."""
        return self.ko if check_lang(lang) == "ko" else self.en

    def both(self) -> str:
        """Korean first, English in parentheses, as used in bilingual labels."""
        return self.ko if self.ko == self.en else f"{self.ko} ({self.en})"

    def to_dict(self) -> dict[str, str]:
        """A ``{"ko": ..., "en": ...}`` mapping, the scenario-file form."""
        return {"ko": self.ko, "en": self.en}

    def __str__(self) -> str:
        return self.ko
