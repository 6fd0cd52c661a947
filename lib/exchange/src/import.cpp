// Import: recognise the format, then read the file once as a stream, writing each session inside
// the import's one transaction as it is read (batch.h); check plausibility against the rows
// written; commit, or throw and roll back. Memory stays the same whatever the file's size: a window
// of the file, one client's sessions at a time, and the first rows of the plausibility report.
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <istream>
#include <limits>
#include <map>
#include <streambuf>

#include "batch.h"
#include "swelltrack/analysis.h"
#include "swelltrack/csv.h"
#include "swelltrack/datetime.h"
#include "swelltrack/detail/text.h"
#include "swelltrack/display.h"
#include "swelltrack/imaging.h"
#include "swelltrack/plausibility.h"

namespace swelltrack {
namespace exchange {

void fail_at(const std::string& where, const std::string& message, std::string field, std::string value,
             Remedy remedy) {
    throw UserError(std::move(field), std::move(value), where + ": " + message).with_remedy(remedy);
}

namespace {
std::int64_t value_count(const Session& s) {
    std::int64_t n = 0;
    for (const auto* side : {&s.left_mm, &s.right_mm})
        for (const auto& v : *side) n += v.has_value();
    return n;
}

// Every value `part` holds is the same in `whole` (a session the file has given only some rows of).
bool part_of(const Session& part, const Session& whole) {
    if (part.protocol != whole.protocol || part.recorded_at.utc != whole.recorded_at.utc) return false;
    for (Side side : {Side::left, Side::right}) {
        const auto &p = part.side_mm(side), &w = whole.side_mm(side);
        for (std::size_t i = 0; i < p.size(); ++i)
            if (p[i] && (i >= w.size() || w[i] != p[i])) return false;
    }
    return true;
}

constexpr std::int64_t no_session = std::numeric_limits<std::int64_t>::min();
}  // namespace

Batch::Batch(StoreWriter& store, std::string source, const ImportChecks& checks)
    : store_(store), source_(std::move(source)), checks_(checks) {
    store_.begin();
    newest_before_ = store_.newest_session_id();
    summary.dry_run = checks.dry_run;
}

Batch::Batch(StoreWriter& store, std::string source, const ImportChecks& checks, Locations& locations)
    : store_(store), source_(std::move(source)), checks_(checks), locate_(&locations) {}

bool Batch::note_refused(const UserError& e) {
    if (!checks_.dry_run) return false;
    if (locate_) return true;
    if (summary.refused.size() < ImportSummary::listed) summary.refused.push_back({e.what(), e.remedy()});
    ++summary.refused_count;
    return true;
}

std::optional<std::size_t> Batch::find_client(std::string_view name) {
    std::string key = normalize_name(name);
    if (auto it = client_index_.find(key); it != client_index_.end()) return it->second;
    auto stored = store_.client_by_name(name);
    if (!stored) return std::nullopt;
    client_by_id_.emplace(stored->id, clients_.size());
    clients_.push_back({std::move(*stored), true, "the database", std::nullopt});
    client_index_.emplace(std::move(key), clients_.size() - 1);
    return clients_.size() - 1;
}

const ClientRef* Batch::client_by_id(std::int64_t id) const {
    auto it = client_by_id_.find(id);
    return it == client_by_id_.end() ? nullptr : &clients_[it->second];
}

std::size_t Batch::define_client(Client c, const std::string& where) {
    c.name = normalize_name(c.name);
    try {
        validate_client(c);
    } catch (const UserError& e) {
        fail_at(where, e.what(), e.field(), e.value(), e.remedy());
    }
    if (auto known = find_client(c.name)) {
        const auto& k = clients_[*known];
        c.id = k.client.id;
        if (!same_client(k.client, c))
            fail_at(where,
                    "client '" + c.name + "' is already defined (in " + k.where +
                        ") with different details; rename one or make them agree",
                    "client", c.name);
        return *known;
    }
    c.id = 0;
    if (!locate_) {
        c.id = store_.insert_client(c);
        ++summary.clients_added;
        if (summary.new_clients.size() < ImportSummary::listed) summary.new_clients.push_back(c.name);
        client_by_id_.emplace(c.id, clients_.size());
    }
    clients_.push_back({std::move(c), false, where, no_session});
    client_index_.emplace(clients_.back().client.name, clients_.size() - 1);
    return clients_.size() - 1;
}

void Batch::define_course(std::size_t client, Course course, const std::string& where) {
    if (locate_) return;
    const auto& ref = clients_[client];
    course.client_id = ref.client.id;
    course.id = 0;
    for (auto stored : store_.courses(ref.client.id)) {
        stored.id = 0;
        if (stored == course) return;  // a re-import
    }
    try {
        store_.insert_course(course, ref.client);
    } catch (const UserError& e) {
        fail_at(where, e.what(), e.field(), e.value(), e.remedy());
    }
    ++summary.courses_added;
}

void Batch::define_photo(std::size_t client, Photo photo, std::string_view jpeg, const std::string& where) {
    if (locate_) return;
    const auto& ref = clients_[client];
    try {
        const auto in = imaging::take_in_stored(jpeg);
        photo.width = in.image.width;
        photo.height = in.image.height;
        photo.site = normalize_site(photo.site);
        for (const auto& stored : store_.photos(ref.client.id))
            if (stored.taken_at.utc == photo.taken_at.utc && stored.site == photo.site &&
                store_.photo_image(stored.id) == in.image.jpeg)
                return;  // a re-import
        store_.insert_photo(photo, ref.client, in.image.jpeg, in.thumbnail.jpeg);
    } catch (const UserError& e) {
        fail_at(where, e.what(), e.field(), e.value(), e.remedy());
    }
    ++summary.photos_added;
}

const Protocol* Batch::find_protocol(std::string_view name) {
    for (const auto& p : protocols_)
        if (p.name == name) return &p;
    return store_.find_protocol(name);
}

void Batch::define_protocol(Protocol p, const std::string& where) {
    try {
        validate_protocol(p);
    } catch (const UserError& e) {
        fail_at(where, e.what(), e.field(), e.value(), e.remedy());
    }
    if (const auto* known = find_protocol(p.name)) {
        if (known->limb != p.limb || known->positions_cm != p.positions_cm)
            fail_at(
                where,
                "protocol '" + p.name + "' is already defined with other points or limb; give this one another name",
                "protocol", p.name);
        return;
    }
    p.builtin = false;
    if (!locate_) store_.insert_protocol(p);
    protocols_.push_back(std::move(p));
}

Batch::Stored Batch::stored_at(std::size_t client, date::sys_seconds utc) {
    auto& ref = clients_[client];
    if (!ref.newest) ref.newest = store_.newest_instant(ref.client.id).value_or(no_session);
    if (utc.time_since_epoch().count() > *ref.newest) return {};  // after every stored one: the usual case
    auto s = store_.session_at(ref.client.id, utc);
    if (!s) return {};
    return {s->id > newest_before_ ? Stored::this_import : Stored::before, std::move(s)};
}

const Session* Batch::so_far(std::size_t client, const DateTime& at) {
    last_client_ = static_cast<std::size_t>(-1);
    if (locate_) return nullptr;
    last_ = stored_at(client, at.utc);
    last_client_ = client;
    last_utc_ = at.utc.time_since_epoch().count();
    switch (last_.kind) {
        case Stored::none:
            return nullptr;
        case Stored::this_import:
            return &*last_.session;
        case Stored::before:
            break;
    }
    const auto id = last_.session->id;
    if (auto part = parts_.find(id); part != parts_.end()) return &part->second.session;
    if (!present(id)) return nullptr;  // its first rows in the file
    normalize_session(*last_.session);
    return &*last_.session;
}

void Batch::add(std::size_t client, Session s, const std::string& where, bool values_only) {
    auto& ref = clients_[client];
    const auto utc = s.recorded_at.utc.time_since_epoch().count();
    if (locate_) {
        auto it = locate_->where.find({ref.client.id, utc});
        if (it != locate_->where.end() && it->second.empty()) it->second = where;
        return;
    }
    normalize_session(s);
    const auto* protocol = find_protocol(s.protocol);
    if (!protocol) fail_at(where, "protocol '" + s.protocol + "' is not known", "protocol", s.protocol);
    try {
        store_.check_session(s, *protocol, ref.client);
    } catch (const UserError& e) {
        fail_at(where, e.what(), e.field(), e.value(), e.remedy());
    }
    s.client_id = ref.client.id;
    Stored found = values_only && last_client_ == client && last_utc_ == utc ? std::move(last_)
                                                                             : stored_at(client, s.recorded_at.utc);
    last_client_ = static_cast<std::size_t>(-1);
    const auto at = format_datetime(s.recorded_at);
    auto different = [&](const std::string& first) {
        fail_at(first,
                "client '" + ref.client.name + "' already has a different session at " + at + "; nothing was imported",
                "recorded_at", at);
    };
    auto second = [&] {
        fail_at(where, "a second session for '" + ref.client.name + "' at " + at + " in this file", "recorded_at", at);
    };
    switch (found.kind) {
        case Stored::none:
            store_.insert_session(s);
            ++summary.sessions_added;
            summary.values_added += value_count(s);
            ref.newest = std::max(*ref.newest, utc);
            return;
        case Stored::this_import:
            if (!values_only) second();
            s.id = found.session->id;
            summary.values_added += value_count(s) - value_count(*found.session);
            store_.update_session(s);
            return;
        case Stored::before:
            break;
    }
    // A session stored before: a re-import leaves it as it is, if the file holds the same.
    auto& stored = *found.session;
    const auto id = stored.id;
    if (!values_only && present(id)) second();
    normalize_session(stored);  // a row stored before normalize_session existed compares in its one form
    auto part = parts_.find(id);
    if (same_session(stored, s, values_only)) {
        if (present_.empty()) present_.resize(static_cast<std::size_t>(newest_before_) + 1);
        present_[static_cast<std::size_t>(id)] = true;
        if (part != parts_.end()) parts_.erase(part);
        ++summary.sessions_already_present;
        return;
    }
    if (values_only && !present(id) && part_of(s, stored)) {  // more of its rows may follow
        if (part != parts_.end())
            part->second.session = std::move(s);
        else
            parts_.emplace(id, Part{std::move(s), where, parts_made_++});
        return;
    }
    different(part != parts_.end() ? part->second.where : where);
}

void Batch::finish() {
    if (locate_ || parts_.empty()) return;
    auto first = std::min_element(parts_.begin(), parts_.end(),
                                  [](const auto& a, const auto& b) { return a.second.order < b.second.order; });
    const auto& s = first->second.session;
    const auto* ref = client_by_id(s.client_id);
    const auto at = format_datetime(s.recorded_at);
    fail_at(first->second.where,
            "client '" + (ref ? ref->client.name : std::string()) + "' already has a different session at " + at +
                "; nothing was imported",
            "recorded_at", at);
}

// Photo consent is not part of who a client is: a CSV carries none, and importing one must not
// call a consenting client another.
bool same_client(const Client& a, const Client& b) {
    return a.name == b.name && a.birth_year == b.birth_year && a.condition == b.condition && a.limb == b.limb &&
           a.affected == b.affected && a.baseline_date == b.baseline_date && a.unit == b.unit && a.notes == b.notes &&
           a.archived == b.archived && a.every_days == b.every_days && a.remind_weekdays == b.remind_weekdays &&
           a.remind_minute == b.remind_minute;
}

bool same_session(const Session& a, const Session& b, bool values_only) {
    bool values = a.recorded_at.utc == b.recorded_at.utc && a.protocol == b.protocol && a.left_mm == b.left_mm &&
                  a.right_mm == b.right_mm;
    if (!values || values_only) return values;
    const auto& x = a.symptoms;
    const auto& y = b.symptoms;
    return a.recorded_at.offset == b.recorded_at.offset && a.recorded_by == b.recorded_by && a.context == b.context &&
           a.weight_kg == b.weight_kg && a.compression == b.compression && a.treatment == b.treatment &&
           x.heaviness == y.heaviness && x.tightness == y.tightness && x.pain == y.pain && x.swelling == y.swelling &&
           x.pitting_grade == y.pitting_grade && x.pitting_depth_mm == y.pitting_depth_mm &&
           x.pitting_rebound_s == y.pitting_rebound_s && x.stemmer == y.stemmer && x.isl_stage == y.isl_stage &&
           a.skin == b.skin && a.skin_note == b.skin_note && a.notes == b.notes;
}

namespace {

// The first pass: the whole file is well-formed UTF-8 (else the error names line and byte), and
// holds something. Reads a window at a time; returns the first character after a BOM and blanks.
char check_text(std::istream& in, const std::string& source) {
    constexpr std::size_t window = 1 << 20;
    std::string buf(window + 4, '\0');
    std::size_t carry = 0, line = 1, column = 0;  // column: bytes since the last line end before the window
    bool start = true;
    char first = 0;
    for (;;) {
        in.read(buf.data() + carry, static_cast<std::streamsize>(window));
        const auto got = static_cast<std::size_t>(in.gcount());
        if (in.bad()) throw UserError("file", source, "import: cannot read " + source);
        const bool last = got == 0 || in.eof();
        const std::size_t n = carry + got;
        std::size_t end = n;  // a character cut at the window's end waits for the next one
        if (!last) {
            std::size_t i = n, continuation = 0;
            while (i > 0 && continuation < 3 && (static_cast<unsigned char>(buf[i - 1]) & 0xC0) == 0x80) {
                --i;
                ++continuation;
            }
            if (i > 0) {
                auto lead = static_cast<unsigned char>(buf[i - 1]);
                std::size_t length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
                if (length > 1 && n - (i - 1) < length) end = i - 1;
            }
        }
        std::string_view text(buf.data(), end);
        if (auto bad = csv::first_invalid_utf8(text); bad != std::string_view::npos) {
            auto before = text.substr(0, bad);
            auto nl = before.rfind('\n');
            line += static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n'));
            auto byte = nl == std::string_view::npos ? column + bad + 1 : bad - nl;
            char hex[8];
            std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned>(static_cast<unsigned char>(text[bad])));
            throw UserError("file", hex,
                            source + " line " + std::to_string(line) + ", byte " + std::to_string(byte) + ": byte " +
                                hex + " is not valid UTF-8; save the file as UTF-8");
        }
        auto body = text;
        if (start && body.starts_with("\xEF\xBB\xBF")) body.remove_prefix(3);
        start = false;
        if (!first)
            if (auto p = body.find_first_not_of(" \t\r\n"); p != std::string_view::npos) first = body[p];
        line += static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
        auto nl = text.rfind('\n');
        column = nl == std::string_view::npos ? column + end : end - nl - 1;
        carry = n - end;
        std::memmove(buf.data(), buf.data() + end, carry);
        if (last) break;
    }
    if (!first)
        throw UserError("file", source,
                        source +
                            ": the file is empty; expected a CSV header such as "
                            "client,recorded_at,protocol,side,point_cm,circumference,unit or JSON");
    return first;
}

// The values that look like a mistake: how many, and the first in file order.
struct Implausibles {
    static constexpr std::size_t listed = 500;  // a report longer than this says "and N more"
    struct Row {
        std::int64_t session_id;  // this import's sessions have ids in file order
        std::size_t index;        // the value's place among its session's
        std::int64_t client_id;
        DateTime at;
        std::string message;
    };
    std::size_t sessions = 0, values = 0;
    std::vector<Row> first;

