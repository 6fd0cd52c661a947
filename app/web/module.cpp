// The web module's entry (module.h): everything else in it is local to it (module.map).
#include "module.h"

#include "auth.h"

extern "C" __attribute__((visibility("default"))) const swelltrack::web::Module* swelltrack_web_module() {
    static constexpr swelltrack::web::Module module{swelltrack::web::serve, swelltrack::web::hash_password};
    return &module;
}
