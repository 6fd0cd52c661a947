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
std::filesystem::path generated_db(int clients, double years);
/// The generated measurement CSV (and clients CSV beside it) for `clients` x `years`.
std::filesystem::path generated_csv_dir(int clients, double years);
/// "1000x2y", "10000x0.1y": how a data set's files are named.
std::string data_set_name(int clients, double years);

}  // namespace swelltrack::bench
