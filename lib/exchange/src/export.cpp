// Export: the sessions CSV and the JSON format (everything, one file), and the plain 5a CSVs.
// Circumferences are written so that they parse back to the identical double: in CSV as cm with up
// to 4 decimals (the stored value is whole micrometres; import multiplies by 10 and rounds to whole
// micrometres, which gives back the stored value), in JSON as millimetres (shortest round-trip text).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <iterator>
#include <nlohmann/json.hpp>
#include <ostream>

#include "csv_columns.h"
#include "swelltrack/base64.h"
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

// The sessions CSV's columns up to every_days (the course's follow: exchange::course_columns).
constexpr const char* sessions_head =
    "client,limb,affected,baseline,unit,birth_year,condition,client_notes,archived,recorded_at,protocol,"
    "protocol_limb,protocol_points_cm,recorded_by,context,weight_kg,compression,compression_class,compression_mmhg,"
    "mld_minutes,bandaging,exercise,heaviness,tightness,pain,swelling,pitting,pitting_depth_mm,pitting_rebound_s,"
    "stemmer,isl_stage,skin,skin_note,notes,values_unit,left,right,every_days";
constexpr std::size_t every_days_column = 37;  // the last of sessions_head
const std::size_t sessions_columns = every_days_column + 1 + exchange::course_columns.size();

std::string sessions_header() {
    std::string out = sessions_head;
    for (const auto& column : exchange::course_columns) out += "," + column;
    return out + "\n";
}

// A course's row in either CSV layout, `width` columns wide: the client's name first, the course's
// fields last (exchange::course_columns), nothing between.
std::vector<std::string> course_row(std::size_t width, const std::string& client, const Course& course) {
    std::vector<std::string> row(width);
    row[0] = client;
    const std::string fields[] = {std::string(to_string(course.kind)), format_date(course.from),
                                  course.to ? format_date(*course.to) : "", course.note};
    static_assert(std::size(fields) == 4);
    std::copy(std::begin(fields), std::end(fields), row.end() - static_cast<std::ptrdiff_t>(std::size(fields)));
    return row;
}

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

// A circumference in inches with up to 4 decimals, when that text reads back (times 25.4, to whole
// micrometres) to the stored value; nothing otherwise.
std::optional<std::string> exact_inches(double mm) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.4f", mm / mm_per_inch);
    std::string text = buf;
    while (text.back() == '0') text.pop_back();
    if (text.back() == '.') text.pop_back();
    if (canonical_mm(std::strtod(text.c_str(), nullptr) * mm_per_inch) != mm) return std::nullopt;
    return text;
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

// What a session holds besides its values, in the columns the sessions and wide CSVs share
// (recorded_by ... notes).
std::vector<std::string> detail_fields(const Session& s) {
    const auto& y = s.symptoms;
    std::string mmhg;
    if (s.compression.mmhg_low || s.compression.mmhg_high)
        mmhg = opt(s.compression.mmhg_low) + "-" + opt(s.compression.mmhg_high);
    return {s.recorded_by,
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
            s.notes};
}

void sessions_csv(const Store& store, const std::vector<Client>& clients, std::ostream& out) {
    out << sessions_header();
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
            head[every_days_column] = opt(c.every_days);
            put_row(out, head);
        }
        for (const auto& s : sessions) {
            auto row = head;
            row.insert(row.end(), {format_datetime(s.recorded_at), s.protocol, "", ""});
            auto details = detail_fields(s);
            row.insert(row.end(), details.begin(), details.end());
            row.insert(row.end(), {"cm", cm_list(s.left_mm), cm_list(s.right_mm), opt(c.every_days)});
            row.resize(sessions_columns);
            put_row(out, row);
        }
        for (const auto& course : store.courses(c.id)) put_row(out, course_row(sessions_columns, c.name, course));
    }
}

void json_export(const Store& store, const std::vector<Client>& clients, std::ostream& out) {
    ojson root{{"format", "swelltrack"}, {"version", 1}, {"protocols", ojson::array()}, {"clients", ojson::array()}};
    for (const auto& p : user_protocols(store)) root["protocols"].push_back(records::protocol(p));
    for (const auto& c : clients) {
        ojson jc = records::client(c);
        jc["sessions"] = ojson::array();
        for (const auto& s : store.load_history(c.id)) jc["sessions"].push_back(records::session(s));
        jc["courses"] = ojson::array();
        for (const auto& course : store.courses(c.id)) {
            auto j = records::course(course);
            j.erase("id");  // the database's own; import gives new ones
            jc["courses"].push_back(std::move(j));
        }
        // Photos with their JPEG as stored (base64): an import keeps it byte for byte.
        jc["photos"] = ojson::array();
        for (const auto& p : store.photos(c.id))
            jc["photos"].push_back(ojson{{"taken_at", format_datetime(p.taken_at)},
                                         {"site", p.site},
                                         {"added_by", p.added_by},
                                         {"jpeg", records::base64_encode(store.photo_image(p.id))}});
        root["clients"].push_back(std::move(jc));
    }
    out << root.dump(1) << '\n';
}

