// The JSON format (docs/data-formats.md): {"format": "swelltrack", "version": 1, "protocols": [...],
// "clients": [{..., "sessions": [...]}]}. Errors name the file and the JSON path of the value.
#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "batch.h"
#include "swelltrack/base64.h"
#include "swelltrack/datetime.h"
#include "swelltrack/limits.h"
#include "swelltrack/units.h"

namespace swelltrack::exchange {
namespace {

using nlohmann::json;

class JsonReader {
   public:
    explicit JsonReader(Batch& batch) : batch_(batch) {}

    [[noreturn]] void fail(const std::string& path, const std::string& message, const json* value = nullptr) const {
        std::string v = value ? value->dump() : std::string();
        if (v.size() > 60) v = v.substr(0, 57) + "...";
        fail_at(batch_.source() + " at " + path, message + (value ? " (value " + v + ")" : ""), path, v);
    }

    // Runs a domain parser, prefixing its UserError with the JSON path.
    template <class F>
    auto parse(const std::string& path, const json& value, F&& f) const -> decltype(f()) {
        try {
            return f();
        } catch (const UserError& e) {
            fail(path, e.what(), &value);
        }
    }

    void only_keys(const json& obj, const std::string& path, std::initializer_list<const char*> keys) const {
        if (!obj.is_object()) fail(path, "expected an object", &obj);
        for (const auto& item : obj.items()) {
            const std::string& k = item.key();  // not a structured binding: clang 14 cannot capture one
            if (std::none_of(keys.begin(), keys.end(), [&](const char* key) { return k == key; }))
                fail(path + "." + k, "'" + k + "' is not a field here (see docs/data-formats.md)");
        }
    }

    std::string str(const json& obj, const char* key, const std::string& path, const std::string& fallback = {}) const {
        auto it = obj.find(key);
        if (it == obj.end() || it->is_null()) return fallback;
        if (!it->is_string()) fail(path + "." + key, "expected text", &*it);
        return it->get<std::string>();
    }
    std::optional<double> num(const json& obj, const char* key, const std::string& path) const {
        auto it = obj.find(key);
        if (it == obj.end() || it->is_null()) return std::nullopt;
        if (!it->is_number()) fail(path + "." + key, "expected a number", &*it);
        double v = it->get<double>();
        if (!std::isfinite(v)) fail(path + "." + key, "is not a finite number", &*it);
        return v;
    }
    // A whole number within `limit` (the domain's table), failing at this key's path.
    std::optional<int> integer(const json& obj, const char* key, const std::string& path, const Limit& limit) const {
        auto it = obj.find(key);
        if (it == obj.end() || it->is_null()) return std::nullopt;
        if (!it->is_number_integer()) fail(path + "." + key, "expected a whole number", &*it);
        auto v = static_cast<double>(it->get<std::int64_t>());
        parse(path + "." + key, *it, [&] { check(limit, v); });
        return static_cast<int>(v);
    }
    bool boolean(const json& obj, const char* key, const std::string& path) const {
        auto it = obj.find(key);
        if (it == obj.end() || it->is_null()) return false;
        if (!it->is_boolean()) fail(path + "." + key, "expected true or false", &*it);
        return it->get<bool>();
    }
    const json& array(const json& obj, const char* key, const std::string& path) const {
        static const json empty = json::array();
        auto it = obj.find(key);
        if (it == obj.end() || it->is_null()) return empty;
        if (!it->is_array()) fail(path + "." + key, "expected an array", &*it);
        return *it;
    }

    // What the root says of the file ("format", "version"); `root` may hold only those keys.
    void read_header(const json& root) const {
        if (str(root, "format", "$", "swelltrack") != "swelltrack")
            fail("$.format", "expected \"swelltrack\"", &root["format"]);
        if (auto v = integer(root, "version", "$", Limit{"version", 0, 1000, {}, true}); v && *v != 1)
            fail("$.version", "this program reads version 1 of the JSON format", &root["version"]);
    }

