"""What search/whoosh_private/ relies on in Whoosh's private parts still holds: an upgrade of
whoosh3 that changes any of it fails here, not in a user's search."""

import itertools

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from whoosh import formats, scoring
from whoosh import query as wq
from whoosh.analysis import LowercaseFilter, NgramFilter, RegexTokenizer
from whoosh.fields import ID, TEXT, Schema
from whoosh.index import create_in
from whoosh.writing import SegmentWriter

from search.query import posting_arrays
from search.index.schema import OffsetsText, build_quote_schema, build_schema
from search.whoosh_private.analysis import MOST_ANALYSES, PackedCharacters, PackedPositions, word_analysis
from search.whoosh_private.writing import BlockSizeCodec, WordPostingPool, finished_segment, segment_writer
from search.whoosh_private.postings import expands_past, positions_in, postings_at, read_lengths_from, values_at

# More documents than a posting block holds (128), so that a word's postings span several blocks.
DOCUMENTS = 700
WORDS = 100


def _text(n: int) -> str:
    # "harbour" in most documents, some of them twice; one of WORDS distinct "wordNNN" in each.
    repeats = "harbour " * (1 + n % 3) if n % 5 else ""
    return f"{repeats}quay word{n % WORDS:03d} n{n}"


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    ix = create_in(tmp_path_factory.mktemp("adapter"),
                   Schema(id=ID(stored=True, unique=True), body=TEXT, chars=TEXT(chars=True), packed=OffsetsText()))
    for start in (0, DOCUMENTS // 2):  # two segments
        with ix.writer() as writer:
            writer.merge = False
            for n in range(start, start + DOCUMENTS // 2):
                writer.add_document(id=str(n), body=_text(n), chars=_text(n), packed=_text(n))
    with ix.writer() as writer:  # deleted documents: the reader filters them out
        writer.merge = False
        for n in range(0, DOCUMENTS, 7):
            writer.delete_by_term("id", str(n))
    return ix


def _walked(reader, text: str) -> tuple[list[int], list[float]]:
    """A word's live postings, read one at a time through the public matcher interface."""
    matcher = reader.postings("body", text)
    ids, weights = [], []
    while matcher.is_active():
        ids.append(matcher.id())
        weights.append(matcher.weight())
        matcher.next()
    return ids, weights


def test_postings_read_by_the_block_are_the_matchers_postings(index):
    with index.reader() as reader:
        assert len(list(reader.leaf_readers())) == 2
        ids, weights = posting_arrays.postings(reader, "body", "harbour")
        live = [i for i, docnum in enumerate(ids) if not reader.is_deleted(int(docnum))]
        expected_ids, expected_weights = _walked(reader, "harbour")
        assert len(expected_ids) > 3 * 128
        assert ids[live].tolist() == expected_ids
        assert weights[live].tolist() == expected_weights
        assert set(weights.tolist()) == {1.0, 2.0, 3.0}
        # Deleted documents are in the bulk postings, for the caller to mask.
        assert len(ids) > len(expected_ids)


def test_values_at_chosen_documents_are_the_matchers_values(index):
    # Documents in every block, some without the word (every fifth) and some deleted (every seventh):
    # a page of hits is live documents, asked for in index order.
    with index.reader() as reader:
        for segment, offset in reader.leaf_readers():
            live = [d for d in range(segment.doc_count_all()) if not segment.is_deleted(d)]
            asked = live[::9] + live[-1:]
            walked = {}
            matcher = segment.postings("body", "harbour")
            while matcher.is_active():
                walked[matcher.id()] = matcher.value_as("frequency")
                matcher.next()
            found = dict(values_at(segment.postings("body", "harbour"), asked, "frequency"))
            assert found == {d: walked[d] for d in asked if d in walked}
            assert 20 < len(found) < len(asked)


# Whoosh's Positions and Characters formats, and PackedCharacters
@pytest.mark.parametrize("fieldname", ["body", "chars", "packed"])
def test_postings_at_chosen_documents_and_their_positions_are_the_matchers(index, fieldname):
    with index.reader() as reader:
        for segment, offset in reader.leaf_readers():
            live = [d for d in range(segment.doc_count_all()) if not segment.is_deleted(d)]
            asked = live[::9] + live[-1:]
            walked = {}
            matcher = segment.postings(fieldname, "harbour")
            while matcher.is_active():
                walked[matcher.id()] = (matcher.weight(), matcher.value_as("positions"))
                matcher.next()
            held, weights, values = postings_at(segment.postings(fieldname, "harbour"), np.asarray(asked))
            expected = [d for d in asked if d in walked]
            assert held.tolist() == expected and 20 < len(expected) < len(asked)
            assert weights.tolist() == [walked[d][0] for d in expected]
            counts, positions = positions_in(segment.schema[fieldname].format, values)
            starts = np.cumsum(counts) - counts
            assert [positions[start:start + count].tolist() for start, count in zip(starts, counts)] == \
                [walked[d][1] for d in expected]
            assert max(counts.tolist()) > 1  # values of several positions, each from 0


@pytest.mark.parametrize("fieldname", ["body", "packed"])
def test_every_posting_read_by_the_block_is_the_matchers_deleted_ones_included(index, fieldname):
    with index.reader() as reader:
        for segment, offset in reader.leaf_readers():
            walked = {}
            matcher = segment.postings(fieldname, "harbour")
            while matcher.is_active():
                walked[matcher.id()] = (matcher.weight(), matcher.value())
                matcher.next()
            held, weights, values = postings_at(segment.postings(fieldname, "harbour"))
            live = [at for at, docnum in enumerate(held.tolist()) if not segment.is_deleted(docnum)]
            assert len(walked) > 128 and len(live) < len(held)  # several blocks, deleted documents among them
            assert held[live].tolist() == list(walked)
            assert [(weights[at], values[at]) for at in live] == list(walked.values())
            assert held.tolist() == posting_arrays.postings(segment, fieldname, "harbour")[0].tolist()


@given(st.lists(st.tuples(st.integers(0, 40), st.integers(0, 300), st.integers(1, 30)), max_size=12))
def test_packed_characters_hold_what_whooshs_characters_format_holds(steps):
    """Occurrences as Whoosh's analyzers give them: positions rising, each word starting at or after
    the end of the one before."""
    occurrences, position, end = [], 0, 0
    for position_step, gap, length in steps:
        position += position_step
        start = end + gap
        end = start + length
        occurrences.append((position, start, end))
    packed, whooshs = PackedCharacters(), formats.Characters()
    value = packed.encode(occurrences)
    assert packed.decode_characters(value) == whooshs.decode_characters(whooshs.encode(occurrences)) == occurrences
    assert packed.decode_positions(value) == [occurrence[0] for occurrence in occurrences]
    assert packed.decode_frequency(value) == len(occurrences)
    counts, positions = positions_in(packed, [value, packed.encode(occurrences[::2]), value])
    assert counts.tolist() == [len(occurrences), len(occurrences[::2]), len(occurrences)]
    assert positions.tolist() == [occurrence[0] for occurrence in occurrences + occurrences[::2] + occurrences]


@given(st.lists(st.integers(0, 40), max_size=12))
def test_packed_positions_hold_what_whooshs_positions_format_holds(steps):
    places = list(itertools.accumulate(steps))
    packed, whooshs = PackedPositions(), formats.Positions()
    value = packed.encode(places)
    assert packed.decode_positions(value) == whooshs.decode_positions(whooshs.encode(places)) == places
    assert packed.decode_frequency(value) == len(places)
    counts, positions = positions_in(packed, [value, packed.encode(places[::2]), value])
    assert counts.tolist() == [len(places), len(places[::2]), len(places)]
    assert positions.tolist() == places + places[::2] + places


# Text with common words among others, for the pairs of common words.
_PAIRED = st.lists(st.sampled_from(list("aeiouAEIOU .,-\n1") + ["the ", "of ", "and ", "harbour "]),
                   max_size=60).map("".join)


@given(_PAIRED)
def test_packed_positions_index_pairs_as_whooshs_analysis_does(text):
    analyzer = build_schema()["body_pairs"].analyzer
    packed = PackedPositions(field_boost=1.5)
    whooshs = list(formats.Positions.word_values(packed, text, analyzer, mode="index"))
    assert word_analysis(analyzer) is not None
    assert list(packed.word_values(text, analyzer, mode="index")) == whooshs


def test_a_pattern_expansion_is_counted_up_to_its_limit(index):
    with index.reader() as reader:
        pattern = wq.Prefix("body", "word")
        assert len(list(reader.expand_prefix("body", "word"))) == WORDS
        assert not expands_past(pattern, reader, WORDS)
        assert expands_past(pattern, reader, WORDS - 1)
        assert expands_past(wq.TermRange("body", "word000", "word050"), reader, 50)
        assert not expands_past(wq.TermRange("body", "word000", "word050"), reader, 51)


def test_a_bm25_scorer_takes_document_lengths_from_the_function_given(index):
    with index.searcher(weighting=scoring.BM25F()) as searcher:
        scorer = searcher.weighting.scorer(searcher, "body", "quay")
        read_lengths_from(scorer, lambda docnum: 1000)
        matcher = searcher.reader().postings("body", "quay")
        expected = scoring.bm25(scorer.idf, matcher.weight(), 1000, scorer.avgfl, scorer.B, scorer.K1)
        assert scorer.score(matcher) == pytest.approx(expected)
        read_lengths_from(scorer, lambda docnum: 3)
        assert scorer.score(matcher) > expected


def test_a_sub_writers_finished_segment_is_committed_by_another_writer(tmp_path):
    ix = create_in(tmp_path, Schema(id=ID(stored=True), body=TEXT))
    sub = SegmentWriter(ix, _lk=False)
    sub.add_document(id="a", body="quay harbour")
    segment = finished_segment(sub)
    assert segment.doc_count() == 1
    assert finished_segment(SegmentWriter(ix, _lk=False)) is None
    writer = ix.writer()
    writer.commit(mergetype=lambda writer_, segments: [*segments, segment])
    with ix.searcher() as searcher:
        assert [hit["id"] for hit in searcher.search(wq.Term("body", "quay"))] == ["a"]


def _block_sizes(matcher) -> list[int]:
    sizes = []
    while matcher.is_active():
        sizes.append(matcher._blocklength)
        matcher._next_block()
    return sizes


def test_the_whole_read_codec_writes_its_fields_in_large_blocks_that_any_reader_reads(tmp_path):
    ix = create_in(tmp_path, Schema(id=ID(stored=True), body=TEXT, chars=TEXT(chars=True)))
    with ix.writer(codec=BlockSizeCodec({"chars": 500})) as writer:
        for n in range(DOCUMENTS):
            writer.add_document(id=str(n), body=_text(n), chars=_text(n))
    with ix.reader() as reader:
        assert _block_sizes(reader.postings("chars", "quay")) == [500, DOCUMENTS - 500]
        assert _block_sizes(reader.postings("body", "quay")) == [128] * (DOCUMENTS // 128) + [DOCUMENTS % 128]
        ids, weights = posting_arrays.postings(reader, "chars", "harbour")
        assert (ids.tolist(), weights.tolist()) == _walked(reader, "harbour")


def _posting_bytes(folder) -> int:
    return sum(path.stat().st_size for path in folder.glob("*.pst"))


def test_the_whole_read_codecs_blocks_hold_what_whooshs_codec_writes_in_less_space(tmp_path):
    schema = Schema(id=ID(stored=True), body=TEXT, chars=TEXT(chars=True))
    (tmp_path / "theirs").mkdir(), (tmp_path / "ours").mkdir()
    theirs, ours = create_in(tmp_path / "theirs", schema), create_in(tmp_path / "ours", schema)
    for ix, codec in ((theirs, {}), (ours, {"codec": BlockSizeCodec({})})):
        with ix.writer(compound=False, **codec) as writer:
            for n in range(DOCUMENTS):
                writer.add_document(id=str(n), body=_text(n), chars=_text(n))
    assert _all_postings(ours) == _all_postings(theirs)
    # Protocol 2 pickles each posting's value as a call that encodes a string; the highest protocol
    # holds the bytes as they are.
    assert _posting_bytes(tmp_path / "ours") < _posting_bytes(tmp_path / "theirs")


def _all_postings(ix) -> list:
    with ix.reader() as reader:
        return [(fieldname, text, list(reader.postings(fieldname, text).all_items()))
                for fieldname, text in reader.all_terms()]


def test_a_writer_spilling_postings_in_runs_writes_the_index_whooshs_writer_writes(tmp_path):
    schema = Schema(id=ID(stored=True), body=TEXT, chars=TEXT(chars=True))
    (tmp_path / "theirs").mkdir(), (tmp_path / "ours").mkdir()
    theirs, ours = create_in(tmp_path / "theirs", schema), create_in(tmp_path / "ours", schema)
    with theirs.writer() as writer:
        for n in range(DOCUMENTS):
            writer.add_document(id=str(n), body=_text(n), chars=_text(n))
    writer = segment_writer(ours)
    assert isinstance(writer.pool, WordPostingPool)
    writer.pool.limit, writer.pool.chunk, writer.pool.most_runs = 20_000, 7, 3  # runs merged in rounds
    for n in range(DOCUMENTS):
        writer.add_document(id=str(n), body=_text(n), chars=_text(n))
    assert len(writer.pool.runs) > 10
    writer.commit()
    assert _all_postings(ours) == _all_postings(theirs)
    assert not list((tmp_path / "ours").glob("*.run"))


# Text the service's analyzers meet: accents, capitals, stopwords, one-letter words, numbers with
# points, apostrophes, wildcard characters and letters whose lower case is longer.
_WORDISH = st.lists(st.sampled_from(list("aeiouAEIOUéÉàßİçñ' .,*-?\n1") + ["the ", "and ", "running ", "a "]),
                    max_size=60).map("".join)


@given(_WORDISH)
def test_packed_characters_index_a_text_as_whooshs_analyzers_do(text):
    schema = build_schema()
    for fieldname in ("body", "body_exact", "title", "speaker_words"):
        field = schema[fieldname]
        packed = PackedCharacters(field_boost=1.5)
        whooshs = list(formats.Characters.word_values(packed, text, field.analyzer, mode="index"))
        assert word_analysis(field.analyzer) is not None
        assert list(packed.word_values(text, field.analyzer, mode="index")) == whooshs


def test_an_analyzer_of_other_parts_is_indexed_by_whooshs_own_analysis():
    analyzer = RegexTokenizer() | LowercaseFilter() | NgramFilter(2, 3)
    assert word_analysis(analyzer) is None
    packed = PackedCharacters()
    assert (list(packed.word_values("Quay harbour", analyzer, mode="index"))
            == list(formats.Characters.word_values(packed, "Quay harbour", analyzer, mode="index")))


def _segment_files(folder) -> dict[str, bytes]:
    # A segment's files are named after its random id; what follows the id says what each holds.
    return {path.name.split(".", 1)[1]: path.read_bytes() for path in folder.iterdir()
            if "." in path.name and path.suffix != ".toc"}


def _add_articles_and_quotes(articles, quotes, start: int, count: int) -> None:
    for n in range(start, start + count):
        text = _text(n) + (" harbour" * (n % 4)) + " Ünder the quay's edge"
        articles.add_document(id=str(n), title=f"Quay {n}", body=text, body_counts=text, body_exact=text,
                              speaker="Elena Varga,Kofi Mensah" if n % 3 else None, recency=n)
        # The quotations' text has spelling words: Whoosh's postings of document 0, out of order.
        quotes.add_document(id=str(n), article=str(n), text=text, recency=n)


def _write_twice(folder, new_writer) -> list[dict[str, bytes]]:
    """Articles and their quotations written, then more merged with the segments already written
    (as a rebuild's writers do); each index's segment files."""
    indexes = []
    for kind, schema in (("articles", build_schema()), ("quotes", build_quote_schema())):
        (folder / kind).mkdir(parents=True)
        indexes.append(create_in(folder / kind, schema))
    for start, optimize in ((0, False), (DOCUMENTS // 2, True)):
        writers = [new_writer(ix) for ix in indexes]
        _add_articles_and_quotes(*writers, start, DOCUMENTS // 2)
        for writer in writers:
            writer.commit(optimize=optimize)
    return [_segment_files(folder / kind) for kind in ("articles", "quotes")]


@pytest.mark.slow  # every file of two indexes compared, twice
@pytest.mark.parametrize("limit", [128 * 1024 * 1024, 50_000])  # in memory; spilled to runs
def test_postings_gathered_and_written_a_word_at_a_time_are_the_files_whooshs_writer_writes(tmp_path, limit):
    codec = BlockSizeCodec({"body_counts": 50})
    spilled = []

    def ours(ix):
        writer = segment_writer(ix, compound=False, codec=codec)
        writer.pool.limit = limit
        spilled.append(writer.pool)
        return writer

    written = _write_twice(tmp_path / "ours", ours)
    assert all({"pst", "trm"} <= segment.keys() for segment in written)
    assert any(pool.runs for pool in spilled) == (limit < 1024 * 1024)
    assert written == _write_twice(tmp_path / "theirs", lambda ix: SegmentWriter(ix, compound=False, codec=codec))


def test_a_process_keeps_the_analyses_of_its_latest_analyzers_only():
    analyzers = [build_schema()["body"].analyzer for _ in range(MOST_ANALYSES + 12)]
    analyses = [word_analysis(analyzer) for analyzer in analyzers]
    assert len(set(map(id, analyses))) == MOST_ANALYSES + 12
    assert word_analysis(analyzers[-1]) is analyses[-1]
    assert word_analysis(analyzers[0]) is not analyses[0]  # analysed again
    assert word_analysis(analyzers[0])("Harbour quay") == analyses[0]("Harbour quay")
