import gzip
import io
import json
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from marsad.errors import InputRefused
from marsad.ingest import read_file, read_paths
from marsad.model import Article
from marsad.settings import DEFAULT, Settings
from tests.conftest import saudi_articles, seed_text

BODY = saudi_articles()[0]["content"]
TITLE = saudi_articles()[0]["title"]


def one(path: Path, settings: Settings = DEFAULT) -> Article | InputRefused:
    [item] = list(read_file(path, settings))
    return item


def html_page(title: str, body: str) -> str:
    paras = "".join(f"<p>{p.strip()}</p>" for p in body.split("\n") if p.strip())
    return (f"<!DOCTYPE html><html lang=ar dir=rtl><head><meta charset='utf-8'><title>{title} | موقع الأخبار</title>"
            "<meta property='article:published_time' content='2015-07-21T10:00:00'>"
            "<script>var tracking = 'شارك';</script><style>p{}</style></head><body>"
            "<nav><a href='/'>الرئيسية</a> <a href='/s'>سياسة</a> <a href='/e'>اقتصاد</a></nav>"
            f"<article><h1>{title}</h1>{paras}</article><!-- تعليق مخفي -->"
            "<div class='share'>شارك فيسبوك تويتر واتساب</div>"
            "<footer>جميع الحقوق محفوظة © 2015</footer></body></html>")


def test_txt_utf8(tmp_path):
    p = tmp_path / "a.txt"
    p.write_text(seed_text(0), "utf-8")
    a = one(p)
    assert isinstance(a, Article) and a.encoding == "utf-8" and a.source == "a.txt"
    assert "ماكنزي" in a.raw


@pytest.mark.parametrize("encoding, expected", [
    ("utf-8-sig", "utf-8-sig"), ("utf-16", "utf-16"), ("utf-16-le", "utf-16-le"), ("utf-16-be", "utf-16-be"),
    ("cp1256", "cp1256"),
])
def test_txt_encodings_are_detected_and_recorded(tmp_path, encoding, expected):
    text = BODY[:3000]
    p = tmp_path / "a.txt"
    p.write_bytes(text.encode(encoding))
    a = one(p)
    assert isinstance(a, Article), a
    assert a.encoding == expected
    assert a.raw.strip() == text.replace("\r\n", "\n").strip()


def test_html_page_main_text_title_and_date(tmp_path):
    p = tmp_path / "page.html"
    p.write_text(html_page(TITLE, BODY), "utf-8")
    a = one(p)
    assert isinstance(a, Article), a
    assert a.title == TITLE
    assert a.published == "2015-07-21" and a.published_how == "metadata"
    assert BODY.split("\n")[0].strip()[:60] in a.raw
    assert "var tracking" not in a.raw and "جميع الحقوق محفوظة" not in a.raw


def test_html_in_windows_1256_declared_in_meta(tmp_path):
    page = html_page(TITLE, BODY[:2000]).replace("charset='utf-8'", "charset='windows-1256'")
    p = tmp_path / "old.html"
    p.write_bytes(page.encode("cp1256"))
    a = one(p)
    assert isinstance(a, Article) and a.encoding == "cp1256" and a.title == TITLE


def test_jsonl_records_with_text_or_html_and_bad_lines_reported(tmp_path):
    arts = saudi_articles()[:3]
    lines = [json.dumps({"text": arts[0]["content"], "url": arts[0]["url"], "title": arts[0]["title"],
                         "published": "2015-07-21T02:51:32", "outlet": "aawsat"}, ensure_ascii=False),
             "{not json",
             json.dumps({"html": html_page(arts[1]["title"], arts[1]["content"]), "outlet": "okaz"},
                        ensure_ascii=False),
             json.dumps({"title": "بلا نص"}, ensure_ascii=False),
             json.dumps({"content": arts[2]["content"], "source": "sabq"}, ensure_ascii=False)]
    p = tmp_path / "batch.jsonl"
    p.write_text("\n".join(lines) + "\n", "utf-8")
    items = list(read_file(p))
    good = [i for i in items if isinstance(i, Article)]
    bad = [i for i in items if isinstance(i, InputRefused)]
    assert [a.outlet for a in good] == ["aawsat", "okaz", "sabq"]
    assert good[0].published == "2015-07-21" and good[0].url == arts[0]["url"]
    assert good[1].title == arts[1]["title"]
    assert [b.code for b in bad] == ["E006", "E007"]
    assert "batch.jsonl:2" in str(bad[0]) and "column" in str(bad[0])  # where on the line: "... at" said nothing


def test_json_array_file(tmp_path):
    p = tmp_path / "dump.json"
    p.write_text(json.dumps(saudi_articles()[:4], ensure_ascii=False), "utf-8")
    items = list(read_file(p))
    assert len(items) == 4 and all(isinstance(i, Article) for i in items)
    assert items[0].outlet == saudi_articles()[0]["source"]


def rss(items: list[dict]) -> str:
    body = "".join(
        f"<item><title>{i['title']}</title><link>{i['url']}</link><pubDate>Tue, 21 Jul 2015 02:51:32 +0000</pubDate>"
        f"<description><![CDATA[<p>{i['content'][:1500]}</p>]]></description></item>" for i in items)
    head = "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel><title>صحيفة</title>"
    return f"{head}{body}</channel></rss>"


