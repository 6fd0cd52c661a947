// The attention rule (summarize) on hand-built histories, and status_sessions, which decides which
// sessions status reads (a fake reader counts what it is asked for).
#include "swelltrack/status.h"

#include <catch2/catch.hpp>
#include <random>

using namespace swelltrack;

namespace {

// A client's sessions as a store would give them: in time order, filtered by instant.
class VectorReader final : public SessionReader {
   public:
    explicit VectorReader(std::vector<Session> sessions) : sessions_(std::move(sessions)) {}
    std::vector<Session> sessions_between(std::int64_t, std::int64_t from, std::int64_t to,
                                          std::int64_t limit) override {
        ++calls;
        std::vector<Session> out;
        for (const auto& s : sessions_) {
            auto t = s.recorded_at.utc.time_since_epoch().count();
            if (t >= from && t <= to && (limit < 0 || static_cast<std::int64_t>(out.size()) < limit)) out.push_back(s);
        }
        return out;
    }
    std::optional<std::int64_t> newest_utc(std::int64_t) override {
        if (sessions_.empty()) return std::nullopt;
        return sessions_.back().recorded_at.utc.time_since_epoch().count();
    }
    std::optional<Session> session_by_id(std::int64_t id) override {
        for (const auto& s : sessions_)
            if (s.id == id) return s;
        return std::nullopt;
    }

    int calls = 0;  // sessions_between calls

   private:
    std::vector<Session> sessions_;
};

// Sessions one day apart from 2024-01-01 08:00 UTC, ids 0, 1, ...; `complete[i]` says whether
// session i has both sides measured at every arm-4cm point, else only the left side.
VectorReader daily(const std::vector<bool>& complete) {
    std::vector<Session> sessions;
    auto start = parse_datetime("2024-01-01T08:00Z");
    for (std::size_t i = 0; i < complete.size(); ++i) {
        Session s;
        s.protocol = "arm-4cm";
        s.recorded_at.utc = start.utc + std::chrono::hours{24 * static_cast<int>(i)};
        s.left_mm.assign(11, 200.0);
        if (complete[i]) s.right_mm.assign(11, 200.0);
        s.id = static_cast<std::int64_t>(i);
        sessions.push_back(s);
    }
    return VectorReader(std::move(sessions));
}

std::vector<std::int64_t> ids(const std::vector<Session>& v) {
    std::vector<std::int64_t> out;
    for (const auto& s : v) out.push_back(s.id);
    return out;
}

}  // namespace

const std::vector<BaselinePin> pin0{{"arm-4cm", 0, "first complete session in arm-4cm"}};

date::sys_seconds day(int n) { return parse_datetime("2024-01-01T08:00Z").utc + std::chrono::hours{24 * n}; }

namespace {
Client left_arm();  // Maria Keller, left arm affected, id 1: below
}  // namespace

TEST_CASE("status reads the pinned baseline and the window before the newest session") {
    // 30 daily complete sessions, days 0..29, the baseline (session 0) pinned. Now is day 30: the
    // window starts at min(newest - 7 days, now - 14 days) = min(day 22, day 16) = day 16, so
    // sessions 16..29 are read, plus the pinned session 0.
    auto r = daily(std::vector<bool>(30, true));
    auto got = status_sessions(r, left_arm(), pin0, 7, day(30));
    std::vector<std::int64_t> want{0};
    for (std::int64_t i = 16; i <= 29; ++i) want.push_back(i);
    CHECK(ids(got) == want);
}

TEST_CASE("without a pin, or without a comparable session in the window, status reads every session") {
    auto r = daily(std::vector<bool>(30, true));
    CHECK(status_sessions(r, left_arm(), {}, 7, day(30)).size() == 30);

    std::vector<bool> recent_partial(30, true);
    for (std::size_t i = 10; i < 30; ++i) recent_partial[i] = false;  // the last 20 days one-sided
    auto r2 = daily(recent_partial);
    CHECK(status_sessions(r2, left_arm(), pin0, 7, day(30)).size() == 30);
}

