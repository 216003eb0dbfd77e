#include "cli/batch_command.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <numeric>
#include <vector>

#include "cli/cli_status.h"

namespace nsearch::cli {
namespace {

struct BatchQuery {
  std::string qid;
  std::string text;
  size_t line = 0;
};

// Reads "qid<TAB>text" lines; blank lines are skipped, others without a tab are warned about.
Result<std::vector<BatchQuery>> ReadQueries(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return Status::IOError(path + ": cannot open the query file");
  std::vector<BatchQuery> queries;
  std::string line;
  size_t line_number = 0;
  while (std::getline(in, line)) {
    ++line_number;
    if (!line.empty() && line.back() == '\r')
      line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos)
      continue;
    const size_t tab = line.find('\t');
    if (tab == std::string::npos || tab == 0) {
      PrintWarning(path + ":" + std::to_string(line_number) +
                   ": expected \"qid<TAB>query\"; skipped");
      continue;
    }
    std::string qid = line.substr(0, tab);
    if (qid.find_first_of(" \v\f") != std::string::npos) {
      PrintWarning(path + ":" + std::to_string(line_number) +
                   ": query id contains white space, which a TREC run cannot hold; skipped");
      continue;
    }
    queries.push_back({std::move(qid), line.substr(tab + 1), line_number});
  }
  if (in.bad())
    return Status::IOError(path + ": read failed");
  return queries;
}

// The q-quantile of sorted `v` by the nearest-rank method.
double Quantile(const std::vector<double>& sorted, double q) {
  if (sorted.empty())
    return 0;
  const size_t rank = static_cast<size_t>(std::ceil(q * static_cast<double>(sorted.size())));
  return sorted[std::clamp<size_t>(rank, 1, sorted.size()) - 1];
}

}  // namespace

int RunBatch(query::Searcher& searcher, query::SearchRequest request,
             const std::string& queries_path, int passes) {
  auto queries = ReadQueries(queries_path);
  if (!queries.ok())
    return ReportError(queries.status());
  std::vector<double> latencies_ms;
  std::string run;
  for (int pass = 0; pass < passes; ++pass) {
    const bool last = pass + 1 == passes;
    latencies_ms.clear();
    for (const BatchQuery& q : *queries) {
      request.query = q.text;
      const auto start = std::chrono::steady_clock::now();
      auto top = searcher.TopHits(request);
      const auto stop = std::chrono::steady_clock::now();
      if (!top.ok()) {
        if (!top.status().IsInvalidArgument()) {
          return ReportError(top.status().WithContext(queries_path + ":" + std::to_string(q.line)));
        }
        if (last) {
          PrintWarning(queries_path + ":" + std::to_string(q.line) + ": query " + q.qid + ": " +
                       top.status().message() + "; skipped");
        }
        continue;
      }
      if (!last)
        continue;
      latencies_ms.push_back(std::chrono::duration<double, std::milli>(stop - start).count());
      if (request.count_only) {
        run.append(q.qid).append("\t").append(std::to_string(top->total)).append("\n");
        continue;
      }
      for (size_t i = 0; i < top->hits.size(); ++i) {
        char score[64];
        std::snprintf(score, sizeof score, " %zu %.6f nsearch\n", request.offset + i + 1,
                      top->hits[i].score);
        run.append(q.qid)
            .append(" Q0 ")
            .append(searcher.ExternalId(top->hits[i].doc))
            .append(score);
      }
    }
  }
  std::fwrite(run.data(), 1, run.size(), stdout);
  std::fflush(stdout);
  const double mean = latencies_ms.empty()
                          ? 0
                          : std::accumulate(latencies_ms.begin(), latencies_ms.end(), 0.0) /
                                static_cast<double>(latencies_ms.size());
  std::sort(latencies_ms.begin(), latencies_ms.end());
  std::fprintf(stderr, "queries=%zu mean_ms=%.4f p50_ms=%.4f p99_ms=%.4f\n", latencies_ms.size(),
               mean, Quantile(latencies_ms, 0.5), Quantile(latencies_ms, 0.99));
  return kExitOk;
}

}  // namespace nsearch::cli
