// The use cases (swelltrack/actions.h) on real SQLite files: the order of the checks, what is
// stored and audited, and the outcome every face words.
#include "swelltrack/actions.h"

#include <catch2/catch.hpp>
#include <numbers>

#include "cylinders.h"
#include "temp_db.h"

using namespace swelltrack;
using Catch::Matchers::Contains;

namespace {

struct Clinic {
    testing::TempDir dir{"actions"};
    Store store{dir / "clinic.db"};
    Client ada;
    Clinic() {
        auto c = testing::arm_client("Ada");  // left arm affected, baseline date 2024-03-01
        c.id = store.add_client(c);
        ada = store.get_client("Ada");
    }
    /// Arm cylinders (cylinders.h) at `at`, as a face would hand them over.
    static actions::NewSession cylinders(const std::string& at, double left_cm, double right_cm) {
        actions::NewSession in;
        in.values = testing::cylinders(at, left_cm, right_cm);
        in.at = in.values.recorded_at;
        in.protocol = "arm-4cm";
        return in;
    }
};

const actions::Actor tess{"tess (web)"};

}  // namespace

TEST_CASE("a recorded session comes back with its id, figures worked by hand, and the status after it") {
    Clinic k;
    // Baseline: both arms 20 cm cylinders: V = 10 C^2 / pi = 4000 / pi = 1273.24 mL each side.
    auto first = actions::record_session(k.store, k.ada, Clinic::cylinders("2024-03-05T09:00+01:00", 20, 20), tess);
    REQUIRE(std::holds_alternative<actions::Outcome>(first));
    // Then the left arm at 21 cm: 10 * 441 / pi = 1403.75 mL. RVC = (A2 U1)/(U2 A1) - 1 = 441/400 - 1
    // = +10.25 %: the lymphedema range (>= 10 %), attention 2. (21 - 20 = 1 cm a point: plausible.)
    auto second = actions::record_session(k.store, k.ada, Clinic::cylinders("2024-03-12T09:00+01:00", 21, 20), tess);
    REQUIRE(std::holds_alternative<actions::Outcome>(second));
    const auto& o = std::get<actions::Outcome>(second);
    CHECK(o.session.id > 0);
    REQUIRE(o.index);
    CHECK(o.history.sessions[*o.index].id == o.session.id);
    const auto& f = o.history.figures[*o.index];
    CHECK(*f.left_ml == Approx(4410 / std::numbers::pi));
    CHECK(*f.right_ml == Approx(4000 / std::numbers::pi));
    CHECK(*f.rvc_pct == Approx(10.25));
    CHECK(o.status.attention == Attention::act_now);
    // Audited with the actor given, not whoever opened the store.
    auto trail = k.store.audit_trail(k.ada.id);
    REQUIRE(!trail.empty());
    CHECK(trail.back().action == "session.add");
    CHECK(trail.back().actor == "tess (web)");
}

TEST_CASE("a value out of range is named before any question of plausibility, and nothing is stored") {
    Clinic k;
    auto in = Clinic::cylinders("2024-03-05T09:00+01:00", 20, 20);
    in.values.left_mm[3] = 2000;  // 200 cm: outside 5-150 cm
    CHECK_THROWS_WITH(actions::record_session(k.store, k.ada, in, tess),
                      Contains("is above the allowed range 5-150 cm (1.97-59.06 in)"));
    CHECK(k.store.session_count(k.ada.id) == 0);
    CHECK(k.store.audit_trail(k.ada.id).size() == 1);  // the client's own entry, no session's
}

