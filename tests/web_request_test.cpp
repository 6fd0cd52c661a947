// Reading a request strictly (app/web/request.h): hand-written cases, the attacks included. Every
// path the server routes goes through path_segments, so a trick that slips through here reaches
// the client lookup.
#include <catch2/catch.hpp>
#include <string>

#include "request.h"

using swelltrack::web::cookie_value;
using swelltrack::web::forwarded_client;
using swelltrack::web::ip_address;
using swelltrack::web::max_form_fields;
using swelltrack::web::max_segment_bytes;
using swelltrack::web::parse_form;
using swelltrack::web::parse_multipart;
using swelltrack::web::path_segments;
using swelltrack::web::percent_decode;
using swelltrack::web::percent_encode;
using swelltrack::web::record_id;
using Segments = std::vector<std::string>;

TEST_CASE("percent_decode - escapes, plus, and what it refuses") {
    CHECK(percent_decode("%41b", false) == "Ab");
    CHECK(percent_decode("%4a%4A", false) == "JJ");  // either case of hex digit
    CHECK(percent_decode("", false) == "");
    CHECK(percent_decode("a+b", true) == "a b");
    CHECK(percent_decode("a+b", false) == "a+b");  // a path keeps '+'
    CHECK(percent_decode("a%2Bb", true) == "a+b");
    CHECK(percent_decode("%C3%A9t%C3%A9", false) == "\xC3\xA9t\xC3\xA9");  // "été"
    CHECK(percent_decode("%2e%2e", false) == "..");                        // decoded; path_segments refuses it

    // Broken escapes: at the end, one digit, not hex.
    for (const char* bad : {"%", "a%", "%4", "ab%4", "%zz", "%4g", "%g4", "% 41", "%%41"}) {
        INFO(bad);
        CHECK_FALSE(percent_decode(bad, false));
        CHECK_FALSE(percent_decode(bad, true));
    }
    // NUL, encoded or raw.
    CHECK_FALSE(percent_decode("Maria%00Keller", false));
    CHECK_FALSE(percent_decode(std::string("a\0b", 3), false));
    // Not UTF-8: a lone lead byte, a lone continuation byte, an overlong '/', 0xFF.
    for (const char* bad : {"%C3", "%A9", "%C0%AF", "%FF", "abc%E6%97"}) {
        INFO(bad);
        CHECK_FALSE(percent_decode(bad, false));
    }
}

TEST_CASE("percent_encode - only unreserved characters stay, and it decodes back") {
    CHECK(percent_encode("Maria Keller") == "Maria%20Keller");
    CHECK(percent_encode("a-b.c_d~e") == "a-b.c_d~e");
    CHECK(percent_encode("../x/y?z#w") == "..%2Fx%2Fy%3Fz%23w");
    for (std::string s : {"Maria Keller", "\xE7\x8E\x8B\xE8\x8A\xB3" /* 王芳 */, "a/b", "100% & more", "+"}) {
        INFO(s);
        CHECK(percent_decode(percent_encode(s), false) == s);
        CHECK(percent_decode(percent_encode(s), true) == s);
    }
}

TEST_CASE("record_id - digits only, at most 18, as a session or course id in a path") {
    CHECK(record_id("42") == 42);
    CHECK(record_id("007") == 7);
    CHECK(record_id("999999999999999999") == 999999999999999999);  // 18 digits
    for (const char* bad : {"", "-1", "+1", "4a", " 4", "1e3", "0x10", "1000000000000000000"})
        CHECK_FALSE(record_id(bad));  // the last has 19 digits
}

TEST_CASE("path_segments - a request target as decoded segments") {
    CHECK(path_segments("/") == Segments{});
    CHECK(path_segments("/api/status") == Segments{"api", "status"});
    CHECK(path_segments("/api/clients/Maria%20Keller/history?format=json") ==
          Segments{"api", "clients", "Maria Keller", "history"});
    CHECK(path_segments("/login#top") == Segments{"login"});
    CHECK(path_segments("/login?x=%zz") == Segments{"login"});  // the query is not the path's business
    CHECK(path_segments("/a+b") == Segments{"a+b"});
    CHECK(path_segments("/%E7%8E%8B%E8%8A%B3") == Segments{"\xE7\x8E\x8B\xE8\x8A\xB3"});
}

