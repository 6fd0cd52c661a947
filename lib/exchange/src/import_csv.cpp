// The CSV formats (docs/data-formats.md): measurements (one row per value), clients
// (5a) and sessions (one row per session with everything a Session holds, plus its client's and
// protocol's details so that one file can rebuild a database).
#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <unordered_map>

#include "batch.h"
#include "csv_columns.h"
#include "swelltrack/course.h"
#include "swelltrack/csv.h"
#include "swelltrack/datetime.h"
#include "swelltrack/detail/text.h"
#include "swelltrack/entry.h"
#include "swelltrack/limits.h"
#include "swelltrack/units.h"

namespace swelltrack::exchange {
namespace {

using csv::Record;

enum class Format { measurements, clients, sessions, wide };

struct Spec {
    Format format;
    const char* title;
    std::vector<std::string> required, optional;
};

std::vector<std::string> joined(std::vector<std::string> a, const std::vector<std::string>& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

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
                               joined(joined({"limb", "affected", "baseline", "unit", "birth_year", "condition",
                                              "client_notes", "archived", "protocol_limb", "protocol_points_cm"},
                                             detail_columns),
                                      joined({"values_unit", "every_days"}, course_columns))};
    static const Spec wide{
        Format::wide,
        "wide CSV",
        {"client", "recorded_at", "protocol"},
        joined(joined(joined({"side", "unit"}, detail_columns), wide_client_columns), course_columns)};
    switch (f) {
        case Format::measurements:
            return measurements;
        case Format::clients:
            return clients;
        case Format::sessions:
            return sessions;
        case Format::wide:
            return wide;
    }
    return sessions;
}

// A header as a person may have typed it, in one spelling: trimmed, lower case, and words joined
// by one '_' whatever separated them ("Recorded At", "recorded-at" and "recorded_at" are one).
std::string column_key(std::string_view text) {
    std::string out;
    for (char c : detail::trim(text)) {
        if (c == ' ' || c == '-' || c == '_' || c == '(' || c == ')' || c == '\t') {
            if (!out.empty() && out.back() != '_') out += '_';
            continue;
        }
        out += c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    }
    while (!out.empty() && out.back() == '_') out.pop_back();
    return out;
}

// Other names a sheet gives the columns (after column_key).
constexpr std::pair<std::string_view, std::string_view> aliases[] = {
    {"name", "client"},          {"client_name", "client"},
    {"patient", "client"},       {"patient_name", "client"},
    {"date", "recorded_at"},     {"date_time", "recorded_at"},
    {"datetime", "recorded_at"}, {"measured_at", "recorded_at"},
    {"recorded", "recorded_at"}, {"weight", "weight_kg"},
    {"mld", "mld_minutes"},      {"note", "notes"},
    {"comment", "notes"},        {"comments", "notes"},
    {"skin_notes", "skin_note"}, {"distance", "point_cm"},
    {"distance_cm", "point_cm"}, {"point", "point_cm"},
    {"value", "circumference"},  {"circumference_cm", "circumference"},
};

std::string canonical_column(std::string key) {
    for (const auto& [alias, name] : aliases)
        if (key == alias) return std::string(name);
    return key;
}

// A wide CSV's point column: its distance in cm, and its side when the name gives one ("left 4",
// "L4", "r_12 cm"); the side column says it otherwise.
struct PointColumn {
    int column = 0;
    std::optional<Side> side;
    double cm = 0;
};

std::optional<PointColumn> point_column(std::string_view key) {
    PointColumn p;
    for (auto [prefix, side] : {std::pair{"left", Side::left}, std::pair{"right", Side::right},
                                std::pair{"l", Side::left}, std::pair{"r", Side::right}}) {
        if (!key.starts_with(prefix)) continue;
        key.remove_prefix(std::string_view(prefix).size());
        if (key.starts_with('_')) key.remove_prefix(1);
        p.side = side;
        break;
    }
    if (key.ends_with("cm")) key.remove_suffix(2);
    if (key.ends_with('_')) key.remove_suffix(1);
    if (key.empty() || key.find_first_not_of("0123456789.,") != std::string_view::npos ||
        !std::isdigit(static_cast<unsigned char>(key.front())))
        return std::nullopt;
    try {
        p.cm = parse_decimal(key, "column");
    } catch (const UserError&) {
        return std::nullopt;
    }
    return p;
}

std::string list_of(const std::vector<std::string>& names) {
    std::string out;
    for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
    return out;
}

// Column positions by name for one file; -1 when absent.
class Columns {
   public:
    Columns(const Record& header, csv::Reader& reader, const std::string& source, const ColumnMap& map)
        : reader_(reader), source_(source), line_(header.line) {
        std::vector<bool> used(map.size());
        for (const auto& field : header.fields) {
            auto key = column_key(field);
            for (std::size_t m = 0; m < map.size(); ++m)
                if (column_key(map[m].first) == key) {  // the sheet's own name, the first pair naming it
                    key = column_key(map[m].second);
                    used[m] = true;
                    break;
                }
            names_.push_back(canonical_column(std::move(key)));
        }
        for (std::size_t m = 0; m < map.size(); ++m)
            if (!used[m]) {
                std::vector<std::string> given(header.fields.begin(), header.fields.end());
                throw UserError("columns", map[m].first,
                                "columns: the file has no column '" + map[m].first + "' to name '" + map[m].second +
                                    "'; its columns are " + list_of(given));
            }
        for (std::size_t i = 0; i < names_.size(); ++i)
            if (auto p = point_column(names_[i])) {
                p->column = static_cast<int>(i);
                points_.push_back(*p);
            }
        format_ = detect(header, source);
        if (format_ == Format::clients)
            for (auto& n : names_)
                if (n == "client") n = "name";
        index_names(header);
    }
    Format format() const { return format_; }
    int operator[](const std::string& name) const {
        auto it = index_.find(name);
        return it == index_.end() ? -1 : it->second;
    }
    const std::string& name(std::size_t i) const { return names_[i]; }
    std::size_t size() const { return names_.size(); }
    /// The wide CSV's point columns, in file order.
    const std::vector<PointColumn>& points() const { return points_; }

