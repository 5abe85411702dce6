#include <gtest/gtest.h>

#include "io/csv_table.hpp"
#include "io/csv_writer.hpp"
#include <cmath>

using namespace silkroute::io;

TEST(Csv, QuotedFieldsWithCommasQuotesAndNewlines) {
  IssueSink issues;
  auto t = parse_csv("a,b,c\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\n4,5,6\n", "t.csv", issues);
  ASSERT_TRUE(issues.empty()) << issues.report();
  ASSERT_EQ(t.records.size(), 2u);
  EXPECT_EQ(t.records[0].cells[0], "x, y");
  EXPECT_EQ(t.records[0].cells[1], "say \"hi\"");
  EXPECT_EQ(t.records[0].cells[2], "two\nlines");
  EXPECT_EQ(t.records[1].line, 4);  // the quoted newline moved it down a line
}

TEST(Csv, CommentsBlankLinesBomAndCrlf) {
  IssueSink issues;
  auto t = parse_csv("\xEF\xBB\xBF# a comment\r\nid,name\r\n\r\n1, Duisburg \r\n# another\r\n2,Lodz\r\n", "t.csv", issues);
  ASSERT_TRUE(issues.empty()) << issues.report();
  ASSERT_EQ(t.header, (std::vector<std::string>{"id", "name"}));
  ASSERT_EQ(t.records.size(), 2u);
  EXPECT_EQ(t.records[0].cells[1], "Duisburg");  // unquoted cells are trimmed
  EXPECT_EQ(t.records[0].line, 4);
  EXPECT_EQ(t.records[1].line, 6);
}

TEST(Csv, WrongFieldCountNamesTheLine) {
  IssueSink issues;
  auto t = parse_csv("a,b\n1,2\n1,2,3\n", "t.csv", issues);
  ASSERT_EQ(issues.issues().size(), 1u);
  EXPECT_EQ(issues.issues()[0].line, 3);
  EXPECT_NE(issues.issues()[0].message.find("expected 2 fields"), std::string::npos);
  EXPECT_EQ(t.records.size(), 1u);
}

TEST(Csv, UnclosedQuoteIsAnIssueNotACrash) {
  IssueSink issues;
  parse_csv("a,b\n1,\"never closed\n2,3\n", "t.csv", issues);
  ASSERT_EQ(issues.issues().size(), 1u);
  EXPECT_EQ(issues.issues()[0].line, 2);
  EXPECT_NE(issues.issues()[0].message.find("unclosed quote"), std::string::npos);
}

TEST(Csv, EmptyFileNeedsAHeader) {
  IssueSink issues;
  parse_csv("", "t.csv", issues);
  EXPECT_FALSE(issues.empty());
}

TEST(IssueSink, CapsPerFileAndCountsTheRest) {
  IssueSink issues(3);
  for (int i = 0; i < 5; ++i) issues.add("a.csv", i + 2, "x", "bad");
  issues.add("b.csv", 2, "y", "bad");
  EXPECT_EQ(issues.issues().size(), 4u);
  EXPECT_EQ(issues.count(), 6u);
  EXPECT_NE(issues.report().find("... and 2 more in a.csv"), std::string::npos);
}

// Machine CSV keeps full precision without exponents, so pandas and spreadsheets read the
// same numbers the engine computed.
TEST(CsvNumber, FullPrecisionPlainDecimals) {
  EXPECT_EQ(silkroute::io::csv_number(1800000), "1800000");
  EXPECT_EQ(silkroute::io::csv_number(20680000.5), "20680000.5");
  EXPECT_EQ(silkroute::io::csv_number(0.1), "0.1");
  EXPECT_EQ(silkroute::io::csv_number(11316.19714389597), "11316.19714389597");
  EXPECT_EQ(std::stod(silkroute::io::csv_number(1.0 / 3.0)), 1.0 / 3.0);
  EXPECT_EQ(silkroute::io::csv_number(-0.0), "0");
  EXPECT_EQ(silkroute::io::csv_number(std::nan("")), "");
}
