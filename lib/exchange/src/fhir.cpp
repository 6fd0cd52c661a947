// FHIR R4 export (docs/fhir.md): one Bundle of type "collection" with a Patient per client, a
// Condition when the client's record names lymphedema, and Observations for every measured
// circumference, body weight, symptom score and finding, and the derived volumes, % excess, RVC
// and WAC with derivedFrom pointing at what they were computed from, and a Procedure per treatment
// course with its figures as Observations. Codes: SNOMED CT and LOINC
// where a standard code exists, else swelltrack's own code system (fhir_codes below).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <ostream>
#include <random>

#include "swelltrack/attention.h"
#include "swelltrack/base64.h"
#include "swelltrack/course.h"
#include "swelltrack/course_words.h"
#include "swelltrack/datetime.h"
#include "swelltrack/detail/text.h"
#include "swelltrack/display.h"
#include "swelltrack/exchange.h"
#include "swelltrack/status.h"
#include "swelltrack/units.h"

namespace swelltrack {
namespace {

using Json = nlohmann::ordered_json;

constexpr const char* snomed = "http://snomed.info/sct";
constexpr const char* loinc = "http://loinc.org";
constexpr const char* ucum = "http://unitsofmeasure.org";
constexpr const char* categories = "http://terminology.hl7.org/CodeSystem/observation-category";

Json coding(const char* system, std::string_view code, std::string_view display) {
    return Json{{"system", system}, {"code", std::string(code)}, {"display", std::string(display)}};
}
Json concept_of(Json c, std::string text = {}) {
    Json out{{"coding", Json::array({std::move(c)})}};
    if (!text.empty()) out["text"] = std::move(text);
    return out;
}
Json local(std::string_view code) {
    for (const auto& c : fhir_codes)
        if (c.code == code) return coding(fhir_code_system, c.code, c.display);
    return coding(fhir_code_system, code, code);  // unreachable: every code used is in the table
}
Json category(const char* code, const char* display) {
    return Json::array({concept_of(coding(categories, code, display))});
}
Json quantity(double value, const char* unit) {
    return Json{{"value", value}, {"unit", unit}, {"system", ucum}, {"code", unit}};
}
// Volumes as history prints them, to 0.1 mL (percentages: display::pct_value).
double rounded(double v, int decimals) {
    const double f = std::pow(10.0, decimals);
    return std::round(v * f) / f;
}
// A stored circumference (whole micrometres) in cm, as the nearest double to its exact decimal.
double cm(double mm) { return static_cast<double>(std::llround(mm * 1000.0)) / 10000.0; }

// SNOMED CT body structures of each limb with its laterality (pre-coordinated).
Json limb_site(Side side, LimbKind limb) {
    const bool left = side == Side::left;
    if (limb == LimbKind::arm)
        return concept_of(left ? coding(snomed, "80768000", "Structure of left upper limb")
                               : coding(snomed, "6921000", "Structure of right upper limb"),
                          std::string(to_string(side)) + " arm");
    return concept_of(left ? coding(snomed, "32153003", "Structure of left lower limb")
                           : coding(snomed, "62175007", "Structure of right lower limb"),
                      std::string(to_string(side)) + " leg");
}

/// Name-based identifiers: the same thing gets the same urn:uuid within one export (references
/// need that), a fresh salt per export keeps them unlinkable across exports and databases. Two
/// 64-bit FNV-1a hashes of salt + key make the 128 bits, marked version 8 (custom), RFC 9562.
class Ids {
   public:
    Ids() {
        std::random_device rd;
        salt_ = std::to_string(rd()) + "-" + std::to_string(rd()) + "-" + std::to_string(rd()) + "/";
    }
    std::string operator()(const std::string& key) const {
        auto h1 = fnv(salt_ + key, 0xcbf29ce484222325ull), h2 = fnv(key + "#" + salt_, 0x84222325cbf29ce4ull);
        h1 = (h1 & ~0xF000ull) | 0x8000ull;                         // version 8
        h2 = (h2 & 0x3FFFFFFFFFFFFFFFull) | 0x8000000000000000ull;  // variant 10
        char buf[48];
        std::snprintf(buf, sizeof buf, "urn:uuid:%08llx-%04llx-%04llx-%04llx-%012llx",
                      static_cast<unsigned long long>(h1 >> 32), static_cast<unsigned long long>((h1 >> 16) & 0xFFFF),
                      static_cast<unsigned long long>(h1 & 0xFFFF), static_cast<unsigned long long>(h2 >> 48),
                      static_cast<unsigned long long>(h2 & 0xFFFFFFFFFFFFull));
        return buf;
    }

