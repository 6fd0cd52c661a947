#pragma once
// A client's own page in plain words (docs/web.md, "Two views"): how each limb compares with the
// start and with the other side, what her therapist watches for, and what the numbers mean. The
// clinical table, grades, formulas and codes stay in the therapist's view and the PDF.
#include <string>
#include <string_view>

#include "html.h"
#include "swelltrack/analysis.h"
#include "swelltrack/protocol.h"
#include "swelltrack/status.h"

namespace swelltrack::web {

/// "How your arms are doing": the attention badge with one sentence, then each limb against the
/// start and against the other side (in mL, and the largest point difference in her unit), what
/// her therapist watches for, and her schedule. `protocol` is the compared session's.
void plain_overview(Html& b, const History& h, const ClientStatus& st, const Protocol& protocol);

/// "What do the numbers mean", folded: volume from the tape, measurement noise, the start.
void plain_meaning(Html& b);

/// A skin flag as a client says it: "dry skin" for dryness, "hard skin" for fibrosis.
std::string_view skin_words(SkinFlag flag);

/// What a session records besides circumferences, in words, each part once: "Heaviness 3, pain 2
/// (0-10); skin: dry skin, redness; wore a compression garment (class II); weight 68 kg; note: ...".
/// `clinical` adds the therapist's findings (display::findings). Empty when nothing is recorded.
std::string entered_text(const Session& s, bool clinical);

}  // namespace swelltrack::web