   private:
    Format detect(const Record& header, const std::string& source) const {
        auto has = [&](const char* n) { return std::find(names_.begin(), names_.end(), n) != names_.end(); };
        if (!points_.empty()) return Format::wide;
        if (has("point_cm") || has("circumference") || has("side")) return Format::measurements;
        if (has("left") || has("right") || has("recorded_at")) return Format::sessions;
        if (has("client")) return Format::clients;
        throw UserError("header", std::string(header.fields.empty() ? "" : header.fields[0]),
                        source + " line " + std::to_string(header.line) +
                            ": this header is not one swelltrack knows; expected "
                            "client,recorded_at,protocol,side,point_cm,circumference,unit (measurements), "
                            "client,recorded_at,protocol,side,unit and a column per point in cm (wide), "
                            "name,limb,affected,baseline,unit (clients) or the sessions CSV of "
                            "docs/data-formats.md")
            .with_remedy(Remedy::map_columns);
    }

    // Every column known to the format, once; the required ones present.
    void index_names(const Record& header) {
        const auto& s = spec(format_);
        for (std::size_t i = 0; i < names_.size(); ++i) {
            const auto& n = names_[i];
            const auto point = std::find_if(points_.begin(), points_.end(),
                                            [&](const PointColumn& p) { return p.column == static_cast<int>(i); });
            if (point != points_.end()) {
                for (auto q = points_.begin(); q != point; ++q)
                    if (q->side == point->side && q->cm == point->cm)
                        throw UserError("header", n,
                                        reader_.where(line_, i + 1) + ": the point column '" +
                                            std::string(header.fields[i]) + "' appears twice (as column " +
                                            std::to_string(q->column + 1) + " too)");
                continue;
            }
            bool known = std::find(s.required.begin(), s.required.end(), n) != s.required.end() ||
                         std::find(s.optional.begin(), s.optional.end(), n) != s.optional.end();
            if (!known)
                throw UserError("header", n,
                                reader_.where(line_, i + 1) + ": '" + std::string(header.fields[i]) +
                                    "' is not a column of the " + s.title + "; its columns are " + expected(s) +
                                    " (see docs/data-formats.md)")
                    .with_remedy(Remedy::map_columns);
            if (index_.count(n))
                throw UserError("header", n, reader_.where(line_, i + 1) + ": column '" + n + "' appears twice");
            index_[n] = static_cast<int>(i);
        }
        auto required = s.required;
        if (std::any_of(points_.begin(), points_.end(), [](const PointColumn& p) { return !p.side; }))
            required.push_back("side");  // "4" alone: the row's side column says which
        for (const auto& r : required)
            if (!index_.count(r))
                throw UserError("header", r,
                                source_ + " line " + std::to_string(line_) + ": the " + s.title + " needs a column '" +
                                    r + "'; its columns are " + expected(s))
                    .with_remedy(Remedy::map_columns);
    }

