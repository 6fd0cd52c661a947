// Export: the sessions CSV and the JSON format (everything, one file), and the plain 5a CSVs.
// Circumferences are written so that they parse back to the identical double: in CSV as cm with up
// to 4 decimals (the stored value is whole micrometres; import multiplies by 10 and rounds to whole
// micrometres, which gives back the stored value), in JSON as millimetres (shortest round-trip text).
#include <cmath>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <ostream>

#include "swelltrack/csv.h"
#include "swelltrack/datetime.h"
#include "swelltrack/detail/text.h"
#include "swelltrack/error.h"
#include "swelltrack/exchange.h"
#include "swelltrack/records.h"
#include "swelltrack/units.h"

namespace swelltrack {
namespace {

// The protocols a user defined: the only ones an export must carry (built-ins are in every program).
std::vector<Protocol> user_protocols(const Store& store) {
    auto all = store.list_protocols();
    std::erase_if(all, [](const Protocol& p) { return p.builtin; });
    return all;
}

using ojson = nlohmann::ordered_json;

constexpr const char* sessions_header =
    "client,limb,affected,baseline,unit,birth_year,condition,client_notes,archived,recorded_at,protocol,"
    "protocol_limb,protocol_points_cm,recorded_by,context,weight_kg,compression,compression_class,compression_mmhg,"
    "mld_minutes,bandaging,exercise,heaviness,tightness,pain,swelling,pitting,pitting_depth_mm,pitting_rebound_s,"
    "stemmer,isl_stage,skin,skin_note,notes,values_unit,left,right,every_days\n";
constexpr std::size_t sessions_columns = 38;

template <class T>
std::string opt(const std::optional<T>& v) {
    if (!v) return {};
    if constexpr (std::is_same_v<T, double>)
        return format_exact(*v);
    else
        return std::to_string(*v);
}

// Stored circumferences are whole micrometres (canonical_mm), so cm = um / 10000 is written exactly
// from the integer: 241.3 mm -> "24.13", never "24.130000000000003".
std::string cm_text(double mm) {
    auto um = std::llround(mm * 1000.0);
    std::string out = std::to_string(um / 10000);
    auto frac = um % 10000;
    if (frac) {
        char buf[8];
        std::snprintf(buf, sizeof buf, ".%04lld", static_cast<long long>(frac));
        std::string f = buf;
        while (f.back() == '0') f.pop_back();
        out += f;
    }
    return out;
}

std::string cm_list(const PointValues& v) {
    std::string out;
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (i) out += ';';
        out += v[i] ? cm_text(*v[i]) : "-";
    }
    return out;
}

void put_row(std::ostream& out, const std::vector<std::string>& fields) {
    std::string line;
    for (std::size_t i = 0; i < fields.size(); ++i) {
        if (i) line += ',';
        csv::append_field(line, fields[i]);
    }
    line += '\n';
    out << line;
}

std::vector<std::string> client_fields(const Client& c) {
    return {c.name,
            std::string(to_string(c.limb)),
            std::string(to_string(c.affected)),
            c.baseline_date ? format_date(*c.baseline_date) : "",
            std::string(to_string(c.unit)),
            opt(c.birth_year),
            c.condition,
            c.notes,
            c.archived ? "yes" : "no"};
}

void sessions_csv(const Store& store, const std::vector<Client>& clients, std::ostream& out) {
    out << sessions_header;
    for (const auto& p : user_protocols(store)) {
        std::vector<std::string> row(sessions_columns);
        row[10] = p.name;
        row[11] = std::string(to_string(p.limb));
        for (double x : p.positions_cm) {
            if (!row[12].empty()) row[12] += ';';
            row[12] += format_exact(x);
        }
        put_row(out, row);
    }
    for (const auto& c : clients) {
        auto head = client_fields(c);
        auto sessions = store.load_history(c.id);
        if (sessions.empty()) {
            head.resize(sessions_columns);
            head.back() = opt(c.every_days);
            put_row(out, head);
            continue;
        }
        for (const auto& s : sessions) {
            auto row = head;
            const auto& y = s.symptoms;
            std::string mmhg;
            if (s.compression.mmhg_low || s.compression.mmhg_high)
                mmhg = opt(s.compression.mmhg_low) + "-" + opt(s.compression.mmhg_high);
            row.insert(row.end(), {format_datetime(s.recorded_at),
                                   s.protocol,
                                   "",
                                   "",
                                   s.recorded_by,
                                   std::string(to_string(s.context)),
                                   opt(s.weight_kg),
                                   s.compression.worn_known ? std::string(to_string(s.compression.kind)) : "",
                                   opt(s.compression.ral_class),
                                   mmhg,
                                   opt(s.treatment.mld_minutes),
                                   s.treatment.bandaging ? "yes" : "no",
                                   s.treatment.exercise ? "yes" : "no",
                                   opt(y.heaviness),
                                   opt(y.tightness),
                                   opt(y.pain),
                                   opt(y.swelling),
                                   opt(y.pitting_grade),
                                   opt(y.pitting_depth_mm),
                                   opt(y.pitting_rebound_s),
                                   std::string(to_string(y.stemmer)),
                                   opt(y.isl_stage),
                                   to_string(s.skin),
                                   s.skin_note,
                                   s.notes,
                                   "cm",
                                   cm_list(s.left_mm),
                                   cm_list(s.right_mm),
                                   opt(c.every_days)});
            put_row(out, row);
        }
    }
}

void json_export(const Store& store, const std::vector<Client>& clients, std::ostream& out) {
    ojson root{{"format", "swelltrack"}, {"version", 1}, {"protocols", ojson::array()}, {"clients", ojson::array()}};
    for (const auto& p : user_protocols(store)) root["protocols"].push_back(records::protocol(p));
    for (const auto& c : clients) {
        ojson jc = records::client(c);
        jc["sessions"] = ojson::array();
        for (const auto& s : store.load_history(c.id)) jc["sessions"].push_back(records::session(s));
        root["clients"].push_back(std::move(jc));
    }
    out << root.dump(1) << '\n';
}

}  // namespace

