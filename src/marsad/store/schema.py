"""Schema as numbered migrations; each applied one is recorded in ``schema_migrations``. The columns follow
the model (``marsad.model``): a new field needs a migration that adds its column, and a test fails until it
has one."""

from __future__ import annotations

MIGRATIONS: list[tuple[int, str, str]] = [
    (1, "articles, paragraphs, removed", """
CREATE TABLE articles (
    id TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    outlet TEXT,
    url TEXT,
    title TEXT,
    published TEXT,
    published_how TEXT,
    encoding TEXT,
    text TEXT NOT NULL,
    added_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE TABLE paragraphs (
    article TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    kind TEXT NOT NULL,
    platform TEXT, author TEXT, handle TEXT, date TEXT,
    PRIMARY KEY (article, idx)
);
CREATE TABLE removed (
    article TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    text TEXT NOT NULL,
    reason TEXT NOT NULL,
    PRIMARY KEY (article, idx)
);
CREATE INDEX articles_published ON articles(published);
CREATE INDEX articles_outlet ON articles(outlet);
"""),
    (2, "per-article analysis: entities, quotes, times, figures; inferred publication dates", """
ALTER TABLE articles ADD COLUMN published_window TEXT;
ALTER TABLE articles ADD COLUMN published_evidence TEXT;
CREATE TABLE entities (article TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE, idx INTEGER NOT NULL,
    "start", "end", "type", "text", "role", "role_start", "role_end", "source", PRIMARY KEY (article, idx));
CREATE TABLE quotes (article TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE, idx INTEGER NOT NULL,
    "start", "end", "kind", "cue", "cue_start", "cue_end", "speaker", "speaker_start", "speaker_end", "speaker_type",
    "text", PRIMARY KEY (article, idx));
CREATE TABLE times (article TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE, idx INTEGER NOT NULL,
    "start", "end", "text", "value", "precision", "anchor", "relative", PRIMARY KEY (article, idx));
CREATE TABLE figures (article TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE, idx INTEGER NOT NULL,
    "start", "end", "text", "value", "value_max", "approx", "unit", "unit_start", "unit_end",
    PRIMARY KEY (article, idx));
"""),
    (3, "entity mentions carry their name without proclitics (للتحالف الدولي -> التحالف الدولي)", """
ALTER TABLE entities ADD COLUMN "name";
"""),
    # a cleaned article's layout is read and written whole: one JSON cell each (the export's own shape)
    # writes one row per article instead of about fourteen; json_each() still queries them in SQL
    (4, "paragraphs and removed lines move into JSON columns of articles", """
ALTER TABLE articles ADD COLUMN paragraphs TEXT NOT NULL DEFAULT '[]';
ALTER TABLE articles ADD COLUMN removed TEXT NOT NULL DEFAULT '[]';
UPDATE articles SET
    paragraphs = (SELECT json_group_array(json(rec)) FROM (
        SELECT CASE WHEN kind = 'embedded_post'
               THEN json_object('start', start, 'end', "end", 'kind', kind, 'platform', platform,
                                'author', author, 'handle', handle, 'date', date)
               ELSE json_object('start', start, 'end', "end", 'kind', kind) END AS rec
        FROM paragraphs WHERE article = articles.id ORDER BY idx)),
    removed = (SELECT json_group_array(json(rec)) FROM (
        SELECT json_object('text', text, 'reason', reason) AS rec
        FROM removed WHERE article = articles.id ORDER BY idx));
DROP TABLE paragraphs;
DROP TABLE removed;
"""),
    (5, "articles keep their raw page (cleaned again by a new cleaner), the step versions that made them, how "
        "the title was known, what reading mended; seq orders writes for the steps across articles (an article "
        "stored before keeps its cleaned text as its raw page: the page itself was not kept)", """
ALTER TABLE articles ADD COLUMN title_how TEXT;
ALTER TABLE articles ADD COLUMN warnings TEXT NOT NULL DEFAULT '[]';
ALTER TABLE articles ADD COLUMN steps TEXT NOT NULL DEFAULT '{}';
ALTER TABLE articles ADD COLUMN raw TEXT NOT NULL DEFAULT '';
ALTER TABLE articles ADD COLUMN seq INTEGER;
UPDATE articles SET seq = rowid, raw = text;
CREATE UNIQUE INDEX articles_seq ON articles(seq);
"""),
    (6, "articles keep their dateline's place and agency", """
ALTER TABLE articles ADD COLUMN dateline_place TEXT;
ALTER TABLE articles ADD COLUMN dateline_agency TEXT;
"""),
    (7, "site furniture learned per outlet: each page's short lines as fingerprints, counts per outlet, and the "
        "lines learned as furniture", """
CREATE TABLE page_prints (article TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    outlet TEXT NOT NULL, prints TEXT NOT NULL);
CREATE INDEX page_prints_outlet ON page_prints(outlet);
CREATE TABLE outlet_lines (outlet TEXT NOT NULL, print TEXT NOT NULL, line TEXT NOT NULL, articles INTEGER NOT NULL,
    PRIMARY KEY (outlet, print));
CREATE INDEX outlet_lines_print ON outlet_lines(print);
CREATE TABLE site_furniture (outlet TEXT NOT NULL, print TEXT NOT NULL,
    learned_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')), PRIMARY KEY (outlet, print));
"""),
    (8, "steps across articles: where each has got to, its signatures and counts; stories and events", """
CREATE TABLE link_state (step TEXT PRIMARY KEY, version INTEGER NOT NULL, seq INTEGER NOT NULL);
CREATE TABLE signatures (step TEXT NOT NULL, article TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    data TEXT NOT NULL, PRIMARY KEY (step, article));
CREATE TABLE link_counts (step TEXT NOT NULL, key TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (step, key));
CREATE TABLE stories (id TEXT PRIMARY KEY, story TEXT, seq INTEGER NOT NULL, first TEXT, last TEXT, title TEXT,
    central TEXT, data TEXT NOT NULL);
CREATE INDEX stories_last ON stories(last);
CREATE TABLE events (id TEXT PRIMARY KEY, story TEXT NOT NULL, seq INTEGER NOT NULL, first TEXT, last TEXT,
    title TEXT, central TEXT, date TEXT, precision TEXT, data TEXT NOT NULL);
CREATE INDEX events_story ON events(story);
CREATE TABLE story_articles (article TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    story TEXT NOT NULL, event TEXT NOT NULL);
CREATE INDEX story_articles_story ON story_articles(story);
CREATE TABLE story_aliases (alias TEXT PRIMARY KEY, story TEXT NOT NULL);
"""),
    (9, "copies and reused passages across articles: articles linked, their LSH band keys and passage anchors "
        "indexed by key, each copy with its original, reused passages with offsets into both texts", """
CREATE TABLE copy_docs (n INTEGER PRIMARY KEY, article TEXT NOT NULL UNIQUE REFERENCES articles(id) ON DELETE CASCADE,
    published TEXT);
CREATE TABLE copy_bands (key INTEGER NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (key, n)) WITHOUT ROWID;
CREATE TABLE copy_anchors (key INTEGER NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (key, n)) WITHOUT ROWID;
CREATE TABLE duplicates (article TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE, "of" TEXT NOT NULL,
    similarity REAL NOT NULL);
CREATE INDEX duplicates_of ON duplicates("of");
CREATE TABLE reuse (article TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE, start INTEGER NOT NULL,
    "end" INTEGER NOT NULL, "of" TEXT NOT NULL, of_start INTEGER NOT NULL, of_end INTEGER NOT NULL,
    PRIMARY KEY (article, start));
CREATE INDEX reuse_of ON reuse("of");
"""),
    (10, "entities across articles: one entity per person, organisation or place (linked_entities: the table "
         "entities holds each article's own mentions), each mention's entity, merged ids, roles with their articles, "
         "lookup keys", """
CREATE TABLE linked_entities (id TEXT PRIMARY KEY, seq INTEGER NOT NULL, type TEXT NOT NULL, name TEXT NOT NULL,
    scope TEXT, data TEXT NOT NULL);
CREATE TABLE entity_mentions (article TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE, idx INTEGER,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, entity TEXT NOT NULL, type TEXT NOT NULL, form TEXT NOT NULL,
    "primary" INTEGER NOT NULL, text TEXT NOT NULL, name TEXT NOT NULL, PRIMARY KEY (article, start, "end"));
CREATE INDEX entity_mentions_entity ON entity_mentions(entity);
CREATE TABLE entity_aliases (alias TEXT PRIMARY KEY, entity TEXT NOT NULL);
CREATE INDEX entity_aliases_entity ON entity_aliases(entity);
CREATE TABLE entity_roles (entity TEXT NOT NULL, role TEXT NOT NULL, text TEXT NOT NULL,
    article TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE, PRIMARY KEY (entity, role, article));
CREATE INDEX entity_roles_article ON entity_roles(article);
CREATE TABLE entity_keys (key TEXT NOT NULL, entity TEXT NOT NULL, PRIMARY KEY (key, entity)) WITHOUT ROWID;
CREATE INDEX entity_keys_entity ON entity_keys(entity);
"""),
    (11, "the search index: each article's number in it (with its date and outlet, what searches are filtered by), "
         "and an FTS5 index (contentless: the stems it holds are the search step's signatures) over the headline, "
         "body and quotes, folded and stemmed (marsad.search)", """
CREATE TABLE search_docs (n INTEGER PRIMARY KEY, article TEXT NOT NULL UNIQUE REFERENCES articles(id)
    ON DELETE CASCADE, published TEXT, outlet TEXT);
CREATE VIRTUAL TABLE search_index USING fts5(title, body, quotes, content='', tokenize='unicode61 remove_diacritics 1')
"""),
    (12, "runs (what each brought), and what each story says: its summary and disagreements", """
CREATE TABLE runs (id INTEGER PRIMARY KEY, started TEXT NOT NULL, finished TEXT NOT NULL, first_seq INTEGER NOT NULL,
    last_seq INTEGER NOT NULL, stored INTEGER NOT NULL, updated INTEGER NOT NULL);
CREATE TABLE story_digests (story TEXT PRIMARY KEY, summary TEXT NOT NULL, disagreements TEXT NOT NULL);
"""),
    (13, "earlier versions of an article: its page fetched again from its URL with other text", """
CREATE TABLE article_versions (article TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    version INTEGER NOT NULL, raw TEXT NOT NULL, text TEXT NOT NULL, title TEXT, published TEXT,
    stored_at TEXT NOT NULL, PRIMARY KEY (article, version));
"""),
    (14, "whether an article linked into a story is counted in the words' rarity (a copy is not)", """
ALTER TABLE story_articles ADD COLUMN counted INTEGER NOT NULL DEFAULT 1;
"""),
]
