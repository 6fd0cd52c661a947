#include "font_subset.h"

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

struct HbDeleter {
    void operator()(hb_blob_t* b) const { hb_blob_destroy(b); }
    void operator()(hb_face_t* f) const { hb_face_destroy(f); }
    void operator()(hb_subset_input_t* i) const { hb_subset_input_destroy(i); }
    void operator()(hb_set_t* s) const { hb_set_destroy(s); }
};
template <class T>
using Hb = std::unique_ptr<T, HbDeleter>;

[[noreturn]] void fail(const std::string& what, const std::string& path) {
    throw std::runtime_error("report font " + what + ": " + path);
}

// libharu's UTF-8 encoding writes two-byte codes: the characters of the Basic Multilingual Plane.
constexpr char32_t last_code = 0xFFFF;

// The face in `path` with only `wanted`, unhinted and without layout tables (libharu draws one
// glyph per character and reads neither).
Hb<hb_face_t> cut(const std::string& path, const std::vector<char32_t>& wanted) {
    Hb<hb_blob_t> blob(hb_blob_create_from_file_or_fail(path.c_str()));
    if (!blob) fail("could not be read", path);
    Hb<hb_face_t> face(hb_face_create(blob.get(), 0));
    Hb<hb_subset_input_t> input(hb_subset_input_create_or_fail());
    if (!input) throw std::bad_alloc();
    hb_set_t* unicodes = hb_subset_input_unicode_set(input.get());
    for (char32_t cp : wanted)
        if (cp <= last_code) hb_set_add(unicodes, cp);
    hb_subset_input_set_flags(input.get(), HB_SUBSET_FLAGS_NO_HINTING | HB_SUBSET_FLAGS_NOTDEF_OUTLINE);
    hb_set_t* drop = hb_subset_input_set(input.get(), HB_SUBSET_SETS_DROP_TABLE_TAG);
    for (const char* tag : {"GSUB", "GPOS", "GDEF", "kern", "MATH", "FFTM", "gasp"})
        hb_set_add(drop, hb_tag_from_string(tag, 4));
    // Keep the licence (name IDs 13 and 14) with the copyright in what is embedded.
    hb_set_t* names = hb_subset_input_set(input.get(), HB_SUBSET_SETS_NAME_ID);
    for (unsigned id : {13u, 14u}) hb_set_add(names, id);
    Hb<hb_face_t> subset(hb_subset_or_fail(face.get(), input.get()));
    if (!subset) fail("could not be cut to the report's characters", path);
    return subset;
}

std::vector<char32_t> unicodes_of(hb_face_t* face) {
    Hb<hb_set_t> set(hb_set_create());
    hb_face_collect_unicodes(face, set.get());
    std::vector<char32_t> out;
    for (hb_codepoint_t cp = HB_SET_VALUE_INVALID; hb_set_next(set.get(), &cp);) out.push_back(cp);
    return out;  // hb_set_next walks in ascending order
}

// libharu loads TrueType only from a path: the cut face goes into an anonymous in-memory file, named
// by its /proc path. libharu opens its own handle, which it keeps until the document is freed.
const char* load_into(HPDF_Doc doc, hb_face_t* face, const std::string& path) {
    Hb<hb_blob_t> blob(hb_face_reference_blob(face));
    unsigned length = 0;
    const char* data = hb_blob_get_data(blob.get(), &length);
    int fd = memfd_create("swelltrack-font", MFD_CLOEXEC);
    if (fd < 0) fail("could not be put in memory", path);
    bool written = ::write(fd, data, length) == static_cast<ssize_t>(length);
    const char* name = nullptr;
    if (written) name = HPDF_LoadTTFontFromFile(doc, ("/proc/self/fd/" + std::to_string(fd)).c_str(), HPDF_TRUE);
    ::close(fd);
    if (!name) fail("could not be loaded after cutting", path);
    return name;
}

// The glyph ids that composite glyphs of `face` name as their components (TrueType 'glyf' table).
std::vector<unsigned> components(hb_face_t* face) {
    auto table = [&](const char* tag) {
        return Hb<hb_blob_t>(hb_face_reference_table(face, hb_tag_from_string(tag, 4)));
    };
    Hb<hb_blob_t> head = table("head"), loca = table("loca"), glyf = table("glyf");
    unsigned head_len = 0, loca_len = 0, glyf_len = 0;
    auto* h = reinterpret_cast<const unsigned char*>(hb_blob_get_data(head.get(), &head_len));
    auto* l = reinterpret_cast<const unsigned char*>(hb_blob_get_data(loca.get(), &loca_len));
    auto* g = reinterpret_cast<const unsigned char*>(hb_blob_get_data(glyf.get(), &glyf_len));
    auto u16 = [](const unsigned char* p) { return static_cast<unsigned>(p[0] << 8 | p[1]); };
    auto u32 = [&](const unsigned char* p) { return u16(p) << 16 | u16(p + 2); };
    if (head_len < 54 || !l || !g) return {};
    bool long_offsets = u16(h + 50) == 1;
    unsigned entries = long_offsets ? loca_len / 4 : loca_len / 2;
    auto offset = [&](unsigned i) { return long_offsets ? u32(l + 4 * i) : 2 * u16(l + 2 * i); };
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
void keep_components(HPDF_Font font, hb_face_t* face) {
    HPDF_FontDef def = static_cast<HPDF_FontAttr>(font->attr)->fontdef;
    if (!def || def->type != HPDF_FONTDEF_TYPE_TRUETYPE) return;
    auto* tt = static_cast<HPDF_TTFontDefAttr>(def->attr);
    if (!tt->glyph_tbl.flgs) return;
    for (unsigned gid : components(face))
        if (gid < tt->num_glyphs) tt->glyph_tbl.flgs[gid] = 1;
}
#else
void write_to_unicode(HPDF_Font, const std::vector<char32_t>&) {}
void keep_components(HPDF_Font, hb_face_t*) {}
#endif

}  // namespace

EmbeddedFace embed_face(HPDF_Doc doc, const std::string& path, const std::vector<char32_t>& wanted) {
    if (!std::filesystem::exists(path))
        throw std::runtime_error("report font not found: " + path +
                                 " (install the Debian packages fonts-dejavu-core and fonts-wqy-zenhei)");
    Hb<hb_face_t> face = cut(path, wanted);
    EmbeddedFace out;
    out.covered = unicodes_of(face.get());
    const char* name = load_into(doc, face.get(), path);
    out.font = HPDF_GetFont(doc, name, "UTF-8");
    if (!out.font) fail("has no UTF-8 encoding", path);
    write_to_unicode(out.font, out.covered);
    keep_components(out.font, face.get());
    return out;
}

}  // namespace swelltrack::pdf
