#include "query/fuzzy_walk.h"

#include <algorithm>
#include <vector>

#include "index/analysis/date_term.h"
#include "index/analysis/utf8.h"

namespace nsearch::query {
namespace {

// The state of the walk: the code points of the last prefix whose rows are known, and those rows.
// rows[k] is the dynamic programming row of target against prefix[0, k): rows[k][j] is the
// distance from prefix[0, k) to target[0, j), capped at max + 1.
class Walker {
 public:
  Walker(std::u32string_view target, uint32_t max) : target_(target), max_(max) {
    std::vector<uint32_t> first(target_.size() + 1);
    for (size_t j = 0; j <= target_.size(); ++j) {
      first[j] = static_cast<uint32_t>(std::min<size_t>(j, max_ + 1));
    }
    rows_.push_back(std::move(first));
  }

  // Decodes `term`, extends the rows over the code points it does not share with the prefix
  // known so far, and returns its distance (<= max), or sets *dead to the byte length of its
  // shortest prefix that no extension can bring within max edits and returns max + 1.
  uint32_t Distance(std::string_view term, size_t* dead) {
    *dead = 0;
    term_.clear();
    ends_.clear();
    for (size_t at = 0; at < term.size();) {
      const analysis::Utf8Char c = analysis::DecodeUtf8(term.substr(at));
      term_.push_back(c.code_point);
      at += c.length;
      ends_.push_back(at);
    }
    size_t shared = 0;
    while (shared < known_.size() && shared < term_.size() && known_[shared] == term_[shared]) {
      ++shared;
    }
    known_.assign(term_.begin(), term_.begin() + static_cast<std::ptrdiff_t>(shared));
    rows_.resize(shared + 1);
    for (size_t k = shared + 1; k <= term_.size(); ++k) {
      rows_.push_back(NextRow(k));
      known_.push_back(term_[k - 1]);
      if (*std::min_element(rows_[k].begin(), rows_[k].end()) > max_) {
        *dead = ends_[k - 1];  // every term starting with term_[0, k) is too far
        return max_ + 1;
      }
    }
    return rows_[term_.size()][target_.size()];
  }

  size_t term_length() const { return term_.size(); }

 private:
  // Row k from rows k-1 and k-2 (transpositions), for prefix code point term_[k-1].
  std::vector<uint32_t> NextRow(size_t k) const {
    const uint32_t over = max_ + 1;
    const std::vector<uint32_t>& prev = rows_[k - 1];
    std::vector<uint32_t> row(target_.size() + 1);
    row[0] = static_cast<uint32_t>(std::min<size_t>(k, over));
    const char32_t c = term_[k - 1];
    for (size_t j = 1; j <= target_.size(); ++j) {
      uint32_t d =
          std::min({prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (c == target_[j - 1] ? 0u : 1u)});
      if (k > 1 && j > 1 && c == target_[j - 2] && term_[k - 2] == target_[j - 1]) {
        d = std::min(d, rows_[k - 2][j - 2] + 1);
      }
      row[j] = std::min(d, over);
    }
    return row;
  }

  std::u32string_view target_;
  uint32_t max_;
  std::u32string term_;       // code points of the current term
  std::vector<size_t> ends_;  // byte offset after each of them
  std::u32string known_;      // the prefix rows_ describe (rows_.size() == known_.size() + 1)
  std::vector<std::vector<uint32_t>> rows_;
};

}  // namespace

Status WalkFuzzy(
    const postings::TermDictReader& dict, std::string_view key_prefix, std::u32string_view target,
    uint32_t max,
    const std::function<void(std::string_view, const postings::TermInfo&, uint32_t)>& visit,
    FuzzyWalkStats* stats) {
  FuzzyWalkStats local;
  FuzzyWalkStats& counts = stats != nullptr ? *stats : local;
  Walker walker(target, max);
  std::string start(key_prefix);
  bool more = true;
  while (more) {
    more = false;
    std::string next;
    NSEARCH_RETURN_IF_ERROR(
        dict.ScanFrom(start, [&](std::string_view key, const postings::TermInfo& info) {
          if (!key.starts_with(key_prefix)) {
            return false;  // past the field's keys
          }
          const std::string_view term = key.substr(key_prefix.size());
          ++counts.terms_seen;
          size_t dead = 0;
          const uint32_t edits = walker.Distance(term, &dead);
          if (dead > 0) {
            // The smallest key after every key starting with the prefix and term[0, dead): that
            // prefix with its last byte incremented (UTF-8 never has a 0xFF byte: no carry).
            next.assign(key_prefix).append(term.substr(0, dead));
            next.back() = static_cast<char>(static_cast<unsigned char>(next.back()) + 1);
            more = true;
            return false;
          }
          const size_t shorter = std::min(target.size(), walker.term_length());
          if (edits <= max && (edits == 0 || edits < shorter)) {
            visit(term, info, edits);
          }
          return true;
        }));
    if (more) {
      ++counts.seeks;
      start = std::move(next);
    }
  }
  return Status::Ok();
}

}  // namespace nsearch::query
