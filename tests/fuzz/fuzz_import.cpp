// libFuzzer target: the whole import path (format detection, the CSV formats, JSON, the session
// check, the write) never crashes on any bytes. Either the file is refused with a UserError and
// nothing changes, or it is imported; the database stays consistent either way.
#include <stdlib.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>

#include "swelltrack/error.h"
#include "swelltrack/exchange.h"
#include "swelltrack/store.h"

namespace {

swelltrack::Store& store() {
    // One database for the whole run (opening one per input would measure SQLite, not the parser).
    static std::string dir = [] {
        char tmpl[] = "/tmp/swelltrack-fuzz-import-XXXXXX";
        if (!::mkdtemp(tmpl)) std::abort();
        return std::string(tmpl);
    }();
    static swelltrack::Store s(std::filesystem::path(dir) / "fuzz.db");
    static bool seeded = [] {
        swelltrack::import_text(s, "name,limb,affected,baseline,unit\nMaria Keller,arm,left,2023-11-02,cm\n", "seed");
        return true;
    }();
    (void)seeded;
    return s;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    auto& s = store();
    auto before = s.list_clients(true).size();
    try {
        swelltrack::import_text(s, text, "fuzz");
    } catch (const swelltrack::UserError&) {
        if (s.list_clients(true).size() != before) std::abort();  // a refused file wrote a client
    }
    return 0;
}