   private:
    static std::uint64_t fnv(const std::string& s, std::uint64_t h) {
        for (unsigned char c : s) h = (h ^ c) * 0x100000001b3ull;
        return h;
    }
    std::string salt_;
};

class BundleWriter {
   public:
    BundleWriter(const Store& store, const FhirOptions& options) : store_(store), options_(options) {}

    void client(const Client& c) {
        const auto patient = ids_("client/" + std::to_string(c.id));
        Json p{{"resourceType", "Patient"}};
        if (options_.pseudonymous)
            p["identifier"] = Json::array(
                {Json{{"system", std::string(fhir_code_system) + ":client"}, {"value", std::to_string(c.id)}}});
        else
            p["name"] = Json::array({Json{{"text", c.name}}});
        if (c.birth_year) p["birthDate"] = std::to_string(*c.birth_year);
        add(patient, std::move(p));
        if (names_lymphedema(c.condition)) condition(c, patient);
        auto h = store_.load_analyzed(c);
        std::vector<std::map<Side, std::string>> volumes(h.sessions.size());
        std::vector<std::string> weights(h.sessions.size());
        for (std::size_t i = 0; i < h.sessions.size(); ++i) session(h, i, patient, volumes, weights);
        flags(c, summarize(h, now_.utc), patient);
        const std::string reason =
            names_lymphedema(c.condition) ? ids_("client/" + std::to_string(c.id) + "/condition") : std::string();
        for (const auto& course : store_.courses(c.id))
            treatment_course(h, course_figures(h, course, now_.local_date()), patient, reason, {volumes, weights});
        // A photo can name a person (a tattoo, a scar): a pseudonymous export has none.
        if (!options_.pseudonymous)
            for (const auto& photo : store_.photos(c.id)) media(h, photo, patient, volumes);
    }

    Json bundle() && {
        return Json{{"resourceType", "Bundle"},
                    {"type", "collection"},
                    {"timestamp", format_datetime(now_)},
                    {"entry", std::move(entries_)}};
    }

   private:
    static bool names_lymphedema(const std::string& condition) {
        auto t = detail::lower(condition);
        return t.find("lymphedema") != std::string::npos || t.find("lymphoedema") != std::string::npos;
    }

    void add(const std::string& full_url, Json resource) {
        entries_.push_back(Json{{"fullUrl", full_url}, {"resource", std::move(resource)}});
    }

    // What `status` says needs attention now: a Flag per alert, its code swelltrack's alert code
    // and its text the alert's sentence (which names the session it comes from).
    void flags(const Client& c, const ClientStatus& st, const std::string& patient) {
        for (std::size_t k = 0; k < st.alerts.size(); ++k) {
            const auto& a = st.alerts[k];
            const std::string code(to_string(a.code));
            Json flag{{"resourceType", "Flag"},
                      {"status", "active"},
                      {"category", Json::array({concept_of(coding("http://terminology.hl7.org/CodeSystem/flag-category",
                                                                  "clinical", "Clinical"))})},
                      {"code", concept_of(coding(fhir_alert_system, code,
                                                 "swelltrack alert " + code + " (" +
                                                     std::string(display::attention(attention_of(a.code)).word) + ")"),
                                          a.message)},
                      {"subject", {{"reference", patient}}}};
            add(ids_("client/" + std::to_string(c.id) + "/alert/" + code + "/" + std::to_string(k)), std::move(flag));
        }
    }

