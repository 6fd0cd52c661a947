// Reading a request strictly (request.h).
#include "request.h"

#include <arpa/inet.h>

#include <algorithm>
#include <cctype>

#include "swelltrack/client.h"

namespace swelltrack::web {

namespace {
int hex_value(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}
}  // namespace

std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '%') {
            if (i + 2 >= text.size()) return std::nullopt;
            int hi = hex_value(text[i + 1]), lo = hex_value(text[i + 2]);
            if (hi < 0 || lo < 0) return std::nullopt;
            c = static_cast<char>(hi * 16 + lo);
            i += 2;
        } else if (c == '+' && plus_is_space) {
            c = ' ';
        }
        if (c == '\0') return std::nullopt;
        out.push_back(c);
    }
    if (!is_valid_utf8(out)) return std::nullopt;
    return out;
}

std::string percent_encode(std::string_view text) {
    static constexpr char hex[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
        if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
            c == '_' || c == '~') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += hex[c >> 4];
            out += hex[c & 15];
        }
    }
    return out;
}

std::optional<std::vector<std::string>> path_segments(std::string_view target) {
    auto path = target.substr(0, target.find_first_of("?#"));
    if (path.empty() || path.front() != '/') return std::nullopt;
    std::vector<std::string> out;
    if (path == "/") return out;
    std::size_t start = 1;
    for (;;) {
        auto end = path.find('/', start);
        auto raw = path.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
        if (raw.size() > max_segment_bytes) return std::nullopt;
        auto segment = percent_decode(raw, false);
        if (!segment || segment->empty() || *segment == "." || *segment == "..") return std::nullopt;
        out.push_back(std::move(*segment));
        if (end == std::string_view::npos) break;
        start = end + 1;
    }
    return out;
}

std::optional<std::map<std::string, std::string>> parse_form(std::string_view body) {
    std::map<std::string, std::string> out;
    std::size_t fields = 0, start = 0;
    while (start <= body.size()) {
        auto end = body.find('&', start);
        auto pair = body.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
        if (!pair.empty()) {
            if (++fields > max_form_fields) return std::nullopt;
            auto eq = pair.find('=');
            auto name = percent_decode(pair.substr(0, eq), true);
            auto value = percent_decode(eq == std::string_view::npos ? std::string_view{} : pair.substr(eq + 1), true);
            if (!name || !value) return std::nullopt;
            out.emplace(std::move(*name), std::move(*value));
        }
        if (end == std::string_view::npos) break;
        start = end + 1;
    }
    return out;
}

namespace {

// The parameter `key` of a header value ("form-data; name=\"photo\"; filename=\"a.jpg\""),
// unquoted; nullopt when absent. Browsers percent-encode a quote inside a name, so a quoted value
// ends at the next quote.
std::optional<std::string> header_parameter(std::string_view value, std::string_view key) {
    std::size_t at = 0;
    while ((at = value.find(';', at)) != std::string_view::npos) {
        ++at;
        while (at < value.size() && value[at] == ' ') ++at;
        const auto eq = value.find('=', at);
        if (eq == std::string_view::npos) return std::nullopt;
        std::string name(value.substr(at, eq - at));
        for (auto& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        auto rest = value.substr(eq + 1);
        std::string_view v;
        std::size_t next = eq + 1;
        if (!rest.empty() && rest.front() == '"') {
            const auto close = rest.find('"', 1);
            if (close == std::string_view::npos) return std::nullopt;
            v = rest.substr(1, close - 1);
            next = eq + 1 + close + 1;  // past the closing quote: a ';' inside the quotes starts nothing
        } else {
            v = rest.substr(0, rest.find(';'));
        }
        if (name == key) return std::string(v);
        at = next;
    }
    return std::nullopt;
}

// Case-insensitive "name:" at the start of a header line.
bool header_is(std::string_view line, std::string_view name) {
    if (line.size() <= name.size() || line[name.size()] != ':') return false;
    for (std::size_t i = 0; i < name.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(line[i])) != std::tolower(static_cast<unsigned char>(name[i])))
            return false;
    return true;
}

std::string_view header_value(std::string_view line) {
    auto v = line.substr(line.find(':') + 1);
    while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
    return v;
}

}  // namespace