    void read_protocols(const json& protocols) {
        for (std::size_t i = 0; i < protocols.size(); ++i)
            read_protocol(protocols[i], "$.protocols[" + std::to_string(i) + "]");
    }

    // The root once parsed; the clients before `first_client` were read while parsing, and left it.
    void read(const json& root, std::size_t first_client) {
        only_keys(root, "$", {"format", "version", "protocols", "clients"});
        read_header(root);
        read_protocols(array(root, "protocols", "$"));
        const auto& clients = array(root, "clients", "$");
        for (std::size_t i = 0; i < clients.size(); ++i)
            read_client(clients[i], "$.clients[" + std::to_string(first_client + i) + "]");
    }

    // Whether every session of a client names a protocol known now (else it waits for "protocols").
    bool protocols_known(const json& c) {
        auto sessions = c.find("sessions");
        if (!c.is_object() || sessions == c.end() || !sessions->is_array()) return true;
        for (const auto& s : *sessions) {
            if (!s.is_object()) continue;
            auto p = s.find("protocol");
            if (p != s.end() && p->is_string() && !batch_.find_protocol(p->get_ref<const std::string&>())) return false;
        }
        return true;
    }

    void read_protocol(const json& p, const std::string& path) {
        only_keys(p, path, {"name", "limb", "points_cm"});
        Protocol protocol;
        protocol.name = str(p, "name", path);
        protocol.limb =
            parse(path + ".limb", p.value("limb", json()), [&] { return parse_enum<LimbKind>(str(p, "limb", path)); });
        const auto& points = array(p, "points_cm", path);
        for (std::size_t i = 0; i < points.size(); ++i) {
            if (!points[i].is_number())
                fail(path + ".points_cm[" + std::to_string(i) + "]", "expected a number", &points[i]);
            protocol.positions_cm.push_back(points[i].get<double>());
        }
        batch_.define_protocol(std::move(protocol), batch_.source() + " at " + path);
    }

    void read_client(const json& c, const std::string& path) {
        only_keys(c, path,
                  {"name", "limb", "affected", "baseline", "unit", "birth_year", "condition", "notes", "archived",
                   "every_days", "remind_days", "remind_at", "photo_consent", "sessions", "courses", "photos"});
        Client cl;
        cl.name = str(c, "name", path);
        cl.limb =
            parse(path + ".limb", c.value("limb", json()), [&] { return parse_enum<LimbKind>(str(c, "limb", path)); });
        cl.affected = parse(path + ".affected", c.value("affected", json()),
                            [&] { return parse_enum<Affected>(str(c, "affected", path)); });
        if (auto b = str(c, "baseline", path); !b.empty())
            cl.baseline_date = parse(path + ".baseline", c["baseline"], [&] { return parse_date(b, "baseline"); });
        if (auto u = str(c, "unit", path); !u.empty())
            cl.unit = parse(path + ".unit", c["unit"], [&] { return parse_enum<LengthUnit>(u); });
        cl.birth_year = integer(c, "birth_year", path, limits::calendar_year);
        cl.condition = str(c, "condition", path);
        cl.notes = str(c, "notes", path);
        cl.archived = boolean(c, "archived", path);
        cl.every_days = integer(c, "every_days", path, limits::measure_every_days);
        if (auto d = str(c, "remind_days", path); !d.empty())
            cl.remind_weekdays = parse(path + ".remind_days", c["remind_days"], [&] { return parse_weekdays(d); });
        if (auto t = str(c, "remind_at", path); !t.empty())
            cl.remind_minute = parse(path + ".remind_at", c["remind_at"], [&] { return parse_time_of_day(t); });
        cl.photo_consent = boolean(c, "photo_consent", path);
        auto client = batch_.define_client(std::move(cl), batch_.source() + " at " + path);
        const auto& sessions = array(c, "sessions", path);
        for (std::size_t i = 0; i < sessions.size(); ++i)
            read_session(sessions[i], client, path + ".sessions[" + std::to_string(i) + "]");
        if (c.contains("courses")) {
            const auto& courses = array(c, "courses", path);
            for (std::size_t i = 0; i < courses.size(); ++i)
                read_course(courses[i], client, path + ".courses[" + std::to_string(i) + "]");
        }
        if (c.contains("photos")) {
            const auto& photos = array(c, "photos", path);
            for (std::size_t i = 0; i < photos.size(); ++i)
                read_photo(photos[i], client, path + ".photos[" + std::to_string(i) + "]");
        }
    }