TEST_CASE("a client without sessions reads nothing more") {
    auto r = daily({});
    CHECK(status_sessions(r, left_arm(), pin0, 7, day(1)).empty());
    CHECK(r.calls == 0);
}

// ---- The attention rule -------------------------------------------------------------------------

namespace {

Client left_arm() {
    Client c;
    c.id = 1;
    c.name = "Maria Keller";
    c.affected = Affected::left;
    return c;
}

// A session on `d` with every arm-4cm point at `left` and `right` mm; id = d + 100.
Session measured(int d, double left, double right) {
    Session s;
    s.id = d + 100;
    s.protocol = "arm-4cm";
    s.recorded_at.utc = day(d);
    s.left_mm.assign(11, left);
    s.right_mm.assign(11, right);
    return s;
}

Session symptoms_only(int d) {
    Session s;
    s.id = d + 100;
    s.protocol = "arm-4cm";
    s.recorded_at.utc = day(d);
    s.symptoms.heaviness = 4;
    return s;
}

std::vector<std::string> codes(const ClientStatus& st) {
    std::vector<std::string> out;
    for (const auto& a : st.alerts) out.emplace_back(to_string(a.code));
    return out;
}

// Baseline day 0: both arms 200 mm at every point. Days 8 and 10: the left (affected) arm 205 mm.
// With every circumference equal along the limb, each frustum is h*C^2/(4*pi), so volumes scale
// with C^2: RVC = (A2*U1)/(U2*A1) - 1 = (205/200)^2 - 1 = 1.050625 - 1 = +5.0625%, in two
// comparable sessions in a row -> rvc_5 (watch) on day 10. The rise came over 8 days: no rapid rise.
std::vector<Session> on_watch() { return {measured(0, 200, 200), measured(8, 205, 200), measured(10, 205, 200)}; }

}  // namespace

TEST_CASE("attention: the worked example is on watch at +5.06%") {
    auto h = analyze_history(left_arm(), on_watch(), {});
    auto st = summarize(h, day(11));
    CHECK(st.attention == Attention::watch);
    CHECK(codes(st) == std::vector<std::string>{"rvc_5"});
    // Day 8 is 2024-01-09; the alert is day 10's (2024-01-11), and says so.
    CHECK(st.alerts[0].message ==
          "Relative volume change +5.1% since baseline, and +5.1% on 2024-01-09 (>= 5% in two sessions in a row: "
          "watch closely) (2024-01-11)");
    REQUIRE(st.change_pct);
    CHECK(*st.change_pct == Approx(5.0625));
}

TEST_CASE("attention: one session over the watch threshold is not a watch until the next confirms it") {
    // Day 8 alone at +5.0625%: no alert, attention none (its figure is still shown).
    auto first = on_watch();
    first.pop_back();
    auto st = summarize(analyze_history(left_arm(), first, {}), day(9));
    CHECK(st.attention == Attention::none);
    CHECK(st.alerts.empty());
    CHECK(st.reason == "RVC +5.1% since baseline; no alerts");
    // A next session back under 5% (202 mm: (202/200)^2 - 1 = +2.01%) does not confirm it.
    first.push_back(measured(10, 202, 200));
    CHECK(summarize(analyze_history(left_arm(), first, {}), day(11)).alerts.empty());
    // Confirmation reaches back 26 weeks (the sustained-rise window): day 8 and day 190 (182 days,
    // 26 weeks) confirm each other; day 8 and day 191 do not.
    for (auto [later, watch] : {std::pair{190, true}, std::pair{191, false}}) {
        auto sessions = on_watch();
        sessions.back() = measured(later, 205, 200);
        INFO("day " << later);
        CHECK((summarize(analyze_history(left_arm(), sessions, {}), day(later + 1)).attention == Attention::watch) ==
              watch);
    }
    // The range level needs one session: (221/200)^2 - 1 = 48841/40000 - 1 = +22.1% -> rvc_10.
    auto range = summarize(analyze_history(left_arm(), {measured(0, 200, 200), measured(20, 221, 200)}, {}), day(21));
    CHECK(codes(range) == std::vector<std::string>{"rvc_10"});
}

