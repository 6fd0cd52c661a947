// backup: a consistent copy of the database, safe while others write.
#include "commands.h"

namespace swelltrack::cli {
namespace {

struct BackupOptions {
    std::string target;
    bool force = false;
};

void run_backup(Context& ctx, const BackupOptions& o) {
    ctx.store().backup_to(o.target, o.force);
    ctx.out << "backup written: " << std::filesystem::absolute(o.target).string() << "\n";
}

}  // namespace

void setup_backup(CLI::App& app, Context& ctx) {
    auto [cmd, options] = add_command(app, ctx, run_backup, "backup",
                                      "Write a consistent copy of the database (safe while others write)");
    cmd->add_option("file", options->target, "Backup file to create")->required();
    cmd->add_flag("--force", options->force, "Replace the file if it exists");
}

}  // namespace swelltrack::cli
