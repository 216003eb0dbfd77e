#include "query/searcher.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/query/search_test_util.h"

namespace nsearch::query {
namespace {

std::vector<store::StoredDocument> Corpus() {
  return {
      {"d0", "Mutual defense pact", "North Korea and Russia signed a mutual defense pact.",
       "2024-06-19", "a.txt"},
      {"d1", "Trade talks", "The defense ministers met. Trade and mutual interest dominated.",
       "2024-06-20", ""},
      {"d2", "", "Pact pact pact. A long text about a defense treaty and the pact of steel.", "",
       ""},
      {"d3", "Weather", "Sunny with rain later.", "", ""},
      {"d4", "Defense budget", "The mutual fund invested in defense stocks; defense of the budget.",
       "", ""},
      {"d5", "Kim Jong-un visits", "Kim Jong-un met Putin in Pyongyang.", "", ""},
      {"d6", "", "Jong met Un at the border.", "", ""},
      {"d7", "State of the art", "The art of the state.", "", ""},
      {"d8", "Mutual", "defense matters", "", ""},
      {"d9", "", "", "", ""},
  };
}

class SearcherTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_NO_FATAL_FAILURE(
        BuildTestIndex(Corpus(), analysis::AnalyzerOptions(), size_t{256} << 20, &index_));
    ASSERT_EQ(index_.reader->num_segments(), 1u);
  }

  TopDocs Top(const std::string& query, QueryMode mode = QueryMode::kQuery, size_t limit = 100,
              size_t offset = 0) {
    SearchRequest request;
    request.query = query;
    request.mode = mode;
    request.limit = limit;
    request.offset = offset;
    Result<TopDocs> top = index_.searcher->TopHits(request);
    EXPECT_TRUE(top.ok()) << query << ": " << top.status().ToString();
    return top.ok() ? std::move(top).value() : TopDocs();
  }

  // External ids of the hits, best first.
  std::vector<std::string> IdsOf(const std::string& query, QueryMode mode = QueryMode::kQuery) {
    std::vector<std::string> ids;
    for (const Hit& h : Top(query, mode).hits) {
      ids.emplace_back(index_.searcher->ExternalId(h.doc));
    }
    return ids;
  }

  Status ErrorOf(const SearchRequest& request) {
    Result<TopDocs> top = index_.searcher->TopHits(request);
    EXPECT_FALSE(top.ok()) << request.query;
    Result<SearchResponse> response = index_.searcher->Search(request);
    EXPECT_FALSE(response.ok()) << request.query;
    return top.ok() ? Status::Ok() : top.status();
  }

  TestIndex index_;
};

using Ids = std::vector<std::string>;

TEST_F(SearcherTest, ScoresTermWithIndexWideBm25) {
  const TopDocs top = Top("pact");
  EXPECT_EQ(top.total, 2u);
  ASSERT_EQ(top.hits.size(), 2u);
  EXPECT_EQ(index_.searcher->ExternalId(top.hits[0].doc), "d2");
  EXPECT_EQ(index_.searcher->ExternalId(top.hits[1].doc), "d0");
  // d2 holds "pact" 4 times; its length is its kept tokens (stop words a, about, and, the, of
  // dropped): pact pact pact long text about defens treati pact steel = 10.
  // BM25F over title and body: d2 has no title, so its share is the body's; df = 2 (body; the
  // title has 1), N = 10.
  const segment::IndexReader& reader = *index_.reader;
  EXPECT_EQ(reader.segment(0).doc_length(2), 10u);
  EXPECT_EQ(reader.segment(0).field_length(2, segment::kDefaultBodyField), 10u);
  CollectionStats body;
  body.num_docs = 10;
  body.avg_doc_length = reader.avg_field_length(segment::kDefaultBodyField);
  const double share = Bm25TermScorer::FieldShare(1, Bm25Params(), body).Score(4, 10);
  EXPECT_DOUBLE_EQ(top.hits[0].score, Bm25Idf(10, 2) * (share / (1.2 + share)));
  EXPECT_GT(top.hits[0].score, top.hits[1].score);
}