    void condition(const Client& c, const std::string& patient) {
        Json sites = Json::array();
        for (Side side : {Side::left, Side::right})
            if (c.bilateral() || c.affected_side() == side) sites.push_back(limb_site(side, c.limb));
        Json r{{"resourceType", "Condition"},
               {"clinicalStatus",
                concept_of(coding("http://terminology.hl7.org/CodeSystem/condition-clinical", "active", "Active"))},
               {"code", concept_of(coding(snomed, "234097001", "Lymphedema"), c.condition)},
               {"bodySite", std::move(sites)},
               {"subject", {{"reference", patient}}}};
        if (c.baseline_date) r["onsetDateTime"] = format_date(*c.baseline_date);
        add(ids_("client/" + std::to_string(c.id) + "/condition"), std::move(r));
    }

    Json observation(const std::string& patient, const Session& s, Json code, Json category_) const {
        return Json{{"resourceType", "Observation"},       {"status", "final"},
                    {"category", std::move(category_)},    {"code", std::move(code)},
                    {"subject", {{"reference", patient}}}, {"effectiveDateTime", format_datetime(s.recorded_at)}};
    }

    // Each resource once, in the order given: the baseline's own RVC and WAC come from the same
    // volumes (and weight) as "now" and "at the baseline".
    static Json refs(const std::vector<std::string>& urls) {
        Json a = Json::array();
        for (std::size_t k = 0; k < urls.size(); ++k)
            if (std::find(urls.begin(), urls.begin() + static_cast<std::ptrdiff_t>(k), urls[k]) ==
                urls.begin() + static_cast<std::ptrdiff_t>(k))
                a.push_back(Json{{"reference", urls[k]}});
        return a;
    }

    // One session's resources: its circumferences, weight and symptoms, and the figures derived
    // from them. `volumes` and `weights` keep every session's resource URLs, for the figures of
    // later sessions that are derived from this one's (its baseline's).
    void session(const History& h, std::size_t i, const std::string& patient,
                 std::vector<std::map<Side, std::string>>& volumes, std::vector<std::string>& weights) {
        const auto& s = h.sessions[i];
        const std::string key = "session/" + std::to_string(s.id);
        auto measured = circumferences(h.client, s, patient, key);
        if (s.weight_kg) {
            auto o = observation(patient, s, concept_of(coding(loinc, "29463-7", "Body weight")),
                                 category("vital-signs", "Vital Signs"));
            o["valueQuantity"] = quantity(*s.weight_kg, "kg");
            weights[i] = ids_(key + "/weight");
            add(weights[i], std::move(o));
        }
        symptoms(s, patient, key);
        derived(h, i, patient, key, measured, volumes, weights);
    }

    // Each circumference as an Observation; their URLs by side.
    std::map<Side, std::vector<std::string>> circumferences(const Client& c, const Session& s,
                                                            const std::string& patient, const std::string& key) {
        const Protocol* p = store_protocol(s.protocol);
        const std::string where(landmark(c.limb));
        std::map<Side, std::vector<std::string>> circumferences;
        for (Side side : {Side::left, Side::right}) {
            const auto& values = s.side_mm(side);
            for (std::size_t k = 0; k < values.size(); ++k) {
                if (!values[k]) continue;
                const double at_cm = p && k < p->positions_cm.size() ? p->positions_cm[k] : static_cast<double>(k);
                auto o = observation(patient, s,
                                     concept_of(local("limb-circumference"),
                                                std::string(to_string(side)) + " " + std::string(to_string(c.limb)) +
                                                    " circumference " + format_exact(at_cm) + " cm from the " + where),
                                     category("exam", "Exam"));
                o["valueQuantity"] = quantity(cm(*values[k]), "cm");
                o["bodySite"] = limb_site(side, c.limb);
                o["component"] = Json::array(
                    {Json{{"code", concept_of(local("distance-from-landmark"))},
                          {"valueQuantity", quantity(at_cm, "cm")}},
                     Json{{"code", concept_of(local("landmark"))}, {"valueString", where}},
                     Json{{"code", concept_of(local("protocol"))}, {"valueString", s.protocol}},
                     Json{{"code", concept_of(local("point-index"))}, {"valueInteger", static_cast<int>(k) + 1}}});
                const auto url = ids_(key + "/" + std::string(to_string(side)) + "/" + std::to_string(k));
                circumferences[side].push_back(url);
                add(url, std::move(o));
            }
        }
        return circumferences;
    }

