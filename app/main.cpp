// swelltrack: parses the command line, dispatches to one command, maps errors to exit codes:
// 0 success, 1 a user error (one clear line), 2 a usage error (unknown flag, missing argument).
#include <CLI/CLI.hpp>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <iostream>

#include "commands/commands.h"
#include "context.h"
#include "swelltrack/display.h"
#include "swelltrack/error.h"

using namespace swelltrack;

namespace {

// What a command printed must have reached its destination: a full disk or a closed pipe is an
// error with exit code 1, never an export that looks complete and is not.
int checked_output(int code) {
    errno = 0;
    std::cout.flush();
    if (std::fflush(stdout) != 0 || std::ferror(stdout) || !std::cout) {
        std::cerr << "swelltrack: could not write the output"
                  << (errno ? std::string(": ") + std::strerror(errno) : std::string()) << "\n";
        return 1;
    }
    return code;
}

}  // namespace

int main(int argc, char** argv) {
    // A closed pipe is then a failed write that checked_output reports, not a silent kill.
    std::signal(SIGPIPE, SIG_IGN);
    CLI::App app{
        "swelltrack: track limb swelling (lymphedema, edema) from limb circumferences.\n"
        "Log sessions, review trends, and share a PDF report with your clinician.",
        "swelltrack"};
    app.set_version_flag("--version", std::string("swelltrack ") + SWELLTRACK_VERSION);
    cli::Context ctx;
    app.add_option_function<std::string>(
        "--db",
        [&ctx](const std::string& path) {
            ctx.db_option = path;
            ctx.db_given = true;
        },
        "Database file (default: $SWELLTRACK_DB, else $XDG_DATA_HOME/swelltrack/swelltrack.db)");
    app.require_subcommand(1);
    app.fallthrough();
    for (auto setup : {cli::setup_init, cli::setup_client, cli::setup_protocol, cli::setup_log, cli::setup_history,
                       cli::setup_status, cli::setup_import, cli::setup_export, cli::setup_report, cli::setup_backup,
                       cli::setup_check, cli::setup_settings})
        setup(app, ctx);

    try {
        app.parse(argc, argv);
        return checked_output(0);
    } catch (const CLI::ParseError& e) {
        int code = app.exit(e);  // prints help, the version, or the usage error
        return code == 0 ? 0 : 2;
    } catch (const cli::Cancelled&) {
        std::cerr << "swelltrack: cancelled; nothing was saved\n";
        return 1;
    } catch (const UserError& e) {
        std::cerr << "swelltrack: " << display::terminal_text(e.what()) << "\n";
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "swelltrack: could not finish: " << display::terminal_text(e.what()) << "\n";
        return 1;
    }
}
