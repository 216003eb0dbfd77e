#include "query/term_expansion.h"

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "index/analysis/date_term.h"
#include "index/segment/fields.h"
#include "query/edit_distance.h"
#include "query/fuzzy_walk.h"

namespace nsearch::query {
namespace {

// An indexed word a prefix or fuzzy word expands to, with what the scan learnt about it.
struct Candidate {
  uint32_t edits = 0;  // fuzzy: distance to the word
  uint64_t df = 0;     // summed over fields and segments, deletions included: to rank fuzzy words
  // Its index key in each field where it was found -> the key's TermInfo in each segment.
  std::map<std::string, std::vector<std::optional<postings::TermInfo>>> keys;
};
using Candidates = std::map<std::string, Candidate, std::less<>>;

Status InvalidWord(const PlanNode& node, const std::string& problem) {
  std::string message = "query: '";
  message.append(node.expanded_from).append("' ").append(problem);
  return Status::InvalidArgument(message);
}

class Expander {
 public:
  Expander(const segment::IndexReader& reader, const ExpansionLimits& limits, TermTable* terms)
      : reader_(reader), limits_(limits), terms_(terms) {}

  Status Expand(PlanNode* node) {
    if (node->kind == PlanNode::Kind::kDateRange) {
      return ExpandDates(node);
    }
    if (node->kind == PlanNode::Kind::kPrefix || node->kind == PlanNode::Kind::kFuzzy) {
      Candidates candidates;
      if (node->kind == PlanNode::Kind::kPrefix) {
        NSEARCH_RETURN_IF_ERROR(ScanPrefix(*node, &candidates));
      } else {
        NSEARCH_RETURN_IF_ERROR(ScanFuzzy(*node, &candidates));
      }
      return Replace(node, candidates);
    }
    std::vector<PlanNode::Clause> clauses;
    for (auto& c : node->clauses) {
      NSEARCH_RETURN_IF_ERROR(Expand(&c.node));
      // An optional group of optional terms joins its parent's optional clauses: the same
      // matches and sum, and the pruning evaluators see each term.
      const bool flatten = c.occur == Occur::kShould && c.node.kind == PlanNode::Kind::kBoolean &&
                           std::all_of(c.node.clauses.begin(), c.node.clauses.end(),
                                       [](const auto& g) { return g.occur == Occur::kShould; });
      if (flatten) {
        for (auto& g : c.node.clauses) {
          clauses.push_back(std::move(g));
        }
      } else {
        clauses.push_back(std::move(c));
      }
    }
    node->clauses = std::move(clauses);
    return Status::Ok();
  }

 private:
  // Records that key `key` (word `word` of some field) is in segment `s`.
  void Add(size_t s, std::string_view word, std::string_view key, const postings::TermInfo& info,
           uint32_t edits, Candidates* out) const {
    auto it = out->find(word);
    if (it == out->end()) {
      it = out->emplace(std::string(word), Candidate{}).first;
      it->second.edits = edits;
    }
    auto& per_segment = it->second.keys[std::string(key)];
    if (per_segment.empty()) {
      per_segment.resize(reader_.num_segments());
    }
    if (!per_segment[s]) {
      it->second.df += info.df;
      per_segment[s] = info;
    }
  }

  Status ScanPrefix(const PlanNode& node, Candidates* out) const {
    if (node.terms.empty()) {
      return InvalidWord(node, "must have exactly one word before '*'");
    }
    bool too_many = false;
    for (uint32_t f : NodeFields(node, reader_)) {
      const std::string prefix = segment::FieldKey(f, node.terms[0]);
      for (size_t s = 0; s < reader_.num_segments() && !too_many; ++s) {
        NSEARCH_RETURN_IF_ERROR(reader_.segment(s).term_dict().ScanFrom(
            prefix, [&](std::string_view key, const postings::TermInfo& info) {
              if (!key.starts_with(prefix)) {
                return false;
              }
              Add(s, segment::KeyWord(key), key, info, 0, out);
              too_many = out->size() > limits_.max_prefix_terms;
              return !too_many;
            }));
      }
      if (too_many) {
        return InvalidWord(node, "matches more than " + std::to_string(limits_.max_prefix_terms) +
                                     " index terms; make the prefix longer");
      }
      if (node.terms.size() > 1) {  // the analyzed whole word
        const std::string key = segment::FieldKey(f, node.terms[1]);
        for (size_t s = 0; s < reader_.num_segments(); ++s) {
          NSEARCH_ASSIGN_OR_RETURN(auto info, reader_.segment(s).FindTerm(key));
          if (info) {
            Add(s, node.terms[1], key, *info, 0, out);
          }
        }
      }
    }
    return Status::Ok();
  }

  Status ScanFuzzy(const PlanNode& node, Candidates* out) {
    if (node.terms.size() != 1) {
      return InvalidWord(node, "must be exactly one word before '~'");
    }
    if (++fuzzy_words_ > limits_.max_fuzzy_words) {
      return InvalidWord(node, "is one fuzzy word too many: a query may have " +
                                   std::to_string(limits_.max_fuzzy_words));
    }
    const std::u32string target = CodePoints(node.terms[0]);
    for (uint32_t f : NodeFields(node, reader_)) {
      const std::string field_prefix = segment::FieldKey(f, "");
      for (size_t s = 0; s < reader_.num_segments(); ++s) {
        NSEARCH_RETURN_IF_ERROR(
            WalkFuzzy(reader_.segment(s).term_dict(), field_prefix, target, node.edits,
                      [&](std::string_view word, const postings::TermInfo& info, uint32_t edits) {
                        Add(s, word, field_prefix + std::string(word), info, edits, out);
                      }));
      }
    }
    return Status::Ok();
  }