TEST_CASE("a doubtful session stores nothing until it is confirmed, then is stored once") {
    Clinic k;
    REQUIRE(std::holds_alternative<actions::Outcome>(
        actions::record_session(k.store, k.ada, Clinic::cylinders("2024-03-05T09:00+01:00", 20, 20), tess)));
    // 20 -> 24 cm at every point: 4 cm more than the previous session, past the 3 cm rule.
    auto in = Clinic::cylinders("2024-03-12T09:00+01:00", 24, 20);
    auto doubt = actions::record_session(k.store, k.ada, in, tess);
    REQUIRE(std::holds_alternative<actions::Doubtful>(doubt));
    CHECK(!std::get<actions::Doubtful>(doubt).found.empty());
    CHECK(std::get<actions::Doubtful>(doubt).found.front().field.starts_with("left"));
    CHECK(k.store.session_count(k.ada.id) == 1);
    in.confirm = true;
    CHECK(std::holds_alternative<actions::Outcome>(actions::record_session(k.store, k.ada, in, tess)));
    CHECK(k.store.session_count(k.ada.id) == 2);
}

TEST_CASE("a confirmed session corrected in a symptom is not asked about again, a changed point is") {
    Clinic k;
    REQUIRE(std::holds_alternative<actions::Outcome>(
        actions::record_session(k.store, k.ada, Clinic::cylinders("2024-03-05T09:00+01:00", 20, 20), tess)));
    auto in = Clinic::cylinders("2024-03-12T09:00+01:00", 24, 20);  // 4 cm more: doubtful, then confirmed
    in.confirm = true;
    auto stored = std::get<actions::Outcome>(actions::record_session(k.store, k.ada, in, tess)).session;
    actions::Correction pain{stored, stored, "pain was 3, not empty", false};
    pain.corrected.symptoms.pain = 3;
    REQUIRE(std::holds_alternative<actions::Corrected>(actions::correct_session(k.store, k.ada, pain, tess)));
    CHECK(k.store.session_by_id(stored.id)->symptoms.pain == 3);
    // A point changed (24.0 -> 24.5 cm at 0 cm): the values are judged again, the 24s with them.
    auto now = *k.store.session_by_id(stored.id);
    actions::Correction point{now, now, "a typo at the wrist", false};
    point.corrected.left_mm[0] = 245.0;
    CHECK(std::holds_alternative<actions::Doubtful>(actions::correct_session(k.store, k.ada, point, tess)));
    point.confirm = true;
    CHECK(std::holds_alternative<actions::Corrected>(actions::correct_session(k.store, k.ada, point, tess)));
}

TEST_CASE("without a protocol a session takes the client's last one, else the limb's built-in one") {
    Clinic k;
    CHECK(actions::protocol_for_new_session(k.store, k.ada).name == "arm-4cm");
    CHECK_THROWS_WITH(actions::protocol_for_new_session(k.store, k.ada, std::string("nope")), Contains("arm-4cm"));
    auto in = Clinic::cylinders("2024-03-05T09:00+01:00", 20, 20);
    in.protocol.reset();
    in.at.reset();  // now
    auto done = actions::record_session(k.store, k.ada, in, tess);
    REQUIRE(std::holds_alternative<actions::Outcome>(done));
    CHECK(std::get<actions::Outcome>(done).session.protocol == "arm-4cm");
}