def test_rss_feed(tmp_path):
    arts = saudi_articles()[:3]
    p = tmp_path / "feed.rss"
    p.write_text(rss(arts), "utf-8")
    items = list(read_file(p))
    assert [a.url for a in items] == [a["url"] for a in arts]
    assert all(a.published == "2015-07-21" and a.outlet == "صحيفة" for a in items)
    assert arts[0]["content"][:40] in items[0].raw


def test_atom_feed(tmp_path):
    art = saudi_articles()[5]
    p = tmp_path / "feed.atom"
    p.write_text("<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'><title>وكالة</title>"
                 f"<entry><title>{art['title']}</title><link href='http://example.org/a1'/>"
                 "<updated>2015-07-22T08:00:00Z</updated>"
                 f"<content type='html'>&lt;p&gt;{art['content'][:1000]}&lt;/p&gt;</content></entry></feed>", "utf-8")
    [a] = list(read_file(p))
    assert a.title == art["title"] and a.published == "2015-07-22" and a.url == "http://example.org/a1"


def test_warc_file(tmp_path):
    arts = saudi_articles()[:2]
    p = tmp_path / "crawl.warc.gz"
    with p.open("wb") as f:
        writer = WARCWriter(f, gzip=True)
        for n, art in enumerate(arts):
            payload = html_page(art["title"], art["content"]).encode("utf-8")
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(f"http://example.org/{n}", "response",
                                                          payload=io.BytesIO(payload), http_headers=headers))
    items = list(read_file(p))
    assert [a.url for a in items] == ["http://example.org/0", "http://example.org/1"]
    assert all(isinstance(a, Article) and a.title for a in items)


@pytest.mark.parametrize("name, content, code", [
    ("empty.txt", b"", "E001"),
    ("blank.txt", b"   \n\n ", "E001"),
    ("image.txt", bytes(range(256)) * 40, "E003"),
    ("notes.docx", "نص".encode(), "E005"),
    ("broken.json", b'{"text": "\xd9\x86\xd8\xb5', "E006"),
    ("feed.xml", b"<rss><channel><item>", "E008"),
    ("bad.warc", b"this is not a warc file at all", "E009"),
])
def test_bad_input_is_refused_with_a_coded_one_line_error(tmp_path, name, content, code):
    p = tmp_path / name
    p.write_bytes(content)
    item = one(p)
    assert isinstance(item, InputRefused), item
    assert item.code == code
    assert str(p) in str(item) and "\n" not in str(item)
    if code == "E005":  # the types it reads, all of them (a newcomer missed .htm, .ndjson and .warc.gz)
        assert all(suffix in str(item) for suffix in (".htm", ".ndjson", ".warc.gz", ".txt", ".atom"))


def test_oversize_file_is_refused(tmp_path):
    p = tmp_path / "huge.txt"
    p.write_text(BODY * 50, "utf-8")
    item = one(p, Settings(max_file_bytes=10_000))
    assert isinstance(item, InputRefused) and item.code == "E002"


def test_gzip_text_is_binary_not_arabic(tmp_path):
    p = tmp_path / "zipped.txt"
    p.write_bytes(gzip.compress(BODY.encode("utf-8")))
    item = one(p)
    assert isinstance(item, InputRefused) and item.code in ("E003", "E004")


def test_directory_with_one_bad_file_reads_the_rest(tmp_path):
    for n in range(3):
        (tmp_path / f"{n}.txt").write_text(saudi_articles()[n]["content"], "utf-8")
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01\x02" * 100)
    (tmp_path / ".hidden.txt").write_text("مخفي", "utf-8")
    items = list(read_paths([tmp_path, tmp_path / "missing.txt"]))
    assert sum(isinstance(i, Article) for i in items) == 3
    assert sorted(i.code for i in items if isinstance(i, InputRefused)) == ["E003", "E012"]


def test_shards_split_the_input_so_every_item_is_read_once(tmp_path):
    """Three readers over files, JSON Lines records, WARC records and refusals (a bad stream too):
    together they read exactly what one reader reads, each item once."""
    from marsad.ingest import Shard

    arts = saudi_articles()[:7]
    (tmp_path / "a.txt").write_text(arts[0]["content"], "utf-8")
    (tmp_path / "b.html").write_text(html_page(arts[1]["title"], arts[1]["content"]), "utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    lines = [json.dumps({"text": a["content"], "url": a["url"]}, ensure_ascii=False) for a in arts[2:]]
    (tmp_path / "c.jsonl").write_text("\n".join([*lines[:2], "{broken", *lines[2:]]), "utf-8")
    (tmp_path / "bad.warc").write_bytes(b"this is not a warc file at all")
    with (tmp_path / "d.warc.gz").open("wb") as f:
        writer = WARCWriter(f, gzip=True)
        for n, art in enumerate(arts[:3]):
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                f"http://example.org/{n}", "response", http_headers=headers,
                payload=io.BytesIO(html_page(art["title"], art["content"]).encode("utf-8"))))

    def names(items):
        return sorted(str(i) if isinstance(i, InputRefused) else f"{i.source} {i.url} {i.raw[:40]}" for i in items)

    whole = names(read_paths([tmp_path]))
    shares = [names(read_paths([tmp_path], shard=Shard(k, 3))) for k in range(3)]
    assert sorted(sum(shares, [])) == whole
    assert len(whole) == 2 + 1 + 6 + 1 + 3 and all(shares)
    assert sum("E009" in item for item in whole) == 1
