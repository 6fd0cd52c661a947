// settings show | set: the alert thresholds, the volume method and the plausibility thresholds, kept
// in the database.
#include "commands.h"
#include "swelltrack/actions.h"
#include "swelltrack/limits.h"

namespace swelltrack::cli {
namespace {

struct ShowOptions {};

struct SetOptions {
    Flag watch, range, point, rise, days, sustained_weeks, sustained_sessions, sustained_pct, check_in, method,
        plausible_cm, plausible_pct, plausible_volume;
    std::optional<std::string> clinic_name;  // "" clears it
};

void run_settings_show(Context& ctx, const ShowOptions&) {
    auto t = ctx.store().thresholds();
    auto clinic = ctx.store().clinic_name();
    ctx.out << "clinic name:             " << (clinic.empty() ? "(none: reports name swelltrack)" : clinic) << "\n"
            << "volume method:           " << to_string(ctx.store().volume_method()) << "\n"
            << "watch threshold:         RVC/WAC >= " << format_exact(t.change_watch_pct) << "%\n"
            << "range threshold:         RVC/WAC >= " << format_exact(t.change_range_pct) << "%\n"
            << "point difference:        >= " << format_exact(t.point_difference_cm) << " cm between sides\n"
            << "rapid rise:              volume up >= " << format_exact(t.rapid_rise_pct) << "% within "
            << t.rapid_rise_days << " days\n"
            << "sustained rise:          >= " << format_exact(t.sustained_pct)
            << "% along a steady line over <= " << t.sustained_weeks << " weeks, >= " << t.sustained_sessions
            << " sessions\n"
            << "check-in:                a client without a schedule is due after " << t.check_in_days << " days\n";
    auto p = ctx.store().plausibility_limits();
    ctx.out << "plausible point change:  <= " << format_exact(p.point_cm) << " cm and <= " << format_exact(p.point_pct)
            << "% from the previous session\n"
            << "plausible volume change: <= " << format_exact(p.volume_pct) << "% from the previous session\n";
}

void run_settings_set(Context& ctx, const SetOptions& o) {
    auto& store = ctx.store_creating();
    auto t = store.thresholds();
    // Each within its own limit here; validate_thresholds then checks them together.
    if (auto v = flag_number(limits::watch_pct, o.watch)) t.change_watch_pct = *v;
    if (auto v = flag_number(limits::range_pct, o.range)) t.change_range_pct = *v;
    if (auto v = flag_number(limits::point_difference_cm, o.point)) t.point_difference_cm = *v;
    if (auto v = flag_number(limits::rapid_rise_pct, o.rise)) t.rapid_rise_pct = *v;
    if (auto v = flag_whole(limits::rapid_rise_days, o.days)) t.rapid_rise_days = *v;
    if (auto v = flag_whole(limits::sustained_weeks, o.sustained_weeks)) t.sustained_weeks = *v;
    if (auto v = flag_whole(limits::sustained_sessions, o.sustained_sessions)) t.sustained_sessions = *v;
    if (auto v = flag_number(limits::sustained_pct, o.sustained_pct)) t.sustained_pct = *v;
    if (auto v = flag_whole(limits::check_in_days, o.check_in)) t.check_in_days = *v;
    validate_thresholds(t);
    std::optional<VolumeMethod> method;
    if (o.method) method = parse_enum<VolumeMethod>(*o.method, "--method");
    auto p = store.plausibility_limits();
    if (auto v = flag_number(limits::plausible_point_cm, o.plausible_cm)) p.point_cm = *v;
    if (auto v = flag_number(limits::plausible_point_pct, o.plausible_pct)) p.point_pct = *v;
    if (auto v = flag_number(limits::plausible_volume_pct, o.plausible_volume)) p.volume_pct = *v;
    // Only what was given is written, all in one transaction and one audit entry.
    SettingsChange change;
    if (o.watch || o.range || o.point || o.rise || o.days || o.sustained_weeks || o.sustained_sessions ||
        o.sustained_pct || o.check_in)
        change.thresholds = t;
    change.method = method;
    if (o.plausible_cm || o.plausible_pct || o.plausible_volume) change.plausibility = p;
    change.clinic_name = o.clinic_name;
    actions::change_settings(store, change, actions::Actor{store.actor()});
    run_settings_show(ctx, {});
}

}  // namespace

void setup_settings(CLI::App& app, Context& ctx) {
    auto* settings =
        add_group(app, "settings", "Show or change alert thresholds, the volume method and plausibility thresholds");
    add_command(*settings, ctx, run_settings_show, "show", "Show the current settings");

    auto [set, options] = add_command(*settings, ctx, run_settings_set, "set",
                                      "Change settings (alerts below " + format_exact(smallest_real_difference_pct) +
                                          "% are refused: measurement noise)");
    set->add_option("--watch-pct", options->watch,
                    help_text(limits::watch_pct, "RVC/WAC watch threshold in % (default 5); allowed"));
    set->add_option("--range-pct", options->range,
                    help_text(limits::range_pct, "RVC/WAC lymphedema-range threshold in % (default 10); allowed"));
    set->add_option(
        "--point-cm", options->point,
        help_text(limits::point_difference_cm, "Point difference between sides in cm (default 2); allowed"));
    set->add_option(
        "--rise-pct", options->rise,
        help_text(limits::rapid_rise_pct, "Rapid rise since the previous session in % (default 5); allowed"));
    set->add_option("--rise-days", options->days,
                    help_text(limits::rapid_rise_days, "Rapid rise window in days (default 7); allowed"));
    set->add_option(
        "--sustained-weeks", options->sustained_weeks,
        help_text(limits::sustained_weeks, "Sustained rise: weeks of sessions judged (default 26); allowed"));
    set->add_option(
        "--sustained-sessions", options->sustained_sessions,
        help_text(limits::sustained_sessions, "Sustained rise: fewest sessions judged (default 5); allowed"));
    set->add_option(
        "--sustained-pct", options->sustained_pct,
        help_text(limits::sustained_pct, "Sustained rise: smallest rise along the line in % (default 2.5); allowed"));
    set->add_option("--check-in-days", options->check_in,
                    help_text(limits::check_in_days,
                              "A client without a schedule is due for a check-in after this many days (default 90); "
                              "allowed"));
    set->add_option("--method", options->method, "Volume method: frustum (default) or disk");
    set->add_option("--clinic-name", options->clinic_name,
                    "The clinic's name, the author its reports name (up to " +
                        std::to_string(static_cast<int>(limits::clinic_name_bytes.hi)) + " bytes; \"\" for none)");
    set->add_option("--plausible-point-cm", options->plausible_cm,
                    help_text(limits::plausible_point_cm,
                              "A point further than this from the previous session is refused unless confirmed, cm "
                              "(default 3); allowed"));
    set->add_option(
        "--plausible-point-pct", options->plausible_pct,
        help_text(limits::plausible_point_pct, "The same as a percentage of the previous value (default 15); allowed"));
    set->add_option("--plausible-volume-pct", options->plausible_volume,
                    help_text(limits::plausible_volume_pct,
                              "A side's volume further than this from the previous session's is refused unless "
                              "confirmed, % (default 15); allowed"));
}

}  // namespace swelltrack::cli