TEST_CASE("attention: a later symptoms-only, partial or new-protocol session never clears a watch") {
    auto sessions = on_watch();
    SECTION("symptoms only") { sessions.push_back(symptoms_only(11)); }
    SECTION("one point not measured") {
        auto s = measured(11, 200, 200);  // would read RVC 0% if it were compared
        s.left_mm[3].reset();
        sessions.push_back(s);
    }
    SECTION("the first session in another protocol") {
        auto s = measured(11, 200, 200);
        s.protocol = "arm-8cm";
        s.left_mm.assign(6, 200.0);
        s.right_mm.assign(6, 200.0);
        sessions.push_back(s);
    }
    Protocol p8{"arm-8cm", LimbKind::arm, {0, 8, 16, 24, 32, 40}};
    auto h = analyze_history(left_arm(), sessions, {p8});
    auto st = summarize(h, day(12));
    CHECK(st.latest->id == 111);    // the newest session...
    CHECK(st.compared->id == 110);  // ...but the figures of day 10
    CHECK(st.attention == Attention::watch);
    CHECK(codes(st) == std::vector<std::string>{"rvc_5"});
    CHECK(st.reason.find("watch closely) (2024-01-11)") != std::string::npos);  // day 10's alert
}

TEST_CASE("attention: a later one-sided session's rapid rise counts, though it is not comparable") {
    // Day 10 both arms 200 mm (RVC 0%, no alert); days 11 and 12 only the left (affected) arm, at
    // 215 mm. Against day 10's left: (215/200)^2 - 1 = 46225/40000 - 1 = +15.56% within 1 day, and
    // still +15.56% the next day: a rapid rise (>= 5% within 7 days, two sessions in a row). The
    // sessions have no right side, so they are not comparable: day 10 stays the compared one.
    std::vector<Session> sessions{measured(0, 200, 200), measured(10, 200, 200)};
    for (int d : {11, 12}) {
        auto one_side = measured(d, 215, 200);
        one_side.right_mm.clear();
        sessions.push_back(one_side);
    }
    auto st = summarize(analyze_history(left_arm(), sessions, {}), day(13));
    CHECK(st.compared->id == 110);
    CHECK(st.attention == Attention::watch);
    CHECK(codes(st) == std::vector<std::string>{"rapid_rise"});
    REQUIRE(st.alerts.size() == 1);
    // Day 11 is 2024-01-12, day 12 2024-01-13.
    CHECK(st.alerts[0].message ==
          "left volume up +15.6% on 2024-01-12 since 1 day(s) before, and still +15.6% above it now (>= 5% within 7 "
          "days, in two sessions in a row) (2024-01-13)");
}

TEST_CASE("attention: a later partial session's own point difference counts, though it is not comparable") {
    // Day 10 both arms 200 mm at every point: comparable, RVC (200/200)^2 - 1 = 0%, no alert. Day 12
    // the left (affected) arm 225 mm at point 1 and not measured at point 6, the right 200 mm: a
    // partial session, so day 10 stays the compared one. Point 1 differs by 225 - 200 = 25 mm =
    // 2.5 cm >= 2.0 cm, as it did on day 11 (another partial session, 226 mm there: 2.6 cm): two
    // sessions in a row, point_2cm, watch. (No rapid rise: the left side is not complete.)
    std::vector<Session> sessions{measured(0, 200, 200), measured(10, 200, 200)};
    for (auto [d, mm] : {std::pair{11, 226.0}, std::pair{12, 225.0}}) {
        auto partial = measured(d, 200, 200);
        partial.left_mm[0] = mm;
        partial.left_mm[5].reset();
        sessions.push_back(partial);
    }
    auto st = summarize(analyze_history(left_arm(), sessions, {}), day(13));
    CHECK(st.compared->id == 110);
    CHECK(st.latest->id == 112);
    CHECK(st.attention == Attention::watch);
    CHECK(codes(st) == std::vector<std::string>{"point_2cm"});
    // Day 12 is 2024-01-13, day 11 2024-01-12, day 10 2024-01-11.
    CHECK(st.reason ==
          "Sides differ by 2.5 cm at 0 cm, and by 2.6 cm there on 2024-01-12 (>= 2.0 cm in two sessions in a row) "
          "(2024-01-13)");
}