    // Derived figures: only from complete sides (a partial volume covers less of the limb).
    void derived(const History& h, std::size_t i, const std::string& patient, const std::string& key,
                 std::map<Side, std::vector<std::string>>& circumferences,
                 std::vector<std::map<Side, std::string>>& volumes, const std::vector<std::string>& weights) {
        const auto& s = h.sessions[i];
        const auto& f = h.figures[i];
        const Client& c = h.client;
        const Json method = concept_of(local(h.method == VolumeMethod::frustum ? "frustum-model" : "disk-model"));
        for (Side side : {Side::left, Side::right}) {
            if (!f.complete(side)) continue;
            auto o = observation(patient, s, concept_of(local("limb-volume")), category("exam", "Exam"));
            o["valueQuantity"] = quantity(rounded(*f.volume_ml(side), 1), "mL");
            o["bodySite"] = limb_site(side, c.limb);
            o["method"] = method;
            o["derivedFrom"] = refs(circumferences[side]);
            volumes[i][side] = ids_(key + "/volume/" + std::string(to_string(side)));
            add(volumes[i][side], std::move(o));
        }
        auto both = [&](std::size_t j) {
            return std::vector<std::string>{volumes[j].at(Side::left), volumes[j].at(Side::right)};
        };
        if (f.excess_pct) {
            auto o = observation(patient, s, concept_of(local("limb-volume-excess")), category("exam", "Exam"));
            o["valueQuantity"] = quantity(*display::pct_value(f.excess_pct), "%");
            o["method"] = method;
            o["derivedFrom"] = refs(both(i));
            add(ids_(key + "/excess"), std::move(o));
        }
        const auto* base = h.baseline_of(s.protocol);
        // A change carried on across a change of protocol is derived from the carried one too.
        const std::string carried =
            base && base->carried_from ? "session/" + std::to_string(h.sessions[*base->carried_from].id) : "";
        const auto* carried_figures = carried.empty() ? nullptr : &h.figures[*base->carried_from];
        if (f.rvc_pct && base) {
            auto from = both(i), b = both(base->index);
            from.insert(from.end(), b.begin(), b.end());
            if (carried_figures && carried_figures->rvc_pct) from.push_back(ids_(carried + "/rvc"));
            auto o = observation(patient, s, concept_of(local("relative-volume-change")), category("exam", "Exam"));
            o["valueQuantity"] = quantity(*display::pct_value(f.rvc_pct), "%");
            o["method"] = method;
            o["derivedFrom"] = refs(from);
            add(ids_(key + "/rvc"), std::move(o));
        }
        for (auto [side, wac] : f.wac_pct) {
            if (!base) continue;
            std::vector<std::string> from{volumes[i].at(side), volumes[base->index].at(side), weights[i],
                                          weights[base->index]};
            if (carried_figures && carried_figures->wac_pct.contains(side))
                from.push_back(ids_(carried + "/wac/" + std::string(to_string(side))));
            auto o =
                observation(patient, s, concept_of(local("weight-adjusted-volume-change")), category("exam", "Exam"));
            o["valueQuantity"] = quantity(*display::pct_value(wac), "%");
            o["bodySite"] = limb_site(side, c.limb);
            o["method"] = method;
            o["derivedFrom"] = refs(from);
            add(ids_(key + "/wac/" + std::string(to_string(side))), std::move(o));
        }
    }

