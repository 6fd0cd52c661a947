// Thin start: prints the figures of a built-in example (the CLI issue replaces this).
#include <cstdio>
#include <iostream>

#include "swelltrack/analysis.h"
#include "swelltrack/error.h"

using namespace swelltrack;

int main() {
    try {
        Client c;
        c.name = "Example client";
        c.affected = Affected::left;
        auto mk = [](const char* at, double grow_mm) {
            Session s;
            s.recorded_at = parse_datetime(at);
            s.protocol = "arm-4cm";
            for (int i = 0; i < 11; ++i) {
                s.right_mm.push_back(160.0 + 12.0 * i);
                s.left_mm.push_back(160.0 + 12.0 * i + grow_mm);
            }
            return s;
        };
        auto h = analyze_history(c, {mk("2025-01-10T09:00+01:00", 0), mk("2025-06-10T09:00+02:00", 12)}, {});
        for (std::size_t i = 0; i < h.sessions.size(); ++i) {
            const auto& f = h.figures[i];
            std::printf("%s  left %.0f mL  right %.0f mL  diff %+.0f mL  excess %+.1f%%  RVC %+.1f%%\n",
                        format_datetime(h.sessions[i].recorded_at).c_str(), *f.left_ml, *f.right_ml, *f.diff_ml,
                        *f.excess_pct, f.rvc_pct.value_or(0.0));
            for (const auto& a : f.alerts) std::printf("  alert %s: %s\n", to_string(a.code).data(), a.message.c_str());
        }
        return 0;
    } catch (const UserError& e) {
        std::cerr << "swelltrack: " << e.what() << "\n";
        return 1;
    }
}
