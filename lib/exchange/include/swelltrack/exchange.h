#pragma once
// Import and export: the plain clients and measurement CSVs plus richer session CSV and JSON (docs/data-formats.md).
#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "swelltrack/client.h"
#include "swelltrack/store.h"

namespace swelltrack {

struct ImportSummary {
    int clients_added = 0;
    int sessions_added = 0;
    int sessions_already_present = 0;  // a re-import does not duplicate sessions
    std::int64_t values_added = 0;     // circumference values written
    int implausible_kept = 0;          // sessions that looked like a mistake, imported as confirmed
};

/// What an import does with sessions that look like a mistake (plausibility.h).
struct ImportChecks {
    bool keep_implausible = false;  // the user confirmed them (--confirm): import them too
    /// How the audit trail names what was imported: "import", or "session.restore" with a reason.
    std::string action = "import";
    std::string reason;
};

/// Imports one file; the format is recognised from its header (measurements CSV, clients CSV,
/// sessions CSV) or its first character (JSON). All or nothing: one bad row writes nothing and the
/// UserError names file, line, column and value. Every new session is checked against its previous
/// one (in the file or the database); unless `checks.keep_implausible`, any that look like a
/// mistake write nothing, and the UserError's details() list each one (file, line or JSON path,
/// client, time, why). Sessions already stored are not checked again.
ImportSummary import_file(Store& store, const std::filesystem::path& file, const ImportChecks& checks = {});
/// The same, from text already in memory; `source` names it in messages.
ImportSummary import_text(Store& store, std::string_view text, std::string_view source,
                          const ImportChecks& checks = {});

enum class ExportFormat { csv, json };
ExportFormat parse_export_format(std::string_view text);

/// Writes the clients, their protocols and all their sessions so that import into an empty
/// database reproduces every value exactly.
void export_clients(const Store& store, const std::vector<Client>& clients, ExportFormat format, std::ostream& out);

/// The plain formats (docs/data-formats.md sections 1 and 2), for spreadsheets and other programs: the clients CSV
/// (name,limb,affected,baseline,unit plus birth_year,condition,notes,archived) and the measurement
/// CSV (one row per value, in cm). They carry no symptoms, skin or notes; export_clients does.
void export_clients_csv(const std::vector<Client>& clients, std::ostream& out);
void export_measurements_csv(const Store& store, const std::vector<Client>& clients, std::ostream& out);

}  // namespace swelltrack
