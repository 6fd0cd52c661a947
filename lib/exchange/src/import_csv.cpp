// The CSV formats (docs/data-formats.md): measurements (one row per value), clients
// (5a) and sessions (one row per session with everything a Session holds, plus its client's and
// protocol's details so that one file can rebuild a database).
#include <algorithm>
#include <charconv>
#include <cmath>
#include <unordered_map>

#include "batch.h"
#include "swelltrack/csv.h"
#include "swelltrack/datetime.h"
#include "swelltrack/detail/text.h"
#include "swelltrack/limits.h"
#include "swelltrack/units.h"

namespace swelltrack::exchange {
namespace {

using csv::Record;

enum class Format { measurements, clients, sessions };

struct Spec {
    Format format;
    const char* title;
    std::vector<std::string> required, optional;
};

const Spec& spec(Format f) {
    static const Spec measurements{Format::measurements,
                                   "measurements CSV",
                                   {"client", "recorded_at", "protocol", "side", "point_cm", "circumference", "unit"},
                                   {}};
    static const Spec clients{Format::clients,
                              "clients CSV",
                              {"name", "limb", "affected"},
                              {"baseline", "unit", "birth_year", "condition", "notes", "archived", "every_days"}};
    static const Spec sessions{Format::sessions,
                               "sessions CSV",
                               {"client", "recorded_at", "protocol", "left", "right"},
                               {"limb",
                                "affected",
                                "baseline",
                                "unit",
                                "birth_year",
                                "condition",
                                "client_notes",
                                "archived",
                                "protocol_limb",
                                "protocol_points_cm",
                                "recorded_by",
                                "context",
                                "weight_kg",
                                "compression",
                                "compression_class",
                                "compression_mmhg",
                                "mld_minutes",
                                "bandaging",
                                "exercise",
                                "heaviness",
                                "tightness",
                                "pain",
                                "swelling",
                                "pitting",
                                "pitting_depth_mm",
                                "pitting_rebound_s",
                                "stemmer",
                                "isl_stage",
                                "skin",
                                "skin_note",
                                "notes",
                                "values_unit",
                                "every_days"}};
    switch (f) {
        case Format::measurements:
            return measurements;
        case Format::clients:
            return clients;
        case Format::sessions:
            return sessions;
    }
    return sessions;
}

// Column positions by name for one file; -1 when absent.
class Columns {
   public:
    Columns(const Record& header, csv::Reader& reader, const std::string& source) {
        for (std::size_t i = 0; i < header.fields.size(); ++i)
            names_.push_back(detail::lower(detail::trim(header.fields[i])));
        auto has = [&](const char* n) { return std::find(names_.begin(), names_.end(), n) != names_.end(); };
        if (has("point_cm") || has("circumference") || has("side"))
            format_ = Format::measurements;
        else if (has("left") || has("right") || has("recorded_at"))
            format_ = Format::sessions;
        else if (has("name"))
            format_ = Format::clients;
        else
            throw UserError(
                "header", std::string(header.fields.empty() ? "" : header.fields[0]),
                source + " line " + std::to_string(header.line) +
                    ": this header is not one swelltrack knows; expected "
                    "client,recorded_at,protocol,side,point_cm,circumference,unit (measurements), "
                    "name,limb,affected,baseline,unit (clients) or the sessions CSV of docs/data-formats.md");
        const auto& s = spec(format_);
        for (std::size_t i = 0; i < names_.size(); ++i) {
            const auto& n = names_[i];
            bool known = std::find(s.required.begin(), s.required.end(), n) != s.required.end() ||
                         std::find(s.optional.begin(), s.optional.end(), n) != s.optional.end();
            if (!known)
                throw UserError("header", n,
                                reader.where(header.line, i + 1) + ": '" + std::string(header.fields[i]) +
                                    "' is not a column of the " + s.title + " (see docs/data-formats.md)");
            if (index_.count(n))
                throw UserError("header", n, reader.where(header.line, i + 1) + ": column '" + n + "' appears twice");
            index_[n] = static_cast<int>(i);
        }
        for (const auto& r : s.required)
            if (!index_.count(r))
                throw UserError("header", r,
                                source + " line " + std::to_string(header.line) + ": the " + s.title +
                                    " needs a column '" + r + "'");
    }
    Format format() const { return format_; }
    int operator[](const std::string& name) const {
        auto it = index_.find(name);
        return it == index_.end() ? -1 : it->second;
    }
    const std::string& name(std::size_t i) const { return names_[i]; }
    std::size_t size() const { return names_.size(); }

