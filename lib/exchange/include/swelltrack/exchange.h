#pragma once
// Import and export: the plain clients and measurement CSVs plus richer session CSV and JSON (docs/data-formats.md).
#include <cstdint>
#include <filesystem>
#include <iosfwd>
#include <memory>
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
    int courses_added = 0;             // treatment courses (JSON)
    int photos_added = 0;              // photos (JSON)
    int implausible_kept = 0;          // sessions that looked like a mistake, imported as confirmed
    /// New complete sessions dated before their protocol's pinned baseline (pinned before this
    /// import): never compared with it, so each face names them (the first `listed`) and says how
    /// to move the baseline.
    struct EarlierThanBaseline {
        std::string client;
        std::string protocol;
        DateTime at;        // the session
        DateTime baseline;  // the pinned baseline session's time
    };
    static constexpr std::size_t earlier_listed = 20;
    std::vector<EarlierThanBaseline> earlier_than_baseline;  // the first earlier_listed, in time order per client
    int earlier_than_baseline_count = 0;                     // all of them

    /// A dry run (ImportChecks::dry_run) wrote nothing: the counts above say what the import would
    /// add, and these what it would refuse.
    bool dry_run = false;
    static constexpr std::size_t listed = 500;
    std::vector<std::string> new_clients;  // the names of the clients added (the first `listed`)
    /// Rows the import would refuse, each "<where>: <why>" and what to do (the first `listed`), and
    /// how many in all. A file that cannot be read on (an unclosed quote, broken JSON) ends the list.
    struct Refusal {
        std::string message;
        Remedy remedy = Remedy::none;
    };
    std::vector<Refusal> refused;
    int refused_count = 0;
    /// Sessions that look like a mistake (unless keep_implausible): how many, and the rows that say
    /// which, as the import's refusal lists them.
    int implausible_sessions = 0;
    std::vector<std::string> implausible;
};

/// A sheet's own column names and the columns they stand for ("Datum" -> "recorded_at").
using ColumnMap = std::vector<std::pair<std::string, std::string>>;
/// Reads "Datum=recorded_at,Name=client" (a comma between pairs, so a header holding a comma cannot
/// be mapped; the CSV's column names, or a point "left 4"). A header takes the first pair naming it.
/// An error names the pair that is not `header=column`.
ColumnMap parse_column_map(std::string_view text);

/// How an import reads the file and what it does with sessions that look like a mistake (plausibility.h).
struct ImportChecks {
    bool keep_implausible = false;  // the user confirmed them (--confirm): import them too
    /// How the audit trail names what was imported: "import", or "session.restore" with a reason.
    std::string action = "import";
    std::string reason;
    /// Read and check everything, write nothing: the summary says what would be added and refused.
    bool dry_run = false;
    ColumnMap columns;  // a CSV's own headers mapped to swelltrack's
};

/// Imports one file; the format is recognised from its header (measurements CSV, clients CSV,
/// sessions CSV, wide CSV; comma, semicolon or tab separated) or its first character (JSON). All or nothing: one bad
/// row writes nothing and the UserError names file, line, column and value. Every new session is checked against its
/// previous one (in the file or the database); unless `checks.keep_implausible`, any that look like a mistake write
/// nothing, and the UserError's details() list them in file order (file, line or JSON path, client, time, why): the
/// first 500, then how many more. Sessions already stored are not checked again. The file is read as a stream, so
/// memory does not grow with its size; the rows of one session may be anywhere in it.
ImportSummary import_file(Store& store, const std::filesystem::path& file, const ImportChecks& checks = {});
/// The same, from text already in memory; `source` names it in messages.
ImportSummary import_text(Store& store, std::string_view text, std::string_view source,
                          const ImportChecks& checks = {});

/// Imports tried without writing: each file as import_file would take it (all or nothing, later
/// files seeing what earlier ones add, e.g. clients before their measurements), on a scratch copy
/// of the database in a private temporary folder that goes with the object. The database is only
/// read (copied once); each summary is a dry run's (what would be added, what refused).
class DryRun {
   public:
    /// `original` null: as if into an empty database.
    explicit DryRun(const Store* original);
    ~DryRun();
    DryRun(const DryRun&) = delete;
    DryRun& operator=(const DryRun&) = delete;
    ImportSummary file(const std::filesystem::path& file, ImportChecks checks);
    ImportSummary text(std::string_view text, std::string_view source, ImportChecks checks);

   private:
    std::filesystem::path folder_;
    std::unique_ptr<Store> scratch_;
};

enum class ExportFormat { csv, json, fhir };
ExportFormat parse_export_format(std::string_view text);
/// The CSV's shape: the sessions CSV (a row per session), wide (a row per session and side, a
/// column per point) or long (the measurement CSV: a row per value, values only).
enum class CsvLayout { sessions, wide, long_ };
CsvLayout parse_csv_layout(std::string_view text);

