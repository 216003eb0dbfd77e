// Field lists, field keys and named weights (index/segment/fields.h).

#include "index/segment/fields.h"

#include <gtest/gtest.h>

#include <limits>

namespace nsearch::segment {
namespace {

TEST(FieldsTest, DefaultAndCombinedFieldsAreValid) {
  EXPECT_TRUE(ValidateFields(DefaultFields()).ok());
  EXPECT_TRUE(ValidateFields(CombinedFields()).ok());
  EXPECT_EQ(DefaultFields()[kDefaultTitleField].name, "title");
  EXPECT_EQ(DefaultFields()[kDefaultBodyField].name, "body");
}

TEST(FieldsTest, RefusesNamesQueriesCannotSpellAndBadWeights) {
  for (const char* name : {"", "date", "2nd", "-x", "a b", "a:b", "caf\xC3\xA9"}) {
    std::vector<FieldSpec> fields = DefaultFields();
    fields.push_back({name, FieldSource::kJson, 1});
    EXPECT_TRUE(ValidateFields(fields).IsInvalidArgument()) << name;
  }
  std::vector<FieldSpec> fields = DefaultFields();
  fields.push_back({"_x-2", FieldSource::kJson, 1});
  EXPECT_TRUE(ValidateFields(fields).ok());
  fields.push_back({"title", FieldSource::kJson, 1});
  EXPECT_NE(ValidateFields(fields).message().find("named twice"), std::string::npos);
  fields = DefaultFields();
  fields[1].weight = 0;
  EXPECT_TRUE(ValidateFields(fields).IsInvalidArgument());
  fields[1].weight = std::numeric_limits<double>::infinity();
  EXPECT_TRUE(ValidateFields(fields).IsInvalidArgument());
  EXPECT_TRUE(ValidateFields({}).IsInvalidArgument());
  EXPECT_TRUE(
      ValidateFields(std::vector<FieldSpec>(kMaxFields + 1, FieldSpec{"f"})).IsInvalidArgument());
}

TEST(FieldsTest, KeysCarryTheirFieldAndWord) {
  const std::string key = FieldKey(3, "korea");
  EXPECT_EQ(key, std::string("\x05korea"));
  EXPECT_EQ(KeyField(key), 3);
  EXPECT_EQ(KeyWord(key), "korea");
  EXPECT_EQ(KeyField(FieldKey(kMaxFields - 1, "x")), static_cast<int>(kMaxFields) - 1);
  EXPECT_EQ(KeyField(std::string("\x01"
                                 "2024-06-19")),
            -1);                                    // a date term
  EXPECT_EQ(KeyField(std::string(1, '\x02')), -1);  // a field byte with no word
  EXPECT_EQ(KeyField(""), -1);
}

TEST(FieldsTest, FieldTextComesFromItsSource) {
  store::StoredDocument doc{"id", "Title", "Body", "", "", {{"abstract", "Abstract"}}};
  EXPECT_EQ(FieldText({"title", FieldSource::kTitle}, doc), "Title");
  EXPECT_EQ(FieldText({"body", FieldSource::kBody}, doc), "Body");
  EXPECT_EQ(FieldText({"abstract", FieldSource::kJson}, doc), "Abstract");
  EXPECT_EQ(FieldText({"summary", FieldSource::kJson}, doc), "");
}

TEST(FieldsTest, NamedWeightsParseOrSayWhy) {
  Result<NamedWeight> w = ParseNamedWeight("title=2.5");
  ASSERT_TRUE(w.ok()) << w.status().ToString();
  EXPECT_EQ(w->name, "title");
  EXPECT_EQ(w->weight, 2.5);
  for (const char* bad : {"title", "title=", "title=x", "title=0", "title=-1", "title=2x",
                          "title=1e7", "title=nan"}) {
    const Result<NamedWeight> r = ParseNamedWeight(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_NE(r.status().message().find(bad), std::string::npos) << r.status().ToString();
  }
}

}  // namespace
}  // namespace nsearch::segment
