"""In-domain judge data: hand-written corpora validity and the template generator."""

from __future__ import annotations

import collections
import json

import pytest

from consistency import domain_data
from consistency.domain_data import (
    CLAIM_TAGS,
    FAMILIES,
    LABELS,
    generate_pairs,
    load_handwritten,
    num_words,
    validate_row,
)

MIN_ROWS = {"train": 900, "val": 400}


@pytest.fixture(scope="module")
def splits() -> dict[str, list[dict]]:
    return {split: load_handwritten(split) for split in ("train", "val")}


# ---- hand-written corpora -----------------------------------------------------------------


@pytest.mark.parametrize("split", ["train", "val"])
def test_handwritten_rows_valid(splits, split):
    rows = splits[split]
    assert rows, split
    for row in rows:
        validate_row(row)
        assert set(row) == {"claim", "statement", "label", "tags"}
        assert row["label"] in LABELS
        # the first tag names the claim family
        assert row["tags"][0] in CLAIM_TAGS, row


@pytest.mark.parametrize("split", ["train", "val"])
def test_handwritten_size_and_label_balance(splits, split):
    rows = splits[split]
    assert len(rows) >= MIN_ROWS[split]
    counts = collections.Counter(r["label"] for r in rows)
    for label in LABELS:
        assert counts[label] / len(rows) >= 0.25, (split, counts)


@pytest.mark.parametrize("split", ["train", "val"])
def test_handwritten_every_claim_family_covered(splits, split):
    tags = collections.Counter(t for r in splits[split] for t in r["tags"])
    for tag in CLAIM_TAGS:
        assert tags[tag] >= 10, (split, tag, tags[tag])


@pytest.mark.parametrize("split", ["train", "val"])
def test_handwritten_no_exact_duplicates(splits, split):
    pairs = [(r["claim"], r["statement"]) for r in splits[split]]
    dupes = [p for p, n in collections.Counter(pairs).items() if n > 1]
    assert not dupes


def test_handwritten_same_pair_never_has_two_labels(splits):
    seen: dict[tuple[str, str], str] = {}
    for row in splits["train"] + splits["val"]:
        key = (row["claim"].strip().lower(), row["statement"].strip().lower())
        assert seen.setdefault(key, row["label"]) == row["label"], key


def test_handwritten_claim_family_is_stable(splits):
    # the same claim text always carries the same family (first) tag
    for split, rows in splits.items():
        family: dict[str, str] = {}
        for row in rows:
            assert family.setdefault(row["claim"], row["tags"][0]) == row["tags"][0], (split, row["claim"])


def test_handwritten_contrast_sets_cover_all_labels(splits):
    # statements tagged "contrast" are paired with claims of every label, so the statement alone
    # cannot give the answer
    for split, rows in splits.items():
        by_statement: dict[str, set[str]] = collections.defaultdict(set)
        for row in rows:
            if "contrast" in row["tags"]:
                by_statement[row["statement"]].add(row["label"])
        assert len(by_statement) >= 10, split
        assert all(labels == set(LABELS) for labels in by_statement.values()), split


def test_no_claim_shared_between_train_and_val(splits):
    def norm(text: str) -> str:
        return " ".join(text.lower().split())

    train_claims = {norm(r["claim"]) for r in splits["train"]}
    val_claims = {norm(r["claim"]) for r in splits["val"]}
    assert not train_claims & val_claims


def test_no_statement_shared_between_train_and_val(splits):
    train = {r["statement"].strip().lower() for r in splits["train"]}
    val = {r["statement"].strip().lower() for r in splits["val"]}
    assert not train & val


def test_load_handwritten_rejects_unknown_split():
    with pytest.raises(ValueError, match="split"):
        load_handwritten("test")