TEST_CASE("path_segments - an encoded slash stays inside its segment") {
    CHECK(path_segments("/api/clients/Maria%2FKeller/history") ==
          Segments{"api", "clients", "Maria/Keller", "history"});
    CHECK(path_segments("/api/clients/..%2F..%2Fetc/history") == Segments{"api", "clients", "../../etc", "history"});
    CHECK(path_segments("/api/clients/..%2f/history") == Segments{"api", "clients", "../", "history"});
}

TEST_CASE("path_segments - refuses what none of our paths has") {
    for (const char* bad : {"",
                            "api/status",
                            "*",
                            "http://evil.example/api/status",
                            "//api/status",
                            "/api//status",
                            "/api/status/",
                            "/./api",
                            "/api/./status",
                            "/api/../api/status",
                            "/..",
                            "/api/clients/%2e%2e/history",
                            "/api/clients/%2E%2E/history",
                            "/api/clients/%2e/history",
                            "/api/clients/.%2e/history",
                            "/api/clients/%zz/history",
                            "/api/clients/%/history",
                            "/api/clients/Maria%00Keller/history",
                            "/api/clients/%C3/history",
                            "/api/clients/%FF/history"}) {
        INFO("target: " << bad);
        CHECK_FALSE(path_segments(bad));
    }
}

TEST_CASE("path_segments - a segment is at most max_segment_bytes before decoding") {
    std::string ok(max_segment_bytes, 'a'), over(max_segment_bytes + 1, 'a');
    CHECK(path_segments("/api/clients/" + ok + "/history") == Segments{"api", "clients", ok, "history"});
    CHECK_FALSE(path_segments("/api/clients/" + over + "/history"));
    CHECK_FALSE(path_segments("/api/clients/" + std::string(5000, 'a') + "/history"));
    std::string encoded;
    for (int i = 0; i < 201; ++i) encoded += "%41";  // 603 bytes encoded, 201 decoded: still refused
    CHECK_FALSE(path_segments("/api/clients/" + encoded + "/history"));
}

TEST_CASE("parse_form - fields of a urlencoded body") {
    using Form = std::map<std::string, std::string>;
    CHECK(parse_form("") == Form{});
    CHECK(parse_form("login=maria&password=p%40ss+word%26%3D") ==
          Form{{"login", "maria"}, {"password", "p@ss word&="}});
    CHECK(parse_form("a=1&a=2") == Form{{"a", "1"}});  // a repeated name keeps its first value
    CHECK(parse_form("flag") == Form{{"flag", ""}});
    CHECK(parse_form("=x") == Form{{"", "x"}});
    CHECK(parse_form("&&a=1&") == Form{{"a", "1"}});
    CHECK(parse_form("a=b=c") == Form{{"a", "b=c"}});
    CHECK(parse_form("csrf=abc%2Bdef") == Form{{"csrf", "abc+def"}});

    CHECK_FALSE(parse_form("a=%zz"));
    CHECK_FALSE(parse_form("%zz=1"));
    CHECK_FALSE(parse_form("a=1&b=%"));
    CHECK_FALSE(parse_form("password=%00"));
    CHECK_FALSE(parse_form("login=%C3"));
}

TEST_CASE("parse_form - at most max_form_fields fields") {
    std::string body;
    for (std::size_t i = 0; i < max_form_fields; ++i) body += (i ? "&f" : "f") + std::to_string(i) + "=1";
    auto form = parse_form(body);
    REQUIRE(form);
    CHECK(form->size() == max_form_fields);
    CHECK_FALSE(parse_form(body + "&one=more"));
    // Repeats count too: a flood of the same name is no cheaper to refuse.
    std::string repeated;
    for (std::size_t i = 0; i <= max_form_fields; ++i) repeated += "a=1&";
    CHECK_FALSE(parse_form(repeated));
}

