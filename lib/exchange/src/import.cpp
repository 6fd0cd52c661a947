// Import: recognise the format, read the whole file into a Batch (nothing written yet), check every
// session, then write it all in one transaction with prepared statements.
#include <algorithm>
#include <fstream>
#include <numeric>
#include <sstream>
#include <unordered_map>
#include <unordered_set>

#include "batch.h"
#include "swelltrack/csv.h"
#include "swelltrack/datetime.h"
#include "swelltrack/detail/text.h"
#include "swelltrack/display.h"
#include "swelltrack/plausibility.h"

namespace swelltrack {
namespace exchange {

void fail_at(const std::string& where, const std::string& message, std::string field, std::string value,
             Remedy remedy) {
    throw UserError(std::move(field), std::move(value), where + ": " + message).with_remedy(remedy);
}

std::optional<std::size_t> Batch::find_client(std::string_view name) {
    std::string key = normalize_name(name);
    if (auto it = client_index_.find(key); it != client_index_.end()) return it->second;
    auto stored = store_.client_by_name(name);
    if (!stored) return std::nullopt;
    clients.push_back({std::move(*stored), true, "the database"});
    client_index_.emplace(std::move(key), clients.size() - 1);
    return clients.size() - 1;
}

std::size_t Batch::define_client(Client c, const std::string& where) {
    c.name = normalize_name(c.name);
    try {
        validate_client(c);
    } catch (const UserError& e) {
        fail_at(where, e.what(), e.field(), e.value(), e.remedy());
    }
    if (auto known = find_client(c.name)) {
        const auto& k = clients[*known];
        c.id = k.client.id;
        if (!same_client(k.client, c))
            fail_at(where,
                    "client '" + c.name + "' is already defined (in " + k.where +
                        ") with different details; rename one or make them agree",
                    "client", c.name);
        return *known;
    }
    c.id = 0;
    clients.push_back({std::move(c), false, where});
    client_index_.emplace(clients.back().client.name, clients.size() - 1);
    return clients.size() - 1;
}

const Protocol* Batch::find_protocol(std::string_view name) {
    if (const auto* p = store_.find_protocol(name)) return p;
    for (const auto& p : protocols)
        if (p.name == name) return &p;
    return nullptr;
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
    protocols.push_back(std::move(p));
    protocol_where.push_back(where);
}

PendingSession& Batch::session_for(std::size_t client, const DateTime& at, const std::string& protocol,
                                   const std::string& where, bool* created) {
    auto key = std::make_pair(client, at.utc.time_since_epoch().count());
    auto [it, inserted] = session_index_.try_emplace(key, sessions.size());
    if (created) *created = inserted;
    if (inserted) {
        PendingSession p;
        p.session.recorded_at = at;
        p.session.protocol = protocol;
        p.client = client;
        p.where = where;
        sessions.push_back(std::move(p));
    }
    return sessions[it->second];
}

bool same_client(const Client& a, const Client& b) {
    return a.name == b.name && a.birth_year == b.birth_year && a.condition == b.condition && a.limb == b.limb &&
           a.affected == b.affected && a.baseline_date == b.baseline_date && a.unit == b.unit && a.notes == b.notes &&
           a.archived == b.archived && a.every_days == b.every_days;
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

std::int64_t value_count(const Session& s) {
    std::int64_t n = 0;
    for (const auto* side : {&s.left_mm, &s.right_mm})
        for (const auto& v : *side) n += v.has_value();
    return n;
}

void check_sessions(Batch& batch) {
    for (auto& p : batch.sessions) {
        normalize_session(p.session);
        const auto* protocol = batch.find_protocol(p.session.protocol);
        if (!protocol)
            fail_at(p.where, "protocol '" + p.session.protocol + "' is not known", "protocol", p.session.protocol);
        try {
            batch.store().check_session(p.session, *protocol, batch.clients[p.client].client);
        } catch (const UserError& e) {
            fail_at(p.where, e.what(), e.field(), e.value(), e.remedy());
        }
    }
}

// Which sessions of the batch are stored already (an identical one at the same instant); a
// different one at a stored instant is an error. One query per existing client, not per session.
std::vector<bool> already_present(Batch& batch) {
    auto& store = batch.store();
    std::vector<bool> present(batch.sessions.size(), false);
    std::vector<std::unordered_set<std::int64_t>> stored(batch.clients.size());
    std::vector<bool> loaded(batch.clients.size(), false);
    for (std::size_t i = 0; i < batch.sessions.size(); ++i) {
        auto& p = batch.sessions[i];
        const auto& ref = batch.clients[p.client];
        p.session.client_id = ref.client.id;
        if (!ref.existing) continue;
        if (!loaded[p.client]) {
            auto instants = store.session_instants(ref.client.id);
            stored[p.client].insert(instants.begin(), instants.end());
            loaded[p.client] = true;
        }
        if (!stored[p.client].count(p.session.recorded_at.utc.time_since_epoch().count())) continue;
        auto existing = store.session_at(ref.client.id, p.session.recorded_at.utc);
        // Compared in the one stored form: a row stored before normalize_session existed
        // (a class with compression not recorded) is the same session as its re-import.
        if (existing) normalize_session(*existing);
        if (!existing || !same_session(*existing, p.session, p.values_only))
            fail_at(p.where,
                    "client '" + ref.client.name + "' already has a different session at " +
                        format_datetime(p.session.recorded_at) + "; nothing was imported",
                    "recorded_at", format_datetime(p.session.recorded_at));
        present[i] = true;
    }
    return present;
}

// Every new session that looks like a mistake, in file order: "<where>: <client>, <time>: <why>".
// Each is compared with its previous session per side (plausibility.h), found among the file's
// own earlier sessions of that client and protocol and, for a stored client, the database's.
struct Implausibles {
    std::size_t sessions = 0;
    std::vector<std::string> rows;  // one per value, file order
};
Implausibles implausible_rows(Batch& batch, const std::vector<bool>& present, VolumeMethod method,
                              const PlausibilityLimits& limits) {
    auto& sessions = batch.sessions;
    // The file's sessions per client, oldest first, whatever order the file has them in.
    std::vector<std::size_t> order(sessions.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        const auto &x = sessions[a], &y = sessions[b];
        return x.client != y.client ? x.client < y.client : x.session.recorded_at < y.session.recorded_at;
    });
    std::vector<std::pair<std::size_t, std::string>> found;
    std::unordered_map<std::string, PreviousSessions> latest;  // the client's newest so far, per protocol
    for (std::size_t k = 0; k < order.size(); ++k) {
        const auto& p = sessions[order[k]];
        if (k == 0 || sessions[order[k - 1]].client != p.client) latest.clear();
        auto& newest = latest[p.session.protocol];
        if (!present[order[k]]) {
            const auto& ref = batch.clients[p.client];
            PreviousSessions previous = newest;
            std::vector<Session> stored;  // outlives `previous`, which may point into it
            if (ref.existing) {
                stored = batch.store().previous_sessions(ref.client.id, p.session.protocol, p.session.recorded_at.utc);
                for (const auto& s : stored) previous.offer(s);
            }
            for (auto& f : check_plausibility(p.session, previous, *batch.find_protocol(p.session.protocol), ref.client,
                                              method, limits))
                found.emplace_back(order[k], p.where + ": " + ref.client.name + ", " +
                                                 display::minute(p.session.recorded_at) + ": " + f.message);
        }
        newest.offer(p.session);
    }
    std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    Implausibles out;
    for (std::size_t i = 0; i < found.size(); ++i) {
        out.sessions += i == 0 || found[i].first != found[i - 1].first;
        out.rows.push_back(std::move(found[i].second));
    }
    return out;
}

ImportSummary write(Batch& batch, const ImportChecks& checks, VolumeMethod method, const PlausibilityLimits& limits) {
    auto& store = batch.store();
    ImportSummary summary;
    store.begin();
    for (const auto& p : batch.protocols) store.insert_protocol(p);
    for (auto& c : batch.clients)
        if (!c.existing) {
            c.client.id = store.insert_client(c.client);
            ++summary.clients_added;
        }
    auto present = already_present(batch);
    auto implausible = implausible_rows(batch, present, method, limits);
    if (implausible.sessions > 0 && !checks.keep_implausible)
        throw UserError("plausibility", batch.source(),
                        batch.source() + ": " + std::to_string(implausible.sessions) +
                            " session(s) look like a mistake (far from the previous session, or in the other "
                            "unit); nothing was imported")
            .with_remedy(Remedy::confirm)
            .with_details(std::move(implausible.rows));
    summary.implausible_kept = static_cast<int>(implausible.sessions);
    for (std::size_t i = 0; i < batch.sessions.size(); ++i) {
        if (present[i]) {
            ++summary.sessions_already_present;
            continue;
        }
        store.insert_session(batch.sessions[i].session);
        ++summary.sessions_added;
        summary.values_added += value_count(batch.sessions[i].session);
    }
    store.commit(batch.source(), checks.action, checks.reason);
    return summary;
}

}  // namespace
}  // namespace exchange