TEST_F(SearcherTest, FieldsRestrictWordsPhrasesAndGroups) {
  EXPECT_EQ(IdsOf("title:pact"), Ids{"d0"});
  EXPECT_EQ(IdsOf("body:pact").size(), 2u);
  EXPECT_EQ(IdsOf("title:defense"), (Ids{"d4", "d0"}));  // "Defense budget" is the shorter
  EXPECT_EQ(IdsOf("title:\"mutual defense\""), Ids{"d0"});
  EXPECT_EQ(IdsOf("body:\"mutual defense\""), Ids{"d0"});
  EXPECT_EQ(IdsOf("title:(weather sunny)"), Ids{"d3"});   // sunny is in d3's body only
  EXPECT_EQ(IdsOf("title:(kim body:putin)"), Ids{"d5"});  // an inner field wins
  EXPECT_EQ(IdsOf("+title:mutual -body:mutual"), Ids{"d8"});
  EXPECT_EQ(IdsOf("title:defen*"), (Ids{"d4", "d0"}));
  EXPECT_EQ(IdsOf("title:weathr~1"), Ids{"d3"});
  // A field query is BM25 on that field alone.
  const TopDocs top = Top("title:weather");
  ASSERT_EQ(top.hits.size(), 1u);
  CollectionStats title;
  title.num_docs = 10;
  title.avg_doc_length = index_.reader->avg_field_length(segment::kDefaultTitleField);
  EXPECT_DOUBLE_EQ(top.hits[0].score,
                   Bm25TermScorer(Bm25Idf(10, 1), Bm25Params(), title).Score(1, 1));
}

TEST_F(SearcherTest, UnknownFieldsAreRefusedWithTheirColumn) {
  SearchRequest request;
  request.query = "pact summary:treaty";
  const Status s = ErrorOf(request);
  EXPECT_TRUE(s.IsInvalidArgument()) << s.ToString();
  EXPECT_NE(s.message().find("column 6: unknown field 'summary'"), std::string::npos)
      << s.ToString();
  EXPECT_NE(s.message().find("title, body"), std::string::npos) << s.ToString();
  request.query = "10:30 \"objective:to\"";  // a digit starts no field; quotes protect
  EXPECT_TRUE(index_.searcher->TopHits(request).ok());
}

TEST_F(SearcherTest, TitleWeightRanksTitleMatchesFirst) {
  // d4 has defense in its title and twice in its body; d2 once, in its body only.
  SearchRequest request;
  request.query = "defense";
  request.limit = 10;
  Result<TopDocs> top = index_.searcher->TopHits(request);
  ASSERT_TRUE(top.ok());
  ASSERT_EQ(top->hits.size(), 5u);
  // Doubling the body's weight beyond the title's changes the order of d8 (defense in its
  // body only, a 2-word one) against d0 (title and body).
  std::vector<std::string> by_default, body_heavy;
  for (const Hit& h : top->hits) by_default.emplace_back(index_.searcher->ExternalId(h.doc));
  request.bm25.field_weights = {0.1, 5};
  top = index_.searcher->TopHits(request);
  ASSERT_TRUE(top.ok());
  for (const Hit& h : top->hits) body_heavy.emplace_back(index_.searcher->ExternalId(h.doc));
  EXPECT_NE(by_default, body_heavy);
  EXPECT_EQ(by_default.front(), "d4");
}

TEST_F(SearcherTest, RanksByScoreThenDoc) {
  const TopDocs top = Top("defense mutual pact");
  ASSERT_EQ(top.total, 5u);  // d0 d1 d2 d4 d8
  for (size_t i = 1; i < top.hits.size(); ++i) {
    EXPECT_TRUE(RanksBefore(top.hits[i - 1], top.hits[i]));
  }
  // d0 holds all three words twice: it ranks first.
  EXPECT_EQ(index_.searcher->ExternalId(top.hits[0].doc), "d0");
}