TEST_CASE("a correction returns the figures before and after, and a deletion and a restore bring it back") {
    Clinic k;
    auto base = actions::record_session(k.store, k.ada, Clinic::cylinders("2024-03-05T09:00+01:00", 20, 20), tess);
    auto typed = Clinic::cylinders("2024-03-12T09:00+01:00", 22.5, 20);
    typed.confirm = true;  // the volume is 26.6% up on the session before: kept past the question
    auto later = actions::record_session(k.store, k.ada, typed, tess);
    REQUIRE(std::holds_alternative<actions::Outcome>(base));
    REQUIRE(std::holds_alternative<actions::Outcome>(later));
    actions::Correction c;
    c.old = std::get<actions::Outcome>(later).session;
    c.corrected = c.old;
    c.corrected.left_mm.assign(11, 210.0);  // a typo: 21 cm, not 22.5
    c.reason = "typo";
    auto fixed = actions::correct_session(k.store, k.ada, c, tess);
    REQUIRE(std::holds_alternative<actions::Corrected>(fixed));
    const auto& done = std::get<actions::Corrected>(fixed);
    // Before: 22.5^2 / 20^2 - 1 = 506.25 / 400 - 1 = +26.5625 %. After: 21^2 / 20^2 - 1 = 441 / 400
    // - 1 = +10.25 %: act now (>= 10 %, which one session is enough for).
    REQUIRE(done.before.current);
    CHECK(*done.before.figures[*done.before.current].rvc_pct == Approx(26.5625));
    REQUIRE(done.after.index);
    CHECK(*done.after.history.figures[*done.after.index].rvc_pct == Approx(10.25));
    CHECK(done.after.status.attention == Attention::act_now);
    CHECK(k.store.audit_trail(k.ada.id).back().reason == "typo");

    // Without a reason: refused, nothing changed.
    CHECK_THROWS_AS(actions::delete_session(k.store, k.ada, c.old, "", tess), UserError);
    auto gone = actions::delete_session(k.store, k.ada, c.old, "another client's values", tess);
    CHECK(!gone.index);
    CHECK(gone.history.sessions.size() == 1);
    CHECK(gone.status.attention == Attention::none);  // only the baseline is left
    auto deletion = actions::find_deletion(k.store, k.ada, parse_session_time("2024-03-12T09:00"));
    REQUIRE(deletion);
    auto back = actions::restore_session(k.store, k.ada, *deletion, "it was hers", tess);
    REQUIRE(back.index);
    CHECK(back.history.sessions.size() == 2);
    CHECK(back.session.left_mm == std::vector<std::optional<double>>(11, 210.0));  // the corrected values
    CHECK(back.status.attention == Attention::act_now);
    // Twice: it is stored already.
    CHECK_THROWS_WITH(actions::restore_session(k.store, k.ada, *deletion, "again", tess),
                      Contains("is stored already"));
}

TEST_CASE("a new baseline date never moves a pinned baseline: the edit says which pin stays before it") {
    Clinic k;
    // Pinned: the first complete session on or after 2024-03-01, i.e. 2024-03-05.
    REQUIRE(std::holds_alternative<actions::Outcome>(
        actions::record_session(k.store, k.ada, Clinic::cylinders("2024-03-05T09:00+01:00", 20, 20), tess)));
    auto changed = k.ada;
    changed.baseline_date = date::year{2024} / 4 / 1;
    auto edited = actions::edit_client(k.store, k.ada, changed, "", tess);
    CHECK(edited.client.baseline_date == changed.baseline_date);
    REQUIRE(edited.pins_before_date.size() == 1);
    CHECK(edited.pins_before_date[0].protocol == "arm-4cm");
    CHECK(format_datetime(edited.pins_before_date[0].session_at) == "2024-03-05T09:00:00+01:00");
    CHECK(k.store.baselines(k.ada.id).size() == 1);  // still pinned where it was
    CHECK(k.store.audit_trail(k.ada.id).back().actor == "tess (web)");
}

TEST_CASE("a client is added once by name, and a baseline is moved only to one of the client's own sessions") {
    Clinic k;
    auto bea = actions::add_client(k.store, testing::arm_client(" Bea "), tess);  // stored trimmed
    CHECK(bea.id > 0);
    CHECK(bea.name == "Bea");
    CHECK_THROWS_WITH(actions::add_client(k.store, testing::arm_client("Bea"), tess), Contains("already exists"));
    auto adas = actions::record_session(k.store, k.ada, Clinic::cylinders("2024-03-05T09:00+01:00", 20, 20), tess);
    REQUIRE(std::holds_alternative<actions::Outcome>(adas));
    CHECK_THROWS_WITH(actions::move_baseline(k.store, bea, std::get<actions::Outcome>(adas).session, "why", tess),
                      Contains("not a session of Bea"));
}