    void add(Row row) {
        ++values;
        first.push_back(std::move(row));
        if (first.size() >= 2 * listed) keep_first();
    }
    void keep_first() {
        std::sort(first.begin(), first.end(), [](const Row& a, const Row& b) {
            return a.session_id != b.session_id ? a.session_id < b.session_id : a.index < b.index;
        });
        if (first.size() > listed) first.resize(listed);
    }
};

// Every new session compared with its previous one per side (plausibility.h): the newest session
// of its client and protocol before it, from the file or stored before. Read back from the
// database in time order, one client and a page of sessions at a time, whatever order the file
// had them in.
Implausibles implausible_rows(Batch& batch, VolumeMethod method, const PlausibilityLimits& limits) {
    auto& store = batch.store();
    Implausibles out;
    constexpr std::int64_t page = 512;
    for (const auto& [client_id, oldest] : store.inserted_for()) {
        const ClientRef* ref = batch.client_by_id(client_id);
        if (!ref) continue;
        // The sessions a next one is compared with (per side and per point), oldest first.
        struct Newest {
            std::vector<Session> kept;
            bool seeded = false;
            PreviousSessions previous() const {
                PreviousSessions p;
                for (const auto& k : kept) p.offer(k);
                return p;
            }
            void offer(const Session& s) {
                kept.push_back(s);
                kept = still_compared(std::move(kept));
            }
        };
        std::map<std::string, Newest, std::less<>> newest;  // per protocol
        for (auto from = oldest;;) {
            auto sessions = store.sessions_from(client_id, from, page);
            for (const auto& s : sessions) {
                auto& n = newest[s.protocol];
                if (!n.seeded) {  // the first of this protocol: its previous ones were stored before
                    for (const auto& p : store.previous_sessions(client_id, s.protocol, s.recorded_at.utc)) n.offer(p);
                    n.seeded = true;
                }
                if (s.id > batch.newest_before()) {
                    auto found = check_plausibility(s, n.previous(), *batch.find_protocol(s.protocol), ref->client,
                                                    method, limits);
                    out.sessions += !found.empty();
                    for (std::size_t k = 0; k < found.size(); ++k)
                        out.add({s.id, k, client_id, s.recorded_at, std::move(found[k].message)});
                }
                n.offer(s);
            }
            if (static_cast<std::int64_t>(sessions.size()) < page) break;
            from = sessions.back().recorded_at.utc + std::chrono::seconds{1};
        }
    }
    out.keep_first();
    return out;
}

void read_any(Batch& batch, std::istream& in, bool json) {
    in.clear();
    in.seekg(0);
    if (json)
        read_json(batch, in);
    else
        read_csv(batch, in);
}

// The report's rows: "<where>: <client>, <time>: <why>", where the second reading found them.
std::vector<std::string> report_rows(StoreWriter& writer, const Implausibles& found, std::istream& in, bool json,
                                     const std::string& source, const ImportChecks& checks) {
    Locations locations;
    for (const auto& r : found.first) locations.where[{r.client_id, r.at.utc.time_since_epoch().count()}];
    Batch again(writer, source, checks, locations);
    try {
        read_any(again, in, json);
    } catch (const UserError&) {
        if (!checks.dry_run) throw;  // a dry run's refused file: the rows read so far are located
    }
    std::vector<std::string> rows;
    for (const auto& r : found.first) {
        const auto& where = locations.where[{r.client_id, r.at.utc.time_since_epoch().count()}];
        const auto* ref = again.client_by_id(r.client_id);
        rows.push_back((where.empty() ? source : where) + ": " + (ref ? ref->client.name : std::string()) + ", " +
                       display::minute(r.at) + ": " + r.message);
    }
    if (found.values > found.first.size())
        rows.push_back("and " + std::to_string(found.values - found.first.size()) +
                       " more value(s) that look like a mistake (the first " + std::to_string(found.first.size()) +
                       " are listed)");
    return rows;
}

}  // namespace
}  // namespace exchange

