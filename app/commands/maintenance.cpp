// backup, check and settings: keeping the database safe and the alert rules right for the clinic.
#include <memory>

#include "commands.h"
#include "swelltrack/error.h"

namespace swelltrack::cli {

void add_backup_command(CLI::App& app, Context& ctx) {
    auto target = std::make_shared<std::string>();
    auto force = std::make_shared<bool>(false);
    auto* cmd = app.add_subcommand("backup", "Write a consistent copy of the database (safe while others write)");
    cmd->add_option("file", *target, "Backup file to create")->required();
    cmd->add_flag("--force", *force, "Replace the file if it exists");
    cmd->callback([&ctx, target, force] {
        ctx.store().backup_to(*target, *force);
        ctx.out << "backup written: " << std::filesystem::absolute(*target).string() << "\n";
    });
}

void add_check_command(CLI::App& app, Context& ctx) {
    app.add_subcommand("check", "Check the database: SQLite integrity, foreign keys and domain rules")
        ->callback([&ctx] {
            auto problems = ctx.store().check();
            if (problems.empty()) {
                ctx.out << "ok: " << ctx.store().path().string() << " passed every check\n";
                return;
            }
            for (const auto& p : problems) ctx.out << "problem: " << p << "\n";
            throw UserError("check", "",
                            std::to_string(problems.size()) +
                                " problem(s) found; restore from a backup or export what is readable");
        });
}

void add_settings_command(CLI::App& app, Context& ctx) {
    auto* settings = app.add_subcommand("settings", "Show or change alert thresholds and the volume method");
    settings->require_subcommand(1);
    auto print = [&ctx] {
        auto t = ctx.store().thresholds();
        ctx.out << "volume method:           " << to_string(ctx.store().volume_method()) << "\n"
                << "watch threshold:         RVC/WAC >= " << format_exact(t.change_watch_pct) << "%\n"
                << "range threshold:         RVC/WAC >= " << format_exact(t.change_range_pct) << "%\n"
                << "point difference:        >= " << format_exact(t.point_difference_cm) << " cm between sides\n"
                << "rapid rise:              volume up >= " << format_exact(t.rapid_rise_pct) << "% within "
                << t.rapid_rise_days << " days\n";
    };
    settings->add_subcommand("show", "Show the current settings")->callback(print);

    struct Args {
        std::optional<double> watch, range, point, rise;
        std::optional<int> days;
        std::string method;
    };
    auto a = std::make_shared<Args>();
    auto* set = settings->add_subcommand("set", "Change settings (alerts below 3.5% are refused: measurement noise)");
    set->add_option("--watch-pct", a->watch, "RVC/WAC watch threshold, % (default 5)");
    set->add_option("--range-pct", a->range, "RVC/WAC lymphedema-range threshold, % (default 10)");
    set->add_option("--point-cm", a->point, "Point difference between sides, cm (default 2)");
    set->add_option("--rise-pct", a->rise, "Rapid rise since the previous session, % (default 5)");
    set->add_option("--rise-days", a->days, "Rapid rise window, days (default 7)");
    set->add_option("--method", a->method, "Volume method: frustum (default) or disk");
    set->callback([&ctx, a, print] {
        auto& store = ctx.store();
        auto t = store.thresholds();
        if (a->watch) t.change_watch_pct = *a->watch;
        if (a->range) t.change_range_pct = *a->range;
        if (a->point) t.point_difference_cm = *a->point;
        if (a->rise) t.rapid_rise_pct = *a->rise;
        if (a->days) t.rapid_rise_days = *a->days;
        validate_thresholds(t);
        auto method = a->method.empty() ? store.volume_method() : parse_volume_method(a->method, "--method");
        store.set_thresholds(t);
        store.set_volume_method(method);
        print();
    });
}

}  // namespace swelltrack::cli
