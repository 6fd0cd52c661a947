#pragma once
// Who may use the web face (swelltrack serve): a login, its role, and for a client the one client
// record it may see. Passwords are never here, only their Argon2id hash (app/web/src/auth.cpp).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "swelltrack/datetime.h"
#include "swelltrack/detail/enum_table.h"

namespace swelltrack {

/// A therapist reads and writes every client; a client only the one linked to her login.
enum class Role { therapist, client };
detail::EnumTable<Role> enum_table(Role);  // therapist, client

struct User {
    std::string login;  // normalize_login'd
    Role role = Role::client;
    std::optional<std::int64_t> client_id;  // set exactly for Role::client
    std::string client_name;                // that client's name, when read back (for messages)
    std::string password_hash;              // libsodium's Argon2id string ("$argon2id$v=19$...")
};

/// A login as stored and compared: trimmed and in Unicode NFC, like a client's name.
std::string normalize_login(std::string_view login);

/// A login is one word: 1-64 bytes of valid UTF-8 with no spaces, control characters or '/'
/// (it appears in URLs and in the audit trail). UserError naming "login" otherwise.
void validate_login(std::string_view login);

/// A password is 8-1024 bytes (a long passphrase is welcome; a short one is guessed). Its content is
/// never echoed in a message. UserError naming "password" otherwise.
void validate_password(std::string_view password);

/// The role and client link agree (a client login names exactly one client, a therapist none).
void validate_user(const User& user);

/// A one-time link that lets a person set her own password for a login made for her
/// (docs/security.md#invitations). Only the SHA-256 of its token is stored, never the token.
struct Invitation {
    std::string login;  // the login it makes (normalize_login'd)
    Role role = Role::client;
    std::optional<std::int64_t> client_id;  // set exactly for Role::client
    std::string client_name;                // that client's name, when read back
    DateTime created_at, expires_at;
    std::optional<DateTime> used_at;  // none: not used yet
    std::string created_by;           // the actor who made it
    /// Neither used nor expired at `now`.
    bool open_at(date::sys_seconds now) const { return !used_at && now < expires_at.utc; }
};

/// Throws UserError naming "invitation" unless `found` is an invitation open at `now`: a link that
/// names none, one used already, one expired, each said plainly. Never names the token.
void check_invitation_open(const std::optional<Invitation>& found, date::sys_seconds now);

/// How long an invitation works, as typed: "7d", "12h", "2w", or a bare number of days. Within
/// limits::invite_hours; a UserError naming `field` otherwise.
std::chrono::hours parse_invite_expiry(std::string_view text, std::string_view field = "expires");

/// A read-only, expiring, revocable address of one client's report, for a clinician
/// (docs/security.md#report-links). Only the SHA-256 of its token is stored, never the token.
struct ReportLink {
    std::int64_t id = 0;
    std::int64_t client_id = 0;
    std::string client_name;  // when read back
    std::string label;        // who it is for ("Dr. Weber, oncology"); may be empty
    DateTime created_at, expires_at;
    std::optional<DateTime> revoked_at;  // none: not revoked
    std::string created_by;              // the actor who made it
    /// Neither revoked nor expired at `now`.
    bool open_at(date::sys_seconds now) const { return !revoked_at && now < expires_at.utc; }
};

/// Who a report link is for: one line of UTF-8 within limits::share_label_bytes. UserError naming
/// "label" otherwise.
void validate_share_label(std::string_view label);

}  // namespace swelltrack
