// The measurement schedule as iCalendar (RFC 5545): text escaping (3.3.11), folding (3.1), an
// all-day recurring event (3.6.1, 3.8.5.3) with a display alarm (3.6.6).
#include "swelltrack/ical.h"

#include <date/date.h>

#include <algorithm>

namespace swelltrack {
namespace ical {

std::string escape_text(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        char ch = text[i];
        if (ch == '\\' || ch == ';' || ch == ',') {
            out += '\\';
            out += ch;
        } else if (ch == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            continue;  // CRLF is one line break, written at its LF
        } else if (ch == '\n' || ch == '\r') {
            out += "\\n";
        } else {
            out += static_cast<unsigned char>(ch) < 0x20 && ch != '\t' ? ' ' : ch;  // CONTROL is not TEXT
        }
    }
    return out;
}

std::string fold(std::string_view line) {
    constexpr std::size_t max_octets = 75;  // without the CRLF; a continuation's leading space counts
    auto continuation = [](char ch) { return (static_cast<unsigned char>(ch) & 0xC0) == 0x80; };
    std::string out;
    std::size_t room = max_octets;
    while (line.size() > room) {
        std::size_t cut = room;
        while (cut > 0 && continuation(line[cut])) --cut;  // never split a UTF-8 character
        out.append(line.substr(0, cut)).append("\r\n ");
        line.remove_prefix(cut);
        room = max_octets - 1;
    }
    return out.append(line).append("\r\n");
}

}  // namespace ical

namespace {

std::string ics_date(date::year_month_day d) { return date::format("%Y%m%d", date::sys_days{d}); }

std::string ics_utc(date::sys_seconds t) { return date::format("%Y%m%dT%H%M%SZ", t); }

// "MO,TH" (RFC 5545 3.3.10 weekdays) of a bit set, bit 0 Monday.
std::string ics_weekdays(unsigned weekdays) {
    static constexpr const char* names[] = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};
    std::string out;
    for (unsigned d = 0; d < 7; ++d)
        if (weekdays & (1u << d)) out += (out.empty() ? "" : ",") + std::string(names[d]);
    return out;
}

// Adds one content line, "NAME:value" (value already escaped where it is TEXT), folded.
struct Lines {
    std::string out;
    void add(std::string_view name, std::string_view value) {
        out += ical::fold(std::string(name) + ":" + std::string(value));
    }
};

}  // namespace

int reminder_period_days(const Client& c) { return c.every_days.value_or(7); }

std::string reminder_text(const Client& c) {
    if (!c.every_days && !c.remind_weekdays) return "No reminders: no measuring schedule is set";
    std::string when = c.remind_weekdays ? "on " + weekdays_text(c.remind_weekdays) : schedule_text(c.every_days);
    if (c.remind_weekdays && c.every_days && *c.every_days != 7)
        when += " (measuring " + schedule_text(c.every_days) + ")";
    return "A reminder " + when + " at " + time_of_day_text(c.remind_minute.value_or(default_remind_minute)) +
           ", unless a session has been logged since the last one was due";
}

std::optional<date::year_month_day> next_due_day(const Client& c, const std::optional<DateTime>& last_session,
                                                 date::year_month_day today) {
    if (!c.every_days && !c.remind_weekdays) return std::nullopt;
    auto due = date::sys_days{today};
    if (last_session)
        due = std::max(due, date::sys_days{last_session->local_date()} + date::days{reminder_period_days(c)});
    // Her own weekdays: the first of them from then on (a week holds one of each).
    for (int k = 0; c.remind_weekdays && k < 7; ++k, due += date::days{1})
        if (c.remind_weekdays & (1u << (date::weekday{due}.iso_encoding() - 1))) break;
    return date::year_month_day{due};
}

std::string schedule_ics(const Client& c, const std::optional<DateTime>& last_session, const DateTime& now,
                         std::string_view program_version) {
    Lines l;
    l.add("BEGIN", "VCALENDAR");
    l.add("VERSION", "2.0");
    l.add("PRODID", "-//swelltrack//swelltrack " + std::string(program_version) + "//EN");
    l.add("CALSCALE", "GREGORIAN");
    l.add("METHOD", "PUBLISH");
    l.add("X-WR-CALNAME", ical::escape_text("Measure " + c.name + "'s limbs"));
    if (auto due = next_due_day(c, last_session, now.local_date())) {
        std::string what = "Measure " + c.name + "'s " + std::string(to_string(c.limb)) + "s";
        l.add("BEGIN", "VEVENT");
        l.add("UID", "client-" + std::to_string(c.id) + "-measurement-schedule@swelltrack");
        l.add("DTSTAMP", ics_utc(now.utc));
        l.add("DTSTART;VALUE=DATE", ics_date(*due));
        const int period = reminder_period_days(c);
        l.add("RRULE", c.remind_weekdays ? "FREQ=WEEKLY;INTERVAL=" + std::to_string(period % 7 ? 1 : period / 7) +
                                               ";BYDAY=" + ics_weekdays(c.remind_weekdays)
                                         : "FREQ=DAILY;INTERVAL=" + std::to_string(period));
        l.add("SUMMARY", ical::escape_text(what));
        l.add("DESCRIPTION", ical::escape_text(reminder_text(c) + " (swelltrack)."));
        l.add("TRANSP", "TRANSPARENT");  // a reminder, not busy time
        l.add("BEGIN", "VALARM");
        l.add("ACTION", "DISPLAY");
        // At her time on the all-day day: an all-day event floats, so this is her own clock's time.
        const int at = c.remind_minute.value_or(default_remind_minute);
        l.add("TRIGGER;RELATED=START",
              "PT" + std::to_string(at / 60) + "H" + (at % 60 ? std::to_string(at % 60) + "M" : ""));
        l.add("DESCRIPTION", ical::escape_text(what));
        l.add("END", "VALARM");
        l.add("END", "VEVENT");
    }
    l.add("END", "VCALENDAR");
    return std::move(l.out);
}

}  // namespace swelltrack