TEST_CASE("cookie_value - exact names only") {
    CHECK(cookie_value("a=1; swelltrack=xyz", "swelltrack") == "xyz");
    CHECK(cookie_value("swelltrack=xyz", "swelltrack") == "xyz");
    CHECK(cookie_value("a=1;swelltrack=xyz;b=2", "swelltrack") == "xyz");
    CHECK(cookie_value("swelltrack=", "swelltrack") == "");
    CHECK(cookie_value("swelltrack=1; swelltrack=2", "swelltrack") == "1");
    CHECK(cookie_value("x=a=b", "x") == "a=b");

    CHECK_FALSE(cookie_value("", "swelltrack"));
    CHECK_FALSE(cookie_value("a=1; b=2", "swelltrack"));
    CHECK_FALSE(cookie_value("xswelltrack=1; swelltrackx=2", "swelltrack"));  // no prefix or suffix match
    CHECK_FALSE(cookie_value("swelltrack", "swelltrack"));                    // no '='
    CHECK_FALSE(cookie_value("__Host-swelltrack=1", "swelltrack"));
    CHECK_FALSE(cookie_value("swelltrack=1", "__Host-swelltrack"));  // under TLS only the prefixed name counts
    CHECK(cookie_value("swelltrack=1; __Host-swelltrack=2", "__Host-swelltrack") == "2");
}

TEST_CASE("ip_address - IPv4 and IPv6 in canonical form, nothing else") {
    CHECK(ip_address("127.0.0.1") == "127.0.0.1");
    CHECK(ip_address("2001:DB8:0:0::1") == "2001:db8::1");  // lower case, the zeros folded
    CHECK(ip_address("::1") == "::1");
    for (const char* bad :
         {"", "localhost", "127.0.0.1:8600", "[::1]", "127.1", "300.0.0.1", " 127.0.0.1", "unknown"}) {
        INFO(bad);
        CHECK_FALSE(ip_address(bad));
    }
}

TEST_CASE("forwarded_client - X-Forwarded-For only from a trusted proxy, read from the right") {
    const std::vector<std::string> proxy{"127.0.0.1"};
    using List = std::vector<std::string>;
    // Straight to the server from elsewhere: whatever it says of itself is ignored.
    CHECK(forwarded_client("203.0.113.9", List{"10.9.9.9"}, proxy) == "203.0.113.9");
    CHECK(forwarded_client("203.0.113.9", List{}, {}) == "203.0.113.9");
    // Through the proxy: the address the proxy appended.
    CHECK(forwarded_client("127.0.0.1", List{}, proxy) == "127.0.0.1");
    CHECK(forwarded_client("127.0.0.1", List{"198.51.100.7"}, proxy) == "198.51.100.7");
    // A client that sends its own X-Forwarded-For (10.9.9.9) cannot pass for another address: the
    // proxy appends the one it saw, and that is the one read.
    CHECK(forwarded_client("127.0.0.1", List{"10.9.9.9, 198.51.100.7"}, proxy) == "198.51.100.7");
    CHECK(forwarded_client("127.0.0.1", List{"10.9.9.9", "198.51.100.7"}, proxy) == "198.51.100.7");
    // Two proxies of ours in a row: the walk passes the inner one.
    CHECK(forwarded_client("127.0.0.1", List{"198.51.100.7,10.0.0.2"}, {"127.0.0.1", "10.0.0.2"}) == "198.51.100.7");
    // An entry that is not an address ends the walk at the hop to its right (here the proxy).
    CHECK(forwarded_client("127.0.0.1", List{"198.51.100.7, not-an-address"}, proxy) == "127.0.0.1");
    CHECK(forwarded_client("127.0.0.1", List{"198.51.100.7:5555"}, proxy) == "127.0.0.1");
    CHECK(forwarded_client("127.0.0.1", List{"2001:DB8::7"}, proxy) == "2001:db8::7");
}

