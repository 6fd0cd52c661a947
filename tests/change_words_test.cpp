// The audit trail in words (lib/records change_words): each entry's values as the form names them,
// in the client's unit, only what changed, never cut. Old and new values are the JSON forms the
// store writes (records::session, records::client), made here from real sessions and clients.
#include "swelltrack/change_words.h"

#include <catch2/catch.hpp>

#include "swelltrack/records.h"

using namespace swelltrack;
using records::change_sentence;
using records::change_words;
using records::ChangeSetting;

namespace {

// Maria's arm-4cm session (11 points, 0 to 40 cm from the wrist): left 20.0 cm, right 30.5 cm at
// every point, pain 2, no notes.
Session arm_session() {
    Session s;
    s.recorded_at = parse_datetime("2026-11-24T09:00:00+01:00");
    s.protocol = "arm-4cm";
    s.left_mm = PointValues(11, 200.0);
    s.right_mm = PointValues(11, 305.0);
    s.symptoms.pain = 2;
    return s;
}

std::string json_of(const Session& s) { return records::session(s).dump(); }
std::string json_of(const Client& c) { return records::client(c).dump(); }

}  // namespace

TEST_CASE("a corrected session names each changed point and field as the form does") {
    const auto before = arm_session();
    auto after = before;
    after.right_mm[10] = 309.0;  // the 11th point is 40 cm from the wrist: 10 * 4 cm
    after.symptoms.pain = 3;
    after.notes = "tape slipped";
    const auto w =
        change_words("session.edit", format_datetime(before.recorded_at), json_of(before), json_of(after), {});
    CHECK(w.headline == "Session of 2026-11-24 09:00 corrected");
    // Only what changed, in the order of the form: the points, then symptoms, then the notes.
    CHECK(w.changes == std::vector<std::string>{"Right arm, 40 cm: 30.5 -> 30.9 cm", "Pain: 2 -> 3",
                                                "Notes: none -> \"tape slipped\""});
    CHECK(change_sentence(w, "misread the tape", "maria (web)", "2026-12-03 07:23") ==
          "Session of 2026-11-24 09:00 corrected: Right arm, 40 cm: 30.5 -> 30.9 cm; Pain: 2 -> 3; Notes: none -> "
          "\"tape slipped\" (misread the tape) - by maria (web), 2026-12-03 07:23");
}

TEST_CASE("a correction is shown in the client's unit and limb") {
    auto before = arm_session();
    before.protocol = "leg-4cm";  // 16 points, 0 to 60 cm from the ankle
    before.left_mm = PointValues(16, 300.0);
    before.right_mm = PointValues(16, 300.0);
    auto after = before;
    after.left_mm[3] = 305.0;  // 12 cm from the ankle
    ChangeSetting inches;
    inches.unit = LengthUnit::in;
    inches.limb = LimbKind::leg;
    const auto w =
        change_words("session.edit", format_datetime(before.recorded_at), json_of(before), json_of(after), inches);
    // 300 mm / 25.4 = 11.811 -> 11.81 in; 305 mm / 25.4 = 12.0079 -> 12.01 in (two places for inches).
    CHECK(w.changes == std::vector<std::string>{"Left leg, 12 cm: 11.81 -> 12.01 in"});
}

TEST_CASE("a point measured later and one taken back say not measured") {
    auto before = arm_session();
    before.left_mm[0] = std::nullopt;
    auto after = arm_session();
    after.left_mm[0] = 152.0;
    after.right_mm[5] = std::nullopt;  // 20 cm from the wrist
    const auto w =
        change_words("session.edit", format_datetime(before.recorded_at), json_of(before), json_of(after), {});
    CHECK(w.changes == std::vector<std::string>{"Left arm, 0 cm: not measured -> 15.2 cm",
                                                "Right arm, 20 cm: 30.5 cm -> not measured"});
}