    void symptoms(const Session& s, const std::string& patient, const std::string& key) {
        const auto& y = s.symptoms;
        auto score = [&](const std::optional<int>& v, Json code, const char* name) {
            if (!v) return;
            auto o = observation(patient, s, std::move(code), category("survey", "Survey"));
            o["valueInteger"] = *v;
            add(ids_(key + "/" + name), std::move(o));
        };
        score(y.heaviness, concept_of(local("heaviness")), "heaviness");
        score(y.tightness, concept_of(local("tightness")), "tightness");
        score(y.swelling, concept_of(local("swelling-felt")), "swelling");
        score(y.pain,
              concept_of(coding(loinc, "72514-3", "Pain severity - 0-10 verbal numeric rating [Score] - Reported")),
              "pain");
        if (y.pitting_grade) {
            auto o = observation(patient, s, concept_of(local("pitting-grade")), category("exam", "Exam"));
            o["valueInteger"] = *y.pitting_grade;
            Json parts = Json::array();
            if (y.pitting_depth_mm)
                parts.push_back(Json{{"code", concept_of(local("pitting-depth"))},
                                     {"valueQuantity", quantity(*y.pitting_depth_mm, "mm")}});
            if (y.pitting_rebound_s)
                parts.push_back(Json{{"code", concept_of(local("pitting-rebound"))},
                                     {"valueQuantity", quantity(*y.pitting_rebound_s, "s")}});
            if (!parts.empty()) o["component"] = std::move(parts);
            add(ids_(key + "/pitting"), std::move(o));
        }
        if (y.stemmer != StemmerSign::not_checked) {
            auto o = observation(patient, s, concept_of(local("stemmer-sign")), category("exam", "Exam"));
            o["valueCodeableConcept"] =
                concept_of(local(y.stemmer == StemmerSign::positive ? "stemmer-positive" : "stemmer-negative"));
            add(ids_(key + "/stemmer"), std::move(o));
        }
        if (y.isl_stage) {
            auto o = observation(patient, s, concept_of(local("isl-stage")), category("exam", "Exam"));
            o["valueInteger"] = *y.isl_stage;
            add(ids_(key + "/isl"), std::move(o));
        }
    }

    // Every session's volume and weight Observations (URLs; empty where there is none).
    struct Sources {
        const std::vector<std::map<Side, std::string>>& volumes;
        const std::vector<std::string>& weights;
        // What the excess of `side` in session i is computed from (course.h): both volumes (one side
        // affected), or the side's volume and weight now and at its protocol's baseline (both).
        std::vector<std::string> of_excess(const History& h, std::size_t i, Side side) const {
            std::vector<std::string> out;
            auto volume = [&](std::size_t j, Side s) {
                if (auto it = volumes[j].find(s); it != volumes[j].end()) out.push_back(it->second);
            };
            if (!h.client.bilateral()) {
                volume(i, Side::left), volume(i, Side::right);
                return out;
            }
            volume(i, side);
            if (const auto* base = h.baseline_of(h.sessions[i].protocol)) {
                volume(base->index, side);
                if (!weights[i].empty() && !weights[base->index].empty()) {  // scaled only by both (course.h)
                    out.push_back(weights[i]);
                    out.push_back(weights[base->index]);
                }
            }
            return out;
        }
    };

    // A photo of the skin (docs/fhir.md#photos): a Media, its JPEG as stored (no metadata), the site
    // as she named it, partOf the volumes of the session it was taken with.
    void media(const History& h, const Photo& p, const std::string& patient,
               const std::vector<std::map<Side, std::string>>& volumes) {
        const auto jpeg = store_.photo_image(p.id);
        Json m{{"resourceType", "Media"},
               {"status", "completed"},
               {"type", concept_of(coding("http://terminology.hl7.org/CodeSystem/media-type", "image", "Image"))},
               {"subject", {{"reference", patient}}},
               {"createdDateTime", format_datetime(p.taken_at)},
               {"bodySite", Json{{"text", p.site}}},
               {"height", p.height},
               {"width", p.width},
               {"content",
                {{"contentType", "image/jpeg"},
                 {"data", records::base64_encode(jpeg)},
                 {"size", static_cast<std::int64_t>(jpeg.size())},
                 {"title", photo_label(p)},
                 {"creation", format_datetime(p.taken_at)}}}};
        if (p.session_id) {
            std::vector<std::string> of_session;
            for (std::size_t i = 0; i < h.sessions.size(); ++i)
                if (h.sessions[i].id == *p.session_id)
                    for (const auto& [side, url] : volumes[i]) of_session.push_back(url);
            if (!of_session.empty()) m["partOf"] = refs(of_session);
        }
        add(ids_("client/" + std::to_string(p.client_id) + "/photo/" + std::to_string(p.id)), std::move(m));
    }

