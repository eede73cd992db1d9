"""Per-language rule files (kg/lang/<lang>/*.json) and which language's rules stand in.

Nynorsk and Danish articles use the Bokmål rules (titles, cues, dates are close enough);
any other language without its own files uses English rules.
"""

from __future__ import annotations

RULES_FALLBACK = {"nn": "nb", "no": "nb", "da": "nb"}


def rule_langs(lang: str) -> tuple[str, ...]:
    """The languages whose rule files are tried for ``lang``, in order."""
    order = [lang, RULES_FALLBACK.get(lang, ""), "en"]
    return tuple(dict.fromkeys(code for code in order if code))