    void read_photo(const json& p, std::size_t client, const std::string& path) {
        only_keys(p, path, {"taken_at", "site", "added_by", "jpeg"});
        Photo photo;
        const auto at = str(p, "taken_at", path);
        photo.taken_at = parse(path + ".taken_at", p.value("taken_at", json()), [&] { return parse_datetime(at); });
        photo.site = str(p, "site", path);
        photo.added_by = str(p, "added_by", path);
        const auto jpeg = records::base64_decode(str(p, "jpeg", path));
        if (!jpeg) fail(path + ".jpeg", "expected a JPEG as base64 (RFC 4648)", nullptr);
        batch_.define_photo(client, std::move(photo), *jpeg, batch_.source() + " at " + path);
    }

    void read_course(const json& c, std::size_t client, const std::string& path) {
        only_keys(c, path, {"kind", "from", "to", "note"});
        Course course;
        course.kind = parse(path + ".kind", c.value("kind", json()),
                            [&] { return parse_enum<CourseKind>(str(c, "kind", path)); });
        const auto from = str(c, "from", path);
        course.from = parse(path + ".from", c.value("from", json()), [&] { return parse_date(from, "from"); });
        if (auto to = str(c, "to", path); !to.empty())
            course.to = parse(path + ".to", c["to"], [&] { return parse_date(to, "to"); });
        course.note = str(c, "note", path);
        parse(path, c, [&] { validate_course(course); });
        batch_.define_course(client, std::move(course), batch_.source() + " at " + path);
    }

    PointValues values(const json& s, const char* key, const std::string& path, const Protocol& protocol) {
        PointValues out;
        const auto& a = array(s, key, path);
        if (a.empty()) return out;
        if (a.size() != protocol.point_count())
            fail(path + "." + key, std::to_string(a.size()) + " value(s) given, but protocol '" + protocol.name +
                                       "' has " + std::to_string(protocol.point_count()) +
                                       " points (null = not measured)");
        for (std::size_t i = 0; i < a.size(); ++i) {
            auto p = path + "." + key + "[" + std::to_string(i) + "]";
            if (a[i].is_null()) {
                out.emplace_back();
                continue;
            }
            if (!a[i].is_number()) fail(p, "expected a number of millimetres or null", &a[i]);
            double mm = a[i].get<double>();
            parse(p, a[i], [&] { check_circumference_mm(mm, "circumference", format_exact(mm) + " mm"); });
            out.emplace_back(canonical_mm(mm));
        }
        return out;
    }

    void read_session(const json& s, std::size_t client, const std::string& path) {
        only_keys(s, path,
                  {"recorded_at", "protocol", "left_mm", "right_mm", "recorded_by", "context", "weight_kg",
                   "compression", "treatment", "symptoms", "skin", "skin_note", "notes"});
        auto at_text = str(s, "recorded_at", path);
        auto at = parse(path + ".recorded_at", s.value("recorded_at", json()),
                        [&] { return parse_local_datetime(at_text, "recorded_at"); });
        auto protocol_name = str(s, "protocol", path);
        const Protocol* protocol = batch_.find_protocol(protocol_name);
        if (!protocol)
            fail(path + ".protocol", "protocol '" + protocol_name + "' is not known; list it under \"protocols\"");
        Session x;
        x.recorded_at = at;
        x.protocol = protocol->name;
        x.left_mm = values(s, "left_mm", path, *protocol);
        x.right_mm = values(s, "right_mm", path, *protocol);
        x.recorded_by = str(s, "recorded_by", path, "self");
        if (auto t = str(s, "context", path); !t.empty())
            x.context = parse(path + ".context", s["context"], [&] { return parse_enum<SessionContext>(t); });
        x.weight_kg = num(s, "weight_kg", path);
        if (auto it = s.find("compression"); it != s.end() && !it->is_null())
            read_compression(*it, path + ".compression", x.compression);
        if (auto it = s.find("treatment"); it != s.end() && !it->is_null())
            read_treatment(*it, path + ".treatment", x.treatment);
        if (auto it = s.find("symptoms"); it != s.end() && !it->is_null())
            read_symptoms(*it, path + ".symptoms", x.symptoms);
        read_skin(array(s, "skin", path), path, x.skin);
        x.skin_note = str(s, "skin_note", path);
        x.notes = str(s, "notes", path);
        batch_.add(client, std::move(x), batch_.source() + " at " + path, false);
    }

