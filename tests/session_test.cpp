#include "swelltrack/session.h"

#include <catch2/catch.hpp>

#include "swelltrack/error.h"

using namespace swelltrack;
using Catch::Matchers::Contains;

namespace {
Session arm_session() {
    Session s;
    s.protocol = "arm-4cm";
    s.recorded_at = parse_datetime("2025-03-01T08:30+01:00");
    for (int i = 0; i < 11; ++i) {
        s.left_mm.push_back(200.0 + 10 * i);
        s.right_mm.push_back(200.0 + 10 * i);
    }
    return s;
}
const Protocol& arm() { return *find_builtin_protocol("arm-4cm"); }
Client arm_client() {
    Client c;
    c.name = "Maria Keller";
    c.limb = LimbKind::arm;
    return c;
}
}  // namespace

TEST_CASE("a complete arm session is valid") { CHECK_NOTHROW(validate_session(arm_session(), arm(), arm_client())); }

TEST_CASE("a side with the wrong number of points names the count and the protocol") {
    auto s = arm_session();
    s.left_mm.pop_back();
    CHECK_THROWS_WITH(validate_session(s, arm(), arm_client()),
                      Contains("left: 10 value(s)") && Contains("'arm-4cm' has 11"));
}

TEST_CASE("a session may measure one side only, or miss points, but not record nothing") {
    auto s = arm_session();
    s.right_mm.clear();
    s.left_mm[3].reset();
    CHECK_NOTHROW(validate_session(s, arm(), arm_client()));
    Session empty;
    empty.protocol = "arm-4cm";
    CHECK_THROWS_WITH(validate_session(empty, arm(), arm_client()), Contains("nothing to record"));
}

TEST_CASE("scores, weight and values out of range are refused with the range") {
    auto s = arm_session();
    s.symptoms.pain = 11;
    CHECK_THROWS_WITH(validate_session(s, arm(), arm_client()), Contains("pain: 11 is above the allowed range 0-10"));
    s = arm_session();
    s.symptoms.pitting_grade = 5;
    CHECK_THROWS_WITH(validate_session(s, arm(), arm_client()), Contains("pitting: 5") && Contains("0-4"));
    s = arm_session();
    s.weight_kg = 0.5;
    CHECK_THROWS_WITH(validate_session(s, arm(), arm_client()), Contains("weight: 0.5 kg") && Contains("2-400 kg"));
    s = arm_session();
    s.right_mm[2] = 4000.0;
    CHECK_THROWS_WITH(validate_session(s, arm(), arm_client()), Contains("right point 3") && Contains("5-150 cm"));
}

TEST_CASE("skin flags round-trip through their names") {
    auto f = parse_skin_flags("warmth, Redness");
    CHECK(f.has(SkinFlag::redness));
    CHECK(f.has(SkinFlag::warmth));
    CHECK_FALSE(f.has(SkinFlag::wound));
    CHECK(to_string(f) == "redness,warmth");
    CHECK(parse_skin_flags(to_string(f)) == f);
    CHECK(parse_skin_flags("hardening").has(SkinFlag::fibrosis));
    CHECK_THROWS_WITH(parse_skin_flags("redness,itchy"), Contains("'itchy'") && Contains("redness, warmth"));
}

TEST_CASE("context and Stemmer sign are read from their spellings") {
    CHECK(parse_enum<SessionContext>("before") == SessionContext::before_treatment);
    CHECK(to_string(SessionContext::after_treatment) == "after");
    CHECK(parse_enum<StemmerSign>("positive") == StemmerSign::positive);
    CHECK_THROWS_WITH(parse_enum<SessionContext>("during"), Contains("before, after, routine"));
}

TEST_CASE("what storage used to check alone is checked by the one validator") {
    auto s = arm_session();
    auto leg_client = arm_client();
    leg_client.limb = LimbKind::leg;
    CHECK_THROWS_WITH(validate_session(s, arm(), leg_client), Contains("'arm-4cm' is for a arm") && Contains("leg"));
    s.symptoms.pitting_depth_mm = 51;
    CHECK_THROWS_WITH(validate_session(s, arm(), arm_client()),
                      Contains("pitting depth: 51 mm is above the allowed range 0-50 mm"));
    s = arm_session();
    s.compression = {CompressionKind::garment, std::nullopt, 30, 20, true};
    CHECK_THROWS_WITH(validate_session(s, arm(), arm_client()), Contains("low-high"));
    s.compression.mmhg_low = 0;
    CHECK_THROWS_WITH(validate_session(s, arm(), arm_client()), Contains("compression mmHg: 0 mmHg"));
    s = arm_session();
    s.recorded_at.offset = std::chrono::minutes{15 * 60};  // +15:00 does not exist
    CHECK_THROWS_WITH(validate_session(s, arm(), arm_client()), Contains("recorded_at: 900 min"));
}

TEST_CASE("a garment class implies a garment, and contradicts a bandage") {
    auto s = arm_session();
    s.compression.ral_class = 2;
    normalize_session(s);
    CHECK(s.compression.kind == CompressionKind::garment);
    CHECK(s.compression.worn_known);
    CHECK_NOTHROW(validate_session(s, arm(), arm_client()));
    s.compression.kind = CompressionKind::bandage;
    CHECK_THROWS_WITH(validate_session(s, arm(), arm_client()), Contains("compression is 'bandage'"));
}

TEST_CASE("a side with no value measured is stored as not measured") {
    auto s = arm_session();
    s.right_mm.assign(11, std::nullopt);
    normalize_session(s);
    CHECK(s.right_mm.empty());
    CHECK(s.left_mm.size() == 11);
}

TEST_CASE("a session dated more than an hour ahead of the clock is refused, on every path") {
    auto s = arm_session();
    auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    s.recorded_at.utc = now + std::chrono::minutes{50};  // clocks differ a little: accepted
    CHECK_NOTHROW(validate_session(s, arm(), arm_client()));
    s.recorded_at.utc = now + std::chrono::minutes{70};
    CHECK_THROWS_WITH(validate_session(s, arm(), arm_client()), Contains("is in the future"));
}
