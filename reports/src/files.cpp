// Paper names and writing report files with owner-only permissions (health data).
#include "swelltrack/error.h"
#include "swelltrack/file.h"
#include "swelltrack/report.h"

namespace swelltrack {

Paper parse_paper(std::string_view text) {
    if (text == "a4" || text == "A4") return Paper::a4;
    if (text == "letter" || text == "Letter") return Paper::letter;
    throw UserError("paper", std::string(text), "paper: '" + std::string(text) + "' is not one of a4, letter");
}

void write_private_file(const std::filesystem::path& path, const std::string& bytes, bool overwrite) {
    try {
        write_file_atomically(path, bytes, overwrite ? Existing::replace : Existing::refuse);
    } catch (const FileExists&) {
        throw UserError("output", path.string(), path.string() + " already exists").with_remedy(Remedy::replace_file);
    }
}

}  // namespace swelltrack