// The wide CSV: client,recorded_at,protocol,side,unit, a column per point (cm) of the protocols
// for the clients' limbs, the session's details, the client's, and a user protocol's definition.
class WideWriter {
   public:
    WideWriter(const Store& store, const std::vector<Client>& clients, std::ostream& out) : out_(out) {
        std::vector<Protocol> protocols = store.list_protocols();
        for (const auto& p : protocols) {
            if (std::none_of(clients.begin(), clients.end(), [&](const Client& c) { return c.limb == p.limb; }))
                continue;
            for (double cm : p.positions_cm)
                if (std::find(points_.begin(), points_.end(), cm) == points_.end()) points_.push_back(cm);
        }
        std::sort(points_.begin(), points_.end());
        std::vector<std::string> header{"client", "recorded_at", "protocol", "side", "unit"};
        for (double cm : points_) header.push_back(format_exact(cm));
        header.insert(header.end(), exchange::detail_columns.begin(), exchange::detail_columns.end());
        header.insert(header.end(), exchange::wide_client_columns.begin(), exchange::wide_client_columns.end());
        header.insert(header.end(), exchange::course_columns.begin(), exchange::course_columns.end());
        put_row(out_, header);
        width_ = header.size();
        const std::size_t limb = width_ - exchange::course_columns.size() - 2;  // protocol_limb, protocol_points_cm
        for (const auto& p : protocols) {
            if (p.builtin) continue;
            auto row = empty_row();
            row[2] = p.name;
            row[limb] = std::string(to_string(p.limb));
            for (double x : p.positions_cm) row[limb + 1] += (row[limb + 1].empty() ? "" : ";") + format_exact(x);
            put_row(out_, row);
        }
    }

    void client(const Store& store, const Client& c) {
        auto head = client_fields(c);  // name, limb, affected, baseline, unit, birth_year, condition, notes, archived
        std::vector<std::string> tail(head.begin() + 1, head.end());
        tail.push_back(opt(c.every_days));
        auto sessions = store.load_history(c.id);
        if (sessions.empty()) put(c, nullptr, nullptr, {}, tail);
        for (const auto& s : sessions) {
            const auto protocol = store.get_protocol(s.protocol);
            bool first = true;
            for (Side side : {Side::left, Side::right})
                if (has_values(s.side_mm(side))) {
                    put(c, &s, &protocol, side, tail, first);
                    first = false;
                }
            if (first) put(c, &s, &protocol, {}, tail);  // symptoms only
        }
        for (const auto& course : store.courses(c.id)) put_row(out_, course_row(width_, c.name, course));
    }

   private:
    std::vector<std::string> empty_row() const { return std::vector<std::string>(width_); }

    void put(const Client& c, const Session* s, const Protocol* protocol, std::optional<Side> side,
             const std::vector<std::string>& client_tail, bool details = true) {
        auto row = empty_row();
        row[0] = c.name;
        std::size_t at = 5 + points_.size();
        if (s) {
            row[1] = format_datetime(s->recorded_at);
            row[2] = s->protocol;
            if (side) {
                row[3] = std::string(to_string(*side));
                // In the client's unit when every value reads back exactly in it; else in cm (exact).
                const auto& values = s->side_mm(*side);
                std::vector<std::string> texts(values.size());
                bool inches = c.unit == LengthUnit::in;
                for (std::size_t i = 0; i < values.size() && inches; ++i)
                    if (values[i]) {
                        auto text = exact_inches(*values[i]);
                        inches = text.has_value();
                        texts[i] = text.value_or("");
                    }
                row[4] = inches ? "in" : "cm";
                for (std::size_t i = 0; i < values.size(); ++i) {
                    if (!values[i]) continue;
                    auto k = std::find(points_.begin(), points_.end(), protocol->positions_cm[i]) - points_.begin();
                    row[5 + static_cast<std::size_t>(k)] = inches ? texts[i] : cm_text(*values[i]);
                }
            }
            if (details) {
                auto d = detail_fields(*s);
                std::copy(d.begin(), d.end(), row.begin() + static_cast<std::ptrdiff_t>(at));
            }
        }
        at += exchange::detail_columns.size();
        // limb, affected, baseline, client_unit, birth_year, condition, client_notes, archived, every_days
        std::copy(client_tail.begin(), client_tail.end(), row.begin() + static_cast<std::ptrdiff_t>(at));
        put_row(out_, row);
    }

    std::ostream& out_;
    std::vector<double> points_;
    std::size_t width_ = 0;
};

}  // namespace

void export_wide_csv(const Store& store, const std::vector<Client>& clients, std::ostream& out) {
    WideWriter writer(store, clients, out);
    for (const auto& c : clients) writer.client(store, c);
}

CsvLayout parse_csv_layout(std::string_view text) {
    auto t = detail::lower(detail::trim(text));
    if (t == "sessions") return CsvLayout::sessions;
    if (t == "wide") return CsvLayout::wide;
    if (t == "long") return CsvLayout::long_;
    throw UserError("layout", std::string(text), detail::not_one_of("layout", text, "sessions, wide, long"));
}

ExportFormat parse_export_format(std::string_view text) {
    auto t = detail::lower(detail::trim(text));
    if (t == "csv") return ExportFormat::csv;
    if (t == "json") return ExportFormat::json;
    if (t == "fhir") return ExportFormat::fhir;
    throw UserError("format", std::string(text), detail::not_one_of("format", text, "csv, json, fhir"));
}

void export_clients(const Store& store, const std::vector<Client>& clients, ExportFormat format, std::ostream& out,
                    const FhirOptions& fhir, CsvLayout layout) {
    if (format == ExportFormat::csv && layout == CsvLayout::wide)
        export_wide_csv(store, clients, out);
    else if (format == ExportFormat::csv && layout == CsvLayout::long_)
        export_measurements_csv(store, clients, out);
    else if (format == ExportFormat::csv)
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
