#include "web_module.h"

#include <dlfcn.h>

#include <filesystem>
#include <stdexcept>
#include <string>

namespace swelltrack::cli {

namespace {

const web::Module& load() {
    std::error_code ec;
    const auto bin = std::filesystem::read_symlink("/proc/self/exe", ec).parent_path();
    std::string tried;
    for (const auto& path : {bin / SWELLTRACK_WEB_MODULE_DIR / "swelltrack-web.so", bin / "swelltrack-web.so"}) {
        if (!std::filesystem::exists(path, ec)) {
            tried += (tried.empty() ? "" : ", ") + path.lexically_normal().string();
            continue;
        }
        // Never unloaded: its threads and statics live until the process ends.
        void* handle = ::dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
        if (!handle) throw std::runtime_error("the web face does not load: " + std::string(::dlerror()));
        auto* entry = reinterpret_cast<decltype(&swelltrack_web_module)>(::dlsym(handle, "swelltrack_web_module"));
        if (!entry) throw std::runtime_error("the web face does not load: " + std::string(::dlerror()));
        return *entry();
    }
    throw std::runtime_error("the web face (swelltrack-web.so) is not installed; looked for " + tried);
}

}  // namespace

const web::Module& web_module() {
    static const web::Module& module = load();
    return module;
}

}  // namespace swelltrack::cli
