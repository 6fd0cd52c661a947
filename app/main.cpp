// swelltrack: parses the command line, dispatches to one command, maps errors to exit codes:
// 0 success, 1 a user error (one clear line), 2 a usage error (unknown flag, missing argument).
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <initializer_list>
#include <iostream>
#include <string_view>

#include "commands/commands.h"
#include "context.h"
#include "remedy.h"
#include "swelltrack/display.h"
#include "swelltrack/error.h"

using namespace swelltrack;

namespace {

// Whether standard output is a pipe whose reader has gone (`swelltrack history NAME | head -1`):
// Linux marks such a pipe's write end with POLLERR, however long ago the failed write was.
bool reader_gone() {
    struct stat st {};
    if (fstat(STDOUT_FILENO, &st) != 0 || !(S_ISFIFO(st.st_mode) || S_ISSOCK(st.st_mode))) return false;
    pollfd out{STDOUT_FILENO, POLLOUT, 0};
    return poll(&out, 1, 0) == 1 && (out.revents & (POLLERR | POLLHUP)) != 0;
}

// A reader that stopped reading wanted no more: end quietly, as ls and git do, by the signal a
// closed pipe sends (the shell says nothing of it). Ignored until now so that it cannot end the
// process in the middle of anything but printing.
void stop_if_reader_gone() {
    if (!reader_gone()) return;
    std::signal(SIGPIPE, SIG_DFL);
    std::raise(SIGPIPE);
}

// What a command printed must have reached its destination: a full disk is an error with exit
// code 1, never an export that looks complete and is not.
int checked_output(int code) {
    errno = 0;
    std::cout.flush();
    if (std::fflush(stdout) != 0 || std::ferror(stdout) || !std::cout) {
        int error = errno;
        stop_if_reader_gone();
        std::cerr << "swelltrack: could not write the output"
                  << (error ? std::string(": ") + std::strerror(error) : std::string()) << "\n";
        return 1;
    }
    return code;
}

// The index of the first word from `from` on that is neither a flag nor the value of --db or --by
// (the command, when one is given), else argc.
int first_word(int argc, char** argv, int from) {
    for (int i = from; i < argc; ++i) {
        std::string_view word = argv[i];
        if (word.rfind("-", 0) != 0) return i;
        if (word == "--db" || word == "--by") ++i;  // and its value
    }
    return argc;
}

// Every command's setup with the names it declares, in the order --help lists them.
struct Command {
    std::initializer_list<std::string_view> names;
    void (*setup)(CLI::App&, cli::Context&);
};
const Command commands[] = {{{"init"}, cli::setup_init},
                            {{"client"}, cli::setup_client},
                            {{"protocol"}, cli::setup_protocol},
                            {{"log"}, cli::setup_log},
                            {{"history", "trend"}, cli::setup_history},
                            {{"status"}, cli::setup_status},
                            {{"import"}, cli::setup_import},
                            {{"export"}, cli::setup_export},
                            {{"report"}, cli::setup_report},
                            {{"backup"}, cli::setup_backup},
                            {{"check"}, cli::setup_check},
                            {{"settings"}, cli::setup_settings},
                            {{"session"}, cli::setup_session},
                            {{"course"}, cli::setup_course},
                            {{"photo"}, cli::setup_photo},
                            {{"audit"}, cli::setup_audit},
                            {{"user"}, cli::setup_user},
                            {{"serve"}, cli::setup_serve}};

// Declares the command given on the command line, or, when there is none that is known (no
// command, a mistyped one, --help alone), every command, so that help and usage errors list
// them all. CLI11 parses one command per run (require_subcommand(1)), so the others never take
// part; declaring their 150-odd flags cost a third of a bare start-up (docs/performance.md#start-up).
void declare_commands(CLI::App& app, cli::Context& ctx, int argc, char** argv) {
    const int at = first_word(argc, argv, 1);
    if (at < argc)
        for (const auto& c : commands)
            for (auto name : c.names)
                if (name == argv[at]) return c.setup(app, ctx);
    for (const auto& c : commands) c.setup(app, ctx);
}

// A usage error as one line. CLI11 says "A subcommand is required" for a mistyped command; name
// the word instead: the first one after the last command it recognised.
std::string usage_message(const CLI::App& app, const CLI::ParseError& e, int argc, char** argv) {
    std::string what = e.what();
    if (what.find("subcommand is required") == std::string::npos) return what;
    std::string path = "swelltrack";
    const CLI::App* current = &app;
    int after = 1;
    for (bool found = true; found;) {
        found = false;
        for (const auto* sub : current->get_subcommands())
            for (int i = after; i < argc; ++i)
                if (sub->get_name() == argv[i]) {
                    path += " " + sub->get_name(), current = sub, after = i + 1, found = true;
                    break;
                }
    }
    if (int i = first_word(argc, argv, after); i < argc)
        return "'" + std::string(argv[i]) + "' is not a command of " + path + "; '" + path + " --help' lists them";
    return "a command is needed; '" + path + " --help' lists them";
}

}  // namespace

int main(int argc, char** argv) {
    // A closed pipe is then a failed write, which checked_output tells from a full disk.
    std::signal(SIGPIPE, SIG_IGN);
    CLI::App app{
        "swelltrack: track limb swelling (lymphedema, edema) from limb circumferences.\n"
        "Log sessions, review trends, and share a PDF report with your clinician.",
        "swelltrack"};
    app.set_version_flag("--version", std::string("swelltrack ") + SWELLTRACK_VERSION + " (database schema " +
                                          std::to_string(current_schema_version()) + ")");
    cli::Context ctx;
    app.add_option_function<std::string>(
        "--db",
        [&ctx](const std::string& path) {
            ctx.db_option = path;
            ctx.db_given = true;
        },
        "Database file (default: $SWELLTRACK_DB, else $XDG_DATA_HOME/swelltrack/swelltrack.db)");
    app.add_option(
        "--by", ctx.changed_by,
        "Who makes this change, for the audit trail (default: your login name; log's --by, who measured, also counts)");
    app.require_subcommand(1);
    app.fallthrough();
    declare_commands(app, ctx, argc, argv);

    try {
        app.parse(argc, argv);
        return checked_output(0);
    } catch (const CLI::ParseError& e) {
        if (e.get_exit_code() == 0) return app.exit(e);  // --help or --version: printed as asked
        auto message = usage_message(app, e, argc, argv);
        if (message.find("--help") == std::string::npos) message += " (see --help)";
        std::cerr << "swelltrack: " << display::terminal_text(message) << "\n";
        return 2;
    } catch (const cli::Cancelled&) {
        std::cerr << "swelltrack: cancelled; nothing was saved\n";
        return 1;
    } catch (const UserError& e) {
        if (std::ferror(stdout) || !std::cout) stop_if_reader_gone();  // it failed while printing
        std::cerr << "swelltrack: " << display::terminal_text(cli::error_line(e)) << "\n";
        for (const auto& line : e.details()) std::cerr << "  " << display::terminal_text(line) << "\n";
        return 1;
    } catch (const std::exception& e) {
        std::cerr << "swelltrack: could not finish: " << display::terminal_text(e.what()) << "\n";
        return 1;
    }
}
