"""Form fields for the walkthrough: one widget (or a few) per argument of a case action.

A field reads its widget's value into an action argument (:meth:`Field.read`, raising
:class:`FieldError` with a bilingual message shown under the field), fills the widget from
an argument (:meth:`Field.fill`, used by ``Walkthrough.play``), refreshes its options from
the case (:meth:`Field.refresh`) and relabels itself when the language changes. A field never
clears what the learner typed when something is wrong.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape
from typing import Any

import ipywidgets as W

from ..domain.text import Text
from ..domain.vocabulary import NeedDomain

__all__ = [
    "BoolField",
    "ChoiceField",
    "Field",
    "FieldError",
    "IntField",
    "ListField",
    "MultiField",
    "ProgressField",
    "RatingsField",
    "TextField",
]

Options = Callable[[Any, str], Sequence[tuple[str, Any]]]


class FieldError(ValueError):
    """A value the learner must fix; ``text`` says what, in both languages."""

    def __init__(self, text: Text) -> None:
        super().__init__(text.en)
        self.text = text


class Field:
    """One argument of an action: its label, widget, default and error line."""

    def __init__(self, name: str, label: Text, widget: W.Widget, default: Any = None, required: bool = False):
        self.name, self.label, self.widget, self.default, self.required = name, label, widget, default, required
        self.title = W.HTML()
        self.error = W.HTML()
        self.error.add_class("ck-field-error")
        widget.add_class(f"ck-field-{name}")
        self.box = W.VBox([self.title, widget, self.error])
        self.lang = "ko"
        self.relabel("ko")

    def relabel(self, lang: str) -> None:
        self.lang = lang
        star = " *" if self.required else ""
        self.title.value = f"<b>{escape(self.label.get(lang))}</b>{star}"

    def show_error(self, text: Text | None) -> None:
        self.error.value = "" if text is None else f"<span style='color:#b00020'>⚠ {escape(text.get(self.lang))}</span>"

    def refresh(self, ctx: Any) -> None:
        """Update options from the case (``ctx`` is the :class:`~casekit.teach.LearnerSession`)."""

    def read(self) -> Any:
        return self.widget.value

    def fill(self, value: Any) -> None:
        self.widget.value = value

    def reset(self) -> None:
        self.fill(self.default)


class TextField(Field):
    """Free text; ``required`` refuses an empty value."""

    def __init__(self, name: str, label: Text, *, required: bool = False, multiline: bool = False, default: str = ""):
        widget = W.Textarea(layout=W.Layout(width="95%")) if multiline else W.Text(layout=W.Layout(width="95%"))
        widget.value = default
        super().__init__(name, label, widget, default, required)

    def read(self) -> str:
        value = self.widget.value.strip()
        if self.required and not value:
            raise FieldError(Text("이 칸을 채우세요.", "Fill in this field."))
        return value

    def fill(self, value: Any) -> None:
        self.widget.value = "" if value is None else str(value)


class ListField(TextField):
    """Several short items, separated by commas (participants, crisis actions, topics)."""

    def read(self) -> list[str]:  # type: ignore[override]
        items = [x.strip() for x in self.widget.value.split(",") if x.strip()]
        if self.required and not items:
            raise FieldError(Text("하나 이상 쉼표로 나눠 적으세요.", "Write one or more, separated by commas."))
        return items

    def fill(self, value: Any) -> None:
        self.widget.value = ", ".join(str(v) for v in (value or ()))


class IntField(Field):
    """A whole number between ``lo`` and ``hi``."""

    def __init__(self, name: str, label: Text, lo: int, hi: int, default: int):
        self.lo, self.hi = lo, hi
        super().__init__(name, label, W.Text(value=str(default), layout=W.Layout(width="12em")), default)

    def read(self) -> int:
        try:
            value = int(str(self.widget.value).strip())
        except ValueError:
            raise FieldError(Text("정수를 입력하세요.", "Enter a whole number.")) from None
        if not self.lo <= value <= self.hi:
            raise FieldError(Text(f"{self.lo}에서 {self.hi} 사이여야 합니다.", f"Must be between {self.lo} and {self.hi}."))
        return value

    def fill(self, value: Any) -> None:
        self.widget.value = str(value)


class BoolField(Field):
    """A tick box."""

    def __init__(self, name: str, label: Text, default: bool = False):
        super().__init__(name, label, W.Checkbox(value=default, indent=False), default)

    def relabel(self, lang: str) -> None:
        super().relabel(lang)
        self.widget.description = self.label.get(lang)
        self.title.value = ""

    def fill(self, value: Any) -> None:
        self.widget.value = bool(value)


class ChoiceField(Field):
    """One choice from options computed from the case (``options(ctx, lang)``)."""

    def __init__(self, name: str, label: Text, options: Options, *, default: Any = None, required: bool = True):
        self.options = options
        self.ctx: Any = None
        super().__init__(name, label, W.Dropdown(options=[], layout=W.Layout(width="95%")), default, required)

    def _set_options(self, ctx: Any) -> None:
        self.ctx = ctx
        keep = self.widget.value
        opts = list(self.options(ctx, self.lang))
        if not self.required:
            opts = [("—", None), *opts]
        self.widget.options = opts
        values = [v for _, v in opts]
        if keep in values:
            self.widget.value = keep
        elif self.default in values:
            self.widget.value = self.default
        elif values:
            self.widget.value = values[0]

    def refresh(self, ctx: Any) -> None:
        self._set_options(ctx)

    def relabel(self, lang: str) -> None:
        super().relabel(lang)
        if getattr(self, "ctx", None) is not None:
            self._set_options(self.ctx)

    def read(self) -> Any:
        value = self.widget.value
        if self.required and value is None:
            raise FieldError(Text("하나를 고르세요.", "Choose one."))
        return value

    def fill(self, value: Any) -> None:
        values = [v for _, v in self.widget.options]
        if value not in values:
            # The policy chose something this list does not offer right now: offer it.
            self.widget.options = [*self.widget.options, (str(value), value)]
        self.widget.value = value


class MultiField(ChoiceField):
    """Several choices (resources for a goal)."""

    def __init__(self, name: str, label: Text, options: Options, *, required: bool = False):
        self.options = options
        self.ctx = None
        Field.__init__(self, name, label, W.SelectMultiple(options=[], rows=6, layout=W.Layout(width="95%")), (), required)

    def _set_options(self, ctx: Any) -> None:
        self.ctx = ctx
        keep = tuple(self.widget.value)
        opts = list(self.options(ctx, self.lang))
        self.widget.options = opts
        values = [v for _, v in opts]
        self.widget.value = tuple(v for v in keep if v in values)

    def read(self) -> list[Any]:
        value = list(self.widget.value)
        if self.required and not value:
            raise FieldError(Text("하나 이상 고르세요.", "Choose one or more."))
        return value

    def fill(self, value: Any) -> None:
        values = [v for _, v in self.widget.options]
        extra = [(str(v), v) for v in value or () if v not in values]
        if extra:
            self.widget.options = [*self.widget.options, *extra]
        self.widget.value = tuple(value or ())


class RatingsField(Field):
    """A 0-4 slider for each of the eight need domains."""

    def __init__(self, name: str, label: Text):
        self.sliders = {d: W.IntSlider(value=0, min=0, max=4, layout=W.Layout(width="95%")) for d in NeedDomain}
        for d, s in self.sliders.items():
            s.add_class(f"ck-rating-{d.value}")
        super().__init__(name, label, W.VBox(list(self.sliders.values())), {})

    def relabel(self, lang: str) -> None:
        super().relabel(lang)
        for d, s in self.sliders.items():
            s.description = d.label(lang)
            s.style = {"description_width": "8em"}

    def refresh(self, ctx: Any) -> None:
        if not any(s.value for s in self.sliders.values()):
            for d, v in ctx.engine.case.ratings.items():
                self.sliders[d].value = int(v)

    def read(self) -> dict[str, int]:
        return {d.value: int(s.value) for d, s in self.sliders.items()}

    def fill(self, value: Any) -> None:
        for d, s in self.sliders.items():
            s.value = int((value or {}).get(d.value, 0))


class ProgressField(Field):
    """Progress (0-100 %) for each goal of the plan; the goals come from the case."""

    def __init__(self, name: str, label: Text):
        self.sliders: dict[str, W.IntSlider] = {}
        super().__init__(name, label, W.VBox([]), {})

    def refresh(self, ctx: Any) -> None:
        goals = list(ctx.engine.case.goals)
        if list(self.sliders) != goals:
            old = self.sliders
            self.sliders = {g: old.get(g) or W.IntSlider(value=0, min=0, max=100, step=5) for g in goals}
            for g, s in self.sliders.items():
                s.description = g
                s.style = {"description_width": "10em"}
            self.widget.children = list(self.sliders.values())

    def read(self) -> dict[str, int]:
        if not self.sliders:
            raise FieldError(Text("점검할 목표가 없습니다: 먼저 계획을 세우세요.", "No goal to monitor: make a plan first."))
        return {g: int(s.value) for g, s in self.sliders.items()}

    def fill(self, value: Any) -> None:
        for g, v in (value or {}).items():
            if g in self.sliders:
                self.sliders[g].value = int(v)
