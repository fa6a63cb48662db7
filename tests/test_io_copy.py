"""Copy loaders: text/Markdown/HTML -> plain text with an offset map back to the raw input."""

from __future__ import annotations

from pathlib import Path

import pytest

from consistency.errors import InputError
from consistency.io import copy_offset_map, load_copy, load_copy_file, raw_span, strip_html, strip_markdown
from consistency.types import Copy, CopyFormat

FIX = Path(__file__).parent / "fixtures" / "io"


def _check_map(c: Copy) -> list[int]:
    m = copy_offset_map(c)
    assert len(m) == len(c.text) + 1
    assert m[-1] == len(c.raw)
    assert all(0 <= o <= len(c.raw) for o in m)
    assert m == sorted(m), "offsets must not go backwards"
    return m


def test_text_kept_as_given():
    c = load_copy("Our plan is $49.\r\nCancel anytime.", id="a")
    assert c.text == "Our plan is $49.\nCancel anytime."
    assert c.format is CopyFormat.TEXT
    assert c.raw == "Our plan is $49.\r\nCancel anytime."
    m = _check_map(c)
    i = c.text.index("Cancel")
    assert c.raw[m[i] : m[i] + 6] == "Cancel"


def test_text_bytes_with_bom():
    c = load_copy("\ufeffFree shipping.".encode(), id="a")
    assert c.text == "Free shipping."


@pytest.mark.parametrize(
    "md, expected",
    [
        ("# Heading\nBody text.", "Heading\nBody text."),
        ("## Closed heading ##\ntext", "Closed heading\ntext"),
        ("Some **bold** and *it* and __b__ and _i_ and ~~gone~~ text", "Some bold and it and b and i and gone text"),
        ("A [link](https://x.com/a_(b)) here", "A link here"),
        ("A [ref link][1] here\n\n[1]: https://x.com", "A ref link here"),
        ("![alt text](img.png)Caption", "Caption"),
        ("[![badge](b.svg)](https://ci) Build", "Build"),
        ("Run `pip install x` now", "Run pip install x now"),
        ("``code with ` tick``", "code with ` tick"),
        ("- one\n- two\n* three\n+ four\n1. five\n2) six", "one\ntwo\nthree\nfour\nfive\nsix"),
        ("- [x] done item", "done item"),
        ("> quoted line\n> continues", "quoted line continues"),
        ("line one\nline two\n\nnext para", "line one line two\nnext para"),
        ("snake_case stays, 2 * 3 stays", "snake_case stays, 2 * 3 stays"),
        ("Footnote* applies", "Footnote* applies"),
        ("\\*not emphasis\\*", "*not emphasis*"),
        ("Tom &amp; Jerry &copy; 2024", "Tom & Jerry © 2024"),
        ("Visit <https://acme.com> today", "Visit https://acme.com today"),
        ("Text <span>inline</span> html<br>next", "Text inline html\nnext"),
        ("Title\n=====\nBody", "Title\nBody"),
        ("Title\n---\nBody", "Title\nBody"),
        ("before\n\n***\n\nafter", "before\nafter"),
        ("```python\nprint(1)\n```\nafter", "print(1)\nafter"),
        ("---\ntitle: x\n---\nBody", "Body"),
        ("Body <!-- secret\nnote --> end", "Body end"),
        ("| A | B |\n|---|:-:|\n| 1 | 2 |", "A | B\n1 | 2"),
        ("Claim[^1] here\n\n[^1]: source", "Claim here"),
    ],
)
def test_markdown_strip(md, expected):
    c = load_copy(md, id="m", format="markdown")
    assert c.text == expected
    _check_map(c)


@pytest.mark.parametrize(
    "page, expected",
    [
        ("<p>One</p><p>Two</p>", "One\nTwo"),
        ("<h1>Head</h1>Body", "Head\nBody"),
        ("<div>a<br>b<br/>c</div>", "a\nb\nc"),
        ("<p>5 &lt; 6 &amp;&amp; &#36;49 &#x24;5 &euro;3</p>", "5 < 6 && $49 $5 €3"),
        ("<p>Unknown &bogus; entity</p>", "Unknown &bogus; entity"),
        ("<script>alert('<p>x</p>')</script><style>p{}</style><p>kept</p>", "kept"),
        ("<head><title>T</title></head><body>Body</body>", "Body"),
        ("<ul><li>a</li><li>b</li></ul>", "a\nb"),
        ("<table><tr><td>Pro</td><td>$49</td></tr></table>", "Pro | $49"),
        ("<p>spaces   and\n\n newlines\tcollapse</p>", "spaces and newlines collapse"),
        ("<pre>line1\nline2</pre>", "line1\nline2"),
        ("<p>x<!-- comment -->y</p>", "xy"),
        ("<p>Logo <img src=a.png alt=logo> here</p>", "Logo here"),
        ("<svg><title>icon</title></svg><p>After svg</p>", "After svg"),
        ("<p>broken <b>markup <i>never closed", "broken markup never closed"),
        ("<![if !IE]><p>odd</p>", "odd"),
        ("zero\u200bwidth\u00a0nbsp", "zerowidth nbsp"),
    ],
)
def test_html_strip(page, expected):
    c = load_copy(page, id="h", format="html")
    assert c.text == expected
    _check_map(c)


