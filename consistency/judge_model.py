"""The trained judge: (claim, evidence) -> p(contradicted), p(consistent), p(not_mentioned).

``models/judge-v1/`` holds ``manifest.json`` (what, how, on what data, metrics), ``weights.npz``
(a head stored as plain arrays: standardisation, weight matrices, biases; no pickle) and
``MODEL_CARD.md``. The head runs on pair features from :mod:`consistency.features` over the frozen
MiniLM encoder. The shipped judge-v1 (and any built without ``--no-cross-encoder``) also holds
``cross_encoder.npz``, a MiniLM cross-encoder (:mod:`consistency.cross_encoder`) whose
probabilities are averaged with the head's on pairs close enough to matter, then
temperature-calibrated (the manifest's ``cross_encoder`` section).
:meth:`TrainedJudge.score_passage` handles evidence longer than a sentence.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from .errors import ModelError
from .features import LABELS, build_features, feature_names
from .types import JudgeScores

DEFAULT_MODEL_DIR = Path(__file__).resolve().parent.parent / "models" / "judge-v1"
REQUIRED_KEYS = ("name", "version", "format", "labels", "head", "feature_blocks", "n_features", "calibration",
                 "encoder", "weights_file")
SUPPORTED_FORMATS = ("npz-head-v1", "npz-head+cross-encoder-v1")


def default_model_dir() -> Path:
    env = os.environ.get("CONSISTENCY_JUDGE_DIR")
    return Path(env) if env else DEFAULT_MODEL_DIR


def _broken(msg: str, path: Path, hint: str | None = None) -> ModelError:
    return ModelError(
        msg,
        code="E202",
        location=str(path),
        hint=hint or "rebuild it with `consistency train --out models/judge-v1` (or python -m consistency.train), "
        "or point CONSISTENCY_JUDGE_DIR at a judge directory with manifest.json and weights.npz",
    )


def validate_manifest(manifest: object, path: Path) -> dict:
    """Check the manifest's shape; raises ModelError E202 naming the first problem."""
    if not isinstance(manifest, dict):
        raise _broken("The judge manifest is not a JSON object", path)
    missing = [k for k in REQUIRED_KEYS if k not in manifest]
    if missing:
        raise _broken(f"The judge manifest lacks {', '.join(missing)}", path)
    if manifest["format"] not in SUPPORTED_FORMATS:
        raise _broken(f"Unsupported judge format {manifest['format']!r} (this version reads {SUPPORTED_FORMATS})",
                      path, hint="upgrade consistency or retrain the judge with this version")
    if manifest["format"] == "npz-head+cross-encoder-v1" and not isinstance(manifest.get("cross_encoder"), dict):
        raise _broken("The judge manifest names a cross-encoder format but has no cross_encoder section", path)
    if list(manifest["labels"]) != list(LABELS):
        raise _broken(f"The judge's label order {manifest['labels']} is not {list(LABELS)}", path)
    temp = manifest["calibration"].get("temperature", 1.0) if isinstance(manifest["calibration"], dict) else None
    if not isinstance(temp, (int, float)) or not temp > 0:
        raise _broken("The judge manifest has no valid calibration temperature", path)
    return manifest


def read_weights(path: Path) -> dict[str, np.ndarray]:
    """The head's arrays from ``weights.npz`` (no pickle): tree arrays as stored, the rest float32."""
    with np.load(path, allow_pickle=False) as z:
        return {k: (np.asarray(z[k]) if k.startswith("gbt_") else np.asarray(z[k], dtype=np.float32)) for k in z.files}