TEST_F(SearcherTest, MustOperatorRequiresWord) {
  const Ids ids = IdsOf("+mutual defense");
  EXPECT_EQ(ids.size(), 4u);
  for (const std::string& id : ids) {
    EXPECT_TRUE(id == "d0" || id == "d1" || id == "d4" || id == "d8") << id;
  }
  EXPECT_EQ(Top("+mutual +pact").total, 1u);
  EXPECT_EQ(IdsOf("+weather +pact"), Ids{});
}

TEST_F(SearcherTest, MustNotOperatorExcludesWord) {
  EXPECT_EQ(IdsOf("defense -mutual"), Ids{"d2"});
  EXPECT_EQ(IdsOf("defense -(mutual pact)"), Ids{});
  EXPECT_EQ(Top("defense -nosuchword").total, 5u);
}

TEST_F(SearcherTest, OnlyExclusionsMatchNothing) {
  const TopDocs top = Top("-pact");
  EXPECT_EQ(top.total, 0u);
  EXPECT_TRUE(top.hits.empty());
  EXPECT_EQ(Top("-pact -(weather)").total, 0u);
}

TEST_F(SearcherTest, PhraseMatchesOnlyExactPhrase) {
  // d1 has "mutual interest", d4 "mutual fund" and d8 ends its title with "Mutual" and starts
  // its body with "defense": fields are separated by a position gap.
  EXPECT_EQ(IdsOf("\"mutual defense\""), Ids{"d0"});
  EXPECT_EQ(IdsOf("\"defense mutual\""), Ids{});
  EXPECT_EQ(IdsOf("Jong-un"), Ids{"d5"});
  EXPECT_EQ(IdsOf("\"state of the art\""), Ids{"d7"});
  EXPECT_EQ(IdsOf("\"state art\""), Ids{});  // the stop words' positions count
  EXPECT_EQ(IdsOf("state of the art", QueryMode::kPhrase), Ids{"d7"});
}

TEST_F(SearcherTest, PhraseFrequencyCountsOccurrences) {
  // "pact pact" occurs twice in d2 (positions 0-1 and 1-2), never in d0.
  const TopDocs top = Top("\"pact pact\"");
  ASSERT_EQ(top.total, 1u);
  EXPECT_EQ(index_.searcher->ExternalId(top.hits[0].doc), "d2");
  CollectionStats body;
  body.num_docs = 10;
  body.avg_doc_length = index_.reader->avg_field_length(segment::kDefaultBodyField);
  const double share = Bm25TermScorer::FieldShare(1, Bm25Params(), body).Score(2, 10);
  EXPECT_DOUBLE_EQ(top.hits[0].score, 2 * Bm25Idf(10, 2) * (share / (1.2 + share)));
}

TEST_F(SearcherTest, ModesTakeWordsAsOrAndOrPhrase) {
  EXPECT_EQ(Top("weather pact", QueryMode::kOr).total, 3u);
  EXPECT_EQ(Top("weather pact", QueryMode::kAnd).total, 0u);
  EXPECT_EQ(Top("mutual defense", QueryMode::kAnd).total, 4u);
  EXPECT_EQ(Top("mutual defense", QueryMode::kPhrase).total, 1u);
  // Operators are plain text outside the query mode.
  EXPECT_EQ(Top("-pact", QueryMode::kOr).total, 2u);
  EXPECT_EQ(Top("\"(pact", QueryMode::kAnd).total, 2u);
}

