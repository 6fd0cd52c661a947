#include "swelltrack/attention.h"

#include <catch2/catch.hpp>
#include <set>
#include <string>

#include "swelltrack/alerts.h"

using namespace swelltrack;
using Catch::Matchers::Contains;

namespace {
constexpr Attention every_level[] = {Attention::none, Attention::watch, Attention::act_now};
}  // namespace

TEST_CASE("every attention level is in the table once, none first, with every word a face shows") {
    auto levels = display::attention_levels();
    REQUIRE(levels.size() == std::size(every_level));
    for (std::size_t i = 0; i < levels.size(); ++i) {
        CAPTURE(i);
        CHECK(levels[i].level == every_level[i]);
        CHECK_FALSE(levels[i].word.empty());
        CHECK_FALSE(levels[i].badge.empty());
        CHECK_FALSE(levels[i].badge_class.empty());
        CHECK_FALSE(levels[i].meaning.empty());
        // The status table leaves its mark column blank for a client without alerts.
        CHECK(levels[i].mark.empty() == (levels[i].level == Attention::none));
    }
}

TEST_CASE("no two attention levels share a word on any face") {
    std::set<std::string_view> words, badges, classes, marks, meanings;
    for (const auto& w : display::attention_levels()) {
        words.insert(w.word);
        badges.insert(w.badge);
        classes.insert(w.badge_class);
        marks.insert(w.mark);
        meanings.insert(w.meaning);
    }
    CHECK(words.size() == 3);
    CHECK(badges.size() == 3);
    CHECK(classes.size() == 3);
    CHECK(marks.size() == 3);
    CHECK(meanings.size() == 3);
}

TEST_CASE("an attention level round-trips through its word and its number") {
    for (Attention a : every_level) {
        CAPTURE(to_string(a));
        CHECK(parse_enum<Attention>(to_string(a)) == a);
        CHECK(display::attention(a).level == a);
        CHECK(to_string(a) == display::attention(a).word);  // one spelling for printing and parsing
    }
    // The numbers scripts read in status --format json and /api/status.
    CHECK(to_number(Attention::none) == 0);
    CHECK(to_number(Attention::watch) == 1);
    CHECK(to_number(Attention::act_now) == 2);
    CHECK(parse_enum<Attention>(" Act Now ") == Attention::act_now);
    CHECK_THROWS_WITH(parse_enum<Attention>("urgent"), Contains("none, watch, act now"));
}

TEST_CASE("the words are those the faces printed before there was one table") {
    const auto& act = display::attention(Attention::act_now);
    CHECK(act.word == "act now");
    CHECK(act.badge == "Act now");
    CHECK(act.badge_class == "act");
    CHECK(act.mark == "!!");
    CHECK(act.meaning == "a range-level or infection-sign alert");
    const auto& watch = display::attention(Attention::watch);
    CHECK(watch.word == "watch");
    CHECK(watch.badge == "Watch");
    CHECK(watch.badge_class == "watch");
    CHECK(watch.mark == "!");
    CHECK(watch.meaning == "a watch-level alert");
    const auto& none = display::attention(Attention::none);
    CHECK(none.word == "none");
    CHECK(none.badge == "OK");
    CHECK(none.badge_class == "ok");
}

TEST_CASE("range-level changes and infection signs call for acting now, the other alerts for watching") {
    CHECK(attention_of(AlertCode::rvc_5) == Attention::watch);
    CHECK(attention_of(AlertCode::wac_5) == Attention::watch);
    CHECK(attention_of(AlertCode::point_2cm) == Attention::watch);
    CHECK(attention_of(AlertCode::rapid_rise) == Attention::watch);
    CHECK(attention_of(AlertCode::rvc_10) == Attention::act_now);
    CHECK(attention_of(AlertCode::wac_10) == Attention::act_now);
    CHECK(attention_of(AlertCode::infection_signs) == Attention::act_now);
}

TEST_CASE("the worst of several alerts is the level they call for together") {
    CHECK(attention_of(std::vector<Alert>{}) == Attention::none);
    CHECK(attention_of({{AlertCode::rapid_rise, ""}, {AlertCode::rvc_5, ""}}) == Attention::watch);
    CHECK(attention_of({{AlertCode::point_2cm, ""}, {AlertCode::infection_signs, ""}, {AlertCode::rvc_5, ""}}) ==
          Attention::act_now);
    CHECK(Attention::act_now > Attention::watch);  // sort_worst_first and max() rely on the order
    CHECK(Attention::watch > Attention::none);
}
