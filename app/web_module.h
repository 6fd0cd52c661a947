#pragma once
// Loads the web face (web/module.h) on first use: for `serve` and `user` only.
#include "web/module.h"

namespace swelltrack::cli {

/// The web module beside this binary: in its installed place (SWELLTRACK_WEB_MODULE_DIR, relative
/// to the binary's folder), else in the binary's own folder (the build tree). Loaded once; throws
/// std::runtime_error naming where it looked when it cannot be loaded.
const web::Module& web_module();

}  // namespace swelltrack::cli
