#include "remedy.h"

#include "swelltrack/display.h"

namespace swelltrack::web {

std::string remedy_text(Remedy remedy) {
    switch (remedy) {
        case Remedy::none:
            return {};
        case Remedy::give_reason:
            return "give a reason (it goes into the audit trail)";
        case Remedy::confirm:
            return "if they are right, confirm them and send again";
        case Remedy::replace_file:
            return "choose another name";
        case Remedy::choose_database:
            return "the server must be started with another database";
        case Remedy::repair_database:
            return "the database must be checked and a backup restored";
        case Remedy::add_client:
            return "add the client first";
        case Remedy::add_protocol:
            return "the protocol must be defined first";
        case Remedy::pin_baseline_first:
            return "pin another session as the baseline first";
        case Remedy::list_clients:
            return "the list of clients shows them";
        case Remedy::list_logins:
            return "the list of logins shows them";
        case Remedy::link_client:
            return "choose the client it may see";
        case Remedy::unlink_client:
            return "a therapist's login is linked to no client";
        case Remedy::map_columns:
            return "rename the column to one of those, or map the sheet's own names when importing";
        case Remedy::record_consent:
            return "once she agrees, her therapist records it on her client page";
    }
    return {};
}

std::string error_text(const UserError& e) {
    std::string text = e.what();
    if (auto remedy = remedy_text(e.remedy()); !remedy.empty()) text += "; " + remedy;
    return text;
}

std::string error_text(const UserError& e, LimbKind limb) {
    auto text = error_text(e);
    const auto key = e.field() + ": ";
    if (auto label = display::field_label(e.field(), limb); !label.empty() && text.compare(0, key.size(), key) == 0)
        text.replace(0, e.field().size(), label);
    return text;
}

}  // namespace swelltrack::web