    static Json period(const std::string& start, const std::string& end) {
        Json p{{"start", start}};
        if (!end.empty()) p["end"] = end;
        return p;
    }

    // A treatment course (docs/fhir.md#treatment-courses): a Procedure, and for each affected limb
    // its figures as Observations that are partOf it and derivedFrom the sessions' volumes.
    void treatment_course(const History& h, const CourseFigures& f, const std::string& patient,
                          const std::string& condition, const Sources& from) {
        const std::string key = "client/" + std::to_string(h.client.id) + "/course/" + std::to_string(f.course.id);
        const CourseParts course{h, f, patient, ids_(key), key + "/", from};
        add(course.procedure, procedure(course, condition));
        for (const auto& r : f.reduction) {
            if (r.reduction_ml && r.start_excess && r.end_excess) course_reduction(course, r);
            for (const auto& d : f.durability)
                if (d.side == r.side && d.session && d.kept_pct && r.start && r.end) course_kept(course, r, d);
        }
        for (const auto& e : f.immediate)
            if (e.mean_ml) course_immediate(course, e);
    }

    // What a course's resources share: its figures, its patient and Procedure, where their ids start.
    struct CourseParts {
        const History& h;
        const CourseFigures& f;
        const std::string &patient, procedure, key;
        const Sources& from;
    };

    static Json procedure(const CourseParts& c, const std::string& condition) {
        const auto& f = c.f;
        Json sites = Json::array(), notes = Json::array();
        for (const auto& r : f.reduction) sites.push_back(limb_site(r.side, c.h.client.limb));
        if (!f.course.note.empty()) notes.push_back(Json{{"text", f.course.note}});
        notes.push_back(Json{{"text", "What was done: " + course_words::work(f.work) + "."}});
        Json p{{"resourceType", "Procedure"},
               {"status", f.running ? "in-progress" : "completed"},
               {"code", concept_of(local("course-" + std::string(to_string(f.course.kind))), course_span(f.course))},
               {"subject", {{"reference", c.patient}}},
               {"performedPeriod",
                period(format_date(f.course.from), f.course.to ? format_date(*f.course.to) : std::string())},
               {"bodySite", std::move(sites)}};
        if (!condition.empty()) p["reasonReference"] = Json::array({Json{{"reference", condition}}});
        p["note"] = std::move(notes);
        return p;
    }

    // A figure of the course for one limb: partOf its Procedure; a running course's are so far.
    static Json course_figure(const CourseParts& c, const char* code, Side side) {
        Json o{{"resourceType", "Observation"},
               {"status", c.f.running ? "preliminary" : "final"},
               {"partOf", Json::array({Json{{"reference", c.procedure}}})},
               {"category", category("exam", "Exam")},
               {"code", concept_of(local(code))},
               {"subject", {{"reference", c.patient}}}};
        o["bodySite"] = limb_site(side, c.h.client.limb);
        return o;
    }
    static Json pct(double v) { return quantity(*display::pct_value(v), "%"); }
    static Json part(const char* code, Json value, const char* type = "valueQuantity") {
        return Json{{"code", concept_of(local(code))}, {type, std::move(value)}};
    }

