#pragma once
// A small RFC 4180 CSV reader: comma, semicolon or tab separated (what spreadsheets write in
// different locales), '"' quoting with "" for a quote, CRLF or LF line ends, a leading UTF-8 BOM
// skipped. It never allocates per field unless a field holds "" escapes.
#include <cstddef>
#include <iosfwd>
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

/// The separator of a file whose first line is `header_line`: whichever of ',', ';' and tab occurs
/// most often outside quotes (a comma on a tie, or when none occurs: a one-column file).
char detect_delimiter(std::string_view header_line);

/// "comma", "semicolon" or "tab", for messages.
const char* delimiter_name(char delimiter);

/// Reads records one at a time. Malformed input (a quote inside an unquoted field, text after a
/// closing quote, a quoted field never closed) throws UserError naming source, line and column.
/// Blank lines are skipped.
class Reader {
   public:
    /// The separator told by the first line (detect_delimiter).
    static constexpr char detect = 0;
    /// Reads text already in memory, its fields separated by `delimiter` (',', ';', tab or detect).
    Reader(std::string_view text, std::string_view source, char delimiter = ',');
    /// Reads a stream from its current position, holding only a window of it (about 1 MiB, more
    /// only for a longer record, up to max_record_bytes), whatever the stream's size.
    Reader(std::istream& in, std::string_view source, char delimiter = ',');
    /// The separator in use.
    char delimiter() const { return delimiter_; }
    /// A record longer than this is refused: a quote never closed in a large file would otherwise
    /// hold the rest of the file in memory.
    static constexpr std::size_t max_record_bytes = 16 * 1024 * 1024;
    /// Fills `record` with the next record; false at the end of the input.
    bool next(Record& record);
    /// 1-based column (field number) helper for messages: "source line L, column C".
    std::string where(std::size_t line, std::size_t column) const;

   private:
    enum class Step { record, end, need_more };
    Step parse(Record& record);
    /// Streaming: keeps the unread text, reads more after it; false at the end of the stream.
    bool refill();

    /// Sets the separator, detecting it from the first line held when asked to.
    void use_delimiter(char delimiter);

    std::istream* in_ = nullptr;  // null: text_ is the whole input
    char delimiter_ = ',';
    const bool* stops_ = nullptr;  // the bytes that end or break an unquoted field (256 entries)
    std::string buffer_;           // streaming: text_ views the complete lines held here
    std::size_t held_ = 0;         // bytes of buffer_ read from the stream
    bool eof_ = true;              // no more text after text_
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

/// Writes one field, quoted when it holds the separator, a quote, CR, LF or leading/trailing space.
void append_field(std::string& out, std::string_view field, char delimiter = ',');

/// Offset of the first byte that is not well-formed UTF-8, or npos (the domain's check).
using swelltrack::first_invalid_utf8;

}  // namespace swelltrack::csv
