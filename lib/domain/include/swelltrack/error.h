#pragma once
// The one error type for a user's mistakes: thrown deep, caught once in main, printed as one line.
#include <stdexcept>
#include <string>
#include <vector>

namespace swelltrack {

/// A mistake in what the user typed or supplied. `field` names the input (e.g. "circumference"),
/// `value` is what was given, and what() is the whole human-readable sentence.
class UserError : public std::runtime_error {
   public:
    UserError(std::string field, std::string value, const std::string& message)
        : std::runtime_error(message), field_(std::move(field)), value_(std::move(value)) {}
    explicit UserError(const std::string& message) : std::runtime_error(message) {}

    const std::string& field() const noexcept { return field_; }
    const std::string& value() const noexcept { return value_; }
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
};

}  // namespace swelltrack
