#include "context.h"

#include <pwd.h>
#include <unistd.h>

#include <cstdlib>

#include "swelltrack/error.h"

namespace swelltrack::cli {

std::filesystem::path Context::db_path() const {
    if (db_given || !db_option.empty()) return db_option;
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

namespace {
std::filesystem::path checked(const std::filesystem::path& path) {
    if (path.empty()) throw UserError("--db", "", "--db: an empty path; give a database file");
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec))
        throw UserError("--db", path.string(), "--db: " + path.string() + " is a folder; give a database file");
    return path;
}
}  // namespace

Store& Context::store() {
    if (!store_) {
        auto path = checked(db_path());
        std::error_code ec;
        if (!std::filesystem::exists(path, ec))
            throw UserError("database", path.string(),
                            "database: " + path.string() +
                                " does not exist (nothing was created); check --db or $SWELLTRACK_DB, or create it "
                                "with 'swelltrack init'");
        store_ = std::make_unique<Store>(path);
        store_->set_actor(actor());
    }
    return *store_;
}

Store& Context::store_creating() {
    if (!store_) {
        store_ = std::make_unique<Store>(checked(db_path()));
        store_->set_actor(actor());
    }
    return *store_;
}

std::string Context::actor() const {
    if (!changed_by.empty()) return changed_by;
    if (const auto* pw = ::getpwuid(::geteuid()); pw && pw->pw_name && *pw->pw_name) return pw->pw_name;
    if (const char* user = std::getenv("USER"); user && *user) return user;
    return "uid " + std::to_string(::geteuid());
}

bool stdin_is_terminal() { return ::isatty(STDIN_FILENO) == 1; }

}  // namespace swelltrack::cli
