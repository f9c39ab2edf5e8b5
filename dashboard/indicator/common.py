"""What the indicator page's views share: value cells, the source line, the indicator's facts."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from levande.dashboard.components.forms import link_choices
from levande.dashboard.components.source import provenance_line
from levande.dashboard.components.values import cell_text, value_text
from levande.dashboard.i18n import t
from levande.dashboard.indicator.data import IndicatorData
from levande.dashboard.indicator.params import IndicatorState
from levande.indicators.core.catalogue import Indicator


def value_cell(info: Indicator, value: object, symbol: object, lang: str) -> str:
    """A value for a cell, or "missing" with the source's symbol in brackets."""
    text = cell_text(info, value, lang)
    if text:
        return text
    symbol_text = (
        "" if symbol is None or (isinstance(symbol, float)) or symbol == "" else f" ({symbol})"
    )
    return t("missing", lang) + symbol_text


def with_unit(
    info: Indicator, value: object, symbol: object, lang: str, level: str | None = None
) -> str:
    """A value in words with its unit (hover texts), or "missing" with the source's symbol.

    ``level`` is the place's level, which tells the municipalities' mean of a coded indicator.
    """
    if cell_text(info, value, lang):
        return value_text(info, float(value), lang, level=level)  # type: ignore[arg-type]
    return value_cell(info, value, symbol, lang)


def source_of(data: IndicatorData) -> Any:
    """The source line under a figure: credit, update at the source, our last fetch."""
    return provenance_line(data.credit, data.about, data.lang, data.now)


def state_choices(
    state: IndicatorState, param: str, keys: Sequence[str], label: str, **kwargs: Any
) -> Any:
    """Links that set one parameter of the page's state to each of ``keys`` (views, display).

    Each link's text is the string ``<param>_<key>``; see
    :func:`~levande.dashboard.components.forms.link_choices` for ``kwargs``.
    """
    lang = state.lang
    return link_choices(
        [(key, t(f"{param}_{key}", lang), state.href(**{param: key})) for key in keys],
        str(getattr(state, param)),
        param=param,
        label=label,
        **kwargs,
    )


def target_text(info: Indicator, lang: str) -> str | None:
    """Text such as "10,0 procent år 2030", or None for an indicator without a target."""
    if info.target is None:
        return None
    return t(
        "target_text",
        lang,
        value=value_text(info, info.target.value, lang),
        year=info.target.year,
    )
