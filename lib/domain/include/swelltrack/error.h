#pragma once
// The one error type for a user's mistakes: thrown deep, caught once in main, printed as one line.
#include <stdexcept>
#include <string>
#include <vector>

namespace swelltrack {

/// What the user can do about a mistake when the way to do it belongs to a face: a flag on the
/// command line, a field or a box on a page. The error's sentence states the facts; each face adds
/// its own words for the remedy (app/commands/remedy.cpp, app/web/remedy.cpp). Lower layers never
/// word a face's flags.
enum class Remedy {
    none,
    give_reason,         // the change needs a reason, for the audit trail
    confirm,             // values that look like a mistake are kept once the user confirms them
    replace_file,        // the output file exists: say that it may be replaced
    choose_database,     // the file is not a swelltrack database: choose another
    repair_database,     // the database is damaged: check it, and restore a backup
    add_client,          // a client named (in an import) does not exist yet
    add_protocol,        // a protocol named does not exist yet
    pin_baseline_first,  // the change would move a pinned baseline: pin another session first
    list_clients,        // no such client: see which there are
    list_logins,         // no such login: see which there are
    link_client,         // a client's login needs the client it may see
    unlink_client,       // a therapist's login is linked to no client
    map_columns,         // a CSV's column is not one swelltrack knows: map the sheet's own names
    record_consent,      // photos are kept only once the client's consent is recorded
};

/// A mistake in what the user typed or supplied. `field` names the input (e.g. "circumference"),
/// `value` is what was given, and what() is the whole human-readable sentence.
class UserError : public std::runtime_error {
   public:
    UserError(std::string field, std::string value, const std::string& message)
        : std::runtime_error(message), field_(std::move(field)), value_(std::move(value)) {}
    explicit UserError(const std::string& message) : std::runtime_error(message) {}

    const std::string& field() const noexcept { return field_; }
    const std::string& value() const noexcept { return value_; }
    Remedy remedy() const noexcept { return remedy_; }
    UserError& with_remedy(Remedy remedy) {
        remedy_ = remedy;
        return *this;
    }
    /// Lines printed after the sentence, one each, when one mistake has several places (e.g. every
    /// implausible row of an import); empty for most errors.
    const std::vector<std::string>& details() const noexcept { return details_; }
    UserError& with_details(std::vector<std::string> details) {
        details_ = std::move(details);
        return *this;
    }

   private:
    std::string field_;
    std::string value_;
    std::vector<std::string> details_;
    Remedy remedy_ = Remedy::none;
};

}  // namespace swelltrack
