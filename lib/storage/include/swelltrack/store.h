#pragma once
// The storage API: maps domain values to an SQLite database. No SQL leaves lib/storage/src.
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "swelltrack/account.h"
#include "swelltrack/alerts.h"
#include "swelltrack/analysis.h"
#include "swelltrack/client.h"
#include "swelltrack/course.h"
#include "swelltrack/photo.h"
#include "swelltrack/plausibility.h"
#include "swelltrack/protocol.h"
#include "swelltrack/session.h"
#include "swelltrack/status.h"

namespace swelltrack {

/// The schema version this program writes (PRAGMA user_version).
int current_schema_version();

/// One entry of the append-only audit trail (docs/architecture.md#audit-trail).
struct AuditEntry {
    std::int64_t id = 0;
    date::sys_seconds at;              // when the change was made
    std::string actor;                 // who: the OS user, --by, or (later) the web login
    std::string action;                // e.g. "session.edit" (docs/data-formats.md#audit-trail lists them)
    std::string client_name;           // empty for changes not about one client (settings)
    std::string subject;               // what within it, e.g. the session's recorded time
    std::string old_value, new_value;  // JSON (swelltrack/records.h forms); empty when none
    std::string reason;
};

/// A swelltrack database. Every write is one transaction; a failed write changes nothing.
/// Errors a user can fix (unknown client, duplicate name, newer schema, not a database) are UserError.
/// A change of the clinic's settings: only what is present is written (Store::update_settings).
struct SettingsChange {
    std::optional<AlertThresholds> thresholds = {};
    std::optional<VolumeMethod> method = {};
    std::optional<PlausibilityLimits> plausibility = {};
    std::optional<std::string> clinic_name = {};  // the author named in its reports; "" for none
};

/// Every active client's status, worst first, kept in memory and brought up to date by
/// Store::update_statuses, which reads only the statuses stored since the list's last update.
class StatusList {
   public:
    /// Worst first: what load_statuses gave at the `now` of the last update.
    const std::vector<ClientStatus>& statuses() const { return sorted_; }

   private:
    friend class Store;
    struct Entry {
        /// The stored facts; none when the status was computed afresh at the last update's `now`
        /// (a row marked stale, or one that holds only from a later instant): read again next time.
        std::optional<StatusFacts> facts;
        ClientStatus status;
    };
    std::map<std::int64_t, Entry> entries_;  // by client id
    std::int64_t written_ = -1;              // the status writes read (status_seq); -1: none yet
    date::sys_seconds now_{};
    std::vector<ClientStatus> sorted_;
};

class Store {
   public:
    /// Opens `path`, creating it (mode 0600, parent folders too) when missing, and migrates an older
    /// schema forward. WAL mode, foreign keys on, a busy timeout so two processes can write at once.
    /// A database from a newer program is refused with a clear message and left unchanged.
    explicit Store(const std::filesystem::path& path);
    ~Store();
    Store(Store&&) noexcept;
    Store& operator=(Store&&) noexcept;

    const std::filesystem::path& path() const;
    int schema_version() const;
    /// Changes whenever another connection (another Store, another process) commits to the
    /// database (PRAGMA data_version): lets a long-running reader keep what it computed until then.
    std::int64_t data_version() const;

    /// Who the changes made through this Store are by, written into the audit trail with each
    /// change (default "swelltrack"); validated as one line of at most 100 bytes.
    void set_actor(std::string actor);
    const std::string& actor() const;

    // Clients -----------------------------------------------------------------------------------
    /// Validates and stores a new client; returns its id. A name already in use is a UserError.
    std::int64_t add_client(const Client& client);
    /// The client called `name` (exact match), or a UserError that says how to list clients.
    Client get_client(std::string_view name) const;
    std::optional<Client> find_client(std::string_view name) const;
    /// Clients by name; archived ones only when asked.
    std::vector<Client> list_clients(bool include_archived = false) const;
    /// Rewrites every field of the client with this id (renaming checks uniqueness); audited.
    /// Once sessions exist, another limb is refused (every session was measured on this one) and
    /// another affected side needs a `reason` (it re-reads every figure).
    void update_client(const Client& client, std::string_view reason = {});
    void set_archived(std::int64_t client_id, bool archived);

