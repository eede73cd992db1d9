"""AnnotatedDoc -> Mention[]: entity spans placed in sentences, overlaps resolved."""

from __future__ import annotations

import bisect

from kg.model import ENTITY_LABELS, AnnotatedDoc, Mention


def find_mentions(adoc: AnnotatedDoc) -> list[Mention]:
    """One Mention per entity span, sorted by offset; overlapping spans keep the longest."""
    text = adoc.doc.text
    starts = [s.start for s in adoc.sentences]
    spans = sorted(adoc.entities, key=lambda e: (e.start, -(e.end - e.start), e.label))
    mentions: list[Mention] = []
    last_end = -1
    for span in spans:
        if span.start < last_end or span.label not in ENTITY_LABELS:
            continue
        if not (0 <= span.start < span.end <= len(text)):
            continue
        surface = text[span.start : span.end]
        if not surface.strip():
            continue
        index = max(0, bisect.bisect_right(starts, span.start) - 1) if starts else 0
        mentions.append(
            Mention(
                doc_id=adoc.doc.id,
                start=span.start,
                end=span.end,
                surface=surface,
                label=span.label,
                lang=adoc.lang,
                base=(span.base or surface).strip(),
                sentence=index,
            )
        )
        last_end = span.end
    return mentions
