#include "query/query_plan.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "query/parser/query_parser.h"

namespace nsearch::query {
namespace {

class QueryPlanTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<std::unique_ptr<analysis::Analyzer>> analyzer =
        analysis::Analyzer::Create(analysis::AnalyzerOptions());
    ASSERT_TRUE(analyzer.ok()) << analyzer.status().ToString();
    analyzer_ = std::move(analyzer).value();
  }

  std::optional<PlanNode> Plan(std::string_view query) {
    Result<QueryNode> parsed = ParseQuery(query);
    EXPECT_TRUE(parsed.ok()) << parsed.status().ToString();
    if (!parsed.ok()) {
      return std::nullopt;
    }
    return PlanQuery(*parsed, *analyzer_);
  }

  std::string Rendered(std::string_view query) {
    std::optional<PlanNode> plan = Plan(query);
    return plan ? ToString(*plan) : "<none>";
  }

  std::unique_ptr<analysis::Analyzer> analyzer_;
};

TEST_F(QueryPlanTest, AnalyzesWordsIntoIndexTerms) {
  std::optional<PlanNode> plan = Plan("Mutual Defenses");
  ASSERT_TRUE(plan);
  EXPECT_EQ(plan->kind, PlanNode::Kind::kBoolean);
  ASSERT_EQ(plan->clauses.size(), 2u);
  EXPECT_EQ(plan->clauses[0].node.kind, PlanNode::Kind::kTerm);
  EXPECT_EQ(plan->clauses[0].node.terms, std::vector<std::string>{"mutual"});
  EXPECT_EQ(plan->clauses[1].node.terms, std::vector<std::string>{"defens"});
  EXPECT_EQ(ToString(*plan), "mutual defens");
}

TEST_F(QueryPlanTest, SingleWordIsATermNode) {
  std::optional<PlanNode> plan = Plan("+Putin");
  ASSERT_TRUE(plan);
  EXPECT_EQ(plan->kind, PlanNode::Kind::kTerm);
  EXPECT_EQ(plan->terms, std::vector<std::string>{"putin"});
  EXPECT_EQ(plan->boost, 1);
}

TEST_F(QueryPlanTest, DropsStopwords) {
  EXPECT_EQ(Rendered("the pact of the"), "pact");
  EXPECT_EQ(Rendered("+the -of pact"), "pact");
  EXPECT_EQ(Rendered("the of and"), "<none>");
  EXPECT_EQ(Rendered("(the) (a an)"), "<none>");
  EXPECT_EQ(Rendered(""), "<none>");
}

TEST_F(QueryPlanTest, HyphenatedWordBecomesPhrase) {
  std::optional<PlanNode> plan = Plan("Jong-un");
  ASSERT_TRUE(plan);
  EXPECT_EQ(plan->kind, PlanNode::Kind::kPhrase);
  EXPECT_EQ(plan->terms, (std::vector<std::string>{"jong", "un"}));
  EXPECT_EQ(plan->offsets, (std::vector<uint32_t>{0, 1}));
}

TEST_F(QueryPlanTest, PhraseKeepsStopwordGaps) {
  std::optional<PlanNode> plan = Plan("\"state of the art\"");
  ASSERT_TRUE(plan);
  EXPECT_EQ(plan->kind, PlanNode::Kind::kPhrase);
  EXPECT_EQ(plan->terms, (std::vector<std::string>{"state", "art"}));
  EXPECT_EQ(plan->offsets, (std::vector<uint32_t>{0, 3}));
  // A leading stop word does not shift the offsets: they are relative to the first term.
  std::optional<PlanNode> lead = Plan("\"the art of war\"");
  ASSERT_TRUE(lead);
  EXPECT_EQ(lead->terms, (std::vector<std::string>{"art", "war"}));
  EXPECT_EQ(lead->offsets, (std::vector<uint32_t>{0, 2}));
}

TEST_F(QueryPlanTest, PhraseOfOneWordIsATerm) {
  std::optional<PlanNode> plan = Plan("\"the treaty\"");
  ASSERT_TRUE(plan);
  EXPECT_EQ(plan->kind, PlanNode::Kind::kTerm);
  EXPECT_EQ(plan->terms, std::vector<std::string>{"treati"});
  EXPECT_TRUE(plan->offsets.empty());
}

