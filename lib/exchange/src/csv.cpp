#include "swelltrack/csv.h"

#include <array>
#include <cstdint>
#include <cstring>

#include "swelltrack/error.h"

namespace swelltrack::csv {
namespace {
// The bytes that end or break an unquoted field: ',', CR, LF and '"'.
constexpr auto stops_unquoted = [] {
    std::array<bool, 256> t{};
    t[','] = t['\n'] = t['\r'] = t['"'] = true;
    return t;
}();
}  // namespace

Reader::Reader(std::string_view text, std::string_view source) : text_(text), source_(source) {
    if (text_.starts_with("\xEF\xBB\xBF")) pos_ = 3;
}

std::string Reader::where(std::size_t line, std::size_t column) const {
    return source_ + " line " + std::to_string(line) + ", column " + std::to_string(column);
}

bool Reader::next(Record& record) {
    record.fields.clear();
    const char* data = text_.data();
    const std::size_t size = text_.size();
    // Skip blank lines (CR, LF) between records.
    while (pos_ < size && (data[pos_] == '\n' || data[pos_] == '\r')) {
        if (data[pos_] == '\r' && pos_ + 1 < size && data[pos_ + 1] == '\n') ++pos_;
        ++pos_;
        ++line_;
    }
    if (pos_ >= size) return false;
    record.line = line_;

    // Fields that needed unescaping live in scratch_; remember which, and make views at the end
    // because scratch_ may still grow.
    auto& slots = slots_;
    slots.clear();
    std::size_t used_scratch = 0;
    for (;;) {
        std::size_t column = slots.size() + 1;
        if (pos_ < size && data[pos_] == '"') {
            std::size_t start_line = line_;
            std::size_t begin = ++pos_;
            bool escaped = false;
            for (;;) {
                const void* q = pos_ < size ? std::memchr(data + pos_, '"', size - pos_) : nullptr;
                if (!q) {
                    throw UserError("csv", "",
                                    where(start_line, column) + ": a quoted field is never closed (unbalanced '\"')");
                }
                std::size_t qpos = static_cast<std::size_t>(static_cast<const char*>(q) - data);
                for (std::size_t i = pos_; i < qpos; ++i)
                    if (data[i] == '\n') ++line_;
                if (qpos + 1 < size && data[qpos + 1] == '"') {
                    escaped = true;
                    pos_ = qpos + 2;
                    continue;
                }
                pos_ = qpos + 1;
                std::size_t length = qpos - begin;
                if (!escaped) {
                    slots.push_back({begin, length, -1});
                } else {
                    if (scratch_.size() <= used_scratch) scratch_.emplace_back();
                    auto& s = scratch_[used_scratch];
                    s.clear();
                    for (std::size_t i = begin; i < qpos; ++i) {
                        s += data[i];
                        if (data[i] == '"') ++i;  // "" -> "
                    }
                    slots.push_back({0, s.size(), static_cast<int>(used_scratch++)});
                }
                break;
            }
            if (pos_ < size && data[pos_] != ',' && data[pos_] != '\n' && data[pos_] != '\r')
                throw UserError("csv", std::string(1, data[pos_]),
                                where(line_, column) +
                                    ": unexpected text after a closing quote; a quoted field must "
                                    "end at a comma or the line end (write \"\" for a quote)");
        } else {
            std::size_t begin = pos_;
            while (pos_ < size) {
                char c = data[pos_];
                if (!stops_unquoted[static_cast<unsigned char>(c)]) {  // the common case: one lookup
                    ++pos_;
                    continue;
                }
                if (c == ',' || c == '\n' || c == '\r') break;
                if (c == '"')
                    throw UserError(
                        "csv", std::string(text_.substr(begin, pos_ - begin + 1)),
                        where(line_, column) +
                            ": a '\"' inside an unquoted field; quote the whole field and double inner quotes");
                ++pos_;
            }
            slots.push_back({begin, pos_ - begin, -1});
        }
        if (pos_ >= size) break;
        char c = data[pos_];
        if (c == ',') {
            ++pos_;
            continue;
        }
        // Line end: CRLF, LF or a lone CR.
        ++pos_;
        if (c == '\r' && pos_ < size && data[pos_] == '\n') ++pos_;
        ++line_;
        break;
    }
    record.fields.reserve(slots.size());
    for (const auto& s : slots)
        record.fields.push_back(s.scratch < 0 ? text_.substr(s.begin, s.length)
                                              : std::string_view(scratch_[static_cast<std::size_t>(s.scratch)]));
    return true;
}

void append_field(std::string& out, std::string_view field) {
    bool quote = !field.empty() && (field.front() == ' ' || field.back() == ' ');
    for (char c : field)
        if (c == ',' || c == '"' || c == '\n' || c == '\r') {
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
