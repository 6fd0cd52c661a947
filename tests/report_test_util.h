#pragma once
// Helpers for the report tests: running poppler/qpdf tools and reading their output.
#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "temp_dir.h"

namespace report_test {

using swelltrack::testing::TempDir;

/// Standard output of a shell command (stderr dropped) and its exit status.
struct Run {
    std::string out;
    int status = -1;
};
inline Run run(const std::string& command) {
    Run r;
    FILE* p = popen((command + " 2>/dev/null").c_str(), "r");
    if (!p) return r;
    std::array<char, 4096> buf;
    std::size_t n;
    while ((n = fread(buf.data(), 1, buf.size(), p)) > 0) r.out.append(buf.data(), n);
    r.status = pclose(p);
    return r;
}

inline std::filesystem::path save(const std::filesystem::path& dir, const std::string& name, const std::string& bytes) {
    auto p = dir / name;
    std::ofstream(p, std::ios::binary) << bytes;
    return p;
}

inline std::string text_of(const std::filesystem::path& pdf) {
    return run("pdftotext -layout '" + pdf.string() + "' -").out;
}
inline bool qpdf_ok(const std::filesystem::path& pdf) { return run("qpdf --check '" + pdf.string() + "'").status == 0; }
/// A line of `pdfinfo`, e.g. info(pdf, "Pages") -> "4".
inline std::string info(const std::filesystem::path& pdf, const std::string& key) {
    std::string out = run("pdfinfo '" + pdf.string() + "'").out;
    auto at = out.find(key + ":");
    if (at == std::string::npos) return {};
    auto end = out.find('\n', at);
    std::string v = out.substr(at + key.size() + 1, end - at - key.size() - 1);
    return v.substr(v.find_first_not_of(' '));
}
inline std::string fmt(const char* format, double v) {
    char b[64];
    std::snprintf(b, sizeof b, format, v);
    return b;
}

/// The text with every run of spaces and line breaks as one space: a wrapped line reads on.
inline std::string squash(const std::string& text) {
    std::string out;
    for (char ch : text) {
        bool space = ch == ' ' || ch == '\n' || ch == '\f' || ch == '\r';
        if (space && (out.empty() || out.back() == ' ')) continue;
        out += space ? ' ' : ch;
    }
    return out;
}

}  // namespace report_test
