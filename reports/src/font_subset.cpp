#include "font_subset.h"

#include <dlfcn.h>
#include <hb-subset.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <stdexcept>

#if HPDF_MAJOR_VERSION == 2 && HPDF_MINOR_VERSION == 3
#include <hpdf_font.h>
#include <hpdf_objects.h>
#include <hpdf_streams.h>
#define SWELLTRACK_HARU_2_3 1
#endif

namespace swelltrack::pdf {
namespace {

// HarfBuzz's subsetter and what it links (GLib, FreeType, Graphite, ...) cost every process about
// 2 ms to load, and most reports (every character in Windows-1252) never use it: it is opened the
// first time a face must be cut (docs/performance.md#report-fonts), and kept.
struct HarfBuzz {
    decltype(&::hb_blob_create_from_file_or_fail) hb_blob_create_from_file_or_fail = nullptr;
    decltype(&::hb_blob_create) hb_blob_create = nullptr;
    decltype(&::hb_blob_destroy) hb_blob_destroy = nullptr;
    decltype(&::hb_blob_get_data) hb_blob_get_data = nullptr;
    decltype(&::hb_face_create) hb_face_create = nullptr;
    decltype(&::hb_face_destroy) hb_face_destroy = nullptr;
    decltype(&::hb_face_reference_blob) hb_face_reference_blob = nullptr;
    decltype(&::hb_face_collect_unicodes) hb_face_collect_unicodes = nullptr;
    decltype(&::hb_subset_input_create_or_fail) hb_subset_input_create_or_fail = nullptr;
    decltype(&::hb_subset_input_destroy) hb_subset_input_destroy = nullptr;
    decltype(&::hb_subset_input_unicode_set) hb_subset_input_unicode_set = nullptr;
    decltype(&::hb_subset_input_set) hb_subset_input_set = nullptr;
    decltype(&::hb_subset_input_set_flags) hb_subset_input_set_flags = nullptr;
    decltype(&::hb_subset_or_fail) hb_subset_or_fail = nullptr;
    decltype(&::hb_set_create) hb_set_create = nullptr;
    decltype(&::hb_set_destroy) hb_set_destroy = nullptr;
    decltype(&::hb_set_add) hb_set_add = nullptr;
    decltype(&::hb_set_next) hb_set_next = nullptr;
    decltype(&::hb_tag_from_string) hb_tag_from_string = nullptr;
};

template <class F>
void symbol(void* lib, F& f, const char* name) {
    f = reinterpret_cast<F>(::dlsym(lib, name));
    if (!f) throw std::runtime_error(std::string("the report font subsetter lacks ") + name);
}

const HarfBuzz& harfbuzz() {
    static const HarfBuzz hb = [] {
        HarfBuzz h;
        // Never closed: faces cut earlier may still be in use.
        void* lib = ::dlopen("libharfbuzz-subset.so.0", RTLD_NOW | RTLD_LOCAL);
        if (!lib)
            throw std::runtime_error(
                "the report font subsetter does not load (install the Debian package libharfbuzz-subset0): " +
                std::string(::dlerror()));
        symbol(lib, h.hb_blob_create_from_file_or_fail, "hb_blob_create_from_file_or_fail");
        symbol(lib, h.hb_blob_create, "hb_blob_create");
        symbol(lib, h.hb_blob_destroy, "hb_blob_destroy");
        symbol(lib, h.hb_blob_get_data, "hb_blob_get_data");
        symbol(lib, h.hb_face_create, "hb_face_create");
        symbol(lib, h.hb_face_destroy, "hb_face_destroy");
        symbol(lib, h.hb_face_reference_blob, "hb_face_reference_blob");
        symbol(lib, h.hb_face_collect_unicodes, "hb_face_collect_unicodes");
        symbol(lib, h.hb_subset_input_create_or_fail, "hb_subset_input_create_or_fail");
        symbol(lib, h.hb_subset_input_destroy, "hb_subset_input_destroy");
        symbol(lib, h.hb_subset_input_unicode_set, "hb_subset_input_unicode_set");
        symbol(lib, h.hb_subset_input_set, "hb_subset_input_set");
        symbol(lib, h.hb_subset_input_set_flags, "hb_subset_input_set_flags");
        symbol(lib, h.hb_subset_or_fail, "hb_subset_or_fail");
        symbol(lib, h.hb_set_create, "hb_set_create");
        symbol(lib, h.hb_set_destroy, "hb_set_destroy");
        symbol(lib, h.hb_set_add, "hb_set_add");
        symbol(lib, h.hb_set_next, "hb_set_next");
        symbol(lib, h.hb_tag_from_string, "hb_tag_from_string");
        return h;
    }();
    return hb;
}

struct HbDeleter {
    void operator()(hb_blob_t* b) const { harfbuzz().hb_blob_destroy(b); }
    void operator()(hb_face_t* f) const { harfbuzz().hb_face_destroy(f); }
    void operator()(hb_subset_input_t* i) const { harfbuzz().hb_subset_input_destroy(i); }
    void operator()(hb_set_t* s) const { harfbuzz().hb_set_destroy(s); }
};
template <class T>
using Hb = std::unique_ptr<T, HbDeleter>;

[[noreturn]] void fail(const std::string& what, const std::string& path) {
    throw std::runtime_error("report font " + what + ": " + path);
}

// libharu's UTF-8 encoding writes two-byte codes: the characters of the Basic Multilingual Plane.
constexpr char32_t last_code = 0xFFFF;

using Bytes = std::span<const unsigned char>;

// The face of `source` cut to `wanted`, unhinted and without layout tables (libharu draws one glyph
// per character and reads neither).
Hb<hb_face_t> cut(const FontSource& source, const std::vector<char32_t>& wanted) {
    const auto& hb = harfbuzz();
    const std::string& path = source.path;
    Hb<hb_blob_t> blob(source.bytes.empty() ? hb.hb_blob_create_from_file_or_fail(path.c_str())
                                            : hb.hb_blob_create(reinterpret_cast<const char*>(source.bytes.data()),
                                                                static_cast<unsigned>(source.bytes.size()),
                                                                HB_MEMORY_MODE_READONLY, nullptr, nullptr));
    if (!blob) fail("could not be read", path);
    Hb<hb_face_t> face(hb.hb_face_create(blob.get(), 0));
    Hb<hb_subset_input_t> input(hb.hb_subset_input_create_or_fail());
    if (!input) throw std::bad_alloc();
    hb_set_t* unicodes = hb.hb_subset_input_unicode_set(input.get());
    for (char32_t cp : wanted)
        if (cp <= last_code) hb.hb_set_add(unicodes, cp);
    hb.hb_subset_input_set_flags(input.get(), HB_SUBSET_FLAGS_NO_HINTING | HB_SUBSET_FLAGS_NOTDEF_OUTLINE);
    hb_set_t* drop = hb.hb_subset_input_set(input.get(), HB_SUBSET_SETS_DROP_TABLE_TAG);
    for (const char* tag : {"GSUB", "GPOS", "GDEF", "kern", "MATH", "FFTM", "gasp"})
        hb.hb_set_add(drop, hb.hb_tag_from_string(tag, 4));
    // Keep the licence (name IDs 13 and 14) with the copyright in what is embedded.
    hb_set_t* names = hb.hb_subset_input_set(input.get(), HB_SUBSET_SETS_NAME_ID);
    for (unsigned id : {13u, 14u}) hb.hb_set_add(names, id);
    Hb<hb_face_t> subset(hb.hb_subset_or_fail(face.get(), input.get()));
    if (!subset) fail("could not be cut to the report's characters", path);
    return subset;
}

std::vector<char32_t> unicodes_of(hb_face_t* face) {
    const auto& hb = harfbuzz();
    Hb<hb_set_t> set(hb.hb_set_create());
    hb.hb_face_collect_unicodes(face, set.get());
    std::vector<char32_t> out;
    for (hb_codepoint_t cp = HB_SET_VALUE_INVALID; hb.hb_set_next(set.get(), &cp);) out.push_back(cp);
    return out;  // hb_set_next walks in ascending order
}

unsigned u16(const unsigned char* p) { return static_cast<unsigned>(p[0] << 8 | p[1]); }
unsigned u32(const unsigned char* p) { return u16(p) << 16 | u16(p + 2); }

// The table `tag` of the TrueType font `ttf` (empty when it has none or the file is short).
Bytes table(Bytes ttf, const char* tag) {
    if (ttf.size() < 12) return {};
    const unsigned count = u16(ttf.data() + 4);
    for (unsigned k = 0; k < count && 12 + 16 * (k + 1) <= ttf.size(); ++k) {
        const unsigned char* entry = ttf.data() + 12 + 16 * k;
        if (std::equal(tag, tag + 4, entry)) {
            const unsigned offset = u32(entry + 8), length = u32(entry + 12);
            if (offset > ttf.size() || length > ttf.size() - offset) return {};
            return ttf.subspan(offset, length);
        }
    }
    return {};
}

// The glyph ids that composite glyphs of `ttf` name as their components ('glyf' table).
std::vector<unsigned> components(Bytes ttf) {
    const Bytes head = table(ttf, "head"), loca = table(ttf, "loca"), glyf = table(ttf, "glyf");
    if (head.size() < 54 || loca.empty() || glyf.empty()) return {};
    const bool long_offsets = u16(head.data() + 50) == 1;
    const auto entries = static_cast<unsigned>(long_offsets ? loca.size() / 4 : loca.size() / 2);
    auto offset = [&](unsigned i) { return long_offsets ? u32(loca.data() + 4 * i) : 2 * u16(loca.data() + 2 * i); };
    const auto* g = glyf.data();
    const auto glyf_len = static_cast<unsigned>(glyf.size());
    std::vector<unsigned> out;
    for (unsigned gid = 0; gid + 1 < entries; ++gid) {
        unsigned at = offset(gid), end = std::min(offset(gid + 1), glyf_len);
        if (end < at + 10 || (u16(g + at) & 0x8000) == 0) continue;  // empty, or simple (contours >= 0)
        for (unsigned p = at + 10; p + 4 <= end;) {                  // flags, glyph index, then arguments and scale
            unsigned flags = u16(g + p);
            out.push_back(u16(g + p + 2));
            p += 4 + ((flags & 0x0001) ? 4 : 2) +
                 ((flags & 0x0008)   ? 2
                  : (flags & 0x0040) ? 4
                  : (flags & 0x0080) ? 8
                                     : 0);
            if (!(flags & 0x0020)) break;  // no more components
        }
    }
    return out;
}

// libharu loads TrueType only from a path: the face goes into an anonymous in-memory file, named by
// its /proc path. libharu opens its own handle, which it keeps until the document is freed.
const char* load_into(HPDF_Doc doc, Bytes ttf, const std::string& path) {
    int fd = memfd_create("swelltrack-font", MFD_CLOEXEC);
    if (fd < 0) fail("could not be put in memory", path);
    bool written = ::write(fd, ttf.data(), ttf.size()) == static_cast<ssize_t>(ttf.size());
    const char* name = nullptr;
    if (written) name = HPDF_LoadTTFontFromFile(doc, ("/proc/self/fd/" + std::to_string(fd)).c_str(), HPDF_TRUE);
    ::close(fd);
    if (!name) fail("could not be loaded after cutting", path);
    return name;
}

#ifdef SWELLTRACK_HARU_2_3
// libharu gives a UTF-8 font the CMap of its encoding (character code to CID, "begincidrange") as its
// ToUnicode map, which readers warn about ("Invalid 'begincidrange' operator in ToUnicode CMap") and
// must guess around. The codes are the characters themselves, so the right map lists each character.
void write_to_unicode(HPDF_Font font, const std::vector<char32_t>& covered) {
    auto* cmap = static_cast<HPDF_Dict>(HPDF_Dict_GetItem(font, "ToUnicode", HPDF_OCLASS_DICT));
    if (!cmap || !cmap->stream) return;
    for (const char* key : {"Type", "CMapName", "CIDSystemInfo", "WMode"}) HPDF_Dict_RemoveElement(cmap, key);
    std::string text =
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
    std::vector<char32_t> codes;
    std::copy_if(covered.begin(), covered.end(), std::back_inserter(codes), [](char32_t c) { return c <= last_code; });
    for (std::size_t i = 0; i < codes.size(); i += 100) {  // at most 100 entries a block
        std::size_t n = std::min<std::size_t>(100, codes.size() - i);
        text += std::to_string(n) + " beginbfchar\n";
        char entry[24];
        for (std::size_t k = i; k < i + n; ++k) {
            std::snprintf(entry, sizeof entry, "<%04X> <%04X>\n", static_cast<unsigned>(codes[k]),
                          static_cast<unsigned>(codes[k]));
            text += entry;
        }
        text += "endbfchar\n";
    }
    text += "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
    HPDF_MemStream_FreeData(cmap->stream);
    HPDF_Stream_Write(cmap->stream, reinterpret_cast<const HPDF_BYTE*>(text.data()),
                      static_cast<HPDF_UINT>(text.size()));
}

// libharu embeds the glyphs drawn and the components of composite ones, one level down only: an
// Arabic form built from a composite of composites (DejaVu's initial beh) lost its body. So every
// glyph that is a component of another is marked as used before anything is drawn.
void keep_components(HPDF_Font font, Bytes ttf) {
    HPDF_FontDef def = static_cast<HPDF_FontAttr>(font->attr)->fontdef;
    if (!def || def->type != HPDF_FONTDEF_TYPE_TRUETYPE) return;
    auto* tt = static_cast<HPDF_TTFontDefAttr>(def->attr);
    if (!tt->glyph_tbl.flgs) return;
    for (unsigned gid : components(ttf))
        if (gid < tt->num_glyphs) tt->glyph_tbl.flgs[gid] = 1;
}

// libharu writes the CIDToGIDMap for every two-byte code, 128 KB a face (deflated, and written,
// for every report). A code past the map's end draws nothing, so the map stops after the last
// character the face has.
void shorten_cid_map(HPDF_Font font, const std::vector<char32_t>& covered) {
    HPDF_Dict map = static_cast<HPDF_FontAttr>(font->attr)->map_stream;  // the descendant font's CIDToGIDMap
    if (!map || !map->stream || covered.empty()) return;
    const HPDF_UINT32 size = HPDF_Stream_Size(map->stream);
    auto keep = static_cast<HPDF_UINT>(2 * (std::min<char32_t>(covered.back(), last_code) + 1));
    if (keep >= size) return;
    std::string bytes(keep, '\0');
    HPDF_UINT read = keep;
    if (HPDF_Stream_Seek(map->stream, 0, HPDF_SEEK_SET) != HPDF_OK ||
        HPDF_Stream_Read(map->stream, reinterpret_cast<HPDF_BYTE*>(bytes.data()), &read) != HPDF_OK || read != keep)
        return;  // the whole map stays
    HPDF_MemStream_FreeData(map->stream);
    HPDF_Stream_Write(map->stream, reinterpret_cast<const HPDF_BYTE*>(bytes.data()), keep);
}
#else
void shorten_cid_map(HPDF_Font, const std::vector<char32_t>&) {}
void write_to_unicode(HPDF_Font, const std::vector<char32_t>&) {}
void keep_components(HPDF_Font, Bytes) {}
#endif

}  // namespace

EmbeddedFace embed_face(HPDF_Doc doc, const FontSource& source, const std::vector<char32_t>& wanted,
                        const char* encoding) {
    const std::string& path = source.path;
    if (source.bytes.empty() && !std::filesystem::exists(path))
        throw std::runtime_error("report font not found: " + path +
                                 " (install the Debian packages fonts-dejavu-core and fonts-wqy-zenhei)");
    EmbeddedFace out;
    Bytes ttf = source.bytes;
    Hb<hb_blob_t> cut_bytes;
    // A simple (WinAnsi) font from the built-in cut is small already, and libharu embeds only the
    // glyphs a simple font draws: cutting it again would cost more than it saves.
    if (!source.bytes.empty() && std::string_view(encoding) == "WinAnsiEncoding") {
        out.covered = source.code_points;
    } else {
        Hb<hb_face_t> face = cut(source, wanted);
        out.covered = unicodes_of(face.get());
        cut_bytes.reset(harfbuzz().hb_face_reference_blob(face.get()));
        unsigned length = 0;
        const char* data = harfbuzz().hb_blob_get_data(cut_bytes.get(), &length);
        ttf = Bytes(reinterpret_cast<const unsigned char*>(data), length);
    }
    out.font = HPDF_GetFont(doc, load_into(doc, ttf, path), encoding);
    if (!out.font) fail("has no " + std::string(encoding) + " encoding", path);
    write_to_unicode(out.font, out.covered);
    keep_components(out.font, ttf);
    shorten_cid_map(out.font, out.covered);
    return out;
}

}  // namespace swelltrack::pdf
