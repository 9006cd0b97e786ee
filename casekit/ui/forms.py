"""An :class:`ActionForm` is one case action as a little form: fields, a button, a message.

Clicking the button reads every field (a bad value is flagged under its field and nothing is
cleared), builds the action's arguments and hands them to the walkthrough, which sends them
to the :class:`~casekit.teach.LearnerSession`. ``Walkthrough.play`` fills the same fields and
clicks the same button, so a demonstration goes through exactly the code a learner's click does.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from html import escape
from typing import Any

import ipywidgets as W

from ..domain.text import Text
from .fields import Field, FieldError

__all__ = ["ActionForm"]

Submit = Callable[["ActionForm", dict[str, Any]], None]
Derive = Callable[[Any, dict[str, Any]], dict[str, Any]]


class ActionForm:
    """A form for one action verb.

    Parameters
    ----------
    verb
        The :class:`~casekit.sim.Action` verb (``advance_to`` and ``wait`` are the
        walkthrough's own).
    title, button
        Bilingual heading and button label.
    fields
        The fields, in order.
    derive
        Turns the fields' values into the action's arguments (e.g. add an interview
        question's domains); default: the values as they are.
    """

    def __init__(
        self,
        verb: str,
        title: Text,
        button: Text,
        fields: Sequence[Field] = (),
        *,
        derive: Derive | None = None,
        help: Text | None = None,
    ) -> None:
        self.verb, self.title, self.button_label, self.help = verb, title, button, help
        self.fields = list(fields)
        self.derive = derive
        self.submit: Submit | None = None
        self.ctx: Any = None
        self.heading = W.HTML()
        self.button = W.Button(button_style="primary", layout=W.Layout(width="auto"))
        self.button.add_class(f"ck-do-{verb}")
        self.message = W.HTML()
        self.message.add_class("ck-form-message")
        self.button.on_click(self._clicked)
        self.widget = W.VBox([self.heading, *[f.box for f in self.fields], self.button, self.message])
        self.widget.add_class(f"ck-form-{verb}")
        self.widget.layout = W.Layout(border="1px solid #ddd", padding="6px", margin="4px 0", width="98%")
        self.lang = "ko"
        self.relabel("ko")

    def field(self, name: str) -> Field:
        """The field for argument ``name``."""
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(name)

    def relabel(self, lang: str) -> None:
        self.lang = lang
        help_html = f"<div style='color:#555'>{escape(self.help.get(lang))}</div>" if self.help else ""
        self.heading.value = f"<h4 style='margin:2px 0'>{escape(self.title.get(lang))}</h4>{help_html}"
        self.button.description = self.button_label.get(lang)
        for f in self.fields:
            f.relabel(lang)

    def refresh(self, ctx: Any) -> None:
        self.ctx = ctx
        for f in self.fields:
            f.refresh(ctx)

    def say(self, text: str, kind: str = "info") -> None:
        """Show a message under the button (``ok``, ``error`` or ``info``)."""
        colour = {"ok": "#1b5e20", "error": "#b00020"}.get(kind, "#333")
        self.message.value = f"<div class='ck-msg-{kind}' style='color:{colour}'>{text}</div>" if text else ""

    def read(self) -> dict[str, Any] | None:
        """The action's arguments, or ``None`` after flagging each bad field in place."""
        values: dict[str, Any] = {}
        bad = False
        for f in self.fields:
            try:
                values[f.name] = f.read()
                f.show_error(None)
            except FieldError as exc:
                f.show_error(exc.text)
                bad = True
        if bad:
            self.say(escape(Text("표시된 칸을 고치세요. 입력한 내용은 그대로 있습니다.", "Fix the marked fields; what you typed is kept.").get(self.lang)), "error")
            return None
        return self.derive(self.ctx, values) if self.derive else values

    def fill(self, args: Mapping[str, Any]) -> None:
        """Set every field from ``args`` (fields not named go back to their defaults)."""
        for f in self.fields:
            if f.name in args:
                f.fill(args[f.name])
            else:
                f.reset()

    def _clicked(self, _button: Any = None) -> None:
        args = self.read()
        if args is not None and self.submit is not None:
            self.submit(self, args)
