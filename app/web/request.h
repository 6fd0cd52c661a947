#pragma once
// What a request says, read strictly: the path's segments, a form body, a cookie. Pure functions,
// so the fuzzer (tests/fuzz/fuzz_web.cpp) reaches them without a socket.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace swelltrack::web {

/// The longest path segment read (a client name is at most 200 bytes, percent-encoded 3x).
inline constexpr std::size_t max_segment_bytes = 600;
/// The most fields a form may have (the session form has about 60).
inline constexpr std::size_t max_form_fields = 300;

/// "%41b" -> "Ab"; '+' -> ' ' when `plus_is_space` (forms). nullopt for a broken escape, a NUL, or
/// text that is not UTF-8.
std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space);

/// `text` as one path segment: everything but unreserved characters (A-Z a-z 0-9 - . _ ~) as %XX.
std::string percent_encode(std::string_view text);

/// The path of a request target ("/clients/Maria%20Keller/history?x=1") as decoded segments
/// ({"clients", "Maria Keller", "history"}); each segment is decoded on its own, so an encoded '/'
/// stays inside its segment. nullopt for anything a path of ours never has: no leading '/', an empty,
/// "." or ".." segment (also when encoded), a broken escape, a segment over max_segment_bytes.
std::optional<std::vector<std::string>> path_segments(std::string_view target);

/// application/x-www-form-urlencoded fields; a repeated name keeps its first value. nullopt when
/// a name or value does not decode or there are more than max_form_fields.
std::optional<std::map<std::string, std::string>> parse_form(std::string_view body);

/// One part of a multipart/form-data body (RFC 7578): a field, or a file when it has a filename.
struct FormPart {
    std::string name, filename, content_type, body;
    bool file = false;  // a filename was given (possibly empty: no file chosen)
};

/// The parts of a multipart/form-data body sent with this Content-Type header (its boundary
/// parameter, 1-70 characters). nullopt when the boundary is missing, the body is not a sequence of
/// delimited parts ending in the close delimiter, a part lacks `Content-Disposition: form-data` with
/// a name, a field's value is not UTF-8, or there are more than max_form_fields parts.
std::optional<std::vector<FormPart>> parse_multipart(std::string_view content_type, std::string_view body);

/// The value of `name` in the query string of a request target ("/?q=maria" -> "maria"), decoded
/// like a form; nullopt when absent or not decodable.
std::optional<std::string> query_value(std::string_view target, std::string_view name);

/// A record's id as a path segment names it ("42"): digits only, at most 18 of them; nullopt otherwise.
std::optional<std::int64_t> record_id(std::string_view segment);

/// The value of cookie `name` in a Cookie header ("a=1; sid=xyz"), if present.
std::optional<std::string> cookie_value(std::string_view header, std::string_view name);

/// `text` as an IPv4 or IPv6 address in its canonical form ("127.0.0.1", "2001:db8::1"); nullopt
/// for anything else (a name, an address with a port, garbage).
std::optional<std::string> ip_address(std::string_view text);

/// The address a request comes from. `peer` is the connection's own; only when it is one of
/// `proxies` (canonical addresses) are the X-Forwarded-For values read (each a comma-separated
/// list, in the order received; each proxy appends the address it saw): from the right, the first
/// address that is not a trusted proxy is the client. What stands left of it was written by the
/// client itself and is never believed; an entry that is not an address ends the walk.
std::string forwarded_client(const std::string& peer, const std::vector<std::string>& forwarded_for,
                             const std::vector<std::string>& proxies);

}  // namespace swelltrack::web