   private:
    Format format_ = Format::measurements;
    std::vector<std::string> names_;
    std::unordered_map<std::string, int> index_;
};

// Reads rows of one file, naming line, column and value in every error.
class RowReader {
   public:
    RowReader(Batch& batch, csv::Reader& reader, const Columns& cols) : batch_(batch), reader_(reader), cols_(cols) {}

    bool next() {
        if (!reader_.next(rec_)) return false;
        if (rec_.fields.size() != cols_.size())
            throw UserError("row", std::to_string(rec_.fields.size()),
                            batch_.source() + " line " + std::to_string(rec_.line) + ": has " +
                                std::to_string(rec_.fields.size()) + " field(s) but the header has " +
                                std::to_string(cols_.size()) +
                                (rec_.fields.size() > cols_.size() ? " (an unquoted comma?)" : ""));
        // A huge field is a damaged or wrong file, and echoing it in a message would drown the message.
        for (std::size_t i = 0; i < rec_.fields.size(); ++i)
            if (rec_.fields[i].size() > max_field_bytes)
                fail_at(where(static_cast<int>(i)),
                        "a field of " + std::to_string(rec_.fields[i].size()) + " bytes; the longest allowed is " +
                            std::to_string(max_field_bytes) + " bytes",
                        cols_.name(i), std::string(rec_.fields[i].substr(0, 40)) + "...");
        return true;
    }
    static constexpr std::size_t max_field_bytes = 64 * 1024;  // a long note fits many times over
    std::string_view get(int col) const {
        return col < 0 ? std::string_view{} : detail::trim(rec_.fields[static_cast<std::size_t>(col)]);
    }
    std::string_view raw(int col) const {
        return col < 0 ? std::string_view{} : rec_.fields[static_cast<std::size_t>(col)];
    }
    std::string where() const { return batch_.source() + " line " + std::to_string(rec_.line); }
    std::string where(int col) const {
        if (col < 0) return where();
        return reader_.where(rec_.line, static_cast<std::size_t>(col) + 1) + " (" +
               cols_.name(static_cast<std::size_t>(col)) + ")";
    }
    [[noreturn]] void fail(int col, const std::string& message, Remedy remedy = Remedy::none) const {
        fail_at(where(col), message, col < 0 ? std::string() : name_of(col), std::string(get(col)), remedy);
    }
    // Runs a domain parser on column `col`, prefixing its UserError with the location.
    template <class F>
    auto parse(int col, F&& f) const -> decltype(f(std::string_view{})) {
        try {
            return f(get(col));
        } catch (const UserError& e) {
            fail_at(where(col), e.what(), e.field(), std::string(get(col)), e.remedy());
        }
    }
    std::size_t line() const { return rec_.line; }
    std::string name_of(int col) const { return col < 0 ? std::string() : cols_.name(static_cast<std::size_t>(col)); }