    // A session's "compression" object: what was worn, its class and its pressure range.
    void read_compression(const json& c, const std::string& p, Compression& out) const {
        only_keys(c, p, {"kind", "known", "class", "mmhg_low", "mmhg_high"});
        if (auto k = str(c, "kind", p); !k.empty())
            out.kind = parse(p + ".kind", c["kind"], [&] { return parse_enum<CompressionKind>(k); });
        // Without "known", what was worn is known when "kind" says it (a class alone implies a
        // garment: normalize_session).
        out.worn_known = c.contains("known") ? boolean(c, "known", p) : c.contains("kind");
        out.ral_class = integer(c, "class", p, limits::garment_class);
        out.mmhg_low = integer(c, "mmhg_low", p, limits::compression_mmhg);
        out.mmhg_high = integer(c, "mmhg_high", p, limits::compression_mmhg);
    }

    // A session's "treatment" object.
    void read_treatment(const json& t, const std::string& p, Treatment& out) const {
        only_keys(t, p, {"mld_minutes", "bandaging", "exercise"});
        out.mld_minutes = integer(t, "mld_minutes", p, limits::mld_minutes);
        out.bandaging = boolean(t, "bandaging", p);
        out.exercise = boolean(t, "exercise", p);
    }

    // A session's "symptoms" object, each within the domain's limits.
    void read_symptoms(const json& y, const std::string& p, Symptoms& out) const {
        only_keys(y, p,
                  {"heaviness", "tightness", "pain", "swelling", "pitting_grade", "pitting_depth_mm",
                   "pitting_rebound_s", "stemmer", "isl_stage"});
        out.heaviness = integer(y, "heaviness", p, limits::heaviness);
        out.tightness = integer(y, "tightness", p, limits::tightness);
        out.pain = integer(y, "pain", p, limits::pain);
        out.swelling = integer(y, "swelling", p, limits::swelling);
        out.pitting_grade = integer(y, "pitting_grade", p, limits::pitting_grade);
        out.pitting_depth_mm = num(y, "pitting_depth_mm", p);
        out.pitting_rebound_s = num(y, "pitting_rebound_s", p);
        if (auto st = str(y, "stemmer", p); !st.empty())
            out.stemmer = parse(p + ".stemmer", y["stemmer"], [&] { return parse_enum<StemmerSign>(st); });
        out.isl_stage = integer(y, "isl_stage", p, limits::isl_stage);
    }

    // A session's "skin" array of flag names; `path` is the session's.
    void read_skin(const json& skin, const std::string& path, SkinFlags& out) const {
        for (std::size_t i = 0; i < skin.size(); ++i) {
            auto p = path + ".skin[" + std::to_string(i) + "]";
            if (!skin[i].is_string()) fail(p, "expected a skin flag name", &skin[i]);
            out.set(parse(p, skin[i], [&] { return parse_enum<SkinFlag>(skin[i].get<std::string>()); }));
        }
    }