TEST_F(SearcherTest, PaginationSlicesTheFullRanking) {
  const TopDocs all = Top("defense mutual pact state art kim", QueryMode::kQuery, 100);
  ASSERT_GE(all.hits.size(), 7u);
  for (size_t limit : {1, 2, 3, 5}) {
    for (size_t offset = 0; offset <= all.hits.size() + 1; ++offset) {
      const TopDocs page =
          Top("defense mutual pact state art kim", QueryMode::kQuery, limit, offset);
      EXPECT_EQ(page.total, all.total);
      const size_t begin = std::min(offset, all.hits.size());
      const size_t end = std::min(offset + limit, all.hits.size());
      ASSERT_EQ(page.hits.size(), end - begin) << offset << "+" << limit;
      for (size_t i = 0; i < page.hits.size(); ++i) {
        EXPECT_EQ(page.hits[i].doc, all.hits[begin + i].doc);
        EXPECT_EQ(page.hits[i].score, all.hits[begin + i].score);
      }
    }
  }
  EXPECT_TRUE(Top("pact", QueryMode::kQuery, 0).hits.empty());
  EXPECT_EQ(Top("pact", QueryMode::kQuery, 0).total, 2u);
}

TEST_F(SearcherTest, RejectsLimitAboveMax) {
  SearchRequest request;
  request.query = "pact";
  request.limit = kMaxLimit;
  EXPECT_TRUE(index_.searcher->TopHits(request).ok());
  request.limit = kMaxLimit + 1;
  EXPECT_TRUE(ErrorOf(request).IsInvalidArgument());
}

TEST_F(SearcherTest, RejectsWindowAboveMax) {
  SearchRequest request;
  request.query = "pact";
  request.limit = 10;
  request.offset = kMaxWindow - 10;
  EXPECT_TRUE(index_.searcher->TopHits(request).ok());
  request.offset = kMaxWindow - 9;
  EXPECT_TRUE(ErrorOf(request).IsInvalidArgument());
  request.offset = SIZE_MAX;
  EXPECT_TRUE(ErrorOf(request).IsInvalidArgument());
}

TEST_F(SearcherTest, RejectsBadQueryWithColumn) {
  SearchRequest request;
  request.query = "pact \"mutual";
  const Status s = ErrorOf(request);
  EXPECT_TRUE(s.IsInvalidArgument());
  EXPECT_NE(s.message().find("column 6"), std::string::npos) << s.ToString();
  request.query = "(pact";
  EXPECT_TRUE(ErrorOf(request).IsInvalidArgument());
  request.query = "pact )";
  EXPECT_TRUE(ErrorOf(request).IsInvalidArgument());
}

TEST_F(SearcherTest, EmptyOrStopwordQueryReturnsNothing) {
  for (QueryMode mode : {QueryMode::kQuery, QueryMode::kOr, QueryMode::kAnd, QueryMode::kPhrase}) {
    for (const char* q : {"", "   ", "the of and", "nosuchword"}) {
      const TopDocs top = Top(q, mode);
      EXPECT_EQ(top.total, 0u) << q;
      EXPECT_TRUE(top.hits.empty()) << q;
      SearchRequest request;
      request.query = q;
      request.mode = mode;
      Result<SearchResponse> response = index_.searcher->Search(request);
      ASSERT_TRUE(response.ok()) << response.status().ToString();
      EXPECT_EQ(response->total, 0u);
      EXPECT_TRUE(response->hits.empty());
    }
  }
}

TEST_F(SearcherTest, SearchFetchesStoredFieldsAndSnippet) {
  SearchRequest request;
  request.query = "\"mutual defense\" korea";
  Result<SearchResponse> response = index_.searcher->Search(request);
  ASSERT_TRUE(response.ok()) << response.status().ToString();
  EXPECT_EQ(response->query, request.query);
  EXPECT_EQ(response->total, 1u);
  ASSERT_EQ(response->hits.size(), 1u);
  const SearchHit& hit = response->hits[0];
  EXPECT_EQ(hit.id, "d0");
  EXPECT_EQ(hit.title, "Mutual defense pact");
  EXPECT_EQ(hit.date, "2024-06-19");
  EXPECT_EQ(hit.snippet.text, "North Korea and Russia signed a mutual defense pact.");
  std::vector<std::string> marked;
  for (const auto& [b, e] : hit.snippet.highlights) {
    marked.push_back(hit.snippet.text.substr(b, e - b));
  }
  EXPECT_EQ(marked, (std::vector<std::string>{"Korea", "mutual defense"}));

  request.fetch_documents = false;
  response = index_.searcher->Search(request);
  ASSERT_TRUE(response.ok());
  ASSERT_EQ(response->hits.size(), 1u);
  EXPECT_EQ(response->hits[0].id, "d0");
  EXPECT_TRUE(response->hits[0].title.empty());
  EXPECT_TRUE(response->hits[0].snippet.text.empty());
}

