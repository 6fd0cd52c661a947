// The JSON forms of lib/records: here the history text the CLI and the API share, written directly.
#include "swelltrack/records.h"

#include <catch2/catch.hpp>

#include "swelltrack/base64.h"

using namespace swelltrack;
using Catch::Matchers::Contains;

namespace {
// Every point of a side the same circumference C cm: with arm-4cm (11 points over 40 cm) the limb is a
// cylinder, V = 40 * C^2 / (4 pi) = 10 C^2 / pi mL (tests/cylinders.h).
Session cylinder(const char* at, double left_cm, double right_cm) {
    Session s;
    s.recorded_at = parse_datetime(at);
    s.protocol = "arm-4cm";
    s.left_mm = PointValues(11, left_cm * 10);
    s.right_mm = PointValues(11, right_cm * 10);
    return s;
}
}  // namespace

TEST_CASE("history JSON: figures rounded as documented, keys sorted, text escaped") {
    Client c;
    c.name = "Ada";
    c.affected = Affected::left;
    auto later = cylinder("2025-02-01T09:00+01:00", 21, 20);
    later.weight_kg = 70;
    later.notes = "a \"quoted\"\nline\t\x01 王";
    auto h = analyze_history(c, {cylinder("2025-01-01T09:00+01:00", 20, 20), later}, {});
    const std::size_t shown[] = {0, 1};
    const auto text = records::history_json(h, shown);
    // Left 21 cm: 10 * 441 / pi = 1403.747 mL -> 1403.7; right 20 cm: 4000 / pi = 1273.240 -> 1273.2.
    CHECK_THAT(text, Contains(R"("volume_ml":{"left":1403.7,"right":1273.2})"));
    // Difference 410 / pi = 130.507 -> 130.5; excess 410 / 4000 = 10.25%; RVC (4410/4000) / (4000/4000)
    // - 1 = 10.25%.
    CHECK_THAT(text, Contains(R"("diff_ml":130.5,"excess_pct":10.25)"));
    CHECK_THAT(text, Contains(R"("rvc_pct":10.25)"));
    // A whole number of kg is still a decimal number, as nlohmann::json prints a double.
    CHECK_THAT(text, Contains(R"("weight_kg":70.0})"));
    CHECK_THAT(text, Contains(R"("note":"a \"quoted\"\nline\t\u0001 王")"));
    auto j = nlohmann::json::parse(text);
    REQUIRE(j.size() == 2);
    CHECK(j[0]["baseline"] == true);
    CHECK(j[0]["comparable"] == false);  // the baseline is not compared with itself
    CHECK(j[0]["rvc_pct"] == 0.0);       // the baseline against itself
    CHECK(j[0]["weight_kg"].is_null());
    CHECK(j[1]["note"] == later.notes);  // read back exactly
    CHECK(j[1]["recorded_at"] == "2025-02-01T09:00:00+01:00");
    CHECK(j[1]["alerts"].size() >= 1);
    // The keys in the order a tree of the same values would dump them (sorted).
    std::vector<std::string> keys;
    for (const auto& [k, v] : j[1].items()) keys.push_back(k);
    CHECK(std::is_sorted(keys.begin(), keys.end()));
    CHECK(j[1].dump() == nlohmann::json::parse(j[1].dump()).dump());
    CHECK(records::history_entry(h, 1) == j[1]);
}

TEST_CASE("history JSON: nothing shown is an empty array") {
    Client c;
    c.name = "Ada";
    auto h = analyze_history(c, {}, {});
    CHECK(records::history_json(h, {}) == "[]");
}

TEST_CASE("status JSON: written directly, laid out as nlohmann::json's dump(2), escaped, the change to 2 decimals") {
    ClientStatus a;
    a.client.name = "Ada \"A\"\tL 王";
    a.latest = SessionRef{7, parse_datetime("2025-02-01T09:00+01:00"), "arm-4cm"};
    a.baseline_at = parse_datetime("2025-01-01T09:00-05:00");
    a.baseline_reason = "first complete session";
    a.alerts = {{AlertCode::rvc_5, "x"}, {AlertCode::infection_signs, "y"}};
    a.attention = Attention::act_now;
    a.change_pct = 2.5453369797889682;  // 2 decimals, as history's rvc_pct: 2.55
    a.reason = "why";
    a.days_since_last = 3;
    ClientStatus b;  // no sessions
    b.client.name = "Bea";
    b.reason = "no sessions yet";
    const std::vector<ClientStatus> both{a, b};

    const auto compact = records::statuses_json(both, false);
    const auto tree = nlohmann::json::parse(compact);
    CHECK(records::statuses_json(both, true) == tree.dump(2));  // nlohmann's own layout, byte for byte
    CHECK(compact == tree.dump());
    REQUIRE(tree.size() == 2);
    CHECK(tree[0]["name"] == "Ada \"A\"\tL 王");
    CHECK(tree[0]["alerts"] == nlohmann::json{"rvc_5", "infection_signs"});
    CHECK(tree[0]["attention"] == 2);
    CHECK(tree[0]["baseline"]["recorded_at"] == "2025-01-01T09:00:00-05:00");
    CHECK(tree[0]["last_session"] == "2025-02-01T09:00:00+01:00");
    CHECK_THAT(compact, Contains("\"change_pct\":2.55,"));
    CHECK(tree[0]["days_since_last"] == 3);
    CHECK(tree[1]["alerts"] == nlohmann::json::array());
    CHECK(tree[1]["baseline"].is_null());
    CHECK(tree[1]["last_session"].is_null());
    CHECK(tree[1]["change_pct"].is_null());
    CHECK(records::status(b) == tree[1]);
    CHECK(records::statuses_json({}, true) == "[]");
}

TEST_CASE("history JSON gives an RVC just under 10% with the digits that keep it under 10") {
    // Both arms equal at every point, the left 209.759 mm against 200 mm: volumes scale with C^2, so
    // RVC = (209.759/200)^2 - 1 = 1.048795^2 - 1 = +9.99710%. Two decimals would print 10.0 beside
    // rvc_5 (it is under 10%); three print 9.997.
    Client c;
    c.affected = Affected::left;
    auto at = [](const char* when, double left) {
        Session s;
        s.protocol = "arm-4cm";
        s.recorded_at = parse_datetime(when);
        s.left_mm.assign(11, left);
        s.right_mm.assign(11, 200.0);
        return s;
    };
    auto h = analyze_history(
        c, {at("2025-01-01T09:00Z", 200), at("2025-02-01T09:00Z", 209.759), at("2025-03-01T09:00Z", 209.759)}, {});
    const std::size_t last[] = {2};
    auto j = nlohmann::json::parse(records::history_json(h, last)).at(0);
    CHECK(j["rvc_pct"].get<double>() == 9.997);
    CHECK(j["alerts"] == nlohmann::json::array({"rvc_5"}));
}

TEST_CASE("base64: RFC 4648's test vectors both ways, and text that is not canonical base64 refused") {
    using swelltrack::records::base64_decode;
    using swelltrack::records::base64_encode;
    // RFC 4648 section 10.
    const std::pair<const char*, const char*> vectors[] = {{"", ""},
                                                           {"f", "Zg=="},
                                                           {"fo", "Zm8="},
                                                           {"foo", "Zm9v"},
                                                           {"foob", "Zm9vYg=="},
                                                           {"fooba", "Zm9vYmE="},
                                                           {"foobar", "Zm9vYmFy"}};
    for (const auto& [plain, coded] : vectors) {
        CAPTURE(plain);
        CHECK(base64_encode(plain) == coded);
        CHECK(base64_decode(coded) == std::string(plain));
    }
    // Every byte value survives (a JPEG is binary): 0x00 0xFF 0xFE = "AP/+".
    CHECK(base64_encode(std::string("\x00\xFF\xFE", 3)) == "AP/+");
    CHECK(base64_decode("AP/+") == std::string("\x00\xFF\xFE", 3));
    for (const char* bad : {"Zg", "Zg=", "Zm9v!A==", "Zh==", "Zm9=", "Z===", "=Zg=", "Zg==Zg==", "Zm 9v"}) {
        CAPTURE(bad);
        CHECK_FALSE(base64_decode(bad));
    }
}
