// init: create the database (also done on first use) and say where it is.
#include "commands.h"

namespace swelltrack::cli {
namespace {

struct InitOptions {};

void run_init(Context& ctx, const InitOptions&) {
    auto& store = ctx.store_creating();
    ctx.out << "database ready: " << store.path().string() << " (schema version " << store.schema_version() << ")\n";
}

}  // namespace

void setup_init(CLI::App& app, Context& ctx) {
    add_command(app, ctx, run_init, "init", "Create the database (also done on first use) and print where it is");
}

}  // namespace swelltrack::cli