ImportSummary import_text(Store& store, std::string_view text, std::string_view source, const ImportChecks& checks) {
    // Read before the import's transaction: the settings it is checked with.
    const auto method = store.volume_method();
    const auto limits = store.plausibility_limits();
    StoreWriter writer(store);
    {
        exchange::Batch batch(writer, std::string(source));
        auto body = text;
        if (body.starts_with("\xEF\xBB\xBF")) body.remove_prefix(3);
        if (detail::trim(body).empty())
            throw UserError("file", std::string(source),
                            std::string(source) +
                                ": the file is empty; expected a CSV header such as "
                                "client,recorded_at,protocol,side,point_cm,circumference,unit or JSON");
        if (auto bad = csv::first_invalid_utf8(text); bad != std::string_view::npos) {
            auto before = text.substr(0, bad);
            auto line = 1 + static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n'));
            auto line_start = before.rfind('\n');
            auto column = bad - (line_start == std::string_view::npos ? 0 : line_start + 1) + 1;
            char hex[8];
            std::snprintf(hex, sizeof hex, "0x%02X", static_cast<unsigned>(static_cast<unsigned char>(text[bad])));
            throw UserError("file", hex,
                            std::string(source) + " line " + std::to_string(line) + ", byte " + std::to_string(column) +
                                ": byte " + hex + " is not valid UTF-8; save the file as UTF-8");
        }
        auto start = body.find_first_not_of(" \t\r\n");
        if (body[start] == '{' || body[start] == '[')
            exchange::read_json(batch, body);
        else
            exchange::read_csv(batch, text);
        exchange::check_sessions(batch);
        return exchange::write(batch, checks, method, limits);
    }
}

ImportSummary import_file(Store& store, const std::filesystem::path& file, const ImportChecks& checks) {
    std::error_code ec;
    if (std::filesystem::is_directory(file, ec))
        throw UserError("file", file.string(), "import: '" + file.string() + "' is a folder; give the files in it");
    std::ifstream in(file, std::ios::binary);
    if (!in) throw UserError("file", file.string(), "import: cannot read " + file.string());
    std::string text;
    in.seekg(0, std::ios::end);
    auto size = in.tellg();
    in.seekg(0, std::ios::beg);
    if (size > 0) text.resize(static_cast<std::size_t>(size));
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    if (!in && size > 0) throw UserError("file", file.string(), "import: cannot read " + file.string());
    return import_text(store, text, file.string(), checks);
}

}  // namespace swelltrack
