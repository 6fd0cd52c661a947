#pragma once
// What the faces (the CLI's report command and the web's report.pdf) share about a client's trend
// report: the corrections listed from the audit trail, the options filled in, the file name.
#include <span>
#include <string>
#include <vector>

#include "swelltrack/report.h"
#include "swelltrack/store.h"

namespace swelltrack::faces {

/// "Maria Keller" -> "maria-keller"; non-ASCII names keep their bytes, unsafe characters become '-'.
std::string file_slug(const std::string& name);

/// An audit entry as one sentence, the same in `swelltrack audit`, on the client's page and in the
/// report: what changed in words, with the reason, the author and the local time ("Session of
/// 2026-11-24 09:00 corrected: Right arm, 40 cm: 30.5 -> 30.9 cm (misread the tape) - by maria
/// (web), 2026-12-03 07:23"). `client`: the client it is about, for her unit and limb (none: cm, arm).
std::string audit_sentence(const AuditEntry& e, const Client* client, std::span<const Protocol> protocols);

/// A change a clinician should know of: a session edited, deleted or restored, a baseline moved by
/// hand (its first pin is not a correction), the client's details changed.
bool is_correction(const AuditEntry& e);

/// The corrections a clinician should know of, as audit_sentence words them: sessions edited,
/// deleted or restored, baselines moved by hand, client details changed.
std::vector<std::string> report_corrections(const std::vector<AuditEntry>& trail, const Client& client,
                                            std::span<const Protocol> protocols);

/// The author a report names in its document information: the clinic's name when it has one.
std::string report_author(const Store& store);

/// The client's trend report PDF at `now`: `options` (paper, days shown) with the corrections, the
/// protocols, the author, the time of writing and, unless left out, her photos of the days shown
/// (actions::report_photos) filled in.
enum class WithPhotos { yes, no };
std::string client_trend_pdf(const Store& store, const Client& client, ReportOptions options, const DateTime& now,
                             WithPhotos photos = WithPhotos::yes);

}  // namespace swelltrack::faces
