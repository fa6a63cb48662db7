"""The ``consistency`` command line: claims, check, verify, train, evaluate, serve.

Exit codes: 0 clean, 1 findings at or above ``--fail-on``, 2 usage or input error.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from . import __version__
from .errors import ConsistencyError

COPY_EXTENSIONS = {".txt", ".md", ".markdown", ".html", ".htm"}
CONVERSATION_EXTENSIONS = {".json", ".txt", ".vtt", ".srt", ".eml", ".mbox"}
FAIL_ON = ("none", "contradicted", "high", "medium", "low")


def _expand(paths: tuple[str, ...], extensions: set[str], what: str) -> list[Path]:
    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = sorted(q for q in p.rglob("*") if q.is_file() and q.suffix.lower() in extensions)
            if not found:
                raise click.UsageError(f"{what} directory {p} holds no {', '.join(sorted(extensions))} files")
            out.extend(found)
        elif p.exists():
            out.append(p)
        else:
            raise click.UsageError(f"{what} path {p} does not exist")
    return out


def _fail(exc: ConsistencyError) -> None:
    click.echo(f"error: {exc}", err=True)
    sys.exit(2)


def _emit(text: str, output: str | None) -> None:
    if output:
        Path(output).write_text(text, encoding="utf-8")
        click.echo(f"wrote {output}", err=True)
    else:
        click.echo(text, nl=False)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="consistency")
def main() -> None:
    """Keep sales talk and marketing copy on one message.

    Extracts the claims in marketing copy, finds what reps said about each in call transcripts
    and emails, and flags contradictions with evidence and a calibrated confidence.
    """


@main.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="YAML/TOML engine config.")
def claims(file: str, fmt: str, config_path: str | None) -> None:
    """Print the claims found in one copy FILE (.txt, .md, .html)."""
    from .engine import load_engine
    from .io import load_copy_file
    from .types import to_dict

    try:
        engine = load_engine(config_path)
        copy = load_copy_file(file)
        found = engine.extract_claims(copy)
    except ConsistencyError as exc:
        _fail(exc)
    if fmt == "json":
        click.echo(json.dumps({"claims": to_dict(found)}, indent=2, ensure_ascii=False))
        return
    for c in found:
        slots = ", ".join(f"{s.kind.value}={s.display()}" for s in c.slots)
        click.echo(f"{c.id}\t{c.type.value:14}\t[{c.start}:{c.end}]\t{c.text}" + (f"\t{{{slots}}}" if slots else ""))


@main.command()
@click.option("--copy", "copy_paths", multiple=True, required=True, help="Copy file or directory (repeatable).")
@click.option("--conversations", "conv_paths", multiple=True, required=True,
              help="Transcript/email file or directory (repeatable).")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "jsonl", "csv", "html"]), default="text",
              show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write the report here instead of stdout.")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default="none", show_default=True,
              help="Exit 1 when a contradiction (of at least this severity) is found.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="YAML/TOML engine config.")
@click.option("--rep-name", multiple=True, help="A rep's name (repeatable); adds to the config's rep_names.")
@click.option("--rep-domain", multiple=True, help="The company's email domain (repeatable).")
@click.option("--top-k", type=click.IntRange(1, 100), help="Candidate statements judged per claim.")
@click.option("--no-unbacked", is_flag=True, help="Skip the search for rep promises the copy does not back.")
def check(copy_paths, conv_paths, fmt, output, fail_on, config_path, rep_name, rep_domain, top_k, no_unbacked):
    """Check copy against conversations and report one verdict per claim per conversation."""
    from .engine import load_engine
    from .io import load_conversation_file, load_copy_file
    from .report import render
    from .types import Verdict

    copies_files = _expand(copy_paths, COPY_EXTENSIONS, "--copy")
    conv_files = _expand(conv_paths, CONVERSATION_EXTENSIONS, "--conversations")
    try:
        engine = load_engine(config_path)
        cfg = engine.config
        reps = tuple(cfg.rep_names) + tuple(rep_name)
        domains = tuple(cfg.rep_domains) + tuple(rep_domain)
        copies = [load_copy_file(p) for p in copies_files]
        conversations = [load_conversation_file(p, rep_speakers=reps, rep_domains=domains) for p in conv_files]
        report = engine.check(
            copies, conversations, top_k=top_k, include_unbacked=not no_unbacked,
            progress=sys.stderr.isatty(),
        )
    except ConsistencyError as exc:
        _fail(exc)
    _emit(render(report, fmt), output)
    if fail_on != "none":
        order = {"high": 0, "medium": 1, "low": 2}
        limit = 2 if fail_on == "contradicted" else order[fail_on]
        if any(f.verdict is Verdict.CONTRADICTED and order[f.severity.value] <= limit for f in report.findings):
            sys.exit(1)


@main.command()
@click.option("--claim", required=True, help="The claim, e.g. 'Free shipping on all orders'.")
@click.option("--evidence", help="The evidence text (a statement or passage).")
@click.option("--evidence-file", type=click.Path(dir_okay=False), help="Read the evidence from a file.")
@click.option("--config", "config_path", type=click.Path(dir_okay=False))
def verify(claim: str, evidence: str | None, evidence_file: str | None, config_path: str | None) -> None:
    """Judge one claim against one piece of evidence; prints JSON."""
    from .engine import load_engine
    from .types import to_dict

    if (evidence is None) == (evidence_file is None):
        raise click.UsageError("give exactly one of --evidence or --evidence-file")
    if evidence_file:
        try:
            evidence = Path(evidence_file).read_bytes().decode("utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise click.UsageError(f"cannot read {evidence_file}: {exc}") from None
    try:
        result = load_engine(config_path).verify(claim, evidence)
    except ConsistencyError as exc:
        _fail(exc)
    click.echo(json.dumps(to_dict(result), indent=2, ensure_ascii=False))


@main.command()
@click.option("--out", "out_dir", default="models/judge-v1", show_default=True, type=click.Path(file_okay=False))
@click.option("--seed", default=0, show_default=True, type=int)
@click.option("--shared-dir", type=click.Path(file_okay=False), help="Path to shared/ (default ../shared).")
@click.option("--cross-encoder/--no-cross-encoder", default=True, show_default=True,
              help="Fine-tune the MiniLM cross-encoder mixed with the head (about 30 minutes on 2 idle CPU cores).")
@click.option("--cross-encoder-weights", type=click.Path(dir_okay=False, exists=True),
              help="Use these cross-encoder weights (from `python -m consistency.cross_encoder fit`, e.g. on a GPU)"
                   " instead of fitting them; refused unless fitted on the rows this training builds.")
@click.option("--no-case-pairs", is_flag=True,
              help="Leave out the pairs harvested from the dev split of corpora/labeled.")
def train(out_dir: str, seed: int, shared_dir: str | None, cross_encoder: bool, cross_encoder_weights: str | None,
          no_case_pairs: bool) -> None:
    """Train the contradiction judge from scratch into OUT (manifest, weights, model card)."""
    from .train import train as run_training

    hparams: dict = {"cross_encoder": cross_encoder}
    if cross_encoder_weights and not cross_encoder:
        raise click.UsageError("--cross-encoder-weights contradicts --no-cross-encoder")
    if no_case_pairs:
        hparams["case_pairs"] = False
    try:
        manifest = run_training(out_dir, seed=seed, shared_dir=shared_dir, hparams=hparams,
                                cross_encoder_weights=cross_encoder_weights)
    except ConsistencyError as exc:
        _fail(exc)
    click.echo(json.dumps(manifest.get("metrics", {}), indent=2))


@main.command()
@click.option("--benchmarks", "benchmarks_dir", type=click.Path(file_okay=False),
              help="Folder of benchmark sets (default ../shared/benchmarks).")
@click.option("--limit", type=click.IntRange(1), help="At most this many pairs per set (quick look).")
@click.option("--json", "as_json", is_flag=True, help="Print rows as JSON instead of a table.")
def evaluate(benchmarks_dir: str | None, limit: int | None, as_json: bool) -> None:
    """Run the judge on every public benchmark set and print one table."""
    from .evaluate import evaluate as run_evaluation
    from .evaluate import format_table

    try:
        rows = run_evaluation(benchmarks_dir, limit=limit)
    except ConsistencyError as exc:
        _fail(exc)
    click.echo(json.dumps(rows, indent=2) if as_json else format_table(rows))


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535))
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 64))
@click.option("--config", "config_path", type=click.Path(dir_okay=False))
def serve(host: str, port: int, workers: int, config_path: str | None) -> None:
    """Serve the HTTP API (gunicorn; waitress where gunicorn is unavailable)."""
    from api.serve import serve as run_server

    run_server(host=host, port=port, workers=workers, config_path=config_path)


if __name__ == "__main__":  # pragma: no cover
    main()
