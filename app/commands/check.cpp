// check: SQLite integrity, foreign keys and the domain's rules over every stored value.
#include "commands.h"
#include "swelltrack/error.h"

namespace swelltrack::cli {
namespace {

struct CheckOptions {};

void run_check(Context& ctx, const CheckOptions&) {
    auto problems = ctx.store().check();
    if (problems.empty()) {
        ctx.out << "ok: " << ctx.store().path().string() << " passed every check\n";
        return;
    }
    for (const auto& p : problems) ctx.out << "problem: " << p << "\n";
    throw UserError(
        "check", "",
        std::to_string(problems.size()) + " problem(s) found; restore from a backup or export what is readable");
}

}  // namespace

void setup_check(CLI::App& app, Context& ctx) {
    add_command(app, ctx, run_check, "check", "Check the database: SQLite integrity, foreign keys and domain rules");
}

}  // namespace swelltrack::cli
