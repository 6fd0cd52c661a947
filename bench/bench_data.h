#pragma once
// Data sets for the benchmarks, written by the sample-data generator and imported once into
// databases cached under the build tree (so repeated runs skip the set-up).
#include <filesystem>
#include <string>

namespace swelltrack::bench {

/// Where the data sets are cached (build/<preset>/bench-data).
std::filesystem::path data_dir();
/// A database holding `clients` generated clients with `years` of daily sessions (seed fixed),
/// created on first use under build/bench-data. Returns its path.
std::filesystem::path generated_db(int clients, int years);
/// The generated measurement CSV (and clients CSV beside it) for `clients` x `years`.
std::filesystem::path generated_csv_dir(int clients, int years);

}  // namespace swelltrack::bench