/// swelltrack's own FHIR code system, for what no standard code names (docs/fhir.md lists why).
inline constexpr const char* fhir_code_system = "urn:swelltrack:fhir:codes";
/// The code system of the Flags: swelltrack's alert codes (rvc_5, sustained_rise, ...).
inline constexpr const char* fhir_alert_system = "urn:swelltrack:fhir:codes:alert";
struct FhirCode {
    std::string_view code, display;
};
inline constexpr FhirCode fhir_codes[] = {
    {"limb-circumference", "Limb circumference at a distance from a landmark"},
    {"distance-from-landmark", "Distance of the measuring point from the landmark"},
    {"landmark", "Landmark the distance is measured from (wrist or ankle)"},
    {"protocol", "Measurement protocol (named list of points)"},
    {"point-index", "Point number within the protocol (1 = at the landmark)"},
    {"limb-volume", "Limb volume computed from circumferences"},
    {"limb-volume-excess", "Excess volume of the affected limb over the unaffected limb"},
    {"relative-volume-change", "Relative volume change since baseline (RVC)"},
    {"weight-adjusted-volume-change", "Weight-adjusted volume change since baseline (WAC)"},
    {"frustum-model", "Truncated-cone (frustum) model of limb volume"},
    {"disk-model", "Disk model of limb volume"},
    {"heaviness", "Limb heaviness as felt, 0-10"},
    {"tightness", "Limb tightness as felt, 0-10"},
    {"swelling-felt", "Swelling as felt, 0-10"},
    {"pitting-grade", "Pitting edema grade (0 none, 1 = 1+ ... 4 = 4+)"},
    {"pitting-depth", "Depth of the pitting dent"},
    {"pitting-rebound", "Time for the pitting dent to rebound"},
    {"stemmer-sign", "Stemmer sign"},
    {"stemmer-positive", "Stemmer sign positive"},
    {"stemmer-negative", "Stemmer sign negative"},
    {"isl-stage", "ISL lymphedema stage (0-III) as recorded by a therapist"},
    {"course-cdt-intensive", "Complete decongestive therapy, intensive phase"},
    {"course-maintenance", "Complete decongestive therapy, maintenance phase"},
    {"course-other", "Lymphedema treatment course"},
    {"course-excess-reduction", "Reduction of the limb's excess volume over a treatment course"},
    {"course-excess-reduction-share", "Reduction of the excess volume as a share of the excess at the course's start"},
    {"course-start-excess", "Excess volume at the course's start"},
    {"course-start-excess-share", "Excess volume at the course's start, % of the reference volume"},
    {"course-end-excess", "Excess volume at the course's end"},
    {"course-end-excess-share", "Excess volume at the course's end, % of the reference volume"},
    {"course-immediate-effect", "Mean after-minus-before volume change of one treatment"},
    {"course-immediate-effect-sd", "Standard deviation of the after-minus-before volume changes"},
    {"course-immediate-effect-share", "Mean after-minus-before volume change, % of the volume before"},
    {"course-treatment-pairs", "Days measured before and after a treatment"},
    {"course-reduction-kept", "Share of a course's reduction of excess volume kept some weeks after it ended"},
    {"course-excess-still-gone", "Share of the excess at the course's start still gone some weeks after it ended"},
    {"weeks-after-course", "Weeks after the course's last day"},
};

struct FhirOptions {
    bool pseudonymous = false;  // the Patient carries no name, only the client's number in this database
};
/// One FHIR R4 Bundle (JSON) of the clients: a Patient each, a Condition when the record names
/// lymphedema, an Observation per measured circumference (in cm, whatever the client's unit),
/// body weight, symptom score and finding, and the derived volumes, % excess, RVC and WAC with
/// derivedFrom; a Procedure per treatment course with its figures as Observations (partOf it,
/// derivedFrom the sessions' volumes) (docs/fhir.md). export_clients calls it for ExportFormat::fhir.
void export_fhir(const Store& store, const std::vector<Client>& clients, std::ostream& out,
                 const FhirOptions& options = {});

/// Writes the clients, their protocols and all their sessions: as CSV or JSON so that import into
/// an empty database reproduces every value exactly; as FHIR (export_fhir, with `fhir`) one way.
void export_clients(const Store& store, const std::vector<Client>& clients, ExportFormat format, std::ostream& out,
                    const FhirOptions& fhir = {}, CsvLayout layout = CsvLayout::sessions);
/// The wide CSV (docs/data-formats.md): a row per session and side, a column per point of the
/// protocols the sessions use, values in cm; every detail of the session on its first row, and the
/// client's and user protocols' details, so that import into an empty database reproduces it.
void export_wide_csv(const Store& store, const std::vector<Client>& clients, std::ostream& out);

/// The plain formats (docs/data-formats.md sections 1 and 2), for spreadsheets and other programs: the clients CSV
/// (name,limb,affected,baseline,unit plus birth_year,condition,notes,archived) and the measurement
/// CSV (one row per value, in cm). They carry no symptoms, skin or notes; export_clients does.
void export_clients_csv(const std::vector<Client>& clients, std::ostream& out);
void export_measurements_csv(const Store& store, const std::vector<Client>& clients, std::ostream& out);

}  // namespace swelltrack