@pytest.mark.parametrize(
    "line, message",
    [
        ("{not json", "invalid JSON"),
        (json.dumps(["a", "b"]), "JSON object"),
        (json.dumps({"claim": "c", "statement": "s", "label": "consistent"}), "missing"),
        (json.dumps({"claim": "c", "statement": "s", "label": "maybe", "tags": ["price"]}), "label"),
        (json.dumps({"claim": "", "statement": "s", "label": "consistent", "tags": ["price"]}), "claim"),
        (json.dumps({"claim": "c", "statement": "s", "label": "consistent", "tags": []}), "tags"),
        (
            json.dumps({"claim": "c", "statement": "s", "label": "consistent", "tags": ["p"], "x": 1}),
            "unknown",
        ),
    ],
)
def test_load_handwritten_names_file_and_line(tmp_path, monkeypatch, line, message):
    good = json.dumps({"claim": "c", "statement": "s", "label": "consistent", "tags": ["price"]})
    (tmp_path / "handwritten_train.jsonl").write_text(f"{good}\n\n{good}\n{line}\n", encoding="utf-8")
    monkeypatch.setattr(domain_data, "DATA_DIR", tmp_path)
    with pytest.raises(ValueError, match=message) as info:
        load_handwritten("train")
    assert "handwritten_train.jsonl:4" in str(info.value)


# ---- generator ----------------------------------------------------------------------------


def test_generate_pairs_deterministic():
    assert generate_pairs(300, seed=7) == generate_pairs(300, seed=7)
    assert generate_pairs(300, seed=7) != generate_pairs(300, seed=8)
    assert generate_pairs(0) == []


def test_generate_pairs_prefix_independent_of_other_calls():
    a = generate_pairs(90, seed=3)
    generate_pairs(50, seed=99)
    assert generate_pairs(90, seed=3) == a


def test_generate_pairs_rows_valid_and_balanced():
    n = 1500
    rows = generate_pairs(n, seed=1)
    assert len(rows) == n
    for row in rows:
        validate_row(row)
        assert row["tags"][0] in CLAIM_TAGS
    labels = collections.Counter(r["label"] for r in rows)
    for label in LABELS:
        assert abs(labels[label] - n / 3) <= 1, labels
    fams = collections.Counter(r["tags"][0] for r in rows)
    assert set(fams) == set(CLAIM_TAGS)
    for tag in CLAIM_TAGS:
        assert abs(fams[tag] - n / len(CLAIM_TAGS)) <= 1, fams
    # every (family, label) cell is populated
    cells = collections.Counter((r["tags"][0], r["label"]) for r in rows)
    assert len(cells) == len(CLAIM_TAGS) * len(LABELS)


def test_generate_pairs_mostly_unique_and_varied():
    rows = generate_pairs(3000, seed=2)
    pairs = {(r["claim"], r["statement"]) for r in rows}
    assert len(pairs) >= 0.98 * len(rows)
    statements = {r["statement"] for r in rows}
    assert len(statements) >= 0.8 * len(rows)
    phenomena = collections.Counter(t for r in rows for t in r["tags"][1:])
    for tag in (
        "number_word",
        "conversion",
        "paraphrase",
        "negation",
        "hedge",
        "condition",
        "qualifier",
        "correction",
        "off_topic",
        "same_number_other_context",
        "email_style",
        "unsettled",
    ):
        assert phenomena[tag] >= 10, (tag, phenomena)


def test_generate_pairs_rejects_negative():
    with pytest.raises(ValueError):
        generate_pairs(-1)


def test_families_have_enough_templates():
    assert set(FAMILIES) == set(CLAIM_TAGS)
    for tag, fam in FAMILIES.items():
        assert fam.template_count >= 15, tag
        assert len(fam.claims) >= 4 and len(fam.consistent) >= 5 and len(fam.contradicted) >= 5, tag


def test_number_words():
    assert num_words(0) == "zero"
    assert num_words(49) == "forty-nine"
    assert num_words(100) == "one hundred"
    assert num_words(588) == "five hundred and eighty-eight"
    assert num_words(2000) == "two thousand"
    assert num_words(1_000_000) == "one million"
    with pytest.raises(ValueError):
        num_words(-1)