    // Protocols ---------------------------------------------------------------------------------
    /// Built-ins first, then user-defined ones by name.
    std::vector<Protocol> list_protocols() const;
    /// Built-in or user-defined; UserError naming the known ones otherwise.
    Protocol get_protocol(std::string_view name) const;
    /// Validates and stores a user-defined protocol; a name in use is a UserError.
    void add_protocol(const Protocol& protocol);

    // Sessions ----------------------------------------------------------------------------------
    /// Validates against its protocol and stores the session with all its values; returns its id.
    /// Audited ("session.add"). Pins the session as its protocol's baseline when that protocol has
    /// none and it is the first complete one on or after the client's baseline date.
    std::int64_t record_session(const Session& session);
    /// A session a request stores that may come again (a form posted twice, a call retried):
    /// `request` names it (non-empty, at most 512 bytes). The first time, as record_session and the
    /// name kept for a week; again, nothing is stored and `repeated` is set. The check and the write
    /// are one transaction, so two copies sent at once store one session.
    struct Recorded {
        std::int64_t id = 0;
        bool repeated = false;
    };
    Recorded record_session_once(const Session& session, std::string_view request);
    /// The session a request named so stored, if it stored one (and it was not deleted since).
    std::optional<std::int64_t> session_for_request(std::string_view request) const;
    /// The sessions of a client recorded in the minute `at` names (with its offset, when given).
    std::vector<Session> sessions_at(std::int64_t client_id, const SessionTime& at) const;
    /// One session by id, if it exists.
    std::optional<Session> session_by_id(std::int64_t session_id) const;
    /// Replaces the stored session with `corrected.id` (same client) after validate_session;
    /// audited with the old and new values and `reason` (required). A pinned baseline stays
    /// pinned and must stay complete and in its protocol.
    void correct_session(const Session& corrected, std::string_view reason);
    /// Deletes a session; its values stay in the audit trail ("session.delete", with `reason`,
    /// required), from where `restore` can bring it back. A pinned baseline cannot be deleted
    /// until another session is pinned (client baseline).
    void delete_session(std::int64_t session_id, std::string_view reason);

    // Baselines ---------------------------------------------------------------------------------
    /// The client's pinned baselines, one per protocol that has one.
    std::vector<BaselinePin> baselines(std::int64_t client_id) const;
    /// Pins the session with this id as its protocol's baseline (both sides complete); audited
    /// with the session pinned before, if any, and `reason` (required).
    void pin_baseline(std::int64_t session_id, std::string_view reason);

    // Treatment courses (docs/clinical.md#treatment-courses) -------------------------------------
    /// Stores a new course of the client (course.client_id) after validate_course; one that shares a
    /// day with another of her courses is a UserError naming it. Audited ("course.add"); returns it
    /// with its id.
    Course add_course(const Course& course);
    /// The client's courses, oldest first.
    std::vector<Course> courses(std::int64_t client_id) const;
    /// Rewrites the course with `course.id` (same client), checked as add_course; audited with the
    /// old and new values as `action` ("course.edit", or "course.end" when only its end was set).
    void update_course(const Course& course, std::string_view action = "course.edit");

    // Photos of the skin (docs/architecture.md#photos) -------------------------------------------
    /// Stores a photo of `photo.client_id` (its site, time and who added it; size and pixels from
    /// `image`'s) with its image and thumbnail, JPEGs as imaging.h makes them. The client must have
    /// consented (Client::photo_consent), checked in the write's transaction: a UserError naming
    /// "photo consent" otherwise. Linked to her session recorded in the same minute, if any.
    /// Audited ("photo.add", without the image). Returns it as stored.
    Photo add_photo(const Photo& photo, std::string_view image, std::string_view thumbnail);
    /// The client's photos by the time they were taken; the deleted ones instead when asked.
    std::vector<Photo> photos(std::int64_t client_id, bool deleted = false) const;
    /// The client's photo with this id, deleted or not, if she has one.
    std::optional<Photo> find_photo(std::int64_t client_id, std::int64_t photo_id) const;
    /// A stored photo's JPEG, or its thumbnail's; empty when there is no such photo.
    std::string photo_image(std::int64_t photo_id, bool thumbnail = false) const;
    /// Marks the photo deleted: shown nowhere, kept (with its image) for restore_photo. `reason`
    /// is required; audited ("photo.delete"). A UserError when it is deleted already.
    void delete_photo(std::int64_t photo_id, std::string_view reason);
    /// Brings a deleted photo back while the client consents (a UserError naming "photo consent"
    /// otherwise); audited ("photo.restore") with `reason` (required).
    void restore_photo(std::int64_t photo_id, std::string_view reason);

