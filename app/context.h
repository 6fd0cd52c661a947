#pragma once
// What every command is given: where the database is, the open store, and where to print.
#include <filesystem>
#include <iostream>
#include <memory>
#include <optional>
#include <string>

#include "swelltrack/store.h"

namespace swelltrack::cli {

class Context {
   public:
    std::string db_option;  // --db, if given
    bool db_given = false;  // --db was on the command line (even as "")
    std::ostream& out = std::cout;
    std::string changed_by;  // --by: who the audit trail names (default: the login name)

    /// --db, else $SWELLTRACK_DB, else $XDG_DATA_HOME/swelltrack/swelltrack.db
    /// (XDG_DATA_HOME defaults to ~/.local/share).
    std::filesystem::path db_path() const;
    /// Opens the database, which must exist: reading commands never create anything, and a
    /// mistyped --db is named rather than silently made into an empty database. One per run.
    Store& store();
    /// Opens the database, creating it (and its folder) on first use: for commands that add data.
    Store& store_creating();
    /// Who the audit trail names for changes made in this run: --by, else the login name.
    std::string actor() const;

   private:
    std::unique_ptr<Store> store_;
};

/// True when standard input is a terminal (so a command may ask questions).
bool stdin_is_terminal();

}  // namespace swelltrack::cli