TEST_F(SearcherTest, SnippetSkipsExcludedWords) {
  SearchRequest request;
  request.query = "pact -weather -(north korea)";
  Result<SearchResponse> response = index_.searcher->Search(request);
  ASSERT_TRUE(response.ok()) << response.status().ToString();
  ASSERT_EQ(response->hits.size(), 1u);
  EXPECT_EQ(response->hits[0].id, "d2");
  for (const auto& [b, e] : response->hits[0].snippet.highlights) {
    const std::string marked = response->hits[0].snippet.text.substr(b, e - b);
    EXPECT_TRUE(marked == "pact" || marked == "Pact") << marked;
  }
}

TEST_F(SearcherTest, SnippetHighlightsOnlyWordsThatCanMatchTheBody) {
  SearchRequest request;
  request.query = "+title:pact korea";  // pact is in d0's body too, but title:pact is not
  Result<SearchResponse> response = index_.searcher->Search(request);
  ASSERT_TRUE(response.ok()) << response.status().ToString();
  ASSERT_EQ(response->hits.size(), 1u);
  const Snippet& snippet = response->hits[0].snippet;
  std::vector<std::string> marked;
  for (const auto& [b, e] : snippet.highlights) {
    marked.push_back(snippet.text.substr(b, e - b));
  }
  EXPECT_EQ(marked, std::vector<std::string>{"Korea"}) << snippet.text;
}

TEST_F(SearcherTest, MatchesAcrossManySegmentsAsInOne) {
  TestIndex multi;
  ASSERT_NO_FATAL_FAILURE(BuildTestIndex(Corpus(), analysis::AnalyzerOptions(), 1, &multi));
  ASSERT_GT(multi.reader->num_segments(), 1u);
  EXPECT_EQ(multi.reader->num_docs(), 10u);
  EXPECT_DOUBLE_EQ(multi.reader->avg_doc_length(), index_.reader->avg_doc_length());
  for (uint64_t d = 0; d < 10; ++d) {
    EXPECT_EQ(multi.searcher->ExternalId(d), index_.searcher->ExternalId(d));
  }
  for (const char* q :
       {"pact", "defense mutual pact", "+mutual defense", "defense -mutual", "\"mutual defense\"",
        "Jong-un", "\"state of the art\" art", "+(defense pact) -(korea weather) mutual"}) {
    SearchRequest request;
    request.query = q;
    request.limit = 100;
    Result<TopDocs> one = index_.searcher->TopHits(request);
    Result<TopDocs> many = multi.searcher->TopHits(request);
    ASSERT_TRUE(one.ok() && many.ok()) << q;
    EXPECT_EQ(one->total, many->total) << q;
    ASSERT_EQ(one->hits.size(), many->hits.size()) << q;
    for (size_t i = 0; i < one->hits.size(); ++i) {
      EXPECT_EQ(one->hits[i].doc, many->hits[i].doc) << q;
      EXPECT_NEAR(one->hits[i].score, many->hits[i].score, 1e-9) << q;
    }
    Result<SearchResponse> response = multi.searcher->Search(request);
    ASSERT_TRUE(response.ok()) << response.status().ToString();
    for (const SearchHit& hit : response->hits) {
      Result<store::StoredDocument> doc = index_.searcher->Document(hit.doc);
      ASSERT_TRUE(doc.ok());
      EXPECT_EQ(hit.id, doc->id);
      EXPECT_EQ(hit.title, doc->title);
    }
  }
}

}  // namespace
}  // namespace nsearch::query