TEST_CASE("attention: a bilateral client's later session without a weight does not clear her WAC alert") {
    // Both arms affected: the change is WAC, which needs weights. Baseline day 0 both arms 200 mm,
    // 80 kg; day 10 the left 221 mm, 80 kg: WAC left = (221/200)^2 * 80/80 - 1 = 48841/40000 - 1 =
    // +22.1% -> wac_10, act now. Day 12 both arms measured again, 200 mm, but no weight: no WAC, so
    // it is not compared and day 10 stays the session status reads.
    Client both = left_arm();
    both.affected = Affected::both;
    std::vector<Session> sessions{measured(0, 200, 200), measured(10, 221, 200), measured(12, 200, 200)};
    sessions[0].weight_kg = 80;
    sessions[1].weight_kg = 80;
    auto h = analyze_history(both, sessions, {});
    CHECK_FALSE(h.comparable(2));
    auto st = summarize(h, day(13));
    CHECK(st.compared->id == 110);
    CHECK(st.attention == Attention::act_now);
    CHECK(codes(st) == std::vector<std::string>{"wac_10"});
    REQUIRE(st.change_pct);
    CHECK(*st.change_pct == Approx(22.1025));
    // status_sessions reads far enough for it too.
    VectorReader reader(sessions);
    auto read = status_sessions(reader, both, {{"arm-4cm", 100, "test"}}, 7, day(13));
    CHECK(summarize(analyze_history(both, read, {}, VolumeMethod::frustum, {}, {{"arm-4cm", 100, "test"}}), day(13))
              .attention == Attention::act_now);
}

TEST_CASE("attention: a bilateral client without any weight is told why she has no change figure") {
    // Both arms affected, two complete sessions, no weight at either: no WAC, so no change and
    // no alert; the line says what is missing rather than "no alerts".
    Client both = left_arm();
    both.affected = Affected::both;
    auto h = analyze_history(both, {measured(0, 200, 200), measured(10, 221, 200)}, {});
    auto st = summarize(h, day(11));
    CHECK_FALSE(st.change_pct);
    CHECK(st.attention == Attention::none);
    CHECK(st.reason == "no change figure: WAC needs the body weight at the baseline and at the latest session");
    // Not measured for a while: only without a schedule, and only past the check-in interval.
    CHECK(st.days_since_last == 1);
    CHECK_FALSE(check_in_due(st, 7));
    auto later = summarize(h, day(10 + 8));
    CHECK(later.days_since_last == 8);
    CHECK(check_in_due(later, 7));
    CHECK_FALSE(check_in_due(later, 8));  // more than 8 days, not 8
    both.every_days = 30;
    CHECK_FALSE(check_in_due(summarize(analyze_history(both, h.sessions, {}), day(18)), 7));  // a schedule: overdue's
}

