#pragma once
// A request and a response as WebApp sees them: plain values, independent of the server library
// that reads and writes the sockets (serve.cpp adapts it), so that library can change without
// touching routing, sign-in or any page, and tests and the fuzzer build requests by hand.
#include <map>
#include <string>
#include <string_view>

namespace swelltrack::web::http {

/// Header names compare without regard to case (RFC 9110).
struct NameLess {
    bool operator()(std::string_view a, std::string_view b) const;
    using is_transparent = void;
};
using Headers = std::multimap<std::string, std::string, NameLess>;
/// "content-type" and "Content-Type" are one name.
bool same_name(std::string_view a, std::string_view b);

struct Request {
    std::string method;  // "GET", "POST", ...
    std::string target;  // as sent: "/clients/Maria%20Keller?x=1"
    Headers headers;
    std::string body;         // already limited in size by the server
    std::string remote_addr;  // the peer's address, for the sign-in throttle

    bool has_header(std::string_view name) const { return headers.find(name) != headers.end(); }
    /// The first value of `name`, or "" when absent.
    std::string get_header_value(std::string_view name) const;
};

struct Response {
    int status = 200;
    Headers headers;
    std::string body;

    bool has_header(std::string_view name) const { return headers.find(name) != headers.end(); }
    std::string get_header_value(std::string_view name) const;
    /// Adds a header (a second Set-Cookie is a second header).
    void set_header(std::string name, std::string value) { headers.emplace(std::move(name), std::move(value)); }
    /// The body and its Content-Type (replacing any set before).
    void set_content(std::string content, std::string_view content_type);
};

}  // namespace swelltrack::web::http
