#pragma once
// Running the real swelltrack binary from a test (cli_test, bad_input_test): arguments quoted for
// the shell, standard input from a string, standard output and error captured.
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

#include "temp_dir.h"

namespace swelltrack::testing {

struct Run {
    int code = -1;
    std::string out, err;
};

/// Runs `swelltrack --db DB ARGS...` in folder `dir` (relative file names, and the scratch files
/// that hold input and output, are there), with `input` on standard input (else nothing). Standard
/// output goes to `stdout_to` when given (e.g. /dev/full), and `out` is then empty.
inline Run run_swelltrack(const std::filesystem::path& dir, const std::string& db, const std::vector<std::string>& args,
                          const std::optional<std::string>& input = std::nullopt,
                          const std::optional<std::string>& stdout_to = std::nullopt) {
    std::string cmd = "cd " + quote(dir.string()) + " && " + quote(SWELLTRACK_BIN) + " --db " + quote(db);
    for (const auto& a : args) cmd += " " + quote(a);
    auto in = dir / ".stdin", out = dir / ".stdout", err = dir / ".stderr";
    std::ofstream(in, std::ios::binary) << input.value_or("");
    cmd += " < " + quote(in.string()) + " > " + quote(stdout_to.value_or(out.string())) + " 2> " + quote(err.string());
    int status = std::system(cmd.c_str());
    return Run{WIFEXITED(status) ? WEXITSTATUS(status) : -1, stdout_to ? "" : slurp(out), slurp(err)};
}

/// A temporary folder with a database file in it, and the binary run on it.
class Sandbox {
   public:
    Sandbox() : dir_(tmp_.path()), db_(dir_ / "clinic.db") {}

    /// Runs swelltrack --db DB ARGS..., optionally with `input` on stdin (else nothing).
    Run run(const std::vector<std::string>& args, const std::optional<std::string>& input = std::nullopt) const {
        return run_db(db_.string(), args, input);
    }
    /// The same with another --db.
    Run run_db(const std::string& db, const std::vector<std::string>& args,
               const std::optional<std::string>& input = std::nullopt) const {
        return run_swelltrack(dir_, db, args, input);
    }
    /// The same with standard output sent to `target` (e.g. /dev/full); `out` is then empty.
    Run run_into(const std::vector<std::string>& args, const std::string& target) const {
        return run_swelltrack(dir_, db_.string(), args, std::nullopt, target);
    }
    /// Everything in the database, as the export prints it: compared to prove nothing changed.
    std::string snapshot() const { return run({"export", "--all", "--format", "json"}).out; }
    const std::filesystem::path& dir() const { return dir_; }
    const std::filesystem::path& db() const { return db_; }

   private:
    TempDir tmp_{"cli"};
    std::filesystem::path dir_, db_;
};

}  // namespace swelltrack::testing