TEST_CASE("attention: infection signs count for 14 days, whichever session logged them") {
    auto sessions = on_watch();
    auto s = symptoms_only(11);
    s.skin.set(SkinFlag::redness);
    s.skin.set(SkinFlag::warmth);
    sessions.push_back(s);
    auto h = analyze_history(left_arm(), sessions, {});
    // Day 25 is 14 days after day 11: still counted; day 26 is not.
    auto recent = summarize(h, day(25));
    CHECK(recent.attention == Attention::act_now);
    CHECK(codes(recent) == std::vector<std::string>{"rvc_5", "infection_signs"});
    auto later = summarize(h, day(26));
    CHECK(later.attention == Attention::watch);
    CHECK(codes(later) == std::vector<std::string>{"rvc_5"});
}

TEST_CASE("attention: a pinned baseline is not moved by a back-dated session") {
    auto sessions = on_watch();
    sessions.push_back(measured(-30, 190, 200));  // old paper records, a smaller left arm
    // Pinned to day 0 (id 100): RVC stays (205/200)^2 - 1 = +5.0625%.
    auto pinned = analyze_history(left_arm(), sessions, {}, VolumeMethod::frustum, {}, {{"arm-4cm", 100, "test"}});
    CHECK(*summarize(pinned, day(11)).change_pct == Approx(5.0625));
    // The automatic rule with a baseline date of day 0 (2024-01-01) skips the earlier session too.
    auto client = left_arm();
    client.baseline_date = date::year{2024} / 1 / 1;
    auto dated = analyze_history(client, sessions, {});
    CHECK(*summarize(dated, day(11)).change_pct == Approx(5.0625));
    // Without either, the earliest complete session would be the baseline: (205*200)/(200*190)-1
    // on volumes = (205/190)^2 - 1 = 1.16413 - 1 = +16.41%.
    auto unpinned = analyze_history(left_arm(), sessions, {});
    CHECK(*summarize(unpinned, day(11)).change_pct == Approx(16.4127).epsilon(1e-4));
}

TEST_CASE("attention: days since the last session and overdue by the client's schedule") {
    auto client = left_arm();
    client.every_days = 7;
    auto h = analyze_history(client, on_watch(), {});
    // The newest session is day 10 at 08:00. At day 17 08:00 it is exactly 7 days old: due, not
    // overdue; one second later it is overdue.
    auto due = summarize(h, day(17));
    CHECK(due.days_since_last == 7);
    CHECK_FALSE(due.overdue);
    auto late = summarize(h, day(17) + std::chrono::seconds{1});
    CHECK(late.overdue);
    client.every_days.reset();
    CHECK_FALSE(summarize(analyze_history(client, on_watch(), {}), day(40)).overdue);
}

TEST_CASE("sort_worst_first: rank, then overdue, then change") {
    ClientStatus a, b, c;
    a.client.name = "A";
    a.attention = Attention::none;
    a.change_pct = 3;
    b.client.name = "B";
    b.attention = Attention::none;
    b.overdue = true;
    c.client.name = "C";
    c.attention = Attention::watch;
    std::vector<ClientStatus> v{a, b, c};
    sort_worst_first(v);
    CHECK(v[0].client.name == "C");
    CHECK(v[1].client.name == "B");
    CHECK(v[2].client.name == "A");
}

TEST_CASE("sort_worst_first moves every status to its place along a longer cycle, equal changes by name") {
    // In the input order D E F A B C the sorted order is E (act now), A (watch), F (+5%), B and D
    // (+1% each: by name), C (no change): position 0 takes E from 1, 1 takes A from 3, 3 takes B
    // from 4, 4 takes D from 0 (a cycle of four); F and C stay where they are.
    auto make = [](const char* name, Attention attention, std::optional<double> change) {
        ClientStatus s;
        s.client.name = name;
        s.attention = attention;
        s.change_pct = change;
        s.reason = std::string("reason of ") + name;
        return s;
    };
    std::vector<ClientStatus> v{make("D", Attention::none, 1), make("E", Attention::act_now, {}),
                                make("F", Attention::none, 5), make("A", Attention::watch, {}),
                                make("B", Attention::none, 1), make("C", Attention::none, {})};
    sort_worst_first(v);
    std::vector<std::string> names, reasons;
    for (const auto& s : v) {
        names.push_back(s.client.name);
        reasons.push_back(s.reason);
    }
    CHECK(names == std::vector<std::string>{"E", "A", "F", "B", "D", "C"});
    CHECK(reasons == std::vector<std::string>{"reason of E", "reason of A", "reason of F", "reason of B", "reason of D",
                                              "reason of C"});
}