   private:
    Batch& batch_;
};

}  // namespace

void read_json(Batch& batch, std::istream& in) {
    // A UTF-8 BOM is skipped here, so that a parse error's byte counts from the text.
    const auto start = in.tellg();
    char bom[3] = {};
    in.read(bom, 3);
    const bool has_bom = in.gcount() == 3 && std::string_view(bom, 3) == "\xEF\xBB\xBF";
    in.clear();
    in.seekg(has_bom ? start + std::streamoff(3) : start);
    const auto text_start = in.tellg();

    JsonReader reader(batch);
    // The format nests six levels (root, clients, a client, sessions, a session, compression).
    // Anything much deeper is not a swelltrack file, and printing it in a message would recurse
    // once per level: refuse it while parsing.
    constexpr int max_depth = 32;
    // A key given twice in one object: JSON keeps the last silently, and the first (a whole list
    // of clients, say) would be dropped without a word.
    std::vector<std::vector<std::string>> keys;
    // Each client is read as soon as its object ends, then dropped from the tree: memory holds one
    // client's sessions, whatever the file's size. A client whose sessions name a protocol not
    // known yet (listed after the clients) waits, with every client after it, until the end.
    std::string root_key;
    bool in_clients = false, waiting = false;
    std::size_t clients_read = 0;
    auto callback = [&](int depth, json::parse_event_t event, json& parsed) {
        if (depth > max_depth)
            throw UserError("json", "",
                            batch.source() + ": JSON nested more than " + std::to_string(max_depth) +
                                " levels deep; this is not a swelltrack file (see docs/data-formats.md)");
        if (event == json::parse_event_t::object_start) keys.emplace_back();
        if (event == json::parse_event_t::object_end && !keys.empty()) keys.pop_back();
        if (event == json::parse_event_t::key && !keys.empty()) {
            const auto& key = parsed.get_ref<const std::string&>();
            auto& seen = keys.back();
            if (std::find(seen.begin(), seen.end(), key) != seen.end())
                throw UserError("json", key,
                                batch.source() + ": the key \"" + key +
                                    "\" appears twice in one object; keep one (JSON would silently drop the first)");
            seen.push_back(key);
            if (depth == 1 && keys.size() == 1) root_key = key;
        }
        if (keys.size() != 1) return true;  // only what is directly under the root
        if (depth == 1 && event == json::parse_event_t::value && (root_key == "format" || root_key == "version"))
            reader.read_header(json{{root_key, parsed}});
        if (depth == 1 && event == json::parse_event_t::array_start) in_clients = root_key == "clients";
        if (depth == 1 && event == json::parse_event_t::array_end) {
            in_clients = false;
            if (root_key == "protocols") reader.read_protocols(parsed);
        }
        if (depth == 2 && in_clients &&
            (event == json::parse_event_t::value || event == json::parse_event_t::array_end))
            waiting = true;  // not a client: the error is the tree's to name, in its place
        if (depth == 2 && event == json::parse_event_t::object_end && in_clients && !waiting) {
            if (!reader.protocols_known(parsed)) {
                waiting = true;
                return true;
            }
            reader.read_client(parsed, "$.clients[" + std::to_string(clients_read++) + "]");
            return false;  // dropped from the tree
        }
        return true;
    };
    json root;
    try {
        root = json::parse(in, callback);
    } catch (const json::parse_error& e) {
        // Where: the text up to the error's byte, read again.
        in.clear();
        in.seekg(text_start);
        std::size_t line = 1, column = 0;
        char c;
        for (std::size_t i = 0; i < e.byte && in.get(c); ++i) {
            ++column;
            if (c == '\n') {
                ++line;
                column = 0;
            }
        }
        std::string why = e.what();
        if (auto p = why.find("syntax error"); p != std::string::npos) why = why.substr(p);
        throw UserError("json", "",
                        batch.source() + " line " + std::to_string(line) + ", column " + std::to_string(column) +
                            ": not valid JSON (" + why + ")");
    } catch (const json::exception& e) {
        std::string why = e.what();
        if (auto p = why.find("] "); p != std::string::npos) why = why.substr(p + 2);
        throw UserError("json", "", batch.source() + ": not valid JSON (" + why + ")");
    }
    reader.read(root, clients_read);
}

}  // namespace swelltrack::exchange