  // Turns a date range into the filter of the date terms within it.
  Status ExpandDates(PlanNode* node) {
    if (!reader_.manifest().analysis.index_dates) {
      return InvalidWord(*node,
                         "needs dates in the index, and this one was built before nsearch "
                         "indexed them: index the documents again to filter by date");
    }
    const std::string& from = node->terms[0];
    const std::string& to = node->terms[1];  // empty: no upper end
    Candidates days;
    for (size_t s = 0; s < reader_.num_segments(); ++s) {
      NSEARCH_RETURN_IF_ERROR(reader_.segment(s).term_dict().ScanFrom(
          from, [&](std::string_view term, const postings::TermInfo& info) {
            if (!term.starts_with(analysis::kDateTermPrefix) || (!to.empty() && term > to)) {
              return false;
            }
            Add(s, term, term, info, 0, &days);
            return true;
          }));
    }
    PlanNode filter;
    filter.kind = PlanNode::Kind::kFilter;
    filter.expanded_from = node->expanded_from;
    for (const auto& [term, candidate] : days) {
      if (!terms_->contains(term)) {
        // Filters need no df: only where each term's list is.
        terms_->emplace(term, TermStats{0, candidate.keys.begin()->second});
      }
      filter.terms.push_back(term);
    }
    *node = std::move(filter);
    return Status::Ok();
  }

  // Turns `node` into the disjunction of its chosen candidates.
  Status Replace(PlanNode* node, const Candidates& candidates) {
    std::vector<const Candidates::value_type*> chosen;
    for (const auto& entry : candidates) {
      chosen.push_back(&entry);
    }
    const bool fuzzy = node->kind == PlanNode::Kind::kFuzzy;
    if (fuzzy && chosen.size() > limits_.max_fuzzy_terms) {
      std::sort(chosen.begin(), chosen.end(), [](const auto* a, const auto* b) {
        if (a->second.edits != b->second.edits)
          return a->second.edits < b->second.edits;
        if (a->second.df != b->second.df)
          return a->second.df > b->second.df;
        return a->first < b->first;
      });
      chosen.resize(limits_.max_fuzzy_terms);
      std::sort(chosen.begin(), chosen.end(),
                [](const auto* a, const auto* b) { return a->first < b->first; });
    }
    total_terms_ += chosen.size();
    if (total_terms_ > limits_.max_total_terms) {
      return InvalidWord(*node, "takes the query over " + std::to_string(limits_.max_total_terms) +
                                    " expanded terms");
    }
    uint64_t blended_df = 0;
    for (const auto* entry : chosen) {
      for (const auto& [key, per_segment] : entry->second.keys) {
        NSEARCH_ASSIGN_OR_RETURN(const TermStats* stats, Stats(key, per_segment));
        blended_df = std::max(blended_df, stats->df);
      }
    }
    const size_t word_length = fuzzy ? CodePoints(node->terms[0]).size() : 0;
    PlanNode group;
    for (const auto* entry : chosen) {
      PlanNode term;
      term.kind = PlanNode::Kind::kTerm;
      term.terms = {entry->first};
      term.boost = node->boost;
      if (fuzzy && entry->second.edits > 0) {
        const size_t shorter = std::min(word_length, CodePoints(entry->first).size());
        term.boost *= 1 - static_cast<double>(entry->second.edits) / static_cast<double>(shorter);
      }
      term.expanded_from = node->expanded_from;
      term.blended_df = blended_df;
      term.field = node->field;
      group.clauses.push_back({Occur::kShould, std::move(term)});
    }
    if (group.clauses.size() == 1) {
      PlanNode only = std::move(group.clauses[0].node);
      *node = std::move(only);
    } else {
      *node = std::move(group);  // no clauses: matches nothing
    }
    return Status::Ok();
  }

  // The index-wide statistics of an expanded word's key, added to the table if new.
  Result<const TermStats*> Stats(
      const std::string& key, const std::vector<std::optional<postings::TermInfo>>& per_segment) {
    auto it = terms_->find(key);
    if (it == terms_->end()) {
      TermStats stats;
      stats.per_segment = per_segment;
      for (size_t s = 0; s < reader_.num_segments(); ++s) {
        if (stats.per_segment[s]) {
          NSEARCH_ASSIGN_OR_RETURN(uint64_t df,
                                   LiveDocFrequency(reader_, s, *stats.per_segment[s]));
          stats.df += df;
        }
      }
      it = terms_->emplace(key, std::move(stats)).first;
    }
    return &it->second;
  }

  const segment::IndexReader& reader_;
  const ExpansionLimits& limits_;
  TermTable* terms_;
  size_t fuzzy_words_ = 0;
  size_t total_terms_ = 0;
};

}  // namespace

Status ExpandTerms(PlanNode* plan, const segment::IndexReader& reader,
                   const ExpansionLimits& limits, TermTable* terms) {
  return Expander(reader, limits, terms).Expand(plan);
}

}  // namespace nsearch::query
