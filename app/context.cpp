#include "context.h"

#include <unistd.h>

#include <cstdlib>

#include "swelltrack/error.h"

namespace swelltrack::cli {

std::filesystem::path Context::db_path() const {
    if (!db_option.empty()) return db_option;
    if (const char* env = std::getenv("SWELLTRACK_DB"); env && *env) return env;
    std::filesystem::path data;
    if (const char* xdg = std::getenv("XDG_DATA_HOME"); xdg && *xdg) {
        data = xdg;
    } else if (const char* home = std::getenv("HOME"); home && *home) {
        data = std::filesystem::path(home) / ".local" / "share";
    } else {
        throw UserError(
            "--db", "",
            "--db: no database given and neither $SWELLTRACK_DB, $XDG_DATA_HOME nor $HOME is set; pass --db FILE");
    }
    return data / "swelltrack" / "swelltrack.db";
}

Store& Context::store() {
    if (!store_) store_ = std::make_unique<Store>(db_path());
    return *store_;
}

bool stdin_is_terminal() { return ::isatty(STDIN_FILENO) == 1; }

}  // namespace swelltrack::cli