    // Audit trail -------------------------------------------------------------------------------
    /// Every entry, oldest first; only those about one client when given.
    std::vector<AuditEntry> audit_trail(std::optional<std::int64_t> client_id = {}) const;
    /// A client's sessions with `from <= recorded_at <= to` (either bound optional), oldest first,
    /// with every measurement, symptom and skin field. An index range scan.
    std::vector<Session> load_history(std::int64_t client_id, std::optional<DateTime> from = {},
                                      std::optional<DateTime> to = {}) const;
    /// The newest session of a client, if any.
    std::optional<Session> last_session(std::int64_t client_id) const;
    /// What `status` needs for one client without loading every session (status_sessions).
    std::vector<Session> load_status_sessions(std::int64_t client_id, int window_days, date::sys_seconds now) const;
    std::int64_t session_count(std::int64_t client_id) const;
    /// Every active client's status (the attention rule, summarize() at `now`), worst first, from
    /// one snapshot and without loading every session: for `status` and the clinic summary.
    std::vector<ClientStatus> load_statuses(date::sys_seconds now) const;
    /// Brings `list` to what load_statuses(now) gives, reading only the stored statuses written
    /// since its last update (all of them the first time, or after a client was deleted): for a
    /// list kept in memory and read again after every write.
    void update_statuses(StatusList& list, date::sys_seconds now) const;

    /// analyze_history() over load_history() with this database's protocols, method, thresholds
    /// and pinned baselines.
    History load_analyzed(const Client& client, std::optional<DateTime> from = {},
                          std::optional<DateTime> to = {}) const;
    /// What a new session at `before` in `protocol` is checked against (plausibility.h): per side
    /// and per point, the client's newest session in that protocol recorded before it with a value
    /// there, looking back at most previous_sessions_read sessions. Oldest first; find_previous
    /// picks each side's and point's from them.
    std::vector<Session> previous_sessions(std::int64_t client_id, std::string_view protocol,
                                           const DateTime& before) const;
    /// First the check every session passes on its way in (validate_session: throws UserError naming
    /// the field, value and range); then check_plausibility of `s` against previous_sessions, with
    /// this database's method and limits: the probable mistakes log, session edit and the web refuse
    /// unless confirmed.
    std::vector<Implausible> implausible(const Session& s, const Protocol& protocol, const Client& client) const;

    // Settings ----------------------------------------------------------------------------------
    AlertThresholds thresholds() const;
    void set_thresholds(const AlertThresholds& thresholds);  // validated; audited when changed
    VolumeMethod volume_method() const;
    void set_volume_method(VolumeMethod method);  // audited when changed
    /// How far a value may be from the previous session's before log and import refuse it.
    PlausibilityLimits plausibility_limits() const;
    void set_plausibility_limits(const PlausibilityLimits& limits);  // validated; audited when changed
    /// The clinic's name, the author of its reports ("" until set).
    std::string clinic_name() const;
    /// The groups given, each validated first, written in one transaction with one audit entry.
    void update_settings(const SettingsChange& change);

    // Web logins (swelltrack serve) -------------------------------------------------------------
    /// Stores a new login (validate_user; the password already hashed); a login in use, or an
    /// unknown client, is a UserError. Audited ("user.add", never with the hash).
    void add_user(const User& user);
    /// The login (normalize_login'd), with its client's name; nullopt when there is none.
    std::optional<User> find_user(std::string_view login) const;
    /// Every login, by login.
    std::vector<User> list_users() const;
    /// Replaces a login's password hash; audited ("user.passwd"). UserError when there is no such login.
    void set_password_hash(std::string_view login, const std::string& hash);
    /// Removes a login; audited ("user.remove"). UserError when there is no such login.
    void remove_user(std::string_view login);