namespace {

const Protocol arm8{"arm-8cm", LimbKind::arm, {0, 8, 16, 24, 32, 40}};

// A random history, a share `second` of its sessions in a second protocol: complete, partial,
// one-sided and symptoms-only sessions 6 hours to 12 days apart, infection signs, rises; in time
// order.
std::vector<Session> random_sessions(std::mt19937& rng, double second = 0.2) {
    auto uniform = [&](double lo, double hi) { return std::uniform_real_distribution<double>(lo, hi)(rng); };
    std::vector<Session> sessions;
    const int n = 3 + static_cast<int>(uniform(0, 40));
    auto t = parse_datetime("2024-01-01T08:00Z").utc;
    for (int i = 0; i < n; ++i) {
        t += std::chrono::hours{static_cast<int>(uniform(6, 24 * 12))};
        Session s;
        s.id = i + 1;
        s.recorded_at.utc = t;
        s.protocol = uniform(0, 1) < 1 - second ? "arm-4cm" : "arm-8cm";
        const std::size_t points = s.protocol == "arm-4cm" ? 11 : 6;
        const double kind = uniform(0, 1), left = 200 * uniform(1.0, 1.15), right = 200 * uniform(1.0, 1.03);
        if (kind < 0.85) s.left_mm.assign(points, left);
        if (kind < 0.6 || (kind >= 0.85 && kind < 0.95)) s.right_mm.assign(points, right);
        if (kind >= 0.6 && kind < 0.7 && !s.left_mm.empty()) s.left_mm[points / 2].reset();
        if (kind >= 0.95 || s.left_mm.empty() && s.right_mm.empty()) s.symptoms.heaviness = 3;
        if (uniform(0, 1) < 0.07) s.skin.set(SkinFlag::redness), s.skin.set(SkinFlag::warmth);
        sessions.push_back(s);
    }
    return sessions;
}

// The pins the store keeps: baseline_candidate per protocol.
std::vector<BaselinePin> pins_of(const std::vector<Session>& sessions) {
    std::vector<BaselinePin> pins;
    for (const char* p : {"arm-4cm", "arm-8cm"})
        if (auto i = baseline_candidate(sessions, p)) pins.push_back({p, sessions[*i].id, "test"});
    return pins;
}

}  // namespace

TEST_CASE("each session's attention is what status would have said right after it") {
    // Hand-worked: baseline day 0, day 8 +5.06% (one session: none), day 10 +5.06% again (watch),
    // day 11 redness with warmth (act now), day 26 a symptoms-only session 15 days later (watch
    // again: the infection signs are older than 14 days; the day-10 watch stands).
    auto sessions = on_watch();
    auto signs = symptoms_only(11);
    signs.skin.set(SkinFlag::redness);
    signs.skin.set(SkinFlag::warmth);
    sessions.push_back(signs);
    sessions.push_back(symptoms_only(26));
    CHECK(attention_after_each(analyze_history(left_arm(), sessions, {})) ==
          std::vector<Attention>{Attention::none, Attention::none, Attention::watch, Attention::act_now,
                                 Attention::watch});
    // Random histories: the same as summarize over the sessions up to each, read at its time.
    std::mt19937 rng(20261203);
    for (int trial = 0; trial < 150; ++trial) {
        const auto all = random_sessions(rng);
        const auto got =
            attention_after_each(analyze_history(left_arm(), all, {arm8}, VolumeMethod::frustum, {}, pins_of(all)));
        REQUIRE(got.size() == all.size());
        for (std::size_t i = 0; i < all.size(); ++i) {
            const std::vector<Session> upto(all.begin(), all.begin() + static_cast<std::ptrdiff_t>(i) + 1);
            const auto want =
                summarize(analyze_history(left_arm(), upto, {arm8}, VolumeMethod::frustum, {}, pins_of(upto)),
                          all[i].recorded_at.utc);
            INFO("trial " << trial << ", session " << i);
            CHECK(got[i] == want.attention);
        }
    }
}

