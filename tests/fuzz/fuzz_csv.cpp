// libFuzzer target: the CSV reader never crashes on any bytes, whichever separator it detects;
// what it writes it reads back.
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "swelltrack/csv.h"
#include "swelltrack/error.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    try {
        // The separator is told by the first line, as import reads a file.
        swelltrack::csv::Reader reader(text, "fuzz.csv", swelltrack::csv::Reader::detect);
        const char sep = reader.delimiter();
        if (sep != ',' && sep != ';' && sep != '\t') std::abort();
        swelltrack::csv::Record record;
        while (reader.next(record)) {
            // A record written back with append_field must read back as the same fields.
            // A first line keeps the record off the start of the input, where a BOM is skipped.
            std::string line = "x\n";
            for (std::size_t i = 0; i < record.fields.size(); ++i) {
                if (i) line += sep;
                swelltrack::csv::append_field(line, record.fields[i], sep);
            }
            line += '\n';
            auto fields = std::vector<std::string>(record.fields.begin(), record.fields.end());
            swelltrack::csv::Reader again(line, "again.csv", sep);
            swelltrack::csv::Record r2;
            if (!again.next(r2)) std::abort();  // the "x" line
            bool all_empty = fields.size() == 1 && fields[0].empty();
            if (!again.next(r2)) {
                if (!all_empty) std::abort();  // only a lone empty field may vanish as a blank line
                continue;
            }
            if (r2.fields.size() != fields.size()) std::abort();
            for (std::size_t i = 0; i < fields.size(); ++i)
                if (r2.fields[i] != fields[i]) std::abort();
        }
    } catch (const swelltrack::UserError&) {
    }
    return 0;
}
