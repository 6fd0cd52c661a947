// status_sessions decides which sessions status reads; a fake reader counts what it is asked for.
#include "swelltrack/status.h"

#include <catch2/catch.hpp>

using namespace swelltrack;

namespace {

// Sessions one day apart from 2024-01-01 08:00 UTC; `complete[i]` says whether session i has both
// sides measured at every arm-4cm point, else only the left side.
class FakeReader final : public SessionReader {
   public:
    explicit FakeReader(std::vector<bool> complete) {
        auto start = parse_datetime("2024-01-01T08:00Z");
        for (std::size_t i = 0; i < complete.size(); ++i) {
            Session s;
            s.protocol = "arm-4cm";
            s.recorded_at.utc = start.utc + std::chrono::hours{24 * static_cast<int>(i)};
            s.left_mm.assign(11, 200.0);
            if (complete[i]) s.right_mm.assign(11, 200.0);
            s.id = static_cast<std::int64_t>(i);
            sessions_.push_back(s);
        }
    }
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
    int calls = 0;

   private:
    std::vector<Session> sessions_;
};

std::vector<std::int64_t> ids(const std::vector<Session>& v) {
    std::vector<std::int64_t> out;
    for (const auto& s : v) out.push_back(s.id);
    return out;
}

}  // namespace

TEST_CASE("status reads the first sessions up to the baseline, then the window before the newest") {
    // 30 daily sessions, all complete: the baseline is session 0; a 7-day window before session 29
    // (day 29) starts at day 22, so sessions 22..29 are read, plus session 0.
    FakeReader r(std::vector<bool>(30, true));
    auto got = status_sessions(r, 1, 7);
    CHECK(ids(got) == std::vector<std::int64_t>{0, 22, 23, 24, 25, 26, 27, 28, 29});
}

TEST_CASE("a baseline past the first batch of eight is found in the next batch") {
    // Sessions 0..9 one-sided, session 10 complete (the baseline), then complete up to day 40.
    std::vector<bool> complete(41, true);
    for (int i = 0; i < 10; ++i) complete[static_cast<std::size_t>(i)] = false;
    FakeReader r(complete);
    auto got = status_sessions(r, 1, 7);
    // 0..10 (two batches: 0-7, then 8-15 cut after the baseline 10), then the window 33..40.
    std::vector<std::int64_t> want;
    for (std::int64_t i = 0; i <= 10; ++i) want.push_back(i);
    for (std::int64_t i = 33; i <= 40; ++i) want.push_back(i);
    CHECK(ids(got) == want);
}

TEST_CASE("past 64 sessions without a baseline, or without a complete session in the window, all are read") {
    std::vector<bool> late(100, false);
    late[80] = true;  // the baseline, after 80 one-sided sessions
    late[99] = true;
    FakeReader r(late);
    CHECK(status_sessions(r, 1, 7).size() == 100);

    std::vector<bool> recent_partial(30, true);
    for (std::size_t i = 20; i < 30; ++i) recent_partial[i] = false;  // the last 10 days one-sided
    FakeReader r2(recent_partial);
    CHECK(status_sessions(r2, 1, 7).size() == 30);
}

TEST_CASE("a client without sessions reads nothing more") {
    FakeReader r({});
    CHECK(status_sessions(r, 1, 7).empty());
    CHECK(r.calls == 0);
}
