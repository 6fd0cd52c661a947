#pragma once
// The curated synthetic clients of sample-data/ (no real person): built as domain values, written
// through a Store and exported, so the sample files always match the import formats.
#include <filesystem>

namespace swelltrack::samples {

/// Writes clients.csv, measurements.csv (docs/data-formats.md), sessions.csv and sessions.json into `dir`.
void write_samples(const std::filesystem::path& dir);

}  // namespace swelltrack::samples
