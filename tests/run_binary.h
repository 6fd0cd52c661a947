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

namespace swelltrack::testing {

struct Run {
    int code = -1;
    std::string out, err;
};

/// `s` as one shell word.
inline std::string quote(const std::string& s) {
    std::string q = "'";
    for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return q + "'";
}

inline std::string slurp(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

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

}  // namespace swelltrack::testing