namespace {
// An istream over text already in memory, without a copy; it can seek back to the start.
class ViewBuf : public std::streambuf {
   public:
    explicit ViewBuf(std::string_view text) {
        auto* p = const_cast<char*>(text.data());  // only read
        setg(p, p, p + text.size());
    }

   protected:
    pos_type seekoff(off_type off, std::ios_base::seekdir dir, std::ios_base::openmode which) override {
        if (!(which & std::ios_base::in)) return pos_type(off_type(-1));
        off_type base = dir == std::ios_base::beg   ? 0
                        : dir == std::ios_base::cur ? gptr() - eback()
                                                    : egptr() - eback();
        off_type to = base + off;
        if (to < 0 || to > egptr() - eback()) return pos_type(off_type(-1));
        setg(eback(), eback() + to, egptr());
        return pos_type(to);
    }
    pos_type seekpos(pos_type pos, std::ios_base::openmode which) override {
        return seekoff(off_type(pos), std::ios_base::beg, which);
    }
};

// This import's complete sessions dated before their protocol's baseline as pinned before it (a
// client new in this file has its first complete session pinned, so none of its are earlier).
void earlier_than_baselines(exchange::Batch& batch, ImportSummary& summary) {
    auto& store = batch.store();
    constexpr std::int64_t page = 512;
    for (const auto& [client_id, oldest] : store.inserted_for()) {
        const exchange::ClientRef* ref = batch.client_by_id(client_id);
        if (!ref) continue;
        const auto pins = store.pinned_instants(client_id);
        date::sys_seconds last{};
        for (const auto& [protocol, at] : pins) last = std::max(last, at.utc);
        if (pins.empty() || oldest >= last) continue;  // every new session is later than every pin
        for (auto from = oldest; from < last;) {
            auto sessions = store.sessions_from(client_id, from, page);
            for (const auto& s : sessions) {
                if (s.recorded_at.utc >= last) break;
                auto pin = std::find_if(pins.begin(), pins.end(), [&](const auto& p) { return p.first == s.protocol; });
                if (s.id <= batch.newest_before() || pin == pins.end() || s.recorded_at.utc >= pin->second.utc ||
                    !both_sides_complete(s))
                    continue;
                if (summary.earlier_than_baseline.size() < ImportSummary::earlier_listed)
                    summary.earlier_than_baseline.push_back({ref->client.name, s.protocol, s.recorded_at, pin->second});
                ++summary.earlier_than_baseline_count;
            }
            if (static_cast<std::int64_t>(sessions.size()) < page) break;
            from = sessions.back().recorded_at.utc + std::chrono::seconds{1};
        }
    }
}

// Reads the file as a stream: pass 1 checks the text, pass 2 reads and writes in one transaction;
// a third reading, only when the import is refused, finds where the doubtful sessions are.
ImportSummary import_stream(Store& store, std::istream& in, const std::string& source, const ImportChecks& checks) {
    // Read before the import's transaction: the settings it is checked with.
    const auto method = store.volume_method();
    const auto limits = store.plausibility_limits();
    const char first = exchange::check_text(in, source);
    const bool json = first == '{' || first == '[';
    StoreWriter writer(store);
    exchange::Batch batch(writer, source, checks);
    try {
        exchange::read_any(batch, in, json);
        batch.finish();
    } catch (const UserError& e) {
        if (!checks.dry_run) throw;
        batch.summary.refused.push_back({std::string(e.what()) + " (the file was not read further)", e.remedy()});
        ++batch.summary.refused_count;
    }
    auto implausible = exchange::implausible_rows(batch, method, limits);
    auto summary = batch.summary;
    if (implausible.sessions > 0 && !checks.keep_implausible) {
        auto rows = exchange::report_rows(writer, implausible, in, json, source, checks);
        if (!checks.dry_run)
            throw UserError("plausibility", source,
                            source + ": " + std::to_string(implausible.sessions) +
                                " session(s) look like a mistake (far from the previous session, or in the other "
                                "unit); nothing was imported")
                .with_remedy(Remedy::confirm)
                .with_details(std::move(rows));
        summary.implausible_sessions = static_cast<int>(implausible.sessions);
        summary.implausible = std::move(rows);
    } else {
        summary.implausible_kept = static_cast<int>(implausible.sessions);
    }
    earlier_than_baselines(batch, summary);
    if (!checks.dry_run) writer.commit(source, checks.action, checks.reason);
    return summary;  // a dry run's transaction rolls back as the writer goes
}
}  // namespace

