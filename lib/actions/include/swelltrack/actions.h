#pragma once
// The use cases: one function per action a person takes (record a session, correct one, delete or
// restore one), shared by every face. A face parses what was typed (flags, a form, JSON) into the
// typed input here, names the actor, calls one function and words the outcome; the order of the
// checks (normalise, validate, plausibility, store, re-read) lives here once.
// docs/architecture.md#use-cases shows the path of a session from keyboard or phone to disk.
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "swelltrack/account.h"
#include "swelltrack/analysis.h"
#include "swelltrack/course.h"
#include "swelltrack/limits.h"
#include "swelltrack/plausibility.h"
#include "swelltrack/status.h"
#include "swelltrack/store.h"

namespace swelltrack::actions {

/// Who takes the action, as the audit trail names them: a login ("maria (web)"), the OS user, or
/// who measured (`log --by`).
struct Actor {
    std::string name;
};

/// The protocol a new session of `client` is measured in: `requested` when given (UserError naming
/// the known ones when there is no such protocol), else the one of the client's newest session,
/// else the built-in one for the client's limb. Faces ask it before they know which points to read.
Protocol protocol_for_new_session(const Store& store, const Client& client,
                                  const std::optional<std::string>& requested = {});

/// A new session as a face parsed it.
struct NewSession {
    Session values;                       // circumferences (mm), symptoms, findings, notes as given
    std::optional<DateTime> at;           // when it was measured; default: now
    std::optional<std::string> protocol;  // default: protocol_for_new_session
    bool confirm = false;                 // keep values the plausibility check doubts
    // Names a request that may come again (a form's one-time token or an API call's key, with the
    // login): the second time nothing is stored and the first session is the outcome. Empty: none.
    std::string request;
};

/// Nothing was stored: these values look like a mistake (plausibility.h). The face lists them and
/// says how to keep them anyway (a flag, a box to tick, a JSON field), then calls again with confirm.
struct Doubtful {
    std::vector<Implausible> found;
};

/// What a write left behind, re-read and analysed as every face shows it.
struct Outcome {
    Session session;                   // as stored (its id set); for a deletion, as it was
    History history;                   // the client's whole analysed history afterwards
    std::optional<std::size_t> index;  // `session` in `history` (none after a deletion)
    ClientStatus status;               // what status says of the client now
    bool repeated = false;             // the request was taken before: nothing stored now
};

/// Normalises, validates (UserError naming the field, the value and the allowed range), checks
/// plausibility unless confirmed, stores with `actor` in the audit trail (pinning a baseline when
/// the rule says so), and re-reads. A Doubtful stores nothing; nor does a request named before
/// (`input.request`), whose outcome is the session it stored, `repeated`.
std::variant<Outcome, Doubtful> record_session(Store& store, const Client& client, NewSession input,
                                               const Actor& actor);

/// A stored session with values changed by a face (same id and client; its time, protocol and any
/// value may differ from `old`).
struct Correction {
    Session old;        // as stored
    Session corrected;  // what it should be
    std::string reason;
    bool confirm = false;
};

/// A correction's outcome: the history before (for "RVC +5.1% -> +2.0%") and after.
struct Corrected {
    History before;
    Outcome after;
};

/// The same checks as record_session (plausibility only when a circumference, the protocol or the
/// time changes), then the stored session is replaced; the audit trail keeps the old values with
/// `reason` (required). A pinned baseline stays complete, in its protocol and
/// at its time.
std::variant<Corrected, Doubtful> correct_session(Store& store, const Client& client, Correction input,
                                                  const Actor& actor);

/// Deletes `session` (of `client`); its values stay in the audit trail with `reason` (required),
/// from where restore_session brings it back. A pinned baseline cannot be deleted.
Outcome delete_session(Store& store, const Client& client, const Session& session, std::string_view reason,
                       const Actor& actor);

/// The newest deletion of a session of `client` recorded in the minute `at` names, if the audit
/// trail holds one.
std::optional<AuditEntry> find_deletion(const Store& store, const Client& client, const SessionTime& at);

/// Brings back the session that `deletion` (a "session.delete" entry of `client`) removed, with
/// every check a session passes on its way in but plausibility: it was accepted once, and bringing
/// it back is explicit. UserError when it is stored already.
Outcome restore_session(Store& store, const Client& client, const AuditEntry& deletion, std::string_view reason,
                        const Actor& actor);

// ---- Clients (lib/actions/src/clients.cpp) ----------------------------------------------------

/// Adds `client` (validated; a name in use, also after NFC normalisation, is a UserError); audited.
/// Returns it as stored, with its id.
Client add_client(Store& store, Client client, const Actor& actor);

/// A pinned baseline that a new baseline date leaves before it: nothing moves a pin silently, so
/// the face says how to move it.
struct PinBeforeDate {
    std::string protocol;
    DateTime session_at;
};

struct ClientEdited {
    Client client;                                // as stored now
    std::vector<PinBeforeDate> pins_before_date;  // only when the baseline date changed
};

/// Rewrites every field of `stored` as `changed` says (name, limb, affected side, baseline date,
/// unit, schedule, notes, ...); audited. Once sessions exist another limb is refused and another
/// affected side needs a `reason` (it re-reads every figure).
ClientEdited edit_client(Store& store, const Client& stored, Client changed, std::string_view reason,
                         const Actor& actor);

/// Pins `session` (of `client`) as its protocol's baseline, with `reason`; audited with the session
/// pinned before.
void move_baseline(Store& store, const Client& client, const Session& session, std::string_view reason,
                   const Actor& actor);

/// Archives the client (kept, left out of status and lists) or brings it back.
void set_archived(Store& store, const Client& client, bool archived, const Actor& actor);

// ---- Treatment courses (lib/actions/src/courses.cpp, docs/clinical.md#treatment-courses) --------

/// Adds `course` to `client` (validate_course; one sharing a day with another of her courses is a
/// UserError naming it); audited. Returns it as stored, with its id.
Course add_course(Store& store, const Client& client, Course course, const Actor& actor);

/// The course of `client` with this id; a UserError naming the ids she has otherwise.
Course find_course(const Store& store, const Client& client, std::int64_t id);

/// The course `client` has now (running, or the newest that ended); a UserError when she has none.
Course current_course(const Store& store, const Client& client);

/// Rewrites `stored` (a course of `client`) as `changed` says (kind, days, note), checked as
/// add_course; audited with the old and new values.
Course edit_course(Store& store, const Client& client, const Course& stored, Course changed, const Actor& actor);

/// Ends the running course `stored` on `last_day` (checked as edit_course; audited as "course.end").
/// A course that has ended already is a UserError saying when.
Course end_course(Store& store, const Client& client, const Course& stored, date::year_month_day last_day,
                  const Actor& actor);

/// The client's courses with their figures (course.h) from her history as it is now; `today` ends a
/// running course's "so far".
struct CourseOverview {
    History history;
    std::vector<CourseFigures> courses;  // oldest first
};
CourseOverview course_overview(const Store& store, const Client& client, date::year_month_day today);

// ---- Photos of the skin (lib/actions/src/photos.cpp, docs/architecture.md#photos) -----------------

/// A photo as a face received it.
struct NewPhoto {
    std::string file;            // the bytes as sent: a JPEG, PNG, HEIC or WebP picture
    std::string site;            // where on the body
    std::optional<DateTime> at;  // when it was taken; default: now
};

/// A photo checked and taken in, not stored yet: what a face holds while it first stores what
/// comes with it (the session of the form the photo was sent with).
struct PreparedPhoto {
    Photo photo;                   // client, site, time, size
    std::string image, thumbnail;  // JPEGs as imaging::take_in made them
};

/// Her consent first (a UserError naming "photo consent" without it), the site and time checked,
/// then the picture taken in (imaging::take_in: upright, no metadata, caps on bytes and pixels).
/// Nothing is stored.
PreparedPhoto prepare_photo(const Client& client, const NewPhoto& input);

/// Stores a prepared photo (at `at` instead of its own time, when given: the session it came with),
/// linked to her session in the same minute; audited with `actor`.
Photo keep_photo(Store& store, const PreparedPhoto& prepared, const Actor& actor,
                 const std::optional<DateTime>& at = {});

/// prepare_photo, then keep_photo: nothing is stored when any step refuses it.
Photo add_photo(Store& store, const Client& client, const NewPhoto& input, const Actor& actor);

/// The photo of `client` with this id, not deleted; a UserError naming the ids she has otherwise.
Photo find_photo(const Store& store, const Client& client, std::int64_t id);

/// Deletes `photo` (of `client`) with `reason` (required): shown nowhere, kept for restore_photo.
void delete_photo(Store& store, const Client& client, const Photo& photo, std::string_view reason, const Actor& actor);

/// Brings back the deleted photo of `client` with this id, with `reason`; a UserError naming her
/// deleted photos otherwise. Returns it.
Photo restore_photo(Store& store, const Client& client, std::int64_t id, std::string_view reason, const Actor& actor);

/// A photo's stored JPEG (the thumbnail when asked).
std::string photo_jpeg(const Store& store, const Photo& photo, bool thumbnail = false);

/// Each site's newest photo of `client` with the one before it of the same site (none when it is the
/// site's only one): what her page shows side by side. The site photographed most recently first.
struct PhotoPair {
    Photo photo;
    std::optional<Photo> before;
};
std::vector<PhotoPair> photo_pairs(const Store& store, const Client& client);

/// The photos of `client` a report prints: those taken on the days from..to (either open), at most
/// `most` (the newest), each as a rendition at most `side` px on its longer side; by time taken.
struct ReportPhotos {
    std::vector<PhotoImage> photos;
    std::size_t left_out = 0;  // taken in the period but beyond `most`
};
ReportPhotos report_photos(const Store& store, const Client& client, std::optional<date::year_month_day> from,
                           std::optional<date::year_month_day> to, std::size_t most = 12, int side = 1024);

// ---- Logins made by invitation (lib/actions/src/logins.cpp) -------------------------------------

/// The cryptography an invitation needs, passed in by the face: libsodium lives in the web face
/// only (app/web/auth.h), so that this layer, and every command but `serve` and `user`, links none.
struct Secrets {
    std::string (*new_token)();                               // 256 random bits, URL-safe text
    std::string (*token_hash)(std::string_view token);        // SHA-256 as 64 hex digits
    std::string (*password_hash)(std::string_view password);  // Argon2id, as `user add` stores it
};

/// An invitation as a face asks for it.
struct NewInvitation {
    std::string login;  // as typed: normalised and validated as `user add` does
    Role role = Role::client;
    std::optional<Client> client;                                // exactly for Role::client
    std::chrono::hours valid_for{limits::invite_default_hours};  // within limits::invite_hours
};

/// A stored invitation and its token: the one time the token exists outside the link it makes
/// (/invite/<token>); only its hash is stored.
struct Invited {
    Invitation invitation;
    std::string token;
};

/// Makes an invitation for a login that does not exist yet (validate_login, validate_user; a login
/// in use is a UserError), valid from now for `valid_for`; an open one for the same login is
/// withdrawn. Audited ("user.invite") with `actor`.
Invited invite(Store& store, const NewInvitation& input, const Secrets& secrets, const Actor& actor);

/// The invitation `token` opens now; UserError naming "invitation" when it names none, was used or
/// has expired (check_invitation_open).
Invitation open_invitation(const Store& store, std::string_view token, const Secrets& secrets);

/// Makes the invitation's login with `password` (validate_password, then hashed as `user add`
/// hashes it) and marks the invitation used, in one transaction: it works once. UserError for a
/// bad password (nothing stored), or as open_invitation. Audited ("user.add", "user.invite.use").
User accept_invitation(Store& store, std::string_view token, std::string_view password, const Secrets& secrets,
                       const Actor& actor);

// ---- The clinic's settings (lib/actions/src/clients.cpp) ------------------------------------------

/// The groups given (alert thresholds with the check-in interval, the volume method, the
/// plausibility thresholds), each validated (UserError naming the threshold), written in one
/// transaction with one audit entry naming only the values that change.
void change_settings(Store& store, const SettingsChange& change, const Actor& actor);

// ---- Report links for a clinician (lib/actions/src/logins.cpp, docs/security.md#report-links) -----

/// A report link as a face asks for it.
struct NewReportLink {
    Client client;
    std::string label;                            // who it is for; may be empty (validate_share_label)
    int days_valid = limits::share_default_days;  // within limits::share_days
};

/// A stored report link and its token: the one time the token exists outside the address it makes
/// (/shared/<token>); only its hash is stored.
struct Shared {
    ReportLink link;
    std::string token;
};

/// What a report link's holder fetched: the page or the PDF (the audit entry says which).
enum class SharedPart { page, pdf };

/// Makes a read-only link to `input.client`'s report, valid from now for `days_valid` days.
/// Audited ("share.make") with `actor`.
Shared share_report(Store& store, const NewReportLink& input, const Secrets& secrets, const Actor& actor);

/// The client's report links, open and past (expired or revoked), newest first.
std::vector<ReportLink> report_links(const Store& store, const Client& client);

/// Revokes the client's open link `id`; audited ("share.revoke"). False when she has no such open link.
bool revoke_report_link(Store& store, const Client& client, std::int64_t id, const Actor& actor);

/// The link `token` opens now, its opening audited ("share.open", naming `part`); nullopt, the same
/// for each, when the token names no link or names one expired or revoked.
std::optional<ReportLink> open_report_link(Store& store, std::string_view token, SharedPart part,
                                           const Secrets& secrets);

/// The actor a report link's opening is audited by: whoever holds it has no login.
inline const Actor report_link_actor{"report link (web)"};

}  // namespace swelltrack::actions
