#include "format.h"

#include <cstdio>

namespace swelltrack::pdf {

namespace {
std::string printf_double(const char* format, double v) {
    char buf[48];
    std::snprintf(buf, sizeof buf, format, v);
    return buf;
}
}  // namespace

std::string fmt_ml(std::optional<double> ml) { return ml ? printf_double("%.0f mL", *ml) : dash; }
std::string fmt_ml_bare(std::optional<double> ml) { return ml ? printf_double("%.0f", *ml) : dash; }
std::string fmt_diff_ml(std::optional<double> ml) { return ml ? printf_double("%+.0f mL", *ml) : dash; }
std::string fmt_diff_bare(std::optional<double> ml) { return ml ? printf_double("%+.0f", *ml) : dash; }
std::string fmt_pct(std::optional<double> pct) { return pct ? printf_double("%+.1f%%", *pct) : dash; }

std::string fmt_date(const DateTime& t) { return format_date(t.local_date()); }

std::string fmt_date_time(const DateTime& t) {
    // snprintf rather than date::format: the session table formats thousands of these.
    auto local = t.local();
    auto day = date::floor<date::days>(local);
    date::year_month_day ymd{day};
    auto minutes = std::chrono::duration_cast<std::chrono::minutes>(local - day).count();
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u %02d:%02d", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()), static_cast<int>(minutes / 60),
                  static_cast<int>(minutes % 60));
    return buf;
}

std::string fmt_wac(const SessionFigures& f) {
    if (f.wac_pct.empty()) return dash;
    std::string out;
    for (auto [side, v] : f.wac_pct) {
        if (!out.empty()) out += ", ";
        out += std::string(to_string(side)) + " " + fmt_pct(v);
    }
    return out;
}

std::string alert_codes(const SessionFigures& f) {
    std::string out;
    for (const auto& a : f.alerts) {
        if (!out.empty()) out += ' ';
        out += to_string(a.code);
    }
    return out;
}

int worst_rank(const SessionFigures& f) {
    int rank = 0;
    for (const auto& a : f.alerts) rank = std::max(rank, severity_rank(a.code));
    return rank;
}

double chart_day(const DateTime& t) { return static_cast<double>(t.local().time_since_epoch().count()) / 86400.0; }

std::string limb_name(Side side, LimbKind limb) {
    std::string s = side == Side::left ? "Left " : "Right ";
    return s + std::string(to_string(limb));
}

std::string affected_text(const Client& c) {
    if (c.bilateral()) return "both " + std::string(to_string(c.limb)) + "s affected";
    return std::string(to_string(*c.affected_side())) + " " + std::string(to_string(c.limb)) + " affected";
}

bool in_range(const Session& s, const ReportOptions& o) {
    auto d = s.recorded_at.local_date();
    return (!o.from || d >= *o.from) && (!o.to || d <= *o.to);
}

}  // namespace swelltrack::pdf
