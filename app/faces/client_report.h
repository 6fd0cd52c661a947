#pragma once
// What the faces (the CLI's report command and the web's report.pdf) share about a client's trend
// report: the corrections listed from the audit trail, the options filled in, the file name.
#include <string>
#include <vector>

#include "swelltrack/report.h"
#include "swelltrack/store.h"

namespace swelltrack::faces {

/// "Maria Keller" -> "maria-keller"; non-ASCII names keep their bytes, unsafe characters become '-'.
std::string file_slug(const std::string& name);

/// The corrections a clinician should know of: sessions edited or deleted, baselines moved by
/// hand, client details changed, each with who, when and why (from the audit trail).
std::vector<ReportCorrection> report_corrections(const std::vector<AuditEntry>& trail);

/// The client's trend report PDF at `now`: `options` (paper, days shown) with the corrections, the
/// protocols and the time of writing filled in.
std::string client_trend_pdf(const Store& store, const Client& client, ReportOptions options, const DateTime& now);

}  // namespace swelltrack::faces
