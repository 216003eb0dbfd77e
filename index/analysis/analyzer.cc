#include "index/analysis/analyzer.h"

#include <libstemmer.h>
#include <utf8proc.h>

#include <optional>
#include <unordered_map>
#include <utility>

#include "index/analysis/porter_stemmer.h"
#include "index/analysis/spelling.h"
#include "index/analysis/tokenizer.h"
#include "index/analysis/uax29_tokenizer.h"
#include "index/analysis/utf8.h"

namespace nsearch::analysis {
namespace {

// NFKC + case folding + mark and default-ignorable stripping: what utf8proc_map would do with
// these flags, but into reusable buffers.
constexpr auto kFoldOptions =
    static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT |
                                   UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK | UTF8PROC_IGNORE);

constexpr std::string_view kNoStemming = "none";

// Replaces the UTF-8 encodings of U+2018, U+2019 and U+FF07 with '\''. All three are 3 bytes.
void UnifyApostrophes(std::string* s) {
  if (s->find('\xE2') == std::string::npos && s->find('\xEF') == std::string::npos) {
    return;
  }
  std::string& t = *s;
  size_t w = 0;
  for (size_t r = 0; r < t.size();) {
    if (r + 2 < t.size() &&
        ((t[r] == '\xE2' && t[r + 1] == '\x80' && (t[r + 2] == '\x98' || t[r + 2] == '\x99')) ||
         (t[r] == '\xEF' && t[r + 1] == '\xBC' && t[r + 2] == '\x87'))) {
      t[w++] = '\'';
      r += 3;
    } else {
      t[w++] = t[r++];
    }
  }
  t.resize(w);
}

// Lucene's EnglishPossessiveFilter: a trailing 's, ’s or ＇s (s in either case).
void StripLucenePossessive(std::string* s) {
  const size_t n = s->size();
  if (n < 2 || ((*s)[n - 1] != 's' && (*s)[n - 1] != 'S')) {
    return;
  }
  if ((*s)[n - 2] == '\'') {
    s->resize(n - 2);
  } else if (n >= 4 && (s->compare(n - 4, 3, "\xE2\x80\x99") == 0 ||
                        s->compare(n - 4, 3, "\xEF\xBC\x87") == 0)) {
    s->resize(n - 4);
  }
}

// Appends `c` lowercased with Unicode's simple mapping (Java's Character.toLowerCase).
void AppendLowercase(char32_t c, std::string* out) {
  utf8proc_uint8_t buf[4];
  const utf8proc_ssize_t n =
      utf8proc_encode_char(utf8proc_tolower(static_cast<utf8proc_int32_t>(c)), buf);
  out->append(reinterpret_cast<const char*>(buf), static_cast<size_t>(n));
}

void StripPossessive(std::string* s) {
  const size_t n = s->size();
  if (n >= 2 && (*s)[n - 1] == '\'' && (*s)[n - 2] == 's') {
    s->resize(n - 1);  // "parents'"
  } else if (n >= 2 && (*s)[n - 2] == '\'' && (*s)[n - 1] == 's') {
    s->resize(n - 2);  // "putin's"
  }
}

}  // namespace

const std::vector<std::string>& LuceneEnglishStopwords() {
  static const auto* const kWords = new std::vector<std::string>{
      "a",   "an",    "and",  "are",   "as",    "at",   "be",   "but", "by",  "for",  "if",
      "in",  "into",  "is",   "it",    "no",    "not",  "of",   "on",  "or",  "such", "that",
      "the", "their", "then", "there", "these", "they", "this", "to",  "was", "will", "with"};
  return *kWords;
}

bool IsEnglishLanguage(std::string_view language) {
  return language == "english" || language == "en" || language == "eng" || language == "porter" ||
         language == kLucenePorterLanguage;
}

Result<std::unique_ptr<Analyzer>> Analyzer::Create(const AnalyzerOptions& options,
                                                   size_t stem_cache_entries) {
  sb_stemmer* stemmer = nullptr;
  if (options.language != kNoStemming && options.language != kLucenePorterLanguage) {
    stemmer = sb_stemmer_new(options.language.c_str(), "UTF_8");
    if (stemmer == nullptr) {
      // libstemmer also returns null when out of memory; an unknown name is far likelier.
      std::string known;
      for (const char** name = sb_stemmer_list(); *name != nullptr; ++name) {
        known += known.empty() ? "" : ", ";
        known += *name;
      }
      return Status::InvalidArgument("analysis: unknown stemmer language '" + options.language +
                                     "' (known: " + known + ", " + kLucenePorterLanguage +
                                     ", none)");
    }
  }
  std::unique_ptr<Analyzer> analyzer(new Analyzer(options, stemmer, stem_cache_entries));
  NSEARCH_RETURN_IF_ERROR(analyzer->BuildSynonyms());
  return analyzer;
}