TEST_CASE("a long note is kept whole and the time is the session's own") {
    auto before = arm_session();
    auto after = before;
    const std::string note(300, 'x');
    after.notes = note;
    after.recorded_at = parse_datetime("2026-11-24T10:30:00+01:00");
    after.weight_kg = 71.5;
    const auto w =
        change_words("session.edit", format_datetime(before.recorded_at), json_of(before), json_of(after), {});
    CHECK(w.changes == std::vector<std::string>{"When: 2026-11-24 09:00 -> 2026-11-24 10:30",
                                                "Body weight (kg): not recorded -> 71.5",
                                                "Notes: none -> \"" + note + "\""});
}

TEST_CASE("a change of protocol lists each side whole") {
    auto before = arm_session();
    before.left_mm = PointValues(11, 200.0);
    auto after = before;
    after.protocol = "arm-10cm";  // 5 points: 0, 10, 20, 30, 40 cm
    after.left_mm = PointValues(5, 201.0);
    after.right_mm = PointValues(5, 305.0);
    const auto w =
        change_words("session.edit", format_datetime(before.recorded_at), json_of(before), json_of(after), {});
    REQUIRE(w.changes.size() == 3);
    CHECK(w.changes[0] == "Points measured: arm-4cm -> arm-10cm");
    CHECK(w.changes[1] ==
          "Left arm: 20.0, 20.0, 20.0, 20.0, 20.0, 20.0, 20.0, 20.0, 20.0, 20.0, 20.0 -> 20.1, 20.1, 20.1, 20.1, 20.1 "
          "cm");
    CHECK(w.changes[2] ==
          "Right arm: 30.5, 30.5, 30.5, 30.5, 30.5, 30.5, 30.5, 30.5, 30.5, 30.5, 30.5 -> 30.5, 30.5, 30.5, 30.5, 30.5 "
          "cm");
}

TEST_CASE("a client's details say the schedule and the archive in words") {
    Client before;
    before.name = "Maria Keller";
    auto after = before;
    after.every_days = 7;
    after.archived = true;
    after.remind_weekdays = parse_weekdays("mon,thu");
    after.remind_minute = 7 * 60 + 30;
    const auto w = change_words("client.edit", "", json_of(before), json_of(after), {});
    CHECK(w.headline == "Client details changed");
    CHECK(w.changes == std::vector<std::string>{"Archived: no -> yes", "Check-in schedule: no schedule -> every 7 days",
                                                "Reminder days: as the check-in schedule -> Monday and Thursday",
                                                "Reminder time (your own time): not set -> 07:30"});
}

TEST_CASE("baselines, imports, settings and logins have their own headlines") {
    const auto moved =
        change_words("baseline.pin", "arm-4cm", "\"2026-01-05T09:00:00+01:00\"", "\"2026-02-02T09:00:00+01:00\"", {});
    CHECK(moved.headline == "Baseline for arm-4cm moved");
    CHECK(moved.changes == std::vector<std::string>{"Baseline session: 2026-01-05 09:00 -> 2026-02-02 09:00"});
    CHECK(change_words("baseline.pin", "arm-4cm", "", "\"2026-01-05T09:00:00+01:00\"", {}).headline ==
          "Baseline for arm-4cm set to the session of 2026-01-05 09:00");

    const auto imported = change_words(
        "import", "", "",
        R"({"source":"sessions.csv","sessions":12,"first":"2025-01-06T08:00:00+01:00","last":"2025-03-24T08:00:00+01:00"})",
        {});
    CHECK(imported.headline == "12 sessions imported from sessions.csv (2025-01-06 08:00 to 2025-03-24 08:00)");
    CHECK(imported.changes.empty());

    const auto settings = change_words("settings", "", R"({"change_watch_pct":"5"})",
                                       R"({"change_watch_pct":"4","volume_method":"frustum"})", {});
    CHECK(settings.changes == std::vector<std::string>{"Watch threshold (% change since baseline): 5 -> 4",
                                                       "Volume method: default -> frustum"});

    const auto login =
        change_words("user.add", "maria", "", R"({"login":"maria","role":"client","client":"Maria Keller"})", {});
    CHECK(login.headline == "Login maria added");
    CHECK(login.changes == std::vector<std::string>{"Role: client (sees Maria Keller)"});
    CHECK(change_sentence(change_words("session.delete", "2026-11-24T09:00:00+01:00", json_of(arm_session()), "", {}),
                          "measured twice", "tess (web)", "2026-12-03 07:30") ==
          "Session of 2026-11-24 09:00 deleted (measured twice) - by tess (web), 2026-12-03 07:30");
}

