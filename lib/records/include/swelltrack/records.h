#pragma once
// The JSON form of a client and of a session: what `export --format json` writes, what the JSON
// import reads, and what the audit trail keeps as old and new values (docs/data-formats.md). One
// home, so a session kept in the trail can be restored exactly as an export would be imported.
#include <iosfwd>
#include <nlohmann/json.hpp>
#include <span>
#include <string>

#include "swelltrack/account.h"
#include "swelltrack/analysis.h"
#include "swelltrack/client.h"
#include "swelltrack/course.h"
#include "swelltrack/photo.h"
#include "swelltrack/session.h"
#include "swelltrack/status.h"

namespace swelltrack::records {

using Json = nlohmann::ordered_json;

/// A session: recorded_at, protocol, left_mm/right_mm (null = not measured), who, context,
/// weight, compression, treatment, symptoms, skin, notes.
Json session(const Session& s);
/// A user-defined protocol: name, limb, points_cm.
Json protocol(const Protocol& p);
/// A client's own fields (name, limb, affected, baseline, unit, birth_year, condition, notes,
/// archived, every_days), without sessions.
Json client(const Client& c);
/// `v` rounded to `decimals` places as the command output prints figures; null when absent.
nlohmann::json rounded(std::optional<double> v, int decimals);
/// One element of `status --format json` and `GET /api/status` (docs/data-formats.md#7): one
/// element of statuses_json, as a JSON value.
nlohmann::json status(const ClientStatus& st);
/// `status --format json` and `GET /api/status`: the statuses as one JSON array, written directly
/// (no tree: 10,000 statuses in a few milliseconds), keys sorted; indented as nlohmann::json's
/// dump(2) when `indent`.
std::string statuses_json(std::span<const ClientStatus> statuses, bool indent);
/// statuses_json written to `os` a piece at a time (the text of 10,000 statuses is 4 MB).
void write_statuses_json(std::ostream& os, std::span<const ClientStatus> statuses, bool indent);
/// The sessions `shown` (indices into h.sessions) as `history --format json` and
/// `GET /api/clients/{name}/history` give them, each with its figures: compact JSON text, written
/// directly (no tree), keys sorted.
std::string history_json(const History& h, std::span<const std::size_t> shown);
/// One session of history_json, as a JSON value.
nlohmann::json history_entry(const History& h, std::size_t i);

/// A web login: login, role and, for a client login, the client's name. Never the password hash.
Json user(const User& u);
/// An invitation as the audit trail keeps it: login, role, the client's name (for a client login)
/// and when it expires. Never its token or the token's hash.
Json invitation(const Invitation& i);
/// A treatment course as the audit trail and the JSON faces keep it: id, kind, from, to (null while
/// running), note.
Json course(const Course& c);
/// A course with its figures (course.h) as the JSON faces give them: the course, then per affected
/// limb its start and end (session time, excess in mL and %), the reduction, the immediate effect,
/// durability at 4, 12 and 26 weeks, each missing figure's reason; rebounds; what was done.
/// Volumes to 0.1 mL, percentages as display::pct_value.
Json course_figures(const History& h, const CourseFigures& f);
/// A photo as the audit trail, `photo list --format json` and the JSON export describe it: id,
/// taken_at, site, width, height, bytes, added_by, the time of its session (null when none).
/// Never its pixels.
Json photo(const Photo& p, const std::optional<DateTime>& session_at = {});
/// A report link as the audit trail keeps it: its id, who it is for and when it expires. Never its
/// token or the token's hash.
Json report_link(const ReportLink& l);

}  // namespace swelltrack::records