Status Analyzer::BuildSynonyms() {
  // Fold every word first, with synonyms_ still empty so that no group sees another, and without
  // stemming: the map is applied before the stemmer.
  const std::function<bool(std::string_view)> no_stemming = [](std::string_view) { return false; };
  std::vector<std::vector<std::string>> folded(options_.synonyms.size());
  std::vector<std::string> listed(options_.synonyms.size());
  for (size_t g = 0; g < options_.synonyms.size(); ++g) {
    for (const std::string& word : options_.synonyms[g]) {
      listed[g].append(listed[g].empty() ? "" : ", ").append(word);
    }
    auto invalid = [&](const std::string& problem) {
      std::string message = "analysis: synonym group ";
      message.append(std::to_string(g + 1)).append(" (").append(listed[g]).append("): ");
      message.append(problem);
      return Status::InvalidArgument(message);
    };
    for (const std::string& word : options_.synonyms[g]) {
      std::vector<std::string> terms;
      const uint32_t words =
          AnalyzeImpl(word, 0, &no_stemming, [&terms](const Token& t) { terms.push_back(t.term); });
      std::string quoted = "'";
      quoted.append(word).append("'");
      if (words != 1) {
        return invalid(quoted + " is not one word (multi-word synonyms are not supported)");
      }
      if (terms.empty()) {
        return invalid(quoted + " is a stopword");
      }
      folded[g].push_back(std::move(terms[0]));
    }
    if (folded[g].size() < 2) {
      return invalid("a group needs at least two words");
    }
  }
  std::unordered_map<std::string, size_t> group_of;
  for (size_t g = 0; g < folded.size(); ++g) {
    for (const std::string& word : folded[g]) {
      auto [it, inserted] = group_of.emplace(word, g);
      if (!inserted && it->second != g) {
        std::string message = "analysis: synonym '";
        message.append(word).append("' is in two groups: (").append(listed[it->second]);
        message.append(") and (").append(listed[g]).append(")");
        return Status::InvalidArgument(message);
      }
      synonyms_.emplace(word, folded[g][0]);
    }
  }
  return Status::Ok();
}

Analyzer::Analyzer(const AnalyzerOptions& options, sb_stemmer* stemmer, size_t stem_cache_entries)
    : options_(options),
      stemmer_(stemmer),
      lucene_porter_(options.language == kLucenePorterLanguage),
      stem_cache_entries_(stem_cache_entries) {
  for (const std::string& word : options_.stopwords) {
    // Each entry is normalized as one word, so entries such as "it's" work too.
    bool ascii = true;
    for (char c : word) {
      ascii = ascii && static_cast<unsigned char>(c) < 0x80;
    }
    std::string folded;
    Normalize(word, ascii, &folded);
    if (!folded.empty()) {
      stopword_filter_.Add(folded);
      stopwords_.insert(std::move(folded));
    }
  }
}

Analyzer::~Analyzer() { sb_stemmer_delete(stemmer_); }

void Analyzer::Normalize(std::string_view raw, bool ascii, std::string* out) {
  out->clear();
  if (options_.case_folding == CaseFolding::kLowercase) {
    std::string& word = scratch_;
    word.assign(raw);
    StripLucenePossessive(&word);
    if (ascii) {
      for (char c : word) {
        out->push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c + ('a' - 'A')) : c);
      }
      return;
    }
    for (size_t i = 0; i < word.size();) {
      const Utf8Char c = DecodeUtf8(std::string_view(word).substr(i));
      i += c.length;
      AppendLowercase(c.code_point, out);
    }
    return;
  }
  if (ascii) {
    // ASCII is stable under NFKC and case folding maps only A-Z, so this equals the slow path.
    out->resize(raw.size());
    for (size_t i = 0; i < raw.size(); ++i) {
      char c = raw[i];
      (*out)[i] = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + ('a' - 'A')) : c;
    }
  } else {
    const auto* src = reinterpret_cast<const utf8proc_uint8_t*>(raw.data());
    const auto len = static_cast<utf8proc_ssize_t>(raw.size());
    // utf8proc_reencode needs one spare slot for its terminating NUL.
    if (codepoints_.size() < raw.size() + 1) {
      codepoints_.resize(raw.size() + 1);
    }
    utf8proc_ssize_t n =
        utf8proc_decompose(src, len, codepoints_.data(),
                           static_cast<utf8proc_ssize_t>(codepoints_.size()) - 1, kFoldOptions);
    if (n >= 0 && static_cast<size_t>(n) + 1 > codepoints_.size()) {
      codepoints_.resize(static_cast<size_t>(n) + 1);
      n = utf8proc_decompose(src, len, codepoints_.data(), n, kFoldOptions);
    }
    if (n >= 0) {
      n = utf8proc_reencode(codepoints_.data(), n, kFoldOptions);
    }
    if (n < 0) {
      return;  // cannot happen for the valid UTF-8 the tokenizer yields; drop the word
    }
    out->assign(reinterpret_cast<const char*>(codepoints_.data()), static_cast<size_t>(n));
    UnifyApostrophes(out);
  }
  StripPossessive(out);
}

