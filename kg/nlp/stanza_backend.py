"""The `stanza` backend: the real Stanza pipeline (tokenize, mwt, pos, lemma, depparse, ner).

Models live in the folder given by ``KG_MODELS_DIR`` (see kg.models); a build never
downloads (``download_method=None``). stanza and torch are imported only when a document is
annotated, so ``import kg`` stays light.
"""

from __future__ import annotations

import os
from pathlib import Path

from kg.errors import BackendError, ModelMissingError
from kg.model import AnnotatedDoc, Document, EntitySpan, Sentence, Token

#: Each language's NER label set mapped onto kg's classes (None: not a mention).
LABEL_MAP: dict[str, str | None] = {
    # OntoNotes (en)
    "PERSON": "PERSON",
    "ORG": "ORG",
    "GPE": "PLACE",
    "LOC": "PLACE",
    "FAC": "PLACE",
    "NORP": None,
    "EVENT": "MISC",
    "WORK_OF_ART": "MISC",
    "LAW": "MISC",
    "PRODUCT": "MISC",
    "LANGUAGE": None,
    "DATE": None,
    "TIME": None,
    "PERCENT": None,
    "MONEY": None,
    "QUANTITY": None,
    "ORDINAL": None,
    "CARDINAL": None,
    # CoNLL / GermEval (de)
    "PER": "PERSON",
    "MISC": "MISC",
    # NKJP (pl)
    "persName": "PERSON",
    "orgName": "ORG",
    "placeName": "PLACE",
    "geogName": "PLACE",
    "date": None,
    "time": None,
    # NorNE (nb)
    "GPE_LOC": "PLACE",
    "GPE_ORG": "ORG",
    "PROD": "MISC",
    "EVT": "MISC",
    "DRV": None,
    # SUC3 (sv)
    "PRS": "PERSON",
    "EVN": "MISC",
    "WRK": "MISC",
    "OBJ": "MISC",
    "TME": None,
    "MSR": None,
}
PROCESSORS = ("tokenize", "mwt", "pos", "lemma", "depparse", "ner")


def map_label(label: str) -> str | None:
    label = label.split("-", 1)[-1] if label[:2] in ("B-", "I-", "E-", "S-") else label
    return LABEL_MAP.get(label, "MISC")


class StanzaBackend:
    """One cached stanza.Pipeline per language over the installed models."""

    name = "stanza"

    def __init__(self, models_dir: Path | None = None) -> None:
        from kg.models import models_dir as default_dir

        self.dir = default_dir(models_dir)
        self._pipelines: dict[str, object] = {}

    def installed(self, lang: str) -> list[str]:
        """Processors with a model file for ``lang`` in the models folder."""
        base = self.dir / lang
        return [p for p in PROCESSORS if (base / p).is_dir() and any((base / p).glob("*.pt"))]

    def available(self, lang: str) -> bool:
        return (self.dir / "resources.json").is_file() and "ner" in self.installed(lang)

    def _pipeline(self, lang: str):
        if lang in self._pipelines:
            return self._pipelines[lang]
        if not self.available(lang):
            raise ModelMissingError(
                f"no Stanza NER model for language {lang!r} in {self.dir}",
                fix=f"kg models download {lang}",
            )
        try:
            import stanza
            import torch
        except ImportError as exc:
            raise BackendError(
                "stanza is not installed", fix="pip install 'kg[stanza]' (torch==2.13.0 first)"
            ) from exc
        torch.set_num_threads(int(os.environ.get("KG_TORCH_THREADS", "1")))
        processors = self.installed(lang)
        # Without a tokenizer model stanza splits on white space (one sentence per line).
        pretokenized = "tokenize" not in processors
        if pretokenized:
            processors = ["tokenize", *processors]
        options = {"tokenize_pretokenized": pretokenized}
        try:
            pipeline = stanza.Pipeline(
                lang=lang,
                dir=str(self.dir),
                processors=",".join(processors),
                download_method=None,
                logging_level="WARN",
                use_gpu=False,
                **options,
            )
        except Exception as exc:  # stanza raises plain exceptions for broken model folders
            raise BackendError(
                f"cannot load the Stanza models for {lang!r}: {exc}",
                fix=f"kg models remove {lang} && kg models download {lang}",
            ) from exc
        self._pipelines[lang] = pipeline
        return pipeline

    def annotate(self, doc: Document, lang: str) -> AnnotatedDoc:
        pipeline = self._pipeline(lang)
        result = pipeline(doc.text)
        sentences = []
        for s in result.sentences:
            tokens = []
            for w in s.words:
                parent = w.parent
                start = getattr(w, "start_char", None) or parent.start_char
                end = getattr(w, "end_char", None) or parent.end_char
                tokens.append(
                    Token(
                        w.text,
                        start,
                        end,
                        lemma=w.lemma,
                        upos=w.upos,
                        head=w.head,
                        deprel=w.deprel,
                        feats=w.feats,
                    )
                )
            if tokens:
                sentences.append(Sentence(tokens[0].start, tokens[-1].end, tuple(tokens)))
        entities = []
        for ent in result.ents:
            label = map_label(ent.type)
            if label is None:
                continue
            words = [w for t in ent.tokens for w in t.words]
            base = " ".join(w.lemma or w.text for w in words) if words else ent.text
            entities.append(
                EntitySpan(
                    ent.start_char,
                    ent.end_char,
                    label,
                    doc.text[ent.start_char : ent.end_char],
                    base,
                )
            )
        return AnnotatedDoc(
            doc=doc,
            lang=lang,
            backend=self.name,
            sentences=tuple(sentences),
            entities=tuple(entities),
        )