    void course_reduction(const CourseParts& c, const CourseReduction& r) {
        auto o = course_figure(c, "course-excess-reduction", r.side);
        o["effectivePeriod"] = period(format_datetime(c.h.sessions[*r.start].recorded_at),
                                      format_datetime(c.h.sessions[*r.end].recorded_at));
        o["valueQuantity"] = quantity(rounded(*r.reduction_ml, 1), "mL");
        Json parts = Json::array();
        if (r.reduction_pct) parts.push_back(part("course-excess-reduction-share", pct(*r.reduction_pct)));
        parts.push_back(part("course-start-excess", quantity(rounded(r.start_excess->ml, 1), "mL")));
        parts.push_back(part("course-start-excess-share", pct(r.start_excess->pct)));
        parts.push_back(part("course-end-excess", quantity(rounded(r.end_excess->ml, 1), "mL")));
        parts.push_back(part("course-end-excess-share", pct(r.end_excess->pct)));
        o["component"] = std::move(parts);
        auto sources = c.from.of_excess(c.h, *r.start, r.side), end = c.from.of_excess(c.h, *r.end, r.side);
        sources.insert(sources.end(), end.begin(), end.end());
        o["derivedFrom"] = refs(sources);
        add(ids_(c.key + std::string(to_string(r.side)) + "/reduction"), std::move(o));
    }

    void course_kept(const CourseParts& c, const CourseReduction& r, const Durability& d) {
        auto o = course_figure(c, "course-reduction-kept", r.side);
        o["effectiveDateTime"] = format_datetime(c.h.sessions[*d.session].recorded_at);
        o["valueQuantity"] = pct(*d.kept_pct);
        Json parts = Json::array({part("weeks-after-course", quantity(d.weeks, "wk"))});
        if (d.reduction_pct) parts.push_back(part("course-excess-still-gone", pct(*d.reduction_pct)));
        o["component"] = std::move(parts);
        std::vector<std::string> sources;
        for (auto i : {*d.session, *r.start, *r.end}) {
            auto s = c.from.of_excess(c.h, i, r.side);
            sources.insert(sources.end(), s.begin(), s.end());
        }
        o["derivedFrom"] = refs(sources);
        add(ids_(c.key + std::string(to_string(r.side)) + "/kept/" + std::to_string(d.weeks)), std::move(o));
    }

    void course_immediate(const CourseParts& c, const ImmediateEffect& e) {
        auto o = course_figure(c, "course-immediate-effect", e.side);
        o["effectivePeriod"] = period(format_datetime(c.h.sessions[e.paired.front().first].recorded_at),
                                      format_datetime(c.h.sessions[e.paired.back().second].recorded_at));
        o["valueQuantity"] = quantity(rounded(*e.mean_ml, 1), "mL");
        Json parts = Json::array({part("course-treatment-pairs", e.pairs, "valueInteger")});
        if (e.sd_ml) parts.push_back(part("course-immediate-effect-sd", quantity(rounded(*e.sd_ml, 1), "mL")));
        if (e.mean_pct) parts.push_back(part("course-immediate-effect-share", pct(*e.mean_pct)));
        o["component"] = std::move(parts);
        std::vector<std::string> sources;
        for (auto [before, after] : e.paired)
            for (auto i : {before, after})
                if (auto it = c.from.volumes[i].find(e.side); it != c.from.volumes[i].end())
                    sources.push_back(it->second);
        o["derivedFrom"] = refs(sources);
        add(ids_(c.key + std::string(to_string(e.side)) + "/immediate"), std::move(o));
    }

    const Protocol* store_protocol(const std::string& name) {
        if (protocols_.empty()) protocols_ = store_.list_protocols();
        for (const auto& p : protocols_)
            if (p.name == name) return &p;
        return nullptr;
    }

    const Store& store_;
    const FhirOptions& options_;
    const DateTime now_ = now_local();  // the bundle's timestamp, and the time its Flags hold at
    Ids ids_;
    Json entries_ = Json::array();
    std::vector<Protocol> protocols_;
};

}  // namespace

void export_fhir(const Store& store, const std::vector<Client>& clients, std::ostream& out,
                 const FhirOptions& options) {
    BundleWriter writer(store, options);
    for (const auto& c : clients) writer.client(c);
    out << std::move(writer).bundle().dump(1) << '\n';  // a failed write: export_clients says so
}

}  // namespace swelltrack