def test_html_offsets_point_into_raw():
    raw = "<p>Only <b>$49</b>&nbsp;per month &amp; more</p>"
    c = load_copy(raw, id="h", format=CopyFormat.HTML)
    assert c.text == "Only $49 per month & more"
    i = c.text.index("$49")
    s, e = raw_span(c, i, i + 3)
    assert raw[s:e] == "$49"
    i = c.text.index("&")
    s, e = raw_span(c, i, i + 1)
    assert raw[s:e] == "&amp;"
    s, e = raw_span(c, 0, len(c.text))
    assert raw[s:e].startswith("Only") and raw[s:e].endswith("more")


def test_markdown_offsets_point_into_raw():
    raw = "# Pricing\n\nOur **Pro** plan is $49/month with a [trial](https://x)."
    c = load_copy(raw, id="m", format="md")
    m = _check_map(c)
    for word in ("Pricing", "Pro", "$49/month", "trial"):
        i = c.text.index(word)
        assert raw[m[i] : m[i] + len(word)] == word
        s, e = raw_span(c, i, i + len(word))
        assert raw[s:e] == word


@pytest.mark.parametrize("fmt", ["md", "MARKDOWN", CopyFormat.MARKDOWN, ".md"])
def test_format_aliases(fmt):
    assert load_copy("# x", id="a", format=fmt).format is CopyFormat.MARKDOWN


def test_headings_and_items_end_with_newline():
    c = load_copy("# Fast setup\nDeploy in minutes\n- No card needed\n- Free trial", id="a", format="markdown")
    assert c.text.split("\n") == ["Fast setup", "Deploy in minutes", "No card needed", "Free trial"]


def test_public_strip_helpers():
    assert strip_html("<p>a</p><p>b</p>") == "a\nb"
    assert strip_markdown("**a**") == "a"


@pytest.mark.parametrize(
    "name, fmt, first_line",
    [
        ("pricing.md", CopyFormat.MARKDOWN, "Simple, honest pricing"),
        ("pricing.html", CopyFormat.HTML, "Home"),
    ],
)
def test_load_copy_file(name, fmt, first_line):
    c = load_copy_file(FIX / name)
    assert c.id == "pricing"
    assert c.format is fmt
    assert c.source == str(FIX / name)
    assert c.text.split("\n")[0] == first_line
    assert "Our Pro plan costs $49" in c.text
    assert "raise prices" not in c.text and "tiers" not in c.text and "color" not in c.text
    _check_map(c)


def test_load_copy_file_txt(tmp_path):
    p = tmp_path / "landing.txt"
    p.write_text("Free for 30 days.", encoding="utf-8")
    c = load_copy_file(p)
    assert (c.id, c.text, c.format) == ("landing", "Free for 30 days.", CopyFormat.TEXT)


def test_html_meta_charset(tmp_path):
    p = tmp_path / "old.html"
    p.write_bytes('<meta charset="iso-8859-1"><p>Caf\xe9 offer</p>'.encode("latin-1"))
    assert load_copy_file(p).text == "Café offer"


def test_offset_map_without_raw():
    c = Copy(id="x", text="hello")
    assert copy_offset_map(c) == [0, 1, 2, 3, 4, 5]


def test_offset_map_mismatch():
    c = Copy(id="x", text="not from raw", format=CopyFormat.HTML, raw="<p>other</p>")
    with pytest.raises(InputError) as ei:
        copy_offset_map(c)
    assert ei.value.code == "E108"


@pytest.mark.parametrize(
    "kwargs, code, needle",
    [
        ({"text": "", "id": "a"}, "E101", "empty"),
        ({"text": "   \n\t", "id": "a"}, "E101", "empty"),
        ({"text": "<script>x()</script><!-- c -->", "id": "a", "format": "html"}, "E101", "markup"),
        ({"text": "![img](a.png)", "id": "a", "format": "markdown"}, "E101", "markup"),
        ({"text": b"ok \xff bad", "id": "a"}, "E102", "byte offset 3"),
        ({"text": b"caf\xc3", "id": "a", "format": "html"}, "E102", "byte offset 3"),
        ({"text": "x", "id": "a", "format": "pdf"}, "E104", "pdf"),
        ({"text": "x" * 101, "id": "a", "max_bytes": 100}, "E107", "101"),
        ({"text": b"x" * 101, "id": "a", "max_bytes": 100}, "E107", "limit is 100"),
        ({"text": "x", "id": ""}, "E108", "id"),
        ({"text": 42, "id": "a"}, "E108", "int"),
    ],
)
def test_copy_errors(kwargs, code, needle):
    with pytest.raises(InputError) as ei:
        load_copy(**kwargs)
    assert ei.value.code == code
    assert needle in str(ei.value)


def test_copy_file_errors(tmp_path):
    with pytest.raises(InputError) as ei:
        load_copy_file(tmp_path / "missing.md")
    assert ei.value.code == "E106" and "missing.md" in ei.value.location
    with pytest.raises(InputError) as ei:
        load_copy_file(tmp_path)  # a directory
    assert ei.value.code in ("E104", "E106")
    (tmp_path / "x.pdf").write_bytes(b"%PDF")
    with pytest.raises(InputError) as ei:
        load_copy_file(tmp_path / "x.pdf")
    assert ei.value.code == "E104"
    big = tmp_path / "big.txt"
    big.write_text("a" * 50)
    with pytest.raises(InputError) as ei:
        load_copy_file(big, max_bytes=10)
    assert ei.value.code == "E107"
    d = tmp_path / "dir.md"
    d.mkdir()
    with pytest.raises(InputError) as ei:
        load_copy_file(d)
    assert ei.value.code == "E106"
