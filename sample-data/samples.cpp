// The curated sample clients. Numbers are synthetic but clinically plausible
// (docs/data-formats.md#6-sample-data-sample-data).
#include "samples.h"

#include <unistd.h>

#include <cmath>
#include <fstream>
#include <functional>
#include <random>

#include "swelltrack/exchange.h"
#include "swelltrack/store.h"
#include "swelltrack/units.h"

namespace swelltrack::samples {
namespace {

using namespace std::chrono;

// Last Sunday of a month, for the EU and (second Sunday of March / first of November) US rules.
date::sys_days nth_sunday(date::year y, date::month m, int n) {
    date::sys_days first = date::year_month_day{y / m / 1};
    auto wd = date::weekday{first};
    auto to_sunday = (date::Sunday - wd).count();
    return first + date::days{to_sunday + 7 * (n - 1)};
}
date::sys_days last_sunday(date::year y, date::month m) {
    date::sys_days last = date::year_month_day_last{y / m / date::last};
    return last - (date::weekday{last} - date::Sunday);
}

// Local wall-clock time in Berlin or New York with its offset (daylight saving included).
DateTime berlin(date::sys_days day, minutes time_of_day) {
    auto y = date::year_month_day{day}.year();
    bool summer = day >= last_sunday(y, date::March) && day < last_sunday(y, date::October);
    minutes off{summer ? 120 : 60};
    return {date::sys_seconds{day + time_of_day - off}, off};
}
DateTime new_york(date::sys_days day, minutes time_of_day) {
    auto y = date::year_month_day{day}.year();
    bool summer = day >= nth_sunday(y, date::March, 2) && day < nth_sunday(y, date::November, 1);
    minutes off{summer ? -240 : -300};
    return {date::sys_seconds{day + time_of_day - off}, off};
}

// Circumferences (cm) of an unaffected arm at 0, 4, ..., 40 cm from the wrist: about 1.9 L.
const double arm_cm[11] = {16.0, 18.6, 21.9, 24.2, 25.1, 24.8, 25.4, 26.8, 28.1, 29.4, 30.5};
// A leg at 0, 4, ..., 60 cm from the ankle.
const double leg_cm[16] = {25.0, 24.2, 27.5, 32.0, 36.5, 39.0, 38.2, 36.0,
                           38.5, 42.0, 45.5, 48.5, 51.5, 54.5, 57.5, 60.0};

class Tape {
   public:
    explicit Tape(unsigned seed) : rng_(seed) {}
    // A home tape reading in cm to 0.1 cm: the true value, volume factor applied, plus noise.
    double cm(double true_cm, double volume_factor, double noise_cm = 0.15) {
        return std::round((true_cm * std::sqrt(volume_factor) + noise_cm * gauss_(rng_)) * 10.0) / 10.0;
    }
    double inches(double true_cm, double volume_factor) {
        return std::round((true_cm * std::sqrt(volume_factor) + 0.15 * gauss_(rng_)) / 2.54 * 10.0) / 10.0;
    }
    double uniform() { return uniform_(rng_); }