std::optional<std::vector<FormPart>> parse_multipart(std::string_view content_type, std::string_view body) {
    const auto boundary = header_parameter(content_type, "boundary");
    if (!boundary || boundary->empty() || boundary->size() > 70) return std::nullopt;
    const std::string dash = "--" + *boundary, delimiter = "\r\n" + dash;
    if (body.substr(0, dash.size()) != dash) return std::nullopt;
    std::size_t at = dash.size();
    std::vector<FormPart> parts;
    for (;;) {
        if (body.substr(at, 2) == "--") return parts;  // the close delimiter
        if (body.substr(at, 2) != "\r\n" || parts.size() >= max_form_fields) return std::nullopt;
        at += 2;
        const auto head_end = body.find("\r\n\r\n", at);
        if (head_end == std::string_view::npos) return std::nullopt;
        FormPart part;
        std::optional<std::string> name;
        for (auto head = body.substr(at, head_end - at); !head.empty();) {
            const auto eol = head.find("\r\n");
            const auto line = head.substr(0, eol);
            if (header_is(line, "Content-Disposition")) {
                const auto v = header_value(line);
                if (v.substr(0, v.find(';')) != "form-data") return std::nullopt;
                name = header_parameter(v, "name");
                if (auto f = header_parameter(v, "filename")) {
                    part.filename = *f;
                    part.file = true;
                }
            } else if (header_is(line, "Content-Type")) {
                part.content_type = header_value(line);
            }
            head = eol == std::string_view::npos ? std::string_view{} : head.substr(eol + 2);
        }
        if (!name || name->empty()) return std::nullopt;
        part.name = std::move(*name);
        at = head_end + 4;
        const auto end = body.find(delimiter, at);
        if (end == std::string_view::npos) return std::nullopt;
        part.body = body.substr(at, end - at);
        if (!part.file && !is_valid_utf8(part.body)) return std::nullopt;
        parts.push_back(std::move(part));
        at = end + delimiter.size();
    }
}

std::optional<std::int64_t> record_id(std::string_view segment) {
    if (segment.empty() || segment.size() > 18 || segment.find_first_not_of("0123456789") != std::string_view::npos)
        return std::nullopt;
    return std::stoll(std::string(segment));
}

std::optional<std::string> query_value(std::string_view target, std::string_view name) {
    auto q = target.find('?');
    if (q == std::string_view::npos) return std::nullopt;
    auto query = target.substr(q + 1);
    query = query.substr(0, query.find('#'));
    auto form = parse_form(query);
    if (!form) return std::nullopt;
    auto it = form->find(std::string(name));
    if (it == form->end()) return std::nullopt;
    return it->second;
}

std::optional<std::string> cookie_value(std::string_view header, std::string_view name) {
    std::size_t start = 0;
    while (start < header.size()) {
        auto end = header.find(';', start);
        auto item = header.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
        while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
        auto eq = item.find('=');
        if (eq != std::string_view::npos && item.substr(0, eq) == name) return std::string(item.substr(eq + 1));
        if (end == std::string_view::npos) break;
        start = end + 1;
    }
    return std::nullopt;
}

std::optional<std::string> ip_address(std::string_view text) {
    if (text.empty() || text.size() >= INET6_ADDRSTRLEN) return std::nullopt;
    const std::string z(text);
    unsigned char binary[sizeof(in6_addr)];
    char canonical[INET6_ADDRSTRLEN] = {};
    for (int family : {AF_INET, AF_INET6})
        if (inet_pton(family, z.c_str(), binary) == 1 && inet_ntop(family, binary, canonical, sizeof canonical))
            return std::string(canonical);
    return std::nullopt;
}

std::string forwarded_client(const std::string& peer, const std::vector<std::string>& forwarded_for,
                             const std::vector<std::string>& proxies) {
    auto trusted = [&](const std::string& a) { return std::find(proxies.begin(), proxies.end(), a) != proxies.end(); };
    if (!trusted(peer)) return peer;
    std::vector<std::string_view> hops;
    for (std::string_view value : forwarded_for)
        for (std::size_t start = 0; start <= value.size();) {
            auto end = std::min(value.find(',', start), value.size());
            auto hop = value.substr(start, end - start);
            while (!hop.empty() && (hop.front() == ' ' || hop.front() == '\t')) hop.remove_prefix(1);
            while (!hop.empty() && (hop.back() == ' ' || hop.back() == '\t')) hop.remove_suffix(1);
            hops.push_back(hop);
            start = end + 1;
        }
    std::string client = peer;
    for (auto hop = hops.rbegin(); hop != hops.rend() && trusted(client); ++hop) {
        auto address = ip_address(*hop);
        if (!address) break;
        client = std::move(*address);
    }
    return client;
}

}  // namespace swelltrack::web