   private:
    Batch& batch_;
    csv::Reader& reader_;
    const Columns& cols_;
    Record rec_;
};

// A plain number: from_chars fast path, then the forgiving parser (comma decimals, '+').
double number(std::string_view t, std::string_view field) {
    double v = 0;
    auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
    if (ec != std::errc{} || end != t.data() + t.size() || t.empty()) v = parse_decimal(t, field);
    if (!std::isfinite(v))
        throw UserError(std::string(field), std::string(t),
                        std::string(field) + ": '" + std::string(t) + "' is not a number");
    return v;
}

// A whole number within `limit` (the domain's table); the column's name names the field.
std::optional<int> opt_int(std::string_view t, std::string_view field, const Limit& limit) {
    if (t.size() == 2 && t[1] == '+') t.remove_suffix(1);  // pitting "2+"
    return parse_limited_int(limit, t, field);
}

std::optional<double> opt_number(std::string_view t, std::string_view field) {
    if (t.empty()) return std::nullopt;
    return number(t, field);
}

bool yes_no(std::string_view t, std::string_view field) {
    auto l = detail::lower(t);
    if (l.empty() || l == "no" || l == "false" || l == "0") return false;
    if (l == "yes" || l == "true" || l == "1") return true;
    throw UserError(std::string(field), std::string(t), detail::not_one_of(field, t, "yes, no"));
}

// ---- clients CSV ------------------------------------------------------------------------------

Client client_from_row(const RowReader& r, const Columns& c, const char* name_col, const char* notes_col) {
    Client cl;
    cl.name = std::string(r.get(c[name_col]));
    cl.limb = r.parse(c["limb"], [](auto t) { return parse_enum<LimbKind>(t); });
    cl.affected = r.parse(c["affected"], [](auto t) { return parse_enum<Affected>(t); });
    if (!r.get(c["baseline"]).empty())
        cl.baseline_date = r.parse(c["baseline"], [](auto t) { return parse_date(t, "baseline"); });
    if (!r.get(c["unit"]).empty()) cl.unit = r.parse(c["unit"], [](auto t) { return parse_enum<LengthUnit>(t); });
    cl.birth_year = r.parse(c["birth_year"], [](auto t) { return opt_int(t, "birth_year", limits::calendar_year); });
    cl.condition = std::string(r.raw(c["condition"]));
    cl.notes = std::string(r.raw(c[notes_col]));
    cl.archived = r.parse(c["archived"], [](auto t) { return yes_no(t, "archived"); });
    cl.every_days =
        r.parse(c["every_days"], [](auto t) { return opt_int(t, "every_days", limits::measure_every_days); });
    return cl;
}

void read_clients(Batch& batch, RowReader& r, const Columns& c) {
    while (r.next()) {
        if (r.get(c["name"]).empty()) r.fail(c["name"], "a client needs a name");
        batch.define_client(client_from_row(r, c, "name", "notes"), r.where());
    }
}

// ---- measurements CSV (one row per value) -------------------------------------------------------

// The measurements CSV's columns, looked up once per file.
struct MeasurementColumns {
    explicit MeasurementColumns(const Columns& c)
        : client(c["client"]),
          at(c["recorded_at"]),
          protocol(c["protocol"]),
          side(c["side"]),
          point(c["point_cm"]),
          value(c["circumference"]),
          unit(c["unit"]) {}
    int client, at, protocol, side, point, value, unit;
};

// What the previous rows resolved. Rows of one session usually follow each other, so a lookup is
// repeated only when its text changes.
struct RowKeys {
    std::string last_client, last_at, last_protocol;
    std::size_t client = 0;
    DateTime at;
    const Protocol* protocol = nullptr;
};

// Resolves the row's client, time and protocol, keeping the previous row's where the text is the same.
void resolve_keys(Batch& batch, const RowReader& r, const MeasurementColumns& c, RowKeys& k) {
    auto client_text = r.get(c.client);
    if (client_text.empty() || client_text != k.last_client) {
        auto found = batch.find_client(client_text);
        if (!found)
            r.fail(c.client, "client '" + std::string(client_text) + "' is not in the database", Remedy::add_client);
        k.client = *found;
        k.last_client = client_text;
    }
    auto at_text = r.get(c.at);
    if (at_text != k.last_at || k.last_at.empty()) {
        k.at = r.parse(c.at, [](auto t) { return parse_local_datetime(t, "recorded_at"); });
        k.last_at = at_text;
    }
    auto protocol_text = r.get(c.protocol);
    if (!k.protocol || protocol_text != k.last_protocol) {
        k.protocol = batch.find_protocol(protocol_text);
        if (!k.protocol)
            r.fail(c.protocol, "protocol '" + std::string(protocol_text) + "' is not known", Remedy::add_protocol);
        k.last_protocol = protocol_text;
    }
}

// The rows of one session that follow each other in the file: handed to the batch when a row of
// another session comes (its other rows may come later: the batch joins them).
struct Run {
    bool open = false;
    std::size_t client = 0;
    std::string where;  // its first row
    Session session;
};

// The session the row's values belong to: the current run, or a new one that starts from what
// earlier rows of the same session gave. One protocol a session.
Session& session_of_row(Batch& batch, const RowReader& r, const MeasurementColumns& c, RowKeys& k, Run& run) {
    if (!(run.open && run.client == k.client && run.session.recorded_at.utc == k.at.utc)) {
        if (run.open) batch.add(run.client, std::move(run.session), run.where, true);
        run.open = true;
        run.client = k.client;
        run.where = r.where();
        if (const auto* earlier = batch.so_far(k.client, k.at)) {
            run.session = *earlier;
        } else {
            run.session = Session{};
            run.session.recorded_at = k.at;
            run.session.protocol = k.protocol->name;
        }
    }
    if (run.session.protocol != k.protocol->name)
        r.fail(c.protocol, "this session (" + std::string(r.get(c.at)) + ") already uses protocol '" +
                               run.session.protocol + "'; one session has one protocol");
    return run.session;
}

// The row's side: the spellings swelltrack writes without a call, anything else by the domain's parser.
Side side_of_row(const RowReader& r, int col) {
    auto text = r.get(col);
    return text == "left"    ? Side::left
           : text == "right" ? Side::right
                             : r.parse(col, [](auto t) { return parse_enum<Side>(t); });
}

// The position of `point_cm` among the protocol's points; a point it lacks fails, naming those it has.
std::size_t point_index(const RowReader& r, int col, const Protocol& protocol, double point_cm) {
    std::size_t index = protocol.point_count();
    for (std::size_t i = 0; i < protocol.point_count(); ++i)
        if (std::abs(protocol.positions_cm[i] - point_cm) < 1e-6) index = i;
    if (index == protocol.point_count()) {
        std::string known;
        for (double p : protocol.positions_cm) known += (known.empty() ? "" : ", ") + format_exact(p);
        r.fail(col, "point_cm: '" + std::string(r.get(col)) + "' is not a point of protocol '" + protocol.name +
                        "' (points: " + known + " cm)");
    }
    return index;
}

// Millimetres per unit of the row's values: the usual spellings without a call, others by the parser.
double mm_per_unit(const RowReader& r, int col, std::string_view unit_text) {
    double factor = unit_text == "cm" ? mm_per_cm : unit_text == "in" ? mm_per_inch : unit_text == "mm" ? 1.0 : 0.0;
    if (factor == 0.0)
        factor = r.parse(col, [](auto t) {
            return detail::lower(t) == "mm"                      ? 1.0
                   : parse_enum<LengthUnit>(t) == LengthUnit::cm ? mm_per_cm
                                                                 : mm_per_inch;
        });
    return factor;
}

// The row's circumference in canonical millimetres, within the domain's limits.
double circumference_of_row(const RowReader& r, int col, double mm_per_unit, std::string_view unit_text) {
    return r.parse(col, [&](auto t) {
        double v = canonical_mm(number(t, "circumference") * mm_per_unit);
        if (!within(limits::circumference_mm, v))  // the message only when it is needed
            check_circumference_mm(v, "circumference", std::string(t) + " " + std::string(unit_text));
        return v;
    });
}

// One value a row, gathered into sessions by client and time.
void read_measurements(Batch& batch, RowReader& r, const Columns& columns) {
    const MeasurementColumns c(columns);
    RowKeys k;
    Run run;
    while (r.next()) {
        resolve_keys(batch, r, c, k);
        auto& session = session_of_row(batch, r, c, k, run);
        const Protocol& protocol = *k.protocol;
        Side side = side_of_row(r, c.side);
        double point_cm = r.parse(c.point, [](auto t) { return number(t, "point_cm"); });
        std::size_t index = point_index(r, c.point, protocol, point_cm);
        auto unit_text = r.get(c.unit);
        double factor = mm_per_unit(r, c.unit, unit_text);
        double mm = circumference_of_row(r, c.value, factor, unit_text);
        auto& values = side == Side::left ? session.left_mm : session.right_mm;
        if (values.empty()) values.resize(protocol.point_count());
        if (values[index])
            r.fail(c.point, "a second value for the " + std::string(to_string(side)) + " side at " +
                                format_exact(point_cm) + " cm in the session at " + std::string(r.get(c.at)) +
                                " (one row per side and point)");
        values[index] = mm;
    }
    if (run.open) batch.add(run.client, std::move(run.session), run.where, true);
}

// ---- sessions CSV (one row per session) ---------------------------------------------------------

PointValues values_list(const RowReader& r, int col, const Protocol& protocol, LengthUnit unit) {
    PointValues out;
    auto text = r.get(col);
    if (text.empty()) return out;  // side not measured
    auto items = detail::split(text, ';');
    if (items.size() != protocol.point_count())
        r.fail(col, std::to_string(items.size()) + " value(s) given, but protocol '" + protocol.name + "' has " +
                        std::to_string(protocol.point_count()) + " points (use '-' for a point not measured)");
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (items[i].empty() || items[i] == "-") {
            out.emplace_back();
            continue;
        }
        out.emplace_back(r.parse(col, [&](auto) {
            return parse_circumference_mm(items[i], unit, r.name_of(col) + " point " + std::to_string(i + 1));
        }));
    }
    return out;
}

// Defines the protocol a row describes (protocol_limb, protocol_points_cm) under the row's protocol name.
void define_protocol_of_row(Batch& batch, const RowReader& r, const Columns& c, std::string_view protocol_name) {
    Protocol p;
    p.name = std::string(protocol_name);
    p.limb = r.parse(c["protocol_limb"], [](auto t) { return parse_enum<LimbKind>(t, "protocol_limb"); });
    p.positions_cm = r.parse(c["protocol_points_cm"], [](auto t) {
        std::vector<double> out;
        for (auto item : detail::split(t, ';')) out.push_back(number(item, "protocol_points_cm"));
        return out;
    });
    batch.define_protocol(std::move(p), r.where());
}

// The row's client: defined by the row when it gives limb or affected, else one already known.
std::size_t client_of_row(Batch& batch, const RowReader& r, const Columns& c, std::string_view name) {
    if (!r.get(c["limb"]).empty() || !r.get(c["affected"]).empty())
        return batch.define_client(client_from_row(r, c, "client", "client_notes"), r.where());
    if (auto found = batch.find_client(name)) return *found;
    r.fail(c["client"], "client '" + std::string(name) +
                            "' is not in the database or this file; give limb and affected to create it, or "
                            "import a clients CSV first");
}

// The row's protocol, stored or defined earlier in the file.
const Protocol& protocol_of_row(Batch& batch, const RowReader& r, int col, std::string_view protocol_name) {
    const Protocol* protocol = batch.find_protocol(protocol_name);
    if (!protocol)
        r.fail(col,
               "protocol '" + std::string(protocol_name) +
                   "' is not known; define it in the file (protocol_limb, protocol_points_cm)",
               Remedy::add_protocol);
    return *protocol;
}

// The compression columns: what was worn, its class and its pressure range ("20-30" or one number).
void read_compression(const RowReader& r, const Columns& c, Compression& out) {
    if (!r.get(c["compression"]).empty()) {
        out.kind = r.parse(c["compression"], [](auto t) { return parse_enum<CompressionKind>(t); });
        out.worn_known = true;
    }
    out.ral_class =
        r.parse(c["compression_class"], [](auto t) { return opt_int(t, "compression_class", limits::garment_class); });
    if (auto mmhg = r.get(c["compression_mmhg"]); !mmhg.empty()) {
        auto parts = detail::split(mmhg, '-');
        if (parts.size() > 2) r.fail(c["compression_mmhg"], "compression_mmhg: write a range such as 20-30");
        out.mmhg_low = r.parse(c["compression_mmhg"],
                               [&](auto) { return opt_int(parts[0], "compression_mmhg", limits::compression_mmhg); });
        out.mmhg_high = r.parse(c["compression_mmhg"], [&](auto) {
            return opt_int(parts.back(), "compression_mmhg", limits::compression_mmhg);
        });
        if (out.mmhg_low && out.mmhg_high && *out.mmhg_low > *out.mmhg_high)
            r.fail(c["compression_mmhg"],
                   "compression_mmhg: '" + std::string(mmhg) + "' is not low-high; write e.g. 20-30");
    }
}

// The symptom columns, each within the domain's limits.
void read_symptoms(const RowReader& r, const Columns& c, Symptoms& y) {
    y.heaviness = r.parse(c["heaviness"], [](auto t) { return opt_int(t, "heaviness", limits::heaviness); });
    y.tightness = r.parse(c["tightness"], [](auto t) { return opt_int(t, "tightness", limits::tightness); });
    y.pain = r.parse(c["pain"], [](auto t) { return opt_int(t, "pain", limits::pain); });
    y.swelling = r.parse(c["swelling"], [](auto t) { return opt_int(t, "swelling", limits::swelling); });
    y.pitting_grade = r.parse(c["pitting"], [](auto t) { return opt_int(t, "pitting", limits::pitting_grade); });
    y.pitting_depth_mm = r.parse(c["pitting_depth_mm"], [](auto t) { return opt_number(t, "pitting_depth_mm"); });
    y.pitting_rebound_s = r.parse(c["pitting_rebound_s"], [](auto t) { return opt_number(t, "pitting_rebound_s"); });
    y.stemmer = r.parse(c["stemmer"], [](auto t) { return parse_enum<StemmerSign>(t); });
    y.isl_stage = r.parse(c["isl_stage"], [](auto t) { return opt_int(t, "isl_stage", limits::isl_stage); });
}

// Everything else the row says about the session; values are in the client's unit unless
// values_unit names another.
void read_session_columns(const RowReader& r, const Columns& c, const Client& client, const Protocol& protocol,
                          Session& s) {
    LengthUnit unit = client.unit;
    if (!r.get(c["values_unit"]).empty())
        unit = r.parse(c["values_unit"], [](auto t) { return parse_enum<LengthUnit>(t, "values_unit"); });
    s.left_mm = values_list(r, c["left"], protocol, unit);
    s.right_mm = values_list(r, c["right"], protocol, unit);
    if (c["recorded_by"] >= 0) s.recorded_by = std::string(r.raw(c["recorded_by"]));
    s.context = r.parse(c["context"], [](auto t) { return parse_enum<SessionContext>(t); });
    s.weight_kg = r.parse(c["weight_kg"], [](auto t) { return opt_number(t, "weight_kg"); });
    read_compression(r, c, s.compression);
    s.treatment.mld_minutes =
        r.parse(c["mld_minutes"], [](auto t) { return opt_int(t, "mld_minutes", limits::mld_minutes); });
    s.treatment.bandaging = r.parse(c["bandaging"], [](auto t) { return yes_no(t, "bandaging"); });
    s.treatment.exercise = r.parse(c["exercise"], [](auto t) { return yes_no(t, "exercise"); });
    read_symptoms(r, c, s.symptoms);
    s.skin = r.parse(c["skin"], [](auto t) { return parse_skin_flags(t); });
    s.skin_note = std::string(r.raw(c["skin_note"]));
    s.notes = std::string(r.raw(c["notes"]));
}

// One session a row, which may also define its client and protocol.
void read_sessions(Batch& batch, RowReader& r, const Columns& c) {
    const int c_client = c["client"], c_at = c["recorded_at"], c_protocol = c["protocol"];
    while (r.next()) {
        auto name = r.get(c_client);
        auto protocol_name = r.get(c_protocol);
        // A protocol definition (with or without a session on the same row).
        if (!r.get(c["protocol_points_cm"]).empty()) define_protocol_of_row(batch, r, c, protocol_name);
        if (name.empty()) {
            if (!r.get(c_at).empty()) r.fail(c_client, "a session needs a client");
            continue;
        }
        const std::size_t client = client_of_row(batch, r, c, name);
        if (r.get(c_at).empty()) continue;  // a client without sessions

        auto at = r.parse(c_at, [](auto t) { return parse_local_datetime(t, "recorded_at"); });
        const Protocol& protocol = protocol_of_row(batch, r, c_protocol, protocol_name);
        Session session;
        session.recorded_at = at;
        session.protocol = protocol.name;
        read_session_columns(r, c, batch.client(client).client, protocol, session);
        batch.add(client, std::move(session), r.where(), false);
    }
}

}  // namespace

void read_csv(Batch& batch, std::istream& in) {
    csv::Reader reader(in, batch.source());
    Record header;
    if (!reader.next(header))
        throw UserError("file", batch.source(), batch.source() + ": the file is empty; expected a CSV header");
    Columns cols(header, reader, batch.source());
    RowReader rows(batch, reader, cols);
    switch (cols.format()) {
        case Format::measurements:
            read_measurements(batch, rows, cols);
            break;
        case Format::clients:
            read_clients(batch, rows, cols);
            break;
        case Format::sessions:
            read_sessions(batch, rows, cols);
            break;
    }
}

}  // namespace swelltrack::exchange
