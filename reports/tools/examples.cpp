#include "examples.h"

#include <cmath>
#include <random>

namespace swelltrack::examples {
namespace {

using namespace std::chrono;

// An arm's circumferences (mm) at arm-4cm points, wrist 16 cm to upper arm ~28 cm; `swell` is a
// fractional increase, larger on the forearm as lymphedema usually is.
PointValues arm_mm(double scale, double swell, std::mt19937& rng, double noise_mm = 2.0) {
    static const double base_cm[] = {16.0, 17.2, 19.5, 22.5, 24.6, 25.3, 25.0, 25.6, 26.6, 27.6, 28.4};
    std::normal_distribution<double> n(0.0, noise_mm);
    PointValues out;
    for (int k = 0; k < 11; ++k) {
        double forearm = k <= 6 ? 1.0 : 0.6;
        out.push_back(std::round((base_cm[k] * 10.0 * scale * (1.0 + swell * forearm) + n(rng)) * 10.0) / 10.0);
    }
    return out;
}

PointValues leg_mm(double scale, double swell, std::mt19937& rng) {
    std::normal_distribution<double> n(0.0, 2.5);
    PointValues out;
    for (int k = 0; k < 16; ++k) {
        double cm = 22.0 + 14.0 * std::sin(std::min(1.0, k / 9.0) * 1.4) + (k > 9 ? (k - 9) * 2.2 : 0.0);
        out.push_back(std::round((cm * 10.0 * scale * (1.0 + swell) + n(rng)) * 10.0) / 10.0);
    }
    return out;
}

DateTime at_day(date::sys_days day, int hour, int minute = 0) {
    DateTime t;
    t.offset = minutes{60};
    t.utc = date::sys_seconds{day} + hours{hour} + minutes{minute} - t.offset;
    return t;
}

Client make_client(const std::string& name, LimbKind limb, Affected affected) {
    Client c;
    c.id = 1;
    c.name = name;
    c.limb = limb;
    c.affected = affected;
    return c;
}

}  // namespace

History arm_client(const std::string& name) {
    std::mt19937 rng(7);
    Client c = make_client(name, LimbKind::arm, Affected::left);
    c.birth_year = 1961;
    c.condition = "breast-cancer-related lymphedema";
    c.baseline_date = date::year{2024} / 1 / 5;
    std::vector<Session> sessions;
    date::sys_days start = date::year{2024} / 1 / 8;
    std::normal_distribution<double> w(0.0, 0.3);
    for (int week = 0; week < 78; ++week) {
        Session s;
        s.recorded_at = at_day(start + date::days{7 * week}, 8, 30);
        s.protocol = "arm-4cm";
        double swell = 0.012 * week / 40.0;                                    // a slow rise, ~1.2% over 40 weeks
        if (week >= 42 && week < 46) swell += 0.06 - 0.01 * (week - 42);       // cellulitis, then settling
        if (week >= 46) swell = std::max(0.01, swell - 0.0005 * (week - 46));  // recovery with treatment
        s.left_mm = arm_mm(1.0, 0.01 + swell, rng);
        s.right_mm = arm_mm(1.0, 0.0, rng);
        if (week == 20) s.left_mm[3] = std::nullopt;  // tape slipped
        s.weight_kg = std::round((68.0 + week * 0.02 + w(rng)) * 10.0) / 10.0;
        if (week % 2 == 0) {
            s.symptoms.heaviness = std::min(10, 2 + week / 30 + (week >= 42 && week < 46 ? 4 : 0));
            s.symptoms.tightness = std::min(10, 1 + week / 25 + (week >= 42 && week < 46 ? 3 : 0));
            s.symptoms.pain = week >= 42 && week < 46 ? 5 : 1;
            s.symptoms.swelling = std::min(10, 2 + week / 20 + (week >= 42 && week < 46 ? 5 : 0));
        }
        if (week == 42) {
            s.skin.set(SkinFlag::redness);
            s.skin.set(SkinFlag::warmth);
            s.skin_note = "Red, warm patch on the inner forearm, about 6 cm across";
            s.notes = "Felt feverish last night. Called the GP, started antibiotics (cellulitis suspected).";
        }
        if (week == 43) s.skin.set(SkinFlag::redness), s.notes = "Redness fading, arm still heavy.";
        if (week == 30) s.skin.set(SkinFlag::dryness), s.skin_note = "Dry skin at the elbow crease";
        if (week == 10) s.notes = "Started wearing a class II sleeve during the day.";
        if (week == 50)
            s.notes =
                "Back to the usual routine after the infection. Manual lymphatic drainage twice a week for four "
                "weeks, then weekly; bandaging at night for two weeks. The therapist says the forearm is softer "
                "and the sleeve fits again. We agreed to re-measure at the same time of day, before the morning "
                "shower, with the same tape, to keep the numbers comparable from week to week.";
        sessions.push_back(std::move(s));
    }
    return analyze_history(c, std::move(sessions), {});
}

History bilateral_legs_client(const std::string& name) {
    std::mt19937 rng(11);
    Client c = make_client(name, LimbKind::leg, Affected::both);
    c.condition = "primary lymphedema, both legs";
    std::vector<Session> sessions;
    date::sys_days start = date::year{2024} / 3 / 4;
    for (int k = 0; k < 26; ++k) {
        Session s;
        s.recorded_at = at_day(start + date::days{14 * k}, 17, 15);
        s.protocol = "leg-4cm";
        s.left_mm = leg_mm(1.04, 0.002 * k, rng);
        s.right_mm = leg_mm(1.0, 0.0035 * k, rng);
        if (k == 7) s.right_mm[12] = std::nullopt;
        s.weight_kg = std::round((82.0 - 0.15 * k) * 10.0) / 10.0;
        s.symptoms.heaviness = 3 + k / 8;
        s.symptoms.swelling = 3 + k / 6;
        if (k == 12) s.skin.set(SkinFlag::fibrosis), s.skin_note = "Hardening above both ankles";
        sessions.push_back(std::move(s));
    }
    return analyze_history(c, std::move(sessions), {});
}

History daily_client(int years, const std::string& name) {
    std::mt19937 rng(3);
    Client c = make_client(name, LimbKind::arm, Affected::right);
    std::vector<Session> sessions;
    date::sys_days start = date::year{2021} / 1 / 4;
    int days = 365 * years + years / 4;
    sessions.reserve(static_cast<std::size_t>(days));
    std::uniform_int_distribution<int> skip(0, 40);
    for (int d = 0; d < days; ++d) {
        if (skip(rng) == 0) continue;  // a missed day now and then
        Session s;
        s.recorded_at = at_day(start + date::days{d}, 7, 45);
        s.protocol = "arm-4cm";
        double t = d / 365.0;
        double swell = 0.015 * t + 0.01 * std::sin(t * 6.283);  // slow rise with a summer swell
        s.right_mm = arm_mm(1.0, swell, rng, 2.5);
        s.left_mm = arm_mm(1.0, 0.0, rng, 2.5);
        if (d % 97 == 5) s.right_mm[8] = std::nullopt;
        if (d % 7 == 0) s.symptoms.heaviness = 2 + static_cast<int>(t);
        if (d % 120 == 60) s.notes = "Long flight; wore the sleeve throughout.";
        sessions.push_back(std::move(s));
    }
    return analyze_history(c, std::move(sessions), {});
}

std::vector<ClientStatus> clinic(int count) {
    std::mt19937 rng(5);
    std::uniform_real_distribution<double> change(-0.01, 0.16);
    std::vector<ClientStatus> out;
    out.reserve(static_cast<std::size_t>(count));
    static const char* first[] = {"Anna", "Ben", "Chloé", "David", "Emma", "Farid", "Greta", "Hugo", "Ines", "Jonas"};
    static const char* last[] = {"Berg", "Costa", "Dubois", "Evans", "Fischer", "García", "Hansen", "Ito", "Jensen"};
    for (int i = 0; i < count; ++i) {
        bool both = i % 9 == 4;
        Client c = make_client(std::string(first[i % 10]) + " " + last[(i / 10) % 9] + " " + std::to_string(i + 1),
                               i % 3 == 0 ? LimbKind::leg : LimbKind::arm,
                               both    ? Affected::both
                               : i % 2 ? Affected::left
                                       : Affected::right);
        c.id = i + 1;
        std::vector<Session> sessions;
        date::sys_days start = date::sys_days{date::year{2024} / 1 / 1} + date::days{i % 30};
        double rise = change(rng);
        for (int k = 0; k < 3; ++k) {
            Session s;
            s.recorded_at = at_day(start + date::days{k == 2 ? 400 : k * 200}, 9);
            bool leg = c.limb == LimbKind::leg;
            s.protocol = leg ? "leg-4cm" : "arm-4cm";
            double grow = rise * k / 2.0;
            bool left_affected = c.affected != Affected::right;
            double left_swell = left_affected ? grow : 0.0, right_swell = left_affected && !both ? 0.0 : grow;
            s.left_mm = leg ? leg_mm(1.0, left_swell, rng) : arm_mm(1.0, left_swell, rng);
            s.right_mm = leg ? leg_mm(1.0, right_swell, rng) : arm_mm(1.0, right_swell, rng);
            s.weight_kg = 70.0;
            if (k == 2 && i % 37 == 0) s.skin.set(SkinFlag::redness), s.skin.set(SkinFlag::warmth);
            sessions.push_back(std::move(s));
        }
        auto h = analyze_history(c, std::move(sessions), {});
        // As if the summary were printed the day after each client's last session.
        auto now = h.sessions.back().recorded_at.utc + date::days{1};
        out.push_back(summarize(h, now));
    }
    sort_worst_first(out);
    return out;
}

}  // namespace swelltrack::examples