class TrainedJudge:
    """Pair scorer loaded from a model directory (see :meth:`load`)."""

    def __init__(self, manifest: dict, arrays: dict[str, np.ndarray], *, embedder=None, path: Path | None = None):
        self.manifest = manifest
        self.name = f"{manifest['name']}@{manifest['version']}"
        self.path = path
        self.blocks = tuple(manifest["feature_blocks"])
        self.temperature = float(manifest["calibration"].get("temperature", 1.0))
        self.passage_threshold = float(manifest.get("thresholds", {}).get("passage_not_mentioned_below", 0.5))
        self.passage_top_k = int(manifest.get("thresholds", {}).get("passage_top_k", 0))
        self._arrays = arrays
        self._embedder = embedder
        self._n_layers = sum(1 for k in arrays if k.startswith("W"))
        # optional cross-encoder (``train --cross-encoder``): mixed with the head on pairs close enough to matter
        self.cross_section: dict | None = manifest.get("cross_encoder")
        self._cross = None

    # -- loading -----------------------------------------------------------------------------

    @classmethod
    def load(cls, path: str | Path | None = None, *, embedder=None) -> TrainedJudge:
        """Load ``path`` (default ``$CONSISTENCY_JUDGE_DIR`` or the repo's ``models/judge-v1``)."""
        path = Path(path) if path is not None else default_model_dir()
        mpath = path / "manifest.json"
        if not path.is_dir():
            raise _broken(f"Judge model directory {path} does not exist", path)
        if not mpath.is_file():
            raise _broken(f"Judge model directory {path} has no manifest.json", path)
        try:
            manifest = json.loads(mpath.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise _broken(f"The judge manifest is unreadable: {exc}", mpath) from exc
        validate_manifest(manifest, mpath)
        wpath = path / manifest["weights_file"]
        try:
            arrays = read_weights(wpath)
        except (OSError, ValueError) as exc:
            raise _broken(f"The judge weights {wpath.name} are missing or unreadable: {exc}", wpath) from exc
        n_feat = int(manifest["n_features"])
        expected = len(feature_names(manifest["feature_blocks"]))
        if manifest["head"] == "gbt":
            ok = all(f"gbt_{k}" in arrays for k in ("feature", "threshold", "left", "right", "leaf", "value",
                                                     "roots", "class", "baseline"))
            ok = ok and int(arrays["gbt_feature"].max(initial=0)) < n_feat
        else:
            ok = "W0" in arrays and arrays["W0"].shape[0] == n_feat
        if not ok or "mean" not in arrays or n_feat != expected or arrays["mean"].shape != (n_feat,):
            raise _broken(f"The judge weights do not match the manifest ({n_feat} features expected)", wpath)
        return cls(manifest, arrays, embedder=embedder, path=path)

    @property
    def embedder(self):
        if self._embedder is None:
            from .embed import MiniLMEmbedder

            self._embedder = MiniLMEmbedder()
        return self._embedder

    # -- scoring -----------------------------------------------------------------------------

    def _probs(self, X: np.ndarray) -> np.ndarray:
        a = self._arrays
        if "gbt_roots" in a:
            from .train import gbt_logits, stack_inputs

            z = gbt_logits(a, stack_inputs(a, X)) / self.temperature
        else:
            h = ((X - a["mean"]) / a["scale"]).astype(np.float32)
            for i in range(self._n_layers - 1):
                h = np.maximum(h @ a[f"W{i}"] + a[f"b{i}"], 0.0)
            i = self._n_layers - 1
            z = (h @ a[f"W{i}"] + a[f"b{i}"]) / self.temperature
        z = z - z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)

    @property
    def cross_encoder(self):
        if self._cross is None and self.cross_section is not None:
            from .cross_encoder import CrossEncoder

            self._cross = CrossEncoder.load(self.path, self.cross_section)
        return self._cross

    def head_probabilities(self, pairs: Sequence[tuple[str, str]], *, batch_size: int = 512
                           ) -> tuple[np.ndarray, np.ndarray]:
        """The head's calibrated probabilities (n, 3) and the pairs' embedding cosines (n,)."""
        if not pairs:
            return np.zeros((0, len(LABELS))), np.zeros(0)
        out, sims = [], []
        for start in range(0, len(pairs), batch_size):
            chunk = pairs[start : start + batch_size]
            claims = [c for c, _ in chunk]
            evid = [e for _, e in chunk]
            texts = list(dict.fromkeys(claims + evid))
            vecs = self.embedder.encode(texts)
            index = {t: i for i, t in enumerate(texts)}
            u = vecs[[index[c] for c in claims]]
            v = vecs[[index[e] for e in evid]]
            X = build_features(claims, evid, u, v, blocks=self.blocks)
            out.append(self._probs(X))
            sims.append(np.sum(u * v, axis=1))
        return np.concatenate(out).astype(np.float64), np.concatenate(sims).astype(np.float64)

    def mixture(self, pairs: Sequence[tuple[str, str]]) -> tuple[np.ndarray, np.ndarray]:
        """Uncalibrated head/cross-encoder mixture (n, 3) and a mask of the pairs it covers.

        The cross-encoder reads only pairs at least ``min_similarity`` close (by the head's
        embeddings): below that the engine's relevance gate discounts a verdict anyway, and
        skipping them keeps a 300-turn call within its latency budget.
        """
        head, sims = self.head_probabilities(pairs)
        mixed = head.copy()
        sec = self.cross_section
        if sec is None or not len(pairs):
            return mixed, np.zeros(len(pairs), dtype=bool)
        mask = sims >= float(sec.get("min_similarity", -1.0))
        idx = np.flatnonzero(mask)
        if len(idx):
            logits = self.cross_encoder.logits([pairs[i] for i in idx]).astype(np.float64)
            z = np.exp(logits - logits.max(axis=1, keepdims=True))
            ce = z / z.sum(axis=1, keepdims=True)
            w = float(sec.get("weight", 0.5))
            mixed[idx] = w * ce + (1.0 - w) * head[idx]
        return mixed, mask

    def probabilities(self, pairs: Sequence[tuple[str, str]], *, batch_size: int = 512) -> np.ndarray:
        """Calibrated probabilities (n, 3) in label order :data:`LABELS`."""
        pairs = list(pairs)
        if self.cross_section is None:
            return self.head_probabilities(pairs, batch_size=batch_size)[0]
        mixed, mask = self.mixture(pairs)
        return temper(mixed, mask, float(self.cross_section.get("temperature", 1.0)))

    def score(self, pairs: Sequence[tuple[str, str]]) -> list[JudgeScores]:
        """Scores for (claim, evidence_text) pairs; each sums to 1."""
        probs = self.probabilities(list(pairs))
        return [_to_scores(p) for p in probs]

    def aggregate(self, probs: np.ndarray) -> tuple[JudgeScores, int]:
        """SummaC-style aggregation of per-sentence probabilities (n, 3) -> (scores, decisive index).

        Contradiction = the strongest contradicting sentence, support = the strongest supporting
        one; when neither reaches the passage threshold the claim is not mentioned, and the
        decisive index is the sentence closest to addressing it. Returned scores sum to 1.
        """
        if len(probs) == 0:
            return JudgeScores(0.0, 0.0, 1.0), -1
        ci, si = LABELS.index("contradicted"), LABELS.index("consistent")
        i_c = int(np.argmax(probs[:, ci]))
        i_s = int(np.argmax(probs[:, si]))
        c, s = float(probs[i_c, ci]), float(probs[i_s, si])
        if max(c, s) < self.passage_threshold:
            addressed = 1.0 - probs[:, LABELS.index("not_mentioned")]
            i_n = int(np.argmax(addressed))
            n = 1.0 - max(c, s)
            total = c + s + n
            return JudgeScores(c / total, s / total, n / total), i_n
        n = float(np.min(probs[:, LABELS.index("not_mentioned")]))
        total = c + s + n
        decisive = i_c if c >= s else i_s
        return JudgeScores(c / total, s / total, n / total), decisive

    def relevant(self, claim: str, sentences: Sequence[str], k: int | None = None) -> list[int]:
        """Indices (in passage order) of the ``k`` sentences most similar to the claim (cosine of
        the MiniLM embeddings; the same vectors the judge uses, so they are cached)."""
        k = self.passage_top_k if k is None else k
        if k <= 0 or len(sentences) <= k:
            return list(range(len(sentences)))
        vecs = self.embedder.encode([claim, *sentences])
        sims = vecs[1:] @ vecs[0]
        top = np.argsort(-sims, kind="stable")[:k]
        return sorted(int(i) for i in top)

    def score_passage(self, claim: str, passage_sentences: Sequence[str]) -> tuple[JudgeScores, int]:
        """Score the claim against the sentences of a passage most related to it (the
        ``passage_top_k`` of the manifest, by embedding similarity; all when that is 0) and
        aggregate (see :meth:`aggregate`). The index returned is into ``passage_sentences``."""
        sents = list(passage_sentences)
        if not sents:
            return JudgeScores(0.0, 0.0, 1.0), -1
        keep = self.relevant(claim, sents)
        scores, i = self.aggregate(self.probabilities([(claim, sents[j]) for j in keep]))
        return scores, (keep[i] if i >= 0 else -1)

    def info(self) -> dict:
        m = self.manifest
        return {"name": m["name"], "version": m["version"], "head": m["head"], "encoder": m["encoder"]["name"],
                "cross_encoder": self.cross_section is not None,
                "path": str(self.path) if self.path else None, "metrics": m.get("metrics", {})}


def temper(mixed: np.ndarray, mask: np.ndarray, temperature: float) -> np.ndarray:
    """Temperature-scale the mixed rows (``mask``): p ** (1 / T), renormalised."""
    out = mixed.copy()
    if mask.any() and temperature != 1.0:
        z = np.log(np.clip(mixed[mask], 1e-12, 1.0)) / temperature
        z = np.exp(z - z.max(axis=1, keepdims=True))
        out[mask] = z / z.sum(axis=1, keepdims=True)
    return out


def _to_scores(p: np.ndarray) -> JudgeScores:
    p = np.clip(p, 0.0, 1.0)
    p = p / p.sum()
    d = dict(zip(LABELS, (float(x) for x in p), strict=True))
    return JudgeScores(contradicted=d["contradicted"], consistent=d["consistent"], not_mentioned=d["not_mentioned"])