ImportSummary import_text(Store& store, std::string_view text, std::string_view source, const ImportChecks& checks) {
    ViewBuf buf(text);
    std::istream in(&buf);
    return import_stream(store, in, std::string(source), checks);
}

ImportSummary import_file(Store& store, const std::filesystem::path& file, const ImportChecks& checks) {
    std::error_code ec;
    if (std::filesystem::is_directory(file, ec))
        throw UserError("file", file.string(), "import: '" + file.string() + "' is a folder; give the files in it");
    std::ifstream in(file, std::ios::binary);
    if (!in) throw UserError("file", file.string(), "import: cannot read " + file.string());
    return import_stream(store, in, file.string(), checks);
}

namespace {
// A new folder only this user can read, under $TMPDIR or /tmp.
std::filesystem::path private_folder() {
    std::error_code ec;
    auto base = std::filesystem::temp_directory_path(ec);
    if (ec) base = "/tmp";
    std::string name = (base / "swelltrack-dry-run-XXXXXX").string();
    if (!::mkdtemp(name.data()))
        throw UserError("file", name, "import: cannot make a scratch folder in " + base.string());
    return name;
}

// The dry run's answer, and whether the import would take the file as it is.
bool accepted(const ImportSummary& s) { return s.refused_count == 0 && s.implausible_sessions == 0; }
}  // namespace

DryRun::DryRun(const Store* original) : folder_(private_folder()) {
    try {
        const auto path = folder_ / "scratch.db";
        if (original) original->backup_to(path);
        scratch_ = std::make_unique<Store>(path);
    } catch (...) {
        std::error_code ec;
        std::filesystem::remove_all(folder_, ec);
        throw;
    }
}

DryRun::~DryRun() {
    scratch_.reset();
    std::error_code ec;
    std::filesystem::remove_all(folder_, ec);
}

ImportSummary DryRun::file(const std::filesystem::path& file, ImportChecks checks) {
    checks.dry_run = true;
    auto summary = import_file(*scratch_, file, checks);
    checks.dry_run = false;
    if (accepted(summary)) import_file(*scratch_, file, checks);  // for the files after it
    return summary;
}

ImportSummary DryRun::text(std::string_view text, std::string_view source, ImportChecks checks) {
    checks.dry_run = true;
    auto summary = import_text(*scratch_, text, source, checks);
    checks.dry_run = false;
    if (accepted(summary)) import_text(*scratch_, text, source, checks);
    return summary;
}

}  // namespace swelltrack