uint32_t Analyzer::Analyze(std::string_view text, uint32_t first_position,
                           const std::function<void(const Token&)>& sink) {
  return AnalyzeImpl(text, first_position, nullptr, sink);
}

uint32_t Analyzer::AnalyzeSelectively(std::string_view text, uint32_t first_position,
                                      const std::function<bool(std::string_view)>& stem_if,
                                      const std::function<void(const Token&)>& sink) {
  return AnalyzeImpl(text, first_position, &stem_if, sink);
}

std::vector<std::string> Analyzer::FoldWords(std::string_view text) {
  std::vector<std::string> words;
  if (options_.tokenizer == TokenizerKind::kUax29) {
    FoldWordsWith<Uax29Tokenizer>(text, &words);
  } else {
    FoldWordsWith<Tokenizer>(text, &words);
  }
  return words;
}

template <typename WordTokenizer>
void Analyzer::FoldWordsWith(std::string_view text, std::vector<std::string>* words) {
  WordTokenizer tokenizer(text);
  WordSpan span;
  while (tokenizer.Next(&span)) {
    const std::string_view raw = text.substr(span.begin, span.end - span.begin);
    if (raw.size() > kMaxTokenBytes) {
      continue;
    }
    Normalize(raw, span.ascii, &folded_);
    if (!folded_.empty() && folded_.size() <= kMaxTokenBytes) {
      words->push_back(folded_);
    }
  }
}

uint32_t Analyzer::AnalyzeImpl(std::string_view text, uint32_t first_position,
                               const std::function<bool(std::string_view)>* stem_if,
                               const std::function<void(const Token&)>& sink) {
  if (text.size() > UINT32_MAX) {
    text = text.substr(0, UINT32_MAX);  // REQUIRES violated; stay memory-safe anyway
  }
  return options_.tokenizer == TokenizerKind::kUax29
             ? AnalyzeWith<Uax29Tokenizer>(text, first_position, stem_if, sink)
             : AnalyzeWith<Tokenizer>(text, first_position, stem_if, sink);
}

template <typename WordTokenizer>
uint32_t Analyzer::AnalyzeWith(std::string_view text, uint32_t first_position,
                               const std::function<bool(std::string_view)>* stem_if,
                               const std::function<void(const Token&)>& sink) {
  WordTokenizer tokenizer(text);
  WordSpan span;
  uint32_t position = first_position;
  while (tokenizer.Next(&span)) {
    const uint32_t this_position = position++;
    const std::string_view raw = text.substr(span.begin, span.end - span.begin);
    if (raw.size() > kMaxTokenBytes) {
      continue;
    }
    Normalize(raw, span.ascii, &folded_);
    if (folded_.empty() || folded_.size() > kMaxTokenBytes || IsStopword(folded_)) {
      continue;
    }
    if (options_.fold_spelling) {
      if (const std::optional<std::string_view> american = AmericanSpelling(folded_)) {
        folded_.assign(*american);
      }
    }
    if (!synonyms_.empty()) {
      if (auto it = synonyms_.find(folded_); it != synonyms_.end()) {
        folded_.assign(it->second);
      }
    }
    if (stems_words() && (stem_if == nullptr || (*stem_if)(folded_))) {
      token_.word_id = Stem(folded_, &token_.term);
    } else {
      token_.term = folded_;
      token_.word_id = Token::kNoWordId;
    }
    if (token_.term.empty() || token_.term.size() > kMaxTokenBytes) {
      continue;
    }
    token_.position = this_position;
    token_.begin = span.begin;
    token_.end = span.end;
    sink(token_);
  }
  return position;
}

uint32_t Analyzer::Stem(const std::string& word, std::string* out) {
  if (lucene_porter_) {
    *out = word;
    PorterStem(out);  // a few dozen branches: no dearer than the cache lookup
    return Token::kNoWordId;
  }
  bool inserted;
  const uint32_t id = stem_words_.Intern(word, &inserted);
  if (!inserted) {
    out->assign(stems_, stem_starts_[id], stem_starts_[id + 1] - stem_starts_[id]);
    return id;
  }
  const sb_symbol* stem = sb_stemmer_stem(stemmer_, reinterpret_cast<const sb_symbol*>(word.data()),
                                          static_cast<int>(word.size()));
  if (stem == nullptr) {
    *out = word;  // out of memory inside libstemmer: index the unstemmed word
  } else {
    out->assign(reinterpret_cast<const char*>(stem),
                static_cast<size_t>(sb_stemmer_length(stemmer_)));
  }
  stems_.append(*out);
  stem_starts_.push_back(stems_.size());
  if (stem_words_.size() >= stem_cache_entries_) {
    stem_words_.Clear();
    stems_.clear();
    stem_starts_.assign(1, 0);
    ++stem_generation_;
    return Token::kNoWordId;
  }
  return id;
}

std::vector<Token> Analyzer::AnalyzeToVector(std::string_view text) {
  std::vector<Token> tokens;
  Analyze(text, 0, [&tokens](const Token& t) { tokens.push_back(t); });
  return tokens;
}

}  // namespace nsearch::analysis
