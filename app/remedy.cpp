#include "remedy.h"

namespace swelltrack::cli {

std::string remedy_text(Remedy remedy) {
    switch (remedy) {
        case Remedy::none:
            return {};
        case Remedy::give_reason:
            return "give a reason with --reason TEXT (it goes into the audit trail)";
        case Remedy::confirm:
            return "if they are right, add --confirm to keep them";
        case Remedy::replace_file:
            return "use --force to replace it";
        case Remedy::choose_database:
            return "give another file with --db";
        case Remedy::repair_database:
            return "run 'swelltrack check' and restore a backup ('swelltrack backup' makes one)";
        case Remedy::add_client:
            return "add it first (swelltrack client add) or import a clients CSV";
        case Remedy::add_protocol:
            return "define it first (swelltrack protocol add)";
        case Remedy::pin_baseline_first:
            return "pin another session first (swelltrack client baseline NAME --at DATETIME --reason TEXT)";
        case Remedy::list_clients:
            return "'swelltrack client list' shows them";
        case Remedy::list_logins:
            return "'swelltrack user list' lists them";
        case Remedy::link_client:
            return "give --client NAME, the client it may see";
        case Remedy::unlink_client:
            return "--client is only for --role client";
        case Remedy::map_columns:
            return "rename the column, or map the sheet's own names with --columns \"Header=column,...\"";
        case Remedy::record_consent:
            return "once she agrees, record it with 'swelltrack client edit NAME --photo-consent yes'";
    }
    return {};
}

std::string error_line(const UserError& e) {
    std::string line = e.what();
    if (auto remedy = remedy_text(e.remedy()); !remedy.empty()) line += "; " + remedy;
    if (!e.details().empty()) line += ":";
    return line;
}

}  // namespace swelltrack::cli
