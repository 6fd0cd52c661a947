// Ten messy histories made through the CLI, as a clinic's data really is, each rendered as a trend
// report and read back: nothing cut, no warning from the PDF reader, no command names, every name
// and note whole.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "report_test_util.h"
#include "run_binary.h"

using swelltrack::testing::Run;
using swelltrack::testing::Sandbox;

namespace {

bool contains(const std::string& text, const std::string& what) { return text.find(what) != std::string::npos; }

// The line of `text` that holds `what`, or "" (shown when a check fails).
std::string line_with(const std::string& text, const std::string& what) {
    auto at = text.find(what);
    if (at == std::string::npos) return {};
    auto start = text.rfind('\n', at);
    start = start == std::string::npos ? 0 : start + 1;
    return text.substr(start, text.find('\n', at) - start);
}

void ok(const Sandbox& sb, const std::vector<std::string>& args) {
    Run r = sb.run(args);
    INFO(args.front() << " " << (args.size() > 1 ? args[1] : "") << ": " << r.err);
    REQUIRE(r.code == 0);
}

// Eleven arm-4cm values, every one `c` (a cylinder: hand-workable volumes), or "-" at `skip`.
std::string arm(double c, int skip = -1) {
    std::string v;
    for (int k = 0; k < 11; ++k) {
        if (k) v += ",";
        v += k == skip ? std::string("-") : std::to_string(c).substr(0, 5);
    }
    return v;
}

void log(const Sandbox& sb, const std::string& name, const std::string& at, const std::string& left,
         const std::string& right, std::vector<std::string> more = {}) {
    std::vector<std::string> args{"log", name, "--at", at, "--left", left, "--right", right, "--confirm"};
    args.insert(args.end(), more.begin(), more.end());
    ok(sb, args);
}

void add_arm(const Sandbox& sb, const std::string& name, std::vector<std::string> more = {}) {
    std::vector<std::string> args{"client", "add", name, "--limb", "arm", "--affected", "left"};
    args.insert(args.end(), more.begin(), more.end());
    ok(sb, args);
}

// A note near its limit (4,000 bytes; a skin note's is 1,000), ending in a word to look for.
std::string long_text(std::size_t bytes) {
    std::string s;
    for (int k = 1; s.size() + 90 < bytes; ++k)
        s += "Sentence " + std::to_string(k) + " of a long note about the sleeve, the skin and the evening. ";
    return s + "END-OF-NOTE";
}

// The ten clients. Names are the keys the test reads back.
void make_histories(const Sandbox& sb) {
    ok(sb, {"protocol", "add", "arm-10cm", "--limb", "arm", "--points", "0,10,20,30,40"});
    add_arm(sb, "Symptoms Only");
    log(sb, "Symptoms Only", "2026-09-01T08:00", arm(20), arm(20));
    log(sb, "Symptoms Only", "2026-09-08T08:00", arm(20.5), arm(20));
    ok(sb, {"log", "Symptoms Only", "--at", "2026-09-15T08:00", "--heaviness", "4", "--pain", "2"});
    log(sb, "Symptoms Only", "2026-09-22T08:00", arm(20.8), arm(20));

    add_arm(sb, "Partial Point");
    log(sb, "Partial Point", "2026-09-01T08:00", arm(20), arm(20));
    log(sb, "Partial Point", "2026-09-08T08:00", arm(20.4, 9), arm(20));

    add_arm(sb, "One Side");
    log(sb, "One Side", "2026-09-01T08:00", arm(20), arm(20));
    ok(sb, {"log", "One Side", "--at", "2026-09-08T08:00", "--left", arm(20.6), "--confirm"});

    add_arm(sb, "Protocol Switch");
    log(sb, "Protocol Switch", "2026-06-01T08:00", arm(20), arm(20));
    log(sb, "Protocol Switch", "2026-07-01T08:00", arm(20.6), arm(20));
    log(sb, "Protocol Switch", "2026-08-01T08:00", "20,20,20,20,20", "20,20,20,20,20", {"--protocol", "arm-10cm"});
    log(sb, "Protocol Switch", "2026-09-01T08:00", "20.4,20.4,20.4,20.4,20.4", "20,20,20,20,20",
        {"--protocol", "arm-10cm"});

    add_arm(sb, "Two Year Gap");
    log(sb, "Two Year Gap", "2024-03-01T08:00", arm(20), arm(20));
    log(sb, "Two Year Gap", "2024-04-01T08:00", arm(20.2), arm(20));
    log(sb, "Two Year Gap", "2026-05-01T08:00", arm(21), arm(20.1));

    add_arm(sb, "Back Dated");
    log(sb, "Back Dated", "2026-09-01T08:00", arm(20), arm(20));
    log(sb, "Back Dated", "2026-09-22T08:00", arm(20.3), arm(20));
    log(sb, "Back Dated", "2026-09-08T08:00", arm(20.1), arm(20));  // entered after the 22nd

    add_arm(sb, "Corrected Client");
    log(sb, "Corrected Client", "2026-09-01T08:00", arm(20), arm(20));
    log(sb, "Corrected Client", "2026-09-08T08:00", arm(20.2), arm(20));
    log(sb, "Corrected Client", "2026-09-15T08:00", arm(20.4), arm(20));
    ok(sb, {"session", "edit", "Corrected Client", "--at", "2026-09-08T08:00", "--right", arm(20.1), "--reason",
            "misread the tape"});
    ok(sb, {"session", "delete", "Corrected Client", "--at", "2026-09-15T08:00", "--reason", "entered twice"});
    ok(sb, {"session", "restore", "Corrected Client", "--at", "2026-09-15T08:00", "--reason", "it was not a repeat"});

    add_arm(sb, "Inch Client", {"--unit", "in"});
    log(sb, "Inch Client", "2026-09-01T08:00", arm(8), arm(8));
    log(sb, "Inch Client", "2026-09-08T08:00", arm(8.2), arm(8));

    // Each with a note in her script and English. (A report with CJK text is set in WenQuanYi Zen
    // Hei, which has no Arabic or Hebrew: one document mixing them prints those as "?".)
    const std::pair<std::string, std::string> foreign[] = {{"فاطمة الزهراء بن علي", "بعد التدليك (after MLD) ok"},
                                                           {"王芳", "按摩后 (after MLD) ok"}};
    for (const auto& [name, note] : foreign) {
        add_arm(sb, name);
        log(sb, name, "2026-09-01T08:00", arm(20), arm(20));
        log(sb, name, "2026-09-08T08:00", arm(20.3), arm(20), {"--note", note});
    }

    add_arm(sb, "Long Notes");
    log(sb, "Long Notes", "2026-09-01T08:00", arm(20), arm(20), {"--note", long_text(4000)});
    log(sb, "Long Notes", "2026-09-08T08:00", arm(20.2), arm(20), {"--skin-note", long_text(1000)});
}

}  // namespace

