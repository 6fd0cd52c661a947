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
    std::ostream& out = std::cout;

    /// --db, else $SWELLTRACK_DB, else $XDG_DATA_HOME/swelltrack/swelltrack.db
    /// (XDG_DATA_HOME defaults to ~/.local/share).
    std::filesystem::path db_path() const;
    /// Opens (creating on first use) the database; one per run.
    Store& store();

   private:
    std::unique_ptr<Store> store_;
};

/// True when standard input is a terminal (so a command may ask questions).
bool stdin_is_terminal();

}  // namespace swelltrack::cli
