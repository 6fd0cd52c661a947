# Writes ${OUT}: each file in ${FILES} as a std::string_view named after it (app.css -> app_css),
# so the pages' assets are built into the binary and nothing is read from disk at run time.
set(text "// Generated from app/web/assets by embed.cmake; do not edit.\n#pragma once\n#include <string_view>\nnamespace swelltrack::web::assets {\n")
foreach(file IN LISTS FILES)
  file(READ "${file}" content)
  get_filename_component(name "${file}" NAME)
  string(REPLACE "." "_" name "${name}")
  string(REPLACE "-" "_" name "${name}")
  string(APPEND text "inline constexpr std::string_view ${name} = R\"swelltrack_asset(${content})swelltrack_asset\";\n")
endforeach()
string(APPEND text "}  // namespace swelltrack::web::assets\n")
file(WRITE "${OUT}.tmp" "${text}")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