TEST_CASE("ten messy histories print whole with no reader warning and no command name") {
    Sandbox sb;
    make_histories(sb);
    const std::vector<std::string> names{"Symptoms Only",        "Partial Point", "One Side",         "Protocol Switch",
                                         "Two Year Gap",         "Back Dated",    "Corrected Client", "Inch Client",
                                         "فاطمة الزهراء بن علي", "王芳",          "Long Notes"};
    for (std::size_t k = 0; k < names.size(); ++k) {
        const std::string file = "report-" + std::to_string(k) + ".pdf";
        ok(sb, {"report", names[k], "-o", file});
        const auto pdf = sb.dir() / file;
        // To look at them: SWELLTRACK_KEEP_REPORTS=DIR keeps a copy of each PDF there.
        if (const char* keep = std::getenv("SWELLTRACK_KEEP_REPORTS"))
            std::filesystem::copy_file(pdf, std::filesystem::path(keep) / file,
                                       std::filesystem::copy_options::overwrite_existing);
        INFO(names[k]);
        REQUIRE(report_test::qpdf_ok(pdf));
        // poppler says nothing about fonts, maps or syntax.
        CHECK(report_test::run("pdftotext '" + pdf.string() + "' /dev/null 2>&1").out.empty());
        const std::string text = report_test::text_of(pdf);
        CHECK(line_with(text, "...") == "");  // nothing cut
        CHECK(line_with(text, "?") == "");    // no character the fonts lack
        CHECK_FALSE(contains(text, "swelltrack history"));
        CHECK_FALSE(contains(text, "swelltrack export"));
        CHECK_FALSE(contains(text, "--"));  // no flag
    }
    // The long note prints to its last word, twice (note, then skin note).
    const std::string notes = report_test::squash(report_test::text_of(sb.dir() / "report-10.pdf"));
    CHECK(contains(notes, "END-OF-NOTE"));
    CHECK(notes.find("END-OF-NOTE") != notes.rfind("END-OF-NOTE"));
    // The corrections read as sentences: the right arm's new values in cm, with the reason.
    const std::string fixes = report_test::squash(report_test::text_of(sb.dir() / "report-6.pdf"));
    CHECK(contains(fixes, "misread the tape"));
    CHECK(contains(fixes, "entered twice"));
    CHECK(contains(fixes, "it was not a repeat"));
    CHECK_FALSE(contains(fixes, "right_mm"));
}