   private:
    std::mt19937 rng_;
    std::normal_distribution<double> gauss_{0.0, 1.0};
    std::uniform_real_distribution<double> uniform_{0.0, 1.0};
};

int clamp10(double v) { return static_cast<int>(std::clamp(std::lround(v), 0L, 10L)); }

// A sample client; its year of birth also seeds the noise of its tape.
std::int64_t add_client(Store& store, std::string name, int born, std::string condition, LimbKind limb,
                        Affected affected, date::year_month_day baseline, LengthUnit unit = LengthUnit::cm,
                        std::string notes = {}) {
    Client c;
    c.name = std::move(name);
    c.birth_year = born;
    c.condition = std::move(condition);
    c.limb = limb;
    c.affected = affected;
    c.baseline_date = baseline;
    c.unit = unit;
    c.notes = std::move(notes);
    return store.add_client(c);
}

// A session with `points` values a side; `left_right_mm(i)` reads point i of both sides (in the
// order the client's tape is read, which fixes the noise each value gets).
Session measured(std::int64_t client_id, DateTime at, const char* protocol, int points,
                 const std::function<std::pair<double, double>(int)>& left_right_mm) {
    Session s;
    s.client_id = client_id;
    s.recorded_at = at;
    s.protocol = protocol;
    for (int i = 0; i < points; ++i) {
        auto [left, right] = left_right_mm(i);
        s.left_mm.push_back(left);
        s.right_mm.push_back(right);
    }
    return s;
}

double from_cm(double cm) { return canonical_mm(cm * mm_per_cm); }
double from_in(double in) { return canonical_mm(in * mm_per_inch); }

// Maria's relative volume excess of the left arm over its starting state in week `w` (her Sunday
// home sessions): a slow rise, the jump of the cellulitis (weeks 44-46), the day before the
// intensive phase (week 47), bandaged and not measured at home (weeks 48-49), then stable until
// the sleeve wears out (weeks 75-77).
double maria_excess(int w) {
    if (w <= 40) return 0.072 * std::pow(w / 40.0, 1.3);
    if (w <= 43) return 0.073;
    if (w == 44) return 0.128;
    if (w == 45) return 0.136;
    if (w == 46) return 0.121;
    if (w <= 49) return 0.112;
    if (w <= 52) return 0.044 - (w - 50) * 0.001;
    const double worn_sleeve = w >= 75 ? 0.02 * (w - 74) / 3.0 : 0.0;  // six months old, it gives
    return 0.040 + 0.004 * std::sin(w * 0.7) + worn_sleeve;
}

// Maria's intensive phase (CDT): Monday 30 Sept to Friday 18 Oct 2024, treated Monday to Friday.
const auto maria_course_from = date::year{2024} / 9 / 30;
const auto maria_course_to = date::year{2024} / 10 / 18;

// Her excess in the morning of day `d` of the intensive phase, before treatment: falling from the
// 11.2% of the day before towards 4%. A treatment takes a further 1.5% off for the moment.
double maria_course_excess(int d) { return 0.040 + (0.112 - 0.040) * std::exp(-d / 6.0); }
constexpr double maria_treatment_effect = 0.015;

// A week of Maria's cellulitis: red and warm skin (with fever at first), the sleeve left off.
void maria_cellulitis(Session& s, int w) {
    s.skin.set(SkinFlag::redness);
    s.skin.set(SkinFlag::warmth);
    if (w == 44) s.skin.set(SkinFlag::fever);
    s.skin_note = w == 44 ? "Forearm red, hot and shiny since yesterday; red streak towards the elbow"
                          : "Redness fading, still warm on the inner forearm";
    s.compression = {CompressionKind::none, std::nullopt, std::nullopt, std::nullopt, true};
}

// A day `d` of Maria's intensive phase at the clinic: measured with the bandage off before MLD and
// again after it, then bandaged; examined before.
void maria_clinic_day(Store& store, std::int64_t id, Tape& tape, int d) {
    const auto day = date::sys_days{maria_course_from} + date::days{d};
    for (bool after : {false, true}) {
        const double r = maria_course_excess(d) - (after ? maria_treatment_effect : 0.0);
        auto s = measured(id, berlin(day, hours{after ? 10 : 9} + minutes{(d * 7) % 15}), "arm-4cm", 11, [&](int i) {
            double right = from_cm(tape.cm(arm_cm[i], 1.0, 0.1));
            return std::pair{from_cm(tape.cm(arm_cm[i] * 1.012, 1.0 + r, 0.1)), right};
        });
        s.recorded_by = "Th. Brandt (lymphedema clinic)";
        s.context = after ? SessionContext::after_treatment : SessionContext::before_treatment;
        s.treatment = {45, true, true};
        s.compression = {CompressionKind::bandage, std::nullopt, std::nullopt, std::nullopt, true};
        s.symptoms.heaviness = clamp10(r * 40);
        if (!after) {
            s.symptoms.pitting_grade = d < 7 ? 1 : 0;
            s.symptoms.stemmer = StemmerSign::negative;
            s.symptoms.isl_stage = 1;
        }
        if (d == 0 && !after) s.notes = "Start of the intensive phase: MLD, multilayer bandaging, exercises";
        store.record_session(s);
    }
}

// Maria's intensive phase as a course, her daily clinic sessions in it, and the maintenance that
// follows it (the sleeve by day, self-care at home), still running.
void maria_courses(Store& store, std::int64_t id) {
    Course intensive;
    intensive.client_id = id;
    intensive.kind = CourseKind::cdt_intensive;
    intensive.from = maria_course_from;
    intensive.to = maria_course_to;
    intensive.note = "Daily MLD (45 min), multilayer bandaging and exercises, Monday to Friday for three weeks";
    store.add_course(intensive);
    Tape clinic(1969);  // the therapist's tape
    for (int d = 0; d <= 18; ++d)
        if (d % 7 < 5) maria_clinic_day(store, id, clinic, d);
    Course maintenance;
    maintenance.client_id = id;
    maintenance.kind = CourseKind::maintenance;
    maintenance.from = date::year{2024} / 10 / 21;
    maintenance.note = "Flat-knit sleeve class II by day, self-massage and exercises at home";
    store.add_course(maintenance);
}

// Maria's note in week `w`, if she wrote one.
void maria_note(Session& s, int w) {
    if (w == 10) s.notes = "Flight to Lisbon on Friday, wore the sleeve and a glove";
    if (w == 30) s.notes = "Gardening all weekend, arm felt heavy in the evening";
    if (w == 44) s.notes = "Fever 38.4 °C. GP: cellulitis, started antibiotics (7 days)";
    if (w == 45) s.notes = "Antibiotics day 6, feeling better";
    if (w == 47) s.notes = "Intensive phase starts tomorrow: daily MLD, bandaging and exercises for three weeks";
    if (w == 50) s.notes = "Bandages off; bandaging myself at night until the new sleeve is ready";
    if (w == 75) s.notes = "Sleeve feels looser at the elbow, it is six months old";
    if (w == 53) s.notes = "New flat-knit sleeve, class II, measured and fitted, \"much more comfortable\"";
}

// Maria Keller: left arm lymphedema after breast-cancer surgery (left mastectomy and axillary
// dissection, Sept 2023). 18 months of weekly home logs: a slow rise to ~7%, cellulitis with
// redness and warmth and a jump above 10%, three weeks of intensive therapy (daily MLD + bandaging,
// measured at the clinic before and after each treatment), then maintenance, stable at ~4% in a
// class 2 flat-knit sleeve until it wears out and the arm rises again (watch).
void maria(Store& store) {
    auto id = add_client(store, "Maria Keller", 1968,
                         "breast-cancer-related lymphedema (left mastectomy and axillary dissection)", LimbKind::arm,
                         Affected::left, date::year{2023} / 9 / 12, LengthUnit::cm,
                         "Right-handed. Home measurements on Sunday mornings before breakfast.");
    Tape tape(1968);
    auto first = date::sys_days{date::year{2023} / 11 / 5};
    for (int w = 0; w < 78; ++w) {
        const double r = maria_excess(w);
        const bool infection = w >= 44 && w <= 46;
        const bool bandaged = w == 48 || w == 49;  // the arm is under bandages on Sundays
        auto s = measured(id, berlin(first + date::days{7 * w}, hours{8} + minutes{(w * 13) % 25}), "arm-4cm", 11,
                          [&](int i) {
                              double right = from_cm(tape.cm(arm_cm[i], 1.0));
                              return std::pair{from_cm(tape.cm(arm_cm[i] * 1.012, 1.0 + r)), right};
                          });
        if (w == 31) s.left_mm[6].reset();  // tape slipped at the elbow
        s.symptoms.heaviness = clamp10(1 + r * 45 + (infection ? 2 : 0));
        s.symptoms.tightness = clamp10(r * 40 + (infection ? 2 : 0));
        s.symptoms.pain = infection ? 5 - (w - 44) : (w % 9 == 0 ? 1 : 0);
        s.symptoms.swelling = clamp10(r * 50);
        s.compression = {CompressionKind::garment, w < 20 ? 1 : 2, std::nullopt, std::nullopt, true};
        if (w % 4 == 0) s.weight_kg = std::round((67.5 + 0.02 * w + 0.6 * std::sin(w / 9.0)) * 10) / 10;
        if (w >= 8 && w <= 14 && w % 3 == 0) s.skin.set(SkinFlag::dryness);
        if (infection) maria_cellulitis(s, w);
        if (w >= 50 && w <= 52)
            s.compression = {CompressionKind::bandage, std::nullopt, std::nullopt, std::nullopt, true};
        maria_note(s, w);
        if (!bandaged) store.record_session(s);  // measured all the same, so later weeks keep their noise
    }
    maria_courses(store, id);
}

// Jonas Weber: primary lymphedema of both legs, fortnightly therapist sessions with body weight
// (weight-adjusted change is the main figure when both sides are affected).
void jonas(Store& store) {
    auto id = add_client(store, "Jonas Weber", 1979, "primary lymphedema, both legs", LimbKind::leg, Affected::both,
                         date::year{2024} / 3 / 5);
    Tape tape(1979);
    auto first = date::sys_days{date::year{2024} / 3 / 5};
    for (int k = 0; k < 26; ++k) {
        double t = k / 25.0;
        auto s = measured(id, berlin(first + date::days{14 * k}, hours{17} + minutes{30}), "leg-4cm", 16, [&](int i) {
            double left = from_cm(tape.cm(leg_cm[i], 1.14 - 0.07 * t, 0.25));
            return std::pair{left, from_cm(tape.cm(leg_cm[i] * 0.985, 1.09 - 0.04 * t, 0.25))};
        });
        s.recorded_by = "Th. Brandt (lymphedema clinic)";
        s.context = SessionContext::before_treatment;
        s.weight_kg = std::round((94.2 - 4.5 * t + 0.4 * std::sin(k)) * 10) / 10;
        s.treatment = {60, k < 8, true};
        s.compression = k < 8 ? Compression{CompressionKind::bandage, std::nullopt, std::nullopt, std::nullopt, true}
                              : Compression{CompressionKind::garment, 3, std::nullopt, std::nullopt, true};
        s.symptoms.heaviness = clamp10(6 - 4 * t);
        s.symptoms.tightness = clamp10(5 - 3 * t);
        s.symptoms.pitting_grade = k < 10 ? 2 : 1;
        s.symptoms.pitting_depth_mm = k < 10 ? 4.0 : 2.0;
        s.symptoms.pitting_rebound_s = k < 10 ? 20.0 : 8.0;
        s.symptoms.stemmer = StemmerSign::positive;
        s.symptoms.isl_stage = 2;
        s.skin.set(SkinFlag::fibrosis);
        if (k == 0) s.notes = "Start of decongestive therapy; flat-knit tights class III on order";
        if (k == 8) s.notes = "Tights fitted, bandaging stopped";
        if (k == 17) s.skin.set(SkinFlag::dryness), s.skin_note = "Dry skin on both shins, emollient advised";
        store.record_session(s);
    }
}

// Dorothy Evans: right arm, measures in inches at home in New York; mild, stable.
void dorothy(Store& store) {
    auto id = add_client(store, "Dorothy Evans", 1955,
                         "breast-cancer-related lymphedema (right lumpectomy, sentinel node biopsy, radiation)",
                         LimbKind::arm, Affected::right, date::year{2022} / 4 / 19, LengthUnit::in);
    Tape tape(1955);
    auto first = date::sys_days{date::year{2024} / 9 / 7};
    for (int w = 0; w < 26; ++w) {
        double r = 0.01 + 0.015 * std::sin(w / 5.0);
        auto s = measured(id, new_york(first + date::days{7 * w}, hours{9} + minutes{15}), "arm-4cm", 11, [&](int i) {
            double left = from_in(tape.inches(arm_cm[i] * 0.97, 1.0));
            return std::pair{left, from_in(tape.inches(arm_cm[i] * 0.99, 1.0 + r))};
        });
        s.compression = {CompressionKind::garment, std::nullopt, 20, 30, true};
        s.symptoms.heaviness = clamp10(1 + r * 40);
        if (w == 12) s.notes = "Thanksgiving week, lots of cooking; sleeve on all day";
        store.record_session(s);
    }
}

// 王芳 (Wang Fang): right arm, every three days, evenings in Shanghai; notes in Chinese.
void wang(Store& store) {
    auto id = add_client(store, "王芳", 1972, "乳腺癌术后淋巴水肿 (breast-cancer-related lymphedema)", LimbKind::arm,
                         Affected::right, date::year{2024} / 6 / 20);
    Tape tape(1972);
    auto first = date::sys_days{date::year{2024} / 10 / 1};
    for (int k = 0; k < 30; ++k) {
        minutes off{480};
        double r = 0.02 + 0.01 * (k / 29.0);
        DateTime at{date::sys_seconds{first + date::days{3 * k} + hours{21} - off}, off};
        auto s = measured(id, at, "arm-4cm", 11, [&](int i) {
            double left = from_cm(tape.cm(arm_cm[i] * 0.93, 1.0));
            return std::pair{left, from_cm(tape.cm(arm_cm[i] * 0.95, 1.0 + r))};
        });
        if (k % 10 == 4) s.right_mm[9].reset();
        s.symptoms.heaviness = clamp10(2 + r * 30);
        s.compression = {CompressionKind::garment, 1, std::nullopt, std::nullopt, true};
        if (k == 3) s.notes = "今天手臂感觉沉重";
        if (k == 12) s.notes = "做了淋巴引流按摩，感觉轻松多了";
        store.record_session(s);
    }
}

}  // namespace

void write_samples(const std::filesystem::path& dir) {
    std::filesystem::create_directories(dir);
    auto db = dir / (".samples-" + std::to_string(::getpid()) + ".db");
    {
        Store store(db);
        maria(store);
        jonas(store);
        dorothy(store);
        wang(store);
        auto clients = store.list_clients(true);
        std::ofstream c(dir / "clients.csv", std::ios::binary), m(dir / "measurements.csv", std::ios::binary),
            s(dir / "sessions.csv", std::ios::binary), j(dir / "sessions.json", std::ios::binary);
        export_clients_csv(clients, c);
        export_measurements_csv(store, clients, m);
        export_clients(store, clients, ExportFormat::csv, s);
        export_clients(store, clients, ExportFormat::json, j);
    }
    for (auto suffix : {"", "-wal", "-shm"}) std::filesystem::remove(db.string() + suffix);
}

}  // namespace swelltrack::samples