ExportFormat parse_export_format(std::string_view text) {
    auto t = detail::lower(detail::trim(text));
    if (t == "csv") return ExportFormat::csv;
    if (t == "json") return ExportFormat::json;
    if (t == "fhir") return ExportFormat::fhir;
    throw UserError("format", std::string(text), detail::not_one_of("format", text, "csv, json, fhir"));
}

void export_clients(const Store& store, const std::vector<Client>& clients, ExportFormat format, std::ostream& out,
                    const FhirOptions& fhir) {
    if (format == ExportFormat::csv)
        sessions_csv(store, clients, out);
    else if (format == ExportFormat::json)
        json_export(store, clients, out);
    else
        export_fhir(store, clients, out, fhir);
    if (!out) throw UserError("export", "", "export: could not write the output (disk full?)");
}

void export_clients_csv(const std::vector<Client>& clients, std::ostream& out) {
    out << "name,limb,affected,baseline,unit,birth_year,condition,notes,archived,every_days\n";
    for (const auto& c : clients) {
        auto row = client_fields(c);
        row.push_back(opt(c.every_days));
        put_row(out, row);
    }
}

void export_measurements_csv(const Store& store, const std::vector<Client>& clients, std::ostream& out) {
    out << "client,recorded_at,protocol,side,point_cm,circumference,unit\n";
    std::string line, name;
    for (const auto& c : clients) {
        name.clear();
        csv::append_field(name, c.name);
        for (const auto& s : store.load_history(c.id)) {
            const auto protocol = store.get_protocol(s.protocol);
            const auto at = format_datetime(s.recorded_at);
            for (Side side : {Side::left, Side::right}) {
                const auto& v = s.side_mm(side);
                for (std::size_t i = 0; i < v.size(); ++i) {
                    if (!v[i]) continue;
                    line = name;
                    line += ',' + at + ',' + s.protocol + ',' + std::string(to_string(side)) + ',' +
                            format_exact(protocol.positions_cm[i]) + ',' + cm_text(*v[i]) + ",cm\n";
                    out << line;
                }
            }
        }
    }
}

}  // namespace swelltrack