    static std::string expected(const Spec& s) {
        std::string out = list_of(s.required);
        if (s.format == Format::wide) out += ", one per point named by its distance in cm (0, 4, 8, ...)";
        if (!s.optional.empty()) out += "; optional: " + list_of(s.optional);
        return out;
    }

    csv::Reader& reader_;
    std::string source_;
    std::size_t line_;
    Format format_ = Format::measurements;
    std::vector<std::string> names_;
    std::vector<PointColumn> points_;
    std::unordered_map<std::string, int> index_;
};

// Reads rows of one file, naming line, column and value in every error.
class RowReader {
   public:
    RowReader(Batch& batch, csv::Reader& reader, const Columns& cols) : batch_(batch), reader_(reader), cols_(cols) {}

    /// The next record with as many fields as the header (a dry run passes over those without).
    bool next() {
        while (reader_.next(rec_)) {
            try {
                check_record();
                return true;
            } catch (const UserError& e) {
                if (!batch_.note_refused(e)) throw;
            }
        }
        return false;
    }
    void check_record() const {
        if (rec_.fields.size() != cols_.size())
            throw UserError("row", std::to_string(rec_.fields.size()),
                            batch_.source() + " line " + std::to_string(rec_.line) + ": has " +
                                std::to_string(rec_.fields.size()) + " field(s) but the header has " +
                                std::to_string(cols_.size()) +
                                (rec_.fields.size() > cols_.size()
                                     ? std::string(" (an unquoted ") + csv::delimiter_name(reader_.delimiter()) + "?)"
                                     : std::string()));
        // A huge field is a damaged or wrong file, and echoing it in a message would drown the message.
        for (std::size_t i = 0; i < rec_.fields.size(); ++i)
            if (rec_.fields[i].size() > max_field_bytes)
                fail_at(where(static_cast<int>(i)),
                        "a field of " + std::to_string(rec_.fields[i].size()) + " bytes; the longest allowed is " +
                            std::to_string(max_field_bytes) + " bytes",
                        cols_.name(i), std::string(rec_.fields[i].substr(0, 40)) + "...");
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

bool yes_no(std::string_view t, std::string_view field) { return t.empty() ? false : parse_yes_no(t, field); }

// Runs `row` for each row; a dry run notes a refused row and goes on, an import stops at it.
template <class F>
void for_each_row(Batch& batch, RowReader& r, F&& row) {
    while (r.next()) {
        try {
            row();
        } catch (const UserError& e) {
            if (!batch.note_refused(e)) throw;
        }
    }
}

// ---- clients CSV ------------------------------------------------------------------------------

Client client_from_row(const RowReader& r, const Columns& c, const char* name_col, const char* notes_col,
                       const char* unit_col = "unit") {
    Client cl;
    cl.name = std::string(r.get(c[name_col]));
    cl.limb = r.parse(c["limb"], [](auto t) { return parse_enum<LimbKind>(t); });
    cl.affected = r.parse(c["affected"], [](auto t) { return parse_enum<Affected>(t); });
    if (!r.get(c["baseline"]).empty())
        cl.baseline_date = r.parse(c["baseline"], [](auto t) { return parse_date(t, "baseline"); });
    if (!r.get(c[unit_col]).empty()) cl.unit = r.parse(c[unit_col], [](auto t) { return parse_enum<LengthUnit>(t); });
    cl.birth_year = r.parse(c["birth_year"], [](auto t) { return opt_int(t, "birth_year", limits::calendar_year); });
    cl.condition = std::string(r.raw(c["condition"]));
    cl.notes = std::string(r.raw(c[notes_col]));
    cl.archived = r.parse(c["archived"], [](auto t) { return yes_no(t, "archived"); });
    cl.every_days =
        r.parse(c["every_days"], [](auto t) { return opt_int(t, "every_days", limits::measure_every_days); });
    return cl;
}

void read_clients(Batch& batch, RowReader& r, const Columns& c) {
    for_each_row(batch, r, [&] {
        if (r.get(c["name"]).empty()) r.fail(c["name"], "a client needs a name");
        batch.define_client(client_from_row(r, c, "name", "notes"), r.where());
    });
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

// Hands the run's session to the batch (a dry run notes it refused and goes on).
void flush(Batch& batch, Run& run) {
    if (!run.open) return;
    run.open = false;
    try {
        batch.add(run.client, std::move(run.session), run.where, true);
    } catch (const UserError& e) {
        if (!batch.note_refused(e)) throw;
    }
}

// The session the row's values belong to: the current run, or a new one that starts from what
// earlier rows of the same session gave. One protocol a session.
Session& session_of_row(Batch& batch, const RowReader& r, int protocol_col, std::size_t client, const DateTime& at,
                        const Protocol& protocol, Run& run) {
    if (!(run.open && run.client == client && run.session.recorded_at.utc == at.utc)) {
        flush(batch, run);
        run.open = true;
        run.client = client;
        run.where = r.where();
        if (const auto* earlier = batch.so_far(client, at)) {
            run.session = *earlier;
        } else {
            run.session = Session{};
            run.session.recorded_at = at;
            run.session.protocol = protocol.name;
        }
    }
    if (run.session.protocol != protocol.name)
        r.fail(protocol_col, "this session (" + format_datetime(at) + ") already uses protocol '" +
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

// "0, 4, 8, ..., 40 cm": a protocol's points, for messages.
std::string points_text(const Protocol& protocol) {
    std::string known;
    for (double p : protocol.positions_cm) known += (known.empty() ? "" : ", ") + format_exact(p);
    return known + " cm";
}

// The index of the protocol's point at `cm` (as typed: within a micrometre), or npos.
std::size_t point_of(const Protocol& protocol, double cm) {
    for (std::size_t i = 0; i < protocol.point_count(); ++i)
        if (std::abs(protocol.positions_cm[i] - cm) < 1e-6) return i;
    return std::string_view::npos;
}

// The position of `point_cm` among the protocol's points; a point it lacks fails, naming those it has.
std::size_t point_index(const RowReader& r, int col, const Protocol& protocol, double point_cm) {
    const std::size_t index = point_of(protocol, point_cm);
    if (index == std::string_view::npos)
        r.fail(col, "point_cm: '" + std::string(r.get(col)) + "' is not a point of protocol '" + protocol.name +
                        "' (points: " + points_text(protocol) + ")");
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
    for_each_row(batch, r, [&] {
        resolve_keys(batch, r, c, k);
        const Protocol& protocol = *k.protocol;
        Side side = side_of_row(r, c.side);
        double point_cm = r.parse(c.point, [](auto t) { return number(t, "point_cm"); });
        std::size_t index = point_index(r, c.point, protocol, point_cm);
        auto unit_text = r.get(c.unit);
        double factor = mm_per_unit(r, c.unit, unit_text);
        double mm = circumference_of_row(r, c.value, factor, unit_text);
        auto& session = session_of_row(batch, r, c.protocol, k.client, k.at, protocol, run);  // the row is good
        auto& values = side == Side::left ? session.left_mm : session.right_mm;
        if (values.empty()) values.resize(protocol.point_count());
        if (values[index])
            r.fail(c.point, "a second value for the " + std::string(to_string(side)) + " side at " +
                                format_exact(point_cm) + " cm in the session at " + std::string(r.get(c.at)) +
                                " (one row per side and point)");
        values[index] = mm;
    });
    flush(batch, run);
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
// (The wide CSV's `unit` is its values' unit: there `client_unit` is the client's, else `unit`.)
std::size_t client_of_row(Batch& batch, const RowReader& r, const Columns& c, std::string_view name) {
    // A row in mm gives a new client no unit of hers (cm, the default); "mm" is never a client's unit.
    const char* unit_col = !r.get(c["client_unit"]).empty()          ? "client_unit"
                           : detail::lower(r.get(c["unit"])) == "mm" ? "client_unit"
                                                                     : "unit";
    if (!r.get(c["limb"]).empty() || !r.get(c["affected"]).empty())
        return batch.define_client(client_from_row(r, c, "client", "client_notes", unit_col), r.where());
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

// What the row says about the session besides its values (detail_columns).
void read_session_details(const RowReader& r, const Columns& c, Session& s) {
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

// Everything the row says about the session; values are in the client's unit unless values_unit
// names another.
void read_session_columns(const RowReader& r, const Columns& c, const Client& client, const Protocol& protocol,
                          Session& s) {
    LengthUnit unit = client.unit;
    if (!r.get(c["values_unit"]).empty())
        unit = r.parse(c["values_unit"], [](auto t) { return parse_enum<LengthUnit>(t, "values_unit"); });
    s.left_mm = values_list(r, c["left"], protocol, unit);
    s.right_mm = values_list(r, c["right"], protocol, unit);
    read_session_details(r, c, s);
}

// Defines the treatment course a row describes for its client (course_columns).
void define_course_of_row(Batch& batch, const RowReader& r, const Columns& c, std::size_t client) {
    Course course;
    course.kind = r.parse(c["course_kind"], [](auto t) { return parse_enum<CourseKind>(t, "course_kind"); });
    course.from = r.parse(c["course_from"], [](auto t) { return parse_date(t, "course_from"); });
    if (!r.get(c["course_to"]).empty())
        course.to = r.parse(c["course_to"], [](auto t) { return parse_date(t, "course_to"); });
    course.note = std::string(r.raw(c["course_note"]));
    try {
        validate_course(course);
    } catch (const UserError& e) {  // at the column of the field it names: course_to, course_note, ...
        r.parse(c["course_" + e.field()], [&](auto) -> int { throw e; });
    }
    batch.define_course(client, std::move(course), r.where());
}

// The row gives a treatment course: any of its columns is filled.
bool has_course(const RowReader& r, const Columns& c) {
    return std::any_of(course_columns.begin(), course_columns.end(),
                       [&](const std::string& column) { return !r.get(c[column]).empty(); });
}

// Whose session a row of the sessions or wide CSV is, when it is one.
struct SessionRow {
    std::size_t client;
    DateTime at;
    const Protocol* protocol;
};

// What the row defines (a user protocol, a client, a treatment course: both CSVs allow them on any
// row) and the session it gives, if it gives one: a row may only define.
std::optional<SessionRow> session_row(Batch& batch, const RowReader& r, const Columns& c) {
    const int c_client = c["client"], c_at = c["recorded_at"], c_protocol = c["protocol"];
    auto name = r.get(c_client);
    auto protocol_name = r.get(c_protocol);
    if (!r.get(c["protocol_points_cm"]).empty()) define_protocol_of_row(batch, r, c, protocol_name);
    if (name.empty()) {
        if (!r.get(c_at).empty()) r.fail(c_client, "a session needs a client");
        if (has_course(r, c)) r.fail(c_client, "a treatment course needs a client");
        return std::nullopt;
    }
    const std::size_t client = client_of_row(batch, r, c, name);
    if (has_course(r, c)) define_course_of_row(batch, r, c, client);
    if (r.get(c_at).empty()) return std::nullopt;  // a client without sessions, or a course
    auto at = r.parse(c_at, [](auto t) { return parse_local_datetime(t, "recorded_at"); });
    return SessionRow{client, at, &protocol_of_row(batch, r, c_protocol, protocol_name)};
}

// One session a row, which may also define its client and protocol.
void read_sessions(Batch& batch, RowReader& r, const Columns& c) {
    for_each_row(batch, r, [&] {
        const auto row = session_row(batch, r, c);
        if (!row) return;
        const std::size_t client = row->client;
        const Protocol& protocol = *row->protocol;
        Session session;
        session.recorded_at = row->at;
        session.protocol = protocol.name;
        read_session_columns(r, c, batch.client(client).client, protocol, session);
        batch.add(client, std::move(session), r.where(), false);
    });
}

// ---- wide CSV (one row per session and side, a column per point) -----------------------------

// Where the file's point columns are among one protocol's points.
struct WideLayout {
    std::vector<std::size_t> point;  // per Columns::points() entry: the protocol's point index, or npos
};

// The layout for `protocol`: each of its points needs a column in every group the header has
// (point columns named without a side, "left ..." ones, "right ..." ones).
const WideLayout& layout_of(std::map<std::string, WideLayout, std::less<>>& layouts, const RowReader& r,
                            const Columns& c, const Protocol& protocol) {
    if (auto it = layouts.find(protocol.name); it != layouts.end()) return it->second;
    const auto& points = c.points();
    WideLayout layout;
    for (const auto& p : points) layout.point.push_back(point_of(protocol, p.cm));
    for (std::optional<Side> group :
         {std::optional<Side>{}, std::optional<Side>{Side::left}, std::optional{Side::right}}) {
        if (std::none_of(points.begin(), points.end(), [&](const PointColumn& p) { return p.side == group; })) continue;
        for (std::size_t i = 0; i < protocol.point_count(); ++i) {
            bool found = false;
            for (std::size_t k = 0; k < points.size(); ++k) found |= points[k].side == group && layout.point[k] == i;
            if (!found)
                r.fail(-1, "protocol '" + protocol.name + "' has a point at " + format_exact(protocol.positions_cm[i]) +
                               " cm, but the file has no column for it" +
                               (group ? " on the " + std::string(to_string(*group)) + " side" : std::string()) +
                               " (its points: " + points_text(protocol) + ")");
        }
    }
    return layouts.emplace(protocol.name, std::move(layout)).first->second;
}

// The session's details (everything but its values) are those of `b`.
bool same_details(const Session& a, Session b) {
    b.recorded_at = a.recorded_at;
    b.protocol = a.protocol;
    b.left_mm = a.left_mm;
    b.right_mm = a.right_mm;
    return same_session(a, b, false);
}

// Joins one row (its values and details) into the session its earlier rows began, or refuses it
// whole: a value the session has already, or other details than it has (a session's details may
// be on any one of its rows, or the same on each).
void join_row(const RowReader& r, const Protocol& protocol, Session& s, Session row) {
    const bool row_details = !same_details(Session{}, row);
    if (row_details && !same_details(Session{}, s) && !same_details(s, row))
        r.fail(-1, "the session at " + format_datetime(s.recorded_at) +
                       " has other symptoms, treatment or notes on an earlier row; give them on one of its rows, or "
                       "the same on each");
    for (Side side : {Side::left, Side::right}) {
        const auto& from = row.side_mm(side);
        const auto& to = s.side_mm(side);
        for (std::size_t i = 0; i < from.size(); ++i)
            if (from[i] && i < to.size() && to[i])
                r.fail(-1, "a second value for the " + std::string(to_string(side)) + " side at " +
                               format_exact(protocol.positions_cm[i]) + " cm in the session at " +
                               format_datetime(s.recorded_at) + " (one row per session and side)");
    }
    for (auto [from, to] : {std::pair{&row.left_mm, &s.left_mm}, std::pair{&row.right_mm, &s.right_mm}}) {
        if (from->empty()) continue;
        if (to->empty()) to->resize(from->size());
        for (std::size_t i = 0; i < from->size(); ++i)
            if ((*from)[i]) (*to)[i] = (*from)[i];
    }
    if (!row_details) return;
    row.id = s.id;
    row.client_id = s.client_id;
    row.recorded_at = s.recorded_at;
    row.protocol = std::move(s.protocol);
    row.left_mm = std::move(s.left_mm);
    row.right_mm = std::move(s.right_mm);
    s = std::move(row);
}

bool empty_cell(std::string_view text) { return text.empty() || text == "-"; }

// The row's values, each into its side and point.
void read_wide_values(const RowReader& r, const Columns& c, const WideLayout& layout, const Protocol& protocol,
                      const Client& client, Session& s) {
    const int c_side = c["side"], c_unit = c["unit"];
    auto unit_text = r.get(c_unit);
    const double factor = unit_text.empty() ? (client.unit == LengthUnit::cm ? mm_per_cm : mm_per_inch)
                                            : mm_per_unit(r, c_unit, unit_text);
    const std::string unit = unit_text.empty() ? std::string(to_string(client.unit)) : std::string(unit_text);
    const auto& points = c.points();
    for (std::size_t k = 0; k < points.size(); ++k) {
        const int col = points[k].column;
        if (empty_cell(r.get(col))) continue;
        if (layout.point[k] == std::string_view::npos)
            r.fail(col, "this column is not a point of protocol '" + protocol.name +
                            "' (its points: " + points_text(protocol) + "); leave it empty in this row");
        if (!points[k].side && r.get(c_side).empty())
            r.fail(c_side, "side: empty, but the row has values; give left or right");
        const Side side = points[k].side ? *points[k].side : side_of_row(r, c_side);
        auto& values = side == Side::left ? s.left_mm : s.right_mm;
        if (values.empty()) values.resize(protocol.point_count());
        auto& value = values[layout.point[k]];
        if (value)
            r.fail(col, "a second value for the " + std::string(to_string(side)) + " side at " +
                            format_exact(points[k].cm) + " cm in the session at " + format_datetime(s.recorded_at) +
                            " (one row per session and side)");
        value = circumference_of_row(r, col, factor, unit);
    }
}

// One session and side a row (or both sides, with "left ..."/"right ..." columns); the rows of a
// session are joined like the measurements CSV's, wherever they are in the file.
void read_wide(Batch& batch, RowReader& r, const Columns& c) {
    std::map<std::string, WideLayout, std::less<>> layouts;
    Run run;
    for_each_row(batch, r, [&] {
        const auto head = session_row(batch, r, c);
        if (!head) return;
        const std::size_t client = head->client;
        const auto at = head->at;
        const Protocol& protocol = *head->protocol;
        const auto& layout = layout_of(layouts, r, c, protocol);
        Session row;  // read whole before it joins its session: a refused row adds nothing
        row.recorded_at = at;
        read_wide_values(r, c, layout, protocol, batch.client(client).client, row);
        read_session_details(r, c, row);
        if (row.recorded_by.empty()) row.recorded_by = Session{}.recorded_by;
        join_row(r, protocol, session_of_row(batch, r, c["protocol"], client, at, protocol, run), std::move(row));
    });
    flush(batch, run);
}

}  // namespace

void read_csv(Batch& batch, std::istream& in) {
    csv::Reader reader(in, batch.source(), csv::Reader::detect);
    Record header;
    if (!reader.next(header))
        throw UserError("file", batch.source(), batch.source() + ": the file is empty; expected a CSV header");
    Columns cols(header, reader, batch.source(), batch.checks().columns);
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
        case Format::wide:
            read_wide(batch, rows, cols);
            break;
    }
}

}  // namespace swelltrack::exchange

namespace swelltrack {

ColumnMap parse_column_map(std::string_view text) {
    using namespace exchange;
    ColumnMap out;
    for (auto pair : detail::split(text, ',')) {
        pair = detail::trim(pair);
        if (pair.empty()) continue;
        auto eq = pair.find('=');
        auto header = eq == std::string_view::npos ? std::string_view{} : detail::trim(pair.substr(0, eq));
        auto column = eq == std::string_view::npos ? std::string_view{} : detail::trim(pair.substr(eq + 1));
        if (header.empty() || column.empty())
            throw UserError(
                "columns", std::string(pair),
                "columns: '" + std::string(pair) + "' is not header=column; write e.g. Datum=recorded_at,Name=client");
        auto key = canonical_column(column_key(column));
        bool known = point_column(key).has_value();
        std::vector<std::string> all;
        for (Format f : {Format::measurements, Format::clients, Format::sessions, Format::wide})
            for (const auto* names : {&spec(f).required, &spec(f).optional})
                for (const auto& n : *names) {
                    known |= n == key;
                    if (std::find(all.begin(), all.end(), n) == all.end()) all.push_back(n);
                }
        if (!known)
            throw UserError("columns", std::string(column),
                            "columns: '" + std::string(column) + "' (for '" + std::string(header) +
                                "') is not a column swelltrack knows; the columns are " + list_of(all) +
                                ", or a point by its distance in cm (4, left 4)");
        out.emplace_back(std::string(header), std::string(column));
    }
    return out;
}

}  // namespace swelltrack
