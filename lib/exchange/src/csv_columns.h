#pragma once
// Column names the CSV readers and writers share (docs/data-formats.md), so that what export writes
// is what import reads.
#include <string>
#include <vector>

namespace swelltrack::exchange {

/// What a session holds besides its values, in the sessions CSV and the wide CSV, in this order.
inline const std::vector<std::string> detail_columns{"recorded_by",
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
                                                     "notes"};

/// The wide CSV's columns after the session's: its client's details (`client_unit` is the client's
/// unit; `unit` there is the values') and a user protocol's definition, in this order.
inline const std::vector<std::string> wide_client_columns{
    "limb",         "affected", "baseline",   "client_unit",   "birth_year",        "condition",
    "client_notes", "archived", "every_days", "protocol_limb", "protocol_points_cm"};

/// A treatment course of the row's client, last in the sessions CSV and the wide CSV, in this order.
/// A course row's session columns are empty; export writes one row per course after the client's sessions.
inline const std::vector<std::string> course_columns{"course_kind", "course_from", "course_to", "course_note"};

}  // namespace swelltrack::exchange