// ---- status_sessions against every session ----------------------------------------------------

TEST_CASE("status reads every session when the compared session's rapid-rise predecessor is outside the window") {
    // Baseline day 0; day 19 both arms 200 mm; days 24 and 25 the left at 215 mm: +15.56% in 5
    // days, still so the next day: a rapid rise on day 25. Day 27 only symptoms (the newest). At
    // day 40 the window starts at min(27 - 7, 40 - 14) = day 20, which leaves out day 19: so
    // everything is read.
    std::vector<Session> sessions{measured(0, 200, 200), measured(19, 200, 200), measured(24, 215, 200),
                                  measured(25, 215, 200), symptoms_only(27)};
    const std::vector<BaselinePin> pins{{"arm-4cm", 100, "test"}};
    VectorReader reader(sessions);
    auto read = status_sessions(reader, left_arm(), pins, 7, day(40));
    CHECK(read.size() == 5);
    auto st = summarize(analyze_history(left_arm(), read, {}, VolumeMethod::frustum, {}, pins), day(40));
    CHECK(st.compared->id == 125);
    CHECK(codes(st) == std::vector<std::string>{"rvc_10", "rapid_rise"});  // (215/200)^2 - 1 = +15.56%
}

TEST_CASE("status read through status_sessions judges exactly as over every session") {
    // Random histories with two protocols, complete, partial, one-sided and symptoms-only sessions,
    // infection signs, rises; the pins are what the store keeps (baseline_candidate per protocol).
    std::mt19937 rng(20261127);
    int fewer = 0;  // trials where status read a subset: the comparison is only worth it for those
    auto uniform = [&](double lo, double hi) { return std::uniform_real_distribution<double>(lo, hi)(rng); };
    for (int trial = 0; trial < 300; ++trial) {
        // Half the trials in one protocol: with two, status reads every session (protocol-change).
        auto sessions = random_sessions(rng, trial % 2 ? 0.0 : 0.2);
        const auto pins = pins_of(sessions);
        const auto t = sessions.back().recorded_at.utc;
        const auto now = t + std::chrono::hours{static_cast<int>(uniform(0, 24 * 30))};
        // Every other trial with a short sustained-rise window, so status reads a subset more often.
        AlertThresholds thresholds;
        if (trial % 2) thresholds.sustained_weeks = 4;
        auto all =
            summarize(analyze_history(left_arm(), sessions, {arm8}, VolumeMethod::frustum, thresholds, pins), now);
        VectorReader reader(sessions);
        auto read = status_sessions(reader, left_arm(), pins, thresholds.lookback_days(), now);
        auto some = summarize(analyze_history(left_arm(), read, {arm8}, VolumeMethod::frustum, thresholds, pins), now);
        INFO("trial " << trial << ": " << sessions.size() << " sessions, " << read.size() << " read");
        if (read.size() < sessions.size()) ++fewer;
        CHECK(codes(some) == codes(all));
        CHECK(some.attention == all.attention);
        CHECK(some.change_pct == all.change_pct);
        CHECK(some.reason == all.reason);
        CHECK((some.compared ? some.compared->id : 0) == (all.compared ? all.compared->id : 0));
        CHECK(some.days_since_last == all.days_since_last);
    }
    CHECK(fewer >= 60);  // of the 150 trials in one protocol (80 with this seed)
}
