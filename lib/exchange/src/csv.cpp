#include "swelltrack/csv.h"

#include <array>
#include <cstdint>
#include <cstring>
#include <istream>

#include "swelltrack/error.h"

namespace swelltrack::csv {
namespace {
// The bytes that end or break an unquoted field: the separator, CR, LF and '"'.
constexpr std::array<bool, 256> stops_for(char delimiter) {
    std::array<bool, 256> t{};
    t[static_cast<unsigned char>(delimiter)] = t['\n'] = t['\r'] = t['"'] = true;
    return t;
}
constexpr auto stops_comma = stops_for(',');
constexpr auto stops_semicolon = stops_for(';');
constexpr auto stops_tab = stops_for('\t');

// What closing_quote finds when the text ends inside a quoted field.
constexpr std::size_t never_closed = static_cast<std::size_t>(-1);

// Steps over the blank lines (CR, LF) between records, counting them.
void skip_blank_lines(const char* data, std::size_t size, std::size_t& pos, std::size_t& line) {
    while (pos < size && (data[pos] == '\n' || data[pos] == '\r')) {
        if (data[pos] == '\r' && pos + 1 < size && data[pos + 1] == '\n') ++pos;
        ++pos;
        ++line;
    }
}

// Finds the quote closing a quoted field whose text starts at `pos` and steps past it, counting the
// line ends inside and noting whether it holds a "" escape; never_closed if the text ends first.
std::size_t closing_quote(const char* data, std::size_t size, std::size_t& pos, std::size_t& line, bool& escaped) {
    for (;;) {
        const void* q = pos < size ? std::memchr(data + pos, '"', size - pos) : nullptr;
        if (!q) return never_closed;
        std::size_t qpos = static_cast<std::size_t>(static_cast<const char*>(q) - data);
        for (std::size_t i = pos; i < qpos; ++i)
            if (data[i] == '\n') ++line;
        if (qpos + 1 < size && data[qpos + 1] == '"') {
            escaped = true;
            pos = qpos + 2;
            continue;
        }
        pos = qpos + 1;
        return qpos;
    }
}

// Copies a quoted field's text [begin, end) into `out`, each "" becoming ".
void unescape(const char* data, std::size_t begin, std::size_t end, std::string& out) {
    out.clear();
    for (std::size_t i = begin; i < end; ++i) {
        out += data[i];
        if (data[i] == '"') ++i;  // "" -> "
    }
}

// Advances `pos` to the byte that ends or breaks an unquoted field (or the end of the text).
void skip_unquoted(const char* data, std::size_t size, std::size_t& pos, const bool* stops) {
    while (pos < size && !stops[static_cast<unsigned char>(data[pos])]) ++pos;  // one lookup a byte
}

// Steps past the separator or line end (CRLF, LF or a lone CR) after a field: true if another
// field of the record follows, false at a line end or the end of the text.
bool step_past_field_end(const char* data, std::size_t size, std::size_t& pos, std::size_t& line, char delimiter) {
    if (pos >= size) return false;
    char c = data[pos];
    ++pos;
    if (c == delimiter) return true;
    if (c == '\r' && pos < size && data[pos] == '\n') ++pos;
    ++line;
    return false;
}

// The error for a quoted field the text ends inside; `where` names the field's start.
UserError unclosed_quote(const std::string& where) {
    return UserError("csv", "", where + ": a quoted field is never closed (unbalanced '\"')");
}

// The error for text between a closing quote and the separator or line end that should follow it.
UserError text_after_quote(char found, char delimiter, const std::string& where) {
    return UserError("csv", std::string(1, found),
                     where + ": unexpected text after a closing quote; a quoted field must end at a " +
                         delimiter_name(delimiter) + " or the line end (write \"\" for a quote)");
}

// The error for a quote inside an unquoted field; `field` is the field up to and with the quote.
UserError quote_in_unquoted(std::string_view field, const std::string& where) {
    return UserError("csv", std::string(field),
                     where + ": a '\"' inside an unquoted field; quote the whole field and double inner quotes");
}
}  // namespace

const char* delimiter_name(char delimiter) {
    return delimiter == ';' ? "semicolon" : delimiter == '\t' ? "tab" : "comma";
}

char detect_delimiter(std::string_view header_line) {
    std::size_t comma = 0, semicolon = 0, tab = 0;
    bool quoted = false;
    for (char c : header_line) {
        if (c == '"') quoted = !quoted;  // "" inside quotes toggles twice: still quoted
        if (quoted) continue;
        if (c == '\n' || c == '\r') break;
        comma += c == ',';
        semicolon += c == ';';
        tab += c == '\t';
    }
    if (semicolon > comma && semicolon >= tab) return ';';
    if (tab > comma && tab > semicolon) return '\t';
    return ',';
}

Reader::Reader(std::string_view text, std::string_view source, char delimiter) : text_(text), source_(source) {
    if (text_.starts_with("\xEF\xBB\xBF")) pos_ = 3;
    use_delimiter(delimiter);
}

Reader::Reader(std::istream& in, std::string_view source, char delimiter) : in_(&in), eof_(false), source_(source) {
    while (held_ < 3 && refill()) {
    }
    if (std::string_view(buffer_.data(), held_).starts_with("\xEF\xBB\xBF")) pos_ = 3;
    if (delimiter == detect)  // the first line, as far as the first window holds it
        while (text_.size() == 0 && refill()) {
        }
    use_delimiter(delimiter);
}

void Reader::use_delimiter(char delimiter) {
    if (delimiter == detect) {
        auto rest = text_.substr(std::min(pos_, text_.size()));
        auto first = rest.find_first_not_of("\r\n");
        delimiter = detect_delimiter(first == std::string_view::npos ? std::string_view{} : rest.substr(first));
    }
    delimiter_ = delimiter;
    stops_ = delimiter == ';' ? stops_semicolon.data() : delimiter == '\t' ? stops_tab.data() : stops_comma.data();
}

namespace {
constexpr std::size_t read_size = 1 << 20;  // what one read of the stream asks for
}

bool Reader::refill() {
    if (eof_) return false;
    // What was read already goes; the record being read moves to the front.
    std::memmove(buffer_.data(), buffer_.data() + pos_, held_ - pos_);
    held_ -= pos_;
    pos_ = 0;
    if (held_ > max_record_bytes)
        throw UserError("csv", "",
                        where(line_, 1) + ": a record longer than " + std::to_string(max_record_bytes >> 20) +
                            " MiB; is a '\"' never closed?");
    if (buffer_.size() < held_ + read_size) buffer_.resize(held_ + read_size);
    in_->read(buffer_.data() + held_, static_cast<std::streamsize>(read_size));
    const auto got = static_cast<std::size_t>(in_->gcount());
    if (in_->bad()) throw UserError("file", source_, source_ + ": cannot read the file");
    held_ += got;
    eof_ = got == 0 || in_->eof();
    // Only whole lines are parsed until the end: a record cut at a read's end (or a CRLF cut in
    // two) is never seen in part, except inside a quoted field, where parse asks for more.
    std::size_t exposed = held_;
    if (!eof_) {
        const void* nl = held_ ? memrchr(buffer_.data(), '\n', held_) : nullptr;
        exposed = nl ? static_cast<std::size_t>(static_cast<const char*>(nl) - buffer_.data()) + 1 : 0;
    }
    text_ = std::string_view(buffer_.data(), exposed);
    return true;
}

std::string Reader::where(std::size_t line, std::size_t column) const {
    return source_ + " line " + std::to_string(line) + ", column " + std::to_string(column);
}

bool Reader::next(Record& record) {
    for (;;) {
        const std::size_t pos = pos_, line = line_;
        switch (parse(record)) {
            case Step::record:
                return true;
            case Step::end:
                return false;
            case Step::need_more:
                pos_ = pos;
                line_ = line;
                refill();
                break;
        }
    }
}

Reader::Step Reader::parse(Record& record) {
    record.fields.clear();
    const char* data = text_.data();
    const std::size_t size = text_.size();
    skip_blank_lines(data, size, pos_, line_);
    if (pos_ >= size) return eof_ ? Step::end : Step::need_more;
    record.line = line_;

    // Fields that needed unescaping live in scratch_; remember which, and make views at the end
    // because scratch_ may still grow.
    auto& slots = slots_;
    slots.clear();
    std::size_t used_scratch = 0;
    do {
        std::size_t column = slots.size() + 1;
        if (pos_ < size && data[pos_] == '"') {
            std::size_t start_line = line_;
            std::size_t begin = ++pos_;
            bool escaped = false;
            std::size_t end = closing_quote(data, size, pos_, line_, escaped);
            if (end == never_closed) {
                if (!eof_) return Step::need_more;  // the field goes on past the lines held
                throw unclosed_quote(where(start_line, column));
            }
            if (!escaped) {
                slots.push_back({begin, end - begin, -1});
            } else {
                if (scratch_.size() <= used_scratch) scratch_.emplace_back();
                auto& s = scratch_[used_scratch];
                unescape(data, begin, end, s);
                slots.push_back({0, s.size(), static_cast<int>(used_scratch++)});
            }
            if (pos_ < size && data[pos_] != delimiter_ && data[pos_] != '\n' && data[pos_] != '\r')
                throw text_after_quote(data[pos_], delimiter_, where(line_, column));
        } else {
            std::size_t begin = pos_;
            skip_unquoted(data, size, pos_, stops_);
            if (pos_ < size && data[pos_] == '"')
                throw quote_in_unquoted(text_.substr(begin, pos_ - begin + 1), where(line_, column));
            slots.push_back({begin, pos_ - begin, -1});
        }
    } while (step_past_field_end(data, size, pos_, line_, delimiter_));
    record.fields.reserve(slots.size());
    for (const auto& s : slots)
        record.fields.push_back(s.scratch < 0 ? text_.substr(s.begin, s.length)
                                              : std::string_view(scratch_[static_cast<std::size_t>(s.scratch)]));
    return Step::record;
}

void append_field(std::string& out, std::string_view field, char delimiter) {
    bool quote = !field.empty() && (field.front() == ' ' || field.back() == ' ');
    for (char c : field)
        if (c == delimiter || c == '"' || c == '\n' || c == '\r') {
            quote = true;
            break;
        }
    if (!quote) {
        out += field;
        return;
    }
    out += '"';
    for (char c : field) {
        if (c == '"') out += '"';
        out += c;
    }
    out += '"';
}

}  // namespace swelltrack::csv