TEST_CASE("an invitation made and used and withdrawn has its own headlines and never a token") {
    const auto made = change_words(
        "user.invite", "maria", "",
        R"({"login":"maria","role":"client","client":"Maria Keller","expires_at":"2026-12-11T10:00:00+01:00"})", {});
    CHECK(made.headline == "Invitation for login maria made (expires 2026-12-11 10:00)");
    CHECK(made.changes == std::vector<std::string>{"Role: client (sees Maria Keller)"});
    CHECK(change_words("user.invite.use", "maria", "", "", {}).headline == "Invitation for login maria used");
    CHECK(change_words("user.invite.revoke", "maria", "", "", {}).headline == "Invitation for login maria withdrawn");
    CHECK(change_sentence(change_words("user.invite.use", "maria", "", "", {}), "", "maria (web)",
                          "2026-12-05 08:00") == "Invitation for login maria used - by maria (web), 2026-12-05 08:00");
}

TEST_CASE("an entry this version does not know still says what changed") {
    const auto w = change_words("scan.add", "7", "", R"({"site":"left forearm"})", {});
    CHECK(w.headline == "scan.add 7");
    CHECK(w.changes == std::vector<std::string>{"site: not recorded -> left forearm"});
}

TEST_CASE("a photo added, deleted and restored is named by its id, site and time, never by its pixels") {
    const std::string photo =
        R"j({"id":4,"taken_at":"2026-11-30T09:15:00+01:00","site":"left forearm","width":400,"height":600,)j"
        R"j("bytes":51234,"added_by":"anna (web)","session":null})j";
    const std::string subject = "left forearm, 2026-11-30 09:15";
    CHECK(change_words("photo.add", subject, "", photo, {}).headline ==
          "Photo 4 (left forearm, 2026-11-30 09:15) added");
    CHECK(change_words("photo.delete", subject, photo, "", {}).headline ==
          "Photo 4 (left forearm, 2026-11-30 09:15) deleted");
    CHECK(change_words("photo.restore", subject, "", photo, {}).headline ==
          "Photo 4 (left forearm, 2026-11-30 09:15) restored");
    CHECK(change_words("photo.add", subject, "", photo, {}).changes.empty());
}

TEST_CASE("a report link made and opened and revoked has its own headlines and never a token") {
    const std::string link = R"({"id":3,"label":"Dr. Weber","expires_at":"2026-12-18T10:00:00+01:00"})";
    CHECK(change_words("share.make", "Dr. Weber", "", link, {}).headline ==
          "Report link for Dr. Weber made (expires 2026-12-18 10:00)");
    CHECK(change_words("share.make", "Dr. Weber", "", link, {}).changes.empty());
    CHECK(change_words("share.open", "Dr. Weber", "", R"({"id":3,"label":"Dr. Weber","opened":"pdf"})", {}).headline ==
          "Report link for Dr. Weber opened (the PDF)");
    CHECK(change_words("share.open", "Dr. Weber", "", R"({"id":3,"label":"Dr. Weber","opened":"page"})", {}).headline ==
          "Report link for Dr. Weber opened (the page)");
    CHECK(change_words("share.revoke", "Dr. Weber", "", link, {}).headline == "Report link for Dr. Weber revoked");
    // A link made for no one in particular.
    CHECK(change_words("share.revoke", "", "", R"({"id":4,"label":""})", {}).headline == "Report link revoked");
    CHECK(change_sentence(change_words("share.open", "Dr. Weber", "", R"({"id":3,"opened":"pdf"})", {}), "",
                          "report link", "2026-12-05 08:00") ==
          "Report link for Dr. Weber opened (the PDF) - by report link, 2026-12-05 08:00");
}
