// libFuzzer target: the whole import path (format detection, the CSV formats and separators, the
// wide layout, JSON, the session check, the write, the dry run) never crashes on any bytes. Either the file is refused
// with a UserError and nothing changes, or it is imported; the database stays consistent either way.
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

// Headers the fuzzer's rows may follow, so that the wide reader, the separators and the loose
// names are reached at once rather than found by chance. An input whose first byte is below 8
// picks one (its low two bits) and a dry run (bit 2); any other input is the file as it is.
constexpr std::string_view headers[] = {
    "",
    "client;recorded_at;protocol;side;unit;0;4;8;12;16;20;24;28;32;36;40;heaviness;notes\n",
    "Client\tDate\tProtocol\tLeft 0\tLeft 4\tLeft 8\tLeft 12\tLeft 16\tLeft 20\tLeft 24\tLeft 28\tLeft 32\t"
    "Left 36\tLeft 40\tR0\tR4\tR8\tR12\tR16\tR20\tR24\tR28\tR32\tR36\tR40\n",
    "client,recorded_at,protocol,side,unit,0,4,8,12,16,20,24,28,32,36,40,44,48,52,56,60,limb,affected\n",
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string text;
    swelltrack::ImportChecks checks;
    if (size > 0 && data[0] < 8) {
        text = headers[data[0] & 3];
        checks.dry_run = (data[0] & 4) != 0;  // a dry run writes nothing, whatever it reads
        text.append(reinterpret_cast<const char*>(data) + 1, size - 1);
    } else {
        text.assign(reinterpret_cast<const char*>(data), size);
    }
    auto& s = store();
    auto before = s.list_clients(true).size();
    try {
        swelltrack::import_text(s, text, "fuzz", checks);
    } catch (const swelltrack::UserError&) {
        if (s.list_clients(true).size() != before) std::abort();  // a refused file wrote a client
    }
    if (checks.dry_run && s.list_clients(true).size() != before) std::abort();
    return 0;
}