TEST_F(QueryPlanTest, RepeatedWordFoldsIntoBoost) {
  std::optional<PlanNode> plan = Plan("pact treaty Pacts");
  ASSERT_TRUE(plan);
  ASSERT_EQ(plan->clauses.size(), 2u);
  EXPECT_EQ(plan->clauses[0].node.terms, std::vector<std::string>{"pact"});
  EXPECT_EQ(plan->clauses[0].node.boost, 2);
  EXPECT_EQ(plan->clauses[1].node.boost, 1);
  // Only clauses with the same occur fold; exclusions never gain a boost.
  EXPECT_EQ(Rendered("+pact pact"), "+pact pact");
  EXPECT_EQ(Rendered("-pact -pact treaty"), "-pact treati");
  std::optional<PlanNode> single = Plan("pact pact");
  ASSERT_TRUE(single);
  EXPECT_EQ(single->kind, PlanNode::Kind::kTerm);
  EXPECT_EQ(single->boost, 2);
}

TEST_F(QueryPlanTest, KeepsGroupsAndOccurs) {
  EXPECT_EQ(Rendered("+kim -(putin \"defense pact\") trump"),
            "+kim -(putin \"defens pact\") trump");
  EXPECT_EQ(Rendered("+(the kim)"), "kim");
  // Only an exclusion is left: the plan keeps it (it matches nothing).
  std::optional<PlanNode> plan = Plan("-kim the");
  ASSERT_TRUE(plan);
  EXPECT_EQ(plan->kind, PlanNode::Kind::kBoolean);
  ASSERT_EQ(plan->clauses.size(), 1u);
  EXPECT_EQ(plan->clauses[0].occur, Occur::kMustNot);
}

TEST_F(QueryPlanTest, OrModeMakesEveryWordOptional) {
  std::optional<PlanNode> plan =
      PlanWords("+Mutual \"defense\" of pacts", QueryMode::kOr, *analyzer_);
  ASSERT_TRUE(plan);
  EXPECT_EQ(ToString(*plan), "mutual defens pact");
  for (const auto& c : plan->clauses) {
    EXPECT_EQ(c.occur, Occur::kShould);
  }
}

TEST_F(QueryPlanTest, AndModeRequiresEveryWord) {
  std::optional<PlanNode> plan = PlanWords("mutual defense pact pact", QueryMode::kAnd, *analyzer_);
  ASSERT_TRUE(plan);
  EXPECT_EQ(ToString(*plan), "+mutual +defens +pact^2.00");
}

TEST_F(QueryPlanTest, PhraseModeMakesOnePhrase) {
  std::optional<PlanNode> plan = PlanWords("state of the art", QueryMode::kPhrase, *analyzer_);
  ASSERT_TRUE(plan);
  EXPECT_EQ(plan->kind, PlanNode::Kind::kPhrase);
  EXPECT_EQ(plan->offsets, (std::vector<uint32_t>{0, 3}));
  EXPECT_EQ(ToString(*plan), "\"state art\"");
}

TEST_F(QueryPlanTest, ModesReturnNothingForStopwords) {
  for (QueryMode mode : {QueryMode::kOr, QueryMode::kAnd, QueryMode::kPhrase}) {
    EXPECT_FALSE(PlanWords("the of and", mode, *analyzer_));
    EXPECT_FALSE(PlanWords("", mode, *analyzer_));
  }
}

TEST_F(QueryPlanTest, PushesGroupBoostsDownToLeaves) {
  std::optional<PlanNode> plan = Plan("(korea^3 \"mutual defense\"~2)^0.5 putin");
  ASSERT_TRUE(plan);
  ASSERT_EQ(plan->clauses.size(), 2u);
  const PlanNode& group = plan->clauses[0].node;
  EXPECT_EQ(group.boost, 1);
  ASSERT_EQ(group.clauses.size(), 2u);
  EXPECT_EQ(group.clauses[0].node.boost, 1.5);
  EXPECT_EQ(group.clauses[1].node.boost, 0.5);
  EXPECT_EQ(group.clauses[1].node.slop, 2u);
  EXPECT_EQ(plan->clauses[1].node.boost, 1);
  EXPECT_EQ(Rendered("\"mutual defense\"~2"), "\"mutual defens\"~2");
}

TEST_F(QueryPlanTest, OperatorsPlanAsOccurs) {
  EXPECT_EQ(Rendered("korea AND putin"), "+korea +putin");
  EXPECT_EQ(Rendered("korea OR NOT putin"), "korea -putin");
  EXPECT_EQ(Rendered("kim OR korea AND putin"), "kim (+korea +putin)");
  // A repeated boosted word folds into one clause whose boost is the sum.
  EXPECT_EQ(Rendered("korea^2 korea"), "korea^3.00");
}

TEST_F(QueryPlanTest, WordOfSeveralTermsStaysExactInSloppyPhrase) {
  std::optional<PlanNode> plan = Plan("Jong-un^2");
  ASSERT_TRUE(plan);
  EXPECT_EQ(plan->kind, PlanNode::Kind::kPhrase);
  EXPECT_EQ(plan->slop, 0u);
  EXPECT_EQ(plan->boost, 2);
}

}  // namespace
}  // namespace nsearch::query
