// The web module's entry (module.h): everything else in it is local to it (module.map).
#include "module.h"

#include "auth.h"

extern "C" __attribute__((visibility("default"))) const swelltrack::web::Module* swelltrack_web_module() {
    namespace web = swelltrack::web;
    static constexpr web::Module module{web::serve, web::hash_password, web::random_token, web::token_hash};
    return &module;
}