TEST_CASE("parse_multipart - fields and files of a multipart/form-data body, as browsers send them") {
    const std::string type = "multipart/form-data; boundary=----WebKitFormBoundary7MA4YWxkTrZu0gW";
    const std::string file("\x00\xFF\r\n--not-the-boundary", 22);
    const std::string body =
        "------WebKitFormBoundary7MA4YWxkTrZu0gW\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\nabc\r\n"
        "------WebKitFormBoundary7MA4YWxkTrZu0gW\r\nContent-Disposition: form-data; name=\"photo_site\"\r\n\r\n"
        "links, Unterarm\r\n"
        "------WebKitFormBoundary7MA4YWxkTrZu0gW\r\nContent-Disposition: form-data; name=\"photo\"; "
        "filename=\"IMG_0001.HEIC\"\r\nContent-Type: image/heic\r\n\r\n" +
        file +
        "\r\n------WebKitFormBoundary7MA4YWxkTrZu0gW\r\nContent-Disposition: form-data; name=\"empty\"; "
        "filename=\"\"\r\nContent-Type: application/octet-stream\r\n\r\n\r\n"
        "------WebKitFormBoundary7MA4YWxkTrZu0gW--\r\n";
    auto parts = parse_multipart(type, std::string_view(body.data(), body.size()));
    REQUIRE(parts);
    REQUIRE(parts->size() == 4);
    CHECK((*parts)[0].name == "csrf");
    CHECK((*parts)[0].body == "abc");
    CHECK_FALSE((*parts)[0].file);
    CHECK((*parts)[1].body == "links, Unterarm");
    CHECK((*parts)[2].name == "photo");
    CHECK((*parts)[2].file);
    CHECK((*parts)[2].filename == "IMG_0001.HEIC");
    CHECK((*parts)[2].content_type == "image/heic");
    // A file's bytes as sent, a CRLF and a dash line that is not the boundary among them.
    CHECK((*parts)[2].body == file);
    CHECK((*parts)[3].file);  // no file chosen: a file part with no name and no bytes
    CHECK((*parts)[3].filename.empty());
    CHECK((*parts)[3].body.empty());
    // A quoted boundary, and header names in any case.
    CHECK(parse_multipart("multipart/form-data; boundary=\"b q\"",
                          "--b q\r\ncontent-disposition: form-data; name=\"a\"\r\n\r\n1\r\n--b q--")
              ->at(0)
              .body == "1");
}

TEST_CASE("parse_multipart - a semicolon inside a quoted filename starts no parameter of its own") {
    auto parts = parse_multipart("multipart/form-data; boundary=B",
                                 "--B\r\nContent-Disposition: form-data; name=\"site\"; filename=\"x; name=photo;\"\r\n"
                                 "\r\nbytes\r\n--B--");
    REQUIRE(parts);
    REQUIRE(parts->size() == 1);
    CHECK((*parts)[0].name == "site");
    CHECK((*parts)[0].filename == "x; name=photo;");
    CHECK_FALSE(parse_multipart("multipart/form-data; boundary=B",
                                "--B\r\nContent-Disposition: form-dataX; name=\"a\"\r\n\r\nx\r\n--B--"));
}

TEST_CASE("parse_multipart - refuses what is not a whole, named, well-formed body") {
    const std::string type = "multipart/form-data; boundary=B";
    const std::string part = "--B\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\r\n";
    CHECK(parse_multipart(type, part + "--B--"));
    CHECK_FALSE(parse_multipart("multipart/form-data", part + "--B--"));                          // no boundary
    CHECK_FALSE(parse_multipart("multipart/form-data; boundary=", part + "--B--"));               // an empty one
    CHECK_FALSE(parse_multipart("multipart/form-data; boundary=" + std::string(71, 'b'), "--"));  // over 70
    CHECK_FALSE(parse_multipart(type, part));                                                     // no close delimiter
    CHECK_FALSE(parse_multipart(type, "preamble\r\n" + part + "--B--"));                          // not at the start
    CHECK_FALSE(parse_multipart(type, "--B\r\nContent-Disposition: form-data\r\n\r\nx\r\n--B--"));  // no name
    CHECK_FALSE(parse_multipart(type, "--B\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\nx\r\n--B--"));
    CHECK_FALSE(
        parse_multipart(type, "--B\r\nContent-Disposition: form-data; name=\"a\"\r\nx\r\n--B--"));  // no blank line
    CHECK_FALSE(parse_multipart(type, "--B\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\n\xC3\x28\r\n--B--"));
    std::string many;
    for (std::size_t i = 0; i <= max_form_fields; ++i) many += part;
    CHECK_FALSE(parse_multipart(type, many + "--B--"));
    many.clear();
    for (std::size_t i = 0; i < max_form_fields; ++i) many += part;
    CHECK(parse_multipart(type, many + "--B--"));
}
