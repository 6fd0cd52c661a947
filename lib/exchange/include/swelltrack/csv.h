#pragma once
// A small RFC 4180 CSV reader: comma separated, '"' quoting with "" for a quote, CRLF or LF line
// ends, a leading UTF-8 BOM skipped. It never allocates per field unless a field holds "" escapes.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "swelltrack/client.h"

namespace swelltrack::csv {

/// One record: its fields (views into the input, or into the reader's scratch for unescaped
/// fields; valid until the next call to next()) and where it started.
struct Record {
    std::vector<std::string_view> fields;
    std::size_t line = 0;  // 1-based line of the record's first character
};

/// Reads records one at a time. Malformed input (a quote inside an unquoted field, text after a
/// closing quote, a quoted field never closed) throws UserError naming source, line and column.
/// Blank lines are skipped.
class Reader {
   public:
    Reader(std::string_view text, std::string_view source);
    /// Fills `record` with the next record; false at the end of the input.
    bool next(Record& record);
    /// 1-based column (field number) helper for messages: "source line L, column C".
    std::string where(std::size_t line, std::size_t column) const;

   private:
    std::string_view text_;
    std::string source_;
    std::size_t pos_ = 0;
    std::size_t line_ = 1;
    std::vector<std::string> scratch_;
    // Fields that needed unescaping live in scratch_; views are made once the record is complete.
    struct Slot {
        std::size_t begin, length;
        int scratch;  // -1: a view into text_
    };
    std::vector<Slot> slots_;
};

/// Writes one field, quoted when it holds a comma, quote, CR, LF or leading/trailing space.
void append_field(std::string& out, std::string_view field);

/// Offset of the first byte that is not well-formed UTF-8, or npos (the domain's check).
using swelltrack::first_invalid_utf8;

}  // namespace swelltrack::csv
