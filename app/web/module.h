#pragma once
// The web face as the `swelltrack` binary reaches it: a module (swelltrack-web.so) that only
// `serve` and `user` load, so that every other command starts without libmicrohttpd, OpenSSL and
// libsodium (docs/performance.md#start-up). The binary and the module are built from one tree
// together; a UserError thrown in the module reaches main like one thrown anywhere else.
#include <ostream>
#include <string>
#include <string_view>

#include "serve.h"

namespace swelltrack::web {

/// What the binary calls in the module: web::serve, web::hash_password, and for an invitation
/// web::random_token and web::token_hash (auth.h).
struct Module {
    int (*serve)(const ServeOptions& options, std::ostream& out);
    std::string (*hash_password)(std::string_view password);
    std::string (*random_token)();
    std::string (*token_hash)(std::string_view token);
};

}  // namespace swelltrack::web

/// The module's one exported symbol (web/module.map).
extern "C" const swelltrack::web::Module* swelltrack_web_module();