    // Invitations (a one-time link that makes a login when its holder sets her password) ---------
    /// Stores `invitation` (its login, role, client, created_at and expires_at; created_by is this
    /// Store's actor) under `token_sha256`, the hex SHA-256 of its token, which is never stored.
    /// validate_user's rules apply; a login in use, or an unknown client, is a UserError. An open
    /// invitation for the same login is withdrawn ("user.invite.revoke"). Audited ("user.invite":
    /// login, role, client, expiry; never the token or its hash).
    void add_invitation(const Invitation& invitation, const std::string& token_sha256);
    /// The invitation stored under `token_sha256`, open, used or expired; nullopt when none.
    std::optional<Invitation> find_invitation(const std::string& token_sha256) const;
    /// In one transaction: the invitation under `token_sha256` must be open at `now`
    /// (check_invitation_open), its login free; the login is made with `password_hash` (audited
    /// "user.add", as add_user) and the invitation marked used ("user.invite.use"). It works once.
    User accept_invitation(const std::string& token_sha256, const std::string& password_hash, date::sys_seconds now);
    /// Withdraws the open invitation for `login`; audited ("user.invite.revoke"). False when none.
    bool revoke_invitation(std::string_view login);

    // Report links (a read-only, expiring address of one client's report, for a clinician) ---------
    /// Stores `link` (its client, label, created_at and expires_at; created_by is this Store's actor)
    /// under `token_sha256`, the hex SHA-256 of its token, which is never stored; returns it with its
    /// id. validate_share_label applies; an unknown client is a UserError. Audited ("share.make":
    /// label, expiry; never the token or its hash).
    ReportLink add_report_link(const ReportLink& link, const std::string& token_sha256);
    /// The client's links, open and past, newest first.
    std::vector<ReportLink> report_links(std::int64_t client_id) const;
    /// In one transaction: the link under `token_sha256` if it is open at `now` (not revoked, not
    /// expired), its opening audited ("share.open", with `what`: "page" or "pdf"); nullopt, and
    /// nothing written, when it is unknown, expired or revoked alike.
    std::optional<ReportLink> open_report_link(const std::string& token_sha256, date::sys_seconds now,
                                               std::string_view what);
    /// Revokes the client's link `id` if it is open at `now`; audited ("share.revoke"). False when
    /// the client has no such open link.
    bool revoke_report_link(std::int64_t client_id, std::int64_t id, date::sys_seconds now);

    // Calendar feeds (a client's schedule as iCalendar, reached by a secret in its URL) -----------
    /// The client's feed token, if the feed is on.
    std::optional<std::string> calendar_token(std::int64_t client_id) const;
    /// Turns the feed on with `token` (replacing any earlier one, which stops working) or, with
    /// nullopt, off. Audited ("calendar.token" / "calendar.revoke", never with the token).
    void set_calendar_token(std::int64_t client_id, const std::optional<std::string>& token);
    /// The client whose feed `token` opens, if any.
    std::optional<Client> client_by_calendar_token(std::string_view token) const;

    // Maintenance -------------------------------------------------------------------------------
    /// A consistent copy while others write (VACUUM INTO); refuses to overwrite an existing file
    /// unless `overwrite`. The copy is created 0600 next to the target and renamed over it once
    /// complete, so a failed backup (e.g. a full disk) leaves an existing one intact.
    void backup_to(const std::filesystem::path& target, bool overwrite = false) const;
    /// integrity_check, foreign_key_check and domain checks; empty when all is well.
    std::vector<std::string> check() const;

    struct Impl;  // lib/storage/src/store_impl.h

   private:
    friend class StoreWriter;  // import's narrow door (swelltrack/store_writer.h)
    std::unique_ptr<Impl> impl_;
};

}  // namespace swelltrack
