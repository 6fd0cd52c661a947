// The photo commands end to end, through the real binary: consent first, a phone's photo kept
// upright without its metadata, bad pictures refused with nothing stored, delete and restore
// audited, and a backup that carries the photos.
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "photo_files.h"
#include "run_binary.h"
#include "swelltrack/base64.h"

using namespace swelltrack::testing;
using nlohmann::json;

namespace {

std::string eleven(const std::string& cm) {
    std::string s;
    for (int i = 0; i < 11; ++i) s += (i ? "," : "") + cm;
    return s;
}

// A client with a session on 2026-11-30 at 09:15 (+01:00).
void with_client(Sandbox& sb) {
    REQUIRE(sb.run({"client", "add", "Anna Berg", "--limb", "arm", "--affected", "left"}).code == 0);
    REQUIRE(
        sb.run({"log", "Anna Berg", "--at", "2026-11-30T09:15+01:00", "--left", eleven("31"), "--right", eleven("30")})
            .code == 0);
}

}  // namespace

TEST_CASE("photo add needs her recorded consent, and keeps the photo upright without GPS, camera or time") {
    Sandbox sb;
    with_client(sb);
    phone_jpeg(sb.dir() / "phone.jpg");
    const auto before = sb.snapshot();
    auto refused = sb.run({"photo", "add", "Anna Berg", "phone.jpg", "--site", "left forearm"});
    CHECK(refused.code == 1);
    CHECK(refused.err ==
          "swelltrack: photo consent: Anna Berg has not agreed that photos of her skin are kept; once she agrees, "
          "record it with 'swelltrack client edit NAME --photo-consent yes'\n");
    CHECK(sb.snapshot() == before);

    REQUIRE(sb.run({"client", "edit", "Anna Berg", "--photo-consent", "yes"}).code == 0);
    CHECK_THAT(sb.run({"audit", "Anna Berg"}).out, Catch::Contains("Client details changed: photo consent: no -> yes"));
    CHECK_THAT(sb.run({"client", "show", "Anna Berg"}).out, Catch::Contains("photos: she agreed that they are kept"));
    CHECK(sb.run({"client", "edit", "Anna Berg", "--photo-consent", "maybe"}).err ==
          "swelltrack: --photo-consent: 'maybe' is not one of yes, no\n");

    // Taken in the session's minute: it is that session's. 600 x 400 stored with orientation 6: 400 x 600.
    auto added = sb.run(
        {"photo", "add", "Anna Berg", "phone.jpg", "--site", " left forearm ", "--at", "2026-11-30T09:15:40+01:00"});
    REQUIRE(added.code == 0);
    CHECK_THAT(added.out,
               Catch::StartsWith("photo 1 added for Anna Berg: left forearm, 2026-11-30 09:15 (400 x 600, "));
    CHECK_THAT(added.out, Catch::EndsWith("; it belongs to the session of 2026-11-30 09:15\n"));
    auto list = json::parse(sb.run({"photo", "list", "Anna Berg", "--format", "json"}).out);
    REQUIRE(list.size() == 1);
    CHECK(list[0]["id"] == 1);
    CHECK(list[0]["taken_at"] == "2026-11-30T09:15:40+01:00");
    CHECK(list[0]["site"] == "left forearm");
    CHECK(list[0]["width"] == 400);
    CHECK(list[0]["height"] == 600);
    CHECK(list[0]["session"] == "2026-11-30T09:15:00+01:00");

    REQUIRE(sb.run({"photo", "export", "Anna Berg", "1", "-o", "kept.jpg"}).code == 0);
    const auto kept = sb.dir() / "kept.jpg";
    CHECK(list[0]["bytes"] == std::filesystem::file_size(kept));
    CHECK(metadata_groups(kept).empty());
    CHECK(metadata_groups(sb.dir() / "phone.jpg").count("GPS") == 1);  // the original still has them
    struct stat st {};
    REQUIRE(::stat(kept.c_str(), &st) == 0);
    CHECK((st.st_mode & 0777) == 0600);
    CHECK(sb.run({"photo", "export", "Anna Berg", "1", "-o", "kept.jpg"}).err ==
          "swelltrack: " + kept.filename().string() + " already exists; use --force to replace it\n");
    REQUIRE(sb.run({"photo", "export", "Anna Berg", "1", "--thumbnail", "-o", "thumb.jpg"}).code == 0);
    const auto thumb = vips::VImage::new_from_file((sb.dir() / "thumb.jpg").c_str());
    CHECK(thumb.width() == 213);  // 400 * 320 / 600 = 213.3
    CHECK(thumb.height() == 320);
    // Two sessions in one minute: the photo is the one's taken at its very time (the session form's).
    REQUIRE(sb.run({"log", "Anna Berg", "--at", "2026-11-30T09:15:50+01:00", "--left", eleven("31.2"), "--right",
                    eleven("30")})
                .code == 0);
    REQUIRE(sb.run({"photo", "add", "Anna Berg", "phone.jpg", "--site", "left forearm", "--at",
                    "2026-11-30T09:15:50+01:00"})
                .code == 0);
    CHECK(json::parse(sb.run({"photo", "list", "Anna Berg", "--format", "json"}).out)[1]["session"] ==
          "2026-11-30T09:15:50+01:00");
    // A photo taken at another time belongs to no session.
    REQUIRE(sb.run({"photo", "add", "Anna Berg", "phone.jpg", "--site", "left hand", "--at", "2026-11-30T12:00+01:00"})
                .code == 0);
    CHECK(json::parse(sb.run({"photo", "list", "Anna Berg", "--format", "json"}).out)[2]["session"].is_null());
}

TEST_CASE("a picture that is none, too large, a bomb, a blank site or a future time is refused and nothing stored") {
    Sandbox sb;
    with_client(sb);
    REQUIRE(sb.run({"client", "edit", "Anna Berg", "--photo-consent", "yes"}).code == 0);
    phone_jpeg(sb.dir() / "phone.jpg");
    write_file(sb.dir() / "notes.txt", "left arm felt heavy\n");
    write_file(sb.dir() / "empty.jpg", "");
    // 8000 x 8000 = 64 megapixels of black, a few hundred KB of PNG.
    vips::VImage::black(8000, 8000).pngsave((sb.dir() / "bomb.png").c_str());
    {
        std::ofstream huge(sb.dir() / "huge.jpg", std::ios::binary);
        huge.seekp(30 * 1024 * 1024);
        huge.put('\xD9');
    }
    const auto before = sb.snapshot();
    const auto trail = sb.run({"audit"}).out;
    struct Case {
        std::vector<std::string> args;
        std::string err;
    };
    for (const auto& c : {
             Case{{"notes.txt", "--site", "arm"},
                  "photo: this file is not a picture swelltrack takes: send a JPEG, PNG, HEIC or WebP photo"},
             Case{{"empty.jpg", "--site", "arm"}, "photo: the file is empty"},
             Case{{"huge.jpg", "--site", "arm"}, "photo: the file is 30.0 MB; at most 25.0 MB is taken"},
             Case{{"bomb.png", "--site", "arm"},
                  "photo: the picture is 8000 x 8000 pixels (64.0 megapixels); at most 50.0 megapixels are taken"},
             Case{{"phone.jpg", "--site", "  "},
                  "site: say where on the body the photo was taken, e.g. \"left forearm\""},
             Case{{"phone.jpg", "--site", std::string(101, 'x')}, "site: 101 bytes; the allowed length is 1-100 bytes"},
             Case{{"phone.jpg", "--site", "arm", "--at", "2099-01-01T10:00+01:00"},
                  "taken_at: 2099-01-01T10:00:00+01:00 is in the future; give the time the photo was taken"},
             Case{{"missing.jpg", "--site", "arm"}, "cannot read missing.jpg: No such file or directory"},
         }) {
        auto args = std::vector<std::string>{"photo", "add", "Anna Berg"};
        args.insert(args.end(), c.args.begin(), c.args.end());
        auto r = sb.run(args);
        CAPTURE(c.args[0]);
        CHECK(r.code == 1);
        CHECK(r.err == "swelltrack: " + c.err + "\n");
    }
    CHECK(sb.snapshot() == before);
    CHECK(sb.run({"audit"}).out == trail);
    CHECK(sb.run({"photo", "list", "Anna Berg"}).out == "Anna Berg has no photos.\n");
}

TEST_CASE("photo delete hides a photo with its reason, restore brings it back, a backup carries photos") {
    Sandbox sb;
    with_client(sb);
    REQUIRE(sb.run({"client", "edit", "Anna Berg", "--photo-consent", "yes"}).code == 0);
    phone_jpeg(sb.dir() / "phone.jpg");
    REQUIRE(
        sb.run({"photo", "add", "Anna Berg", "phone.jpg", "--site", "left forearm", "--at", "2026-11-30T09:15+01:00"})
            .code == 0);
    REQUIRE(sb.run({"photo", "export", "Anna Berg", "1", "-o", "first.jpg"}).code == 0);
    CHECK(sb.run({"photo", "delete", "Anna Berg", "1"}).code != 0);  // --reason is required
    auto deleted = sb.run({"photo", "delete", "Anna Berg", "1", "--reason", "blurred"});
    CHECK(deleted.out ==
          "photo 1 (left forearm, 2026-11-30 09:15) of Anna Berg deleted; 'swelltrack photo restore "
          "\"Anna Berg\" 1 --reason TEXT' brings it back\n");
    CHECK(sb.run({"photo", "list", "Anna Berg"}).out == "Anna Berg has no photos.\n");
    CHECK(sb.run({"photo", "export", "Anna Berg", "1", "-o", "gone.jpg"}).err ==
          "swelltrack: id: Anna Berg has no photo 1; she has no photos\n");
    CHECK(sb.run({"photo", "delete", "Anna Berg", "1", "--reason", "again"}).err ==
          "swelltrack: id: Anna Berg has no photo 1; she has no photos\n");
    CHECK(sb.run({"photo", "restore", "Anna Berg", "2", "--reason", "x"}).err ==
          "swelltrack: id: Anna Berg has no deleted photo 2; her deleted photos are 1\n");
    // Brought back only while she consents.
    REQUIRE(sb.run({"client", "edit", "Anna Berg", "--photo-consent", "no"}).code == 0);
    CHECK_THAT(sb.run({"photo", "restore", "Anna Berg", "1", "--reason", "x"}).err,
               Catch::StartsWith("swelltrack: photo consent: Anna Berg has not agreed"));
    REQUIRE(sb.run({"client", "edit", "Anna Berg", "--photo-consent", "yes"}).code == 0);
    REQUIRE(sb.run({"photo", "restore", "Anna Berg", "1", "--reason", "the only one of that day"}).code == 0);
    auto audit = sb.run({"audit", "Anna Berg"}).out;
    CHECK_THAT(audit, Catch::Contains("Photo 1 (left forearm, 2026-11-30 09:15) added - by "));
    CHECK_THAT(audit, Catch::Contains("Photo 1 (left forearm, 2026-11-30 09:15) deleted (blurred) - by "));
    CHECK_THAT(audit,
               Catch::Contains("Photo 1 (left forearm, 2026-11-30 09:15) restored (the only one of that day) - by "));

    // The backup holds the photo byte for byte; check passes on both.
    REQUIRE(sb.run({"backup", "copy.db"}).code == 0);
    REQUIRE(sb.run_db("copy.db", {"photo", "export", "Anna Berg", "1", "-o", "from-backup.jpg"}).code == 0);
    CHECK(slurp(sb.dir() / "from-backup.jpg") == slurp(sb.dir() / "first.jpg"));
    CHECK(sb.run_db("copy.db", {"check"}).code == 0);
    CHECK(sb.run({"check"}).code == 0);
}

TEST_CASE("check finds a photo whose image was cut short") {
    Sandbox sb;
    with_client(sb);
    REQUIRE(sb.run({"client", "edit", "Anna Berg", "--photo-consent", "yes"}).code == 0);
    phone_jpeg(sb.dir() / "phone.jpg");
    REQUIRE(sb.run({"photo", "add", "Anna Berg", "phone.jpg", "--site", "left forearm"}).code == 0);
    shell("sqlite3 " + quote(sb.db().string()) +
          " \"UPDATE photo_images SET image = substr(image, 1, 1000), thumbnail = substr(thumbnail, 1, 100)\"");
    auto r = sb.run({"check"});
    CHECK(r.code != 0);
    CHECK_THAT(r.out + r.err, Catch::Contains("photo 1 (Anna Berg, left forearm): its image is 1000 bytes, not "));
}

TEST_CASE("a JSON export carries photos byte for byte into another database, and an import cleans a foreign one") {
    Sandbox sb;
    with_client(sb);
    REQUIRE(sb.run({"client", "edit", "Anna Berg", "--photo-consent", "yes"}).code == 0);
    phone_jpeg(sb.dir() / "phone.jpg");
    REQUIRE(sb.run({"--by", "therapist anna", "photo", "add", "Anna Berg", "phone.jpg", "--site", "left forearm",
                    "--at", "2026-11-30T09:15+01:00"})
                .code == 0);
    REQUIRE(sb.run({"photo", "export", "Anna Berg", "1", "-o", "kept.jpg"}).code == 0);
    REQUIRE(sb.run({"export", "--all", "--format", "json", "-o", "all.json"}).code == 0);
    auto exported = json::parse(slurp(sb.dir() / "all.json"));
    const auto& client = exported["clients"][0];
    CHECK(client["photo_consent"] == true);
    REQUIRE(client["photos"].size() == 1);
    CHECK(client["photos"][0]["taken_at"] == "2026-11-30T09:15:00+01:00");
    CHECK(client["photos"][0]["site"] == "left forearm");
    CHECK(client["photos"][0]["added_by"] == "therapist anna");

    auto imported = sb.run_db("other.db", {"import", "all.json"});
    REQUIRE(imported.code == 0);
    CHECK_THAT(imported.out, Catch::Contains("; 1 photo(s)"));
    REQUIRE(sb.run_db("other.db", {"photo", "export", "Anna Berg", "1", "-o", "imported.jpg"}).code == 0);
    CHECK(slurp(sb.dir() / "imported.jpg") == slurp(sb.dir() / "kept.jpg"));
    auto list = json::parse(sb.run_db("other.db", {"photo", "list", "Anna Berg", "--format", "json"}).out);
    CHECK(list[0]["added_by"] == "therapist anna");
    CHECK(list[0]["session"] == "2026-11-30T09:15:00+01:00");
    // Again: already there, nothing added.
    CHECK_THAT(sb.run_db("other.db", {"import", "all.json"}).out, !Catch::Contains("photo(s)"));
    CHECK(json::parse(sb.run_db("other.db", {"photo", "list", "Anna Berg", "--format", "json"}).out).size() == 1);

    // A file edited by hand to carry the phone's own JPEG: imported cleaned and upright.
    exported["clients"][0]["photos"][0]["jpeg"] = swelltrack::records::base64_encode(slurp(sb.dir() / "phone.jpg"));
    write_file(sb.dir() / "foreign.json", exported.dump());
    REQUIRE(sb.run_db("third.db", {"import", "foreign.json"}).code == 0);
    REQUIRE(sb.run_db("third.db", {"photo", "export", "Anna Berg", "1", "-o", "foreign.jpg"}).code == 0);
    CHECK(metadata_groups(sb.dir() / "foreign.jpg").empty());
    CHECK(vips::VImage::new_from_file((sb.dir() / "foreign.jpg").c_str()).width() == 400);

    // Without her consent in the file, the photo is refused where it stands, and nothing imported.
    exported["clients"][0]["photo_consent"] = false;
    write_file(sb.dir() / "no-consent.json", exported.dump());
    auto refused = sb.run_db("fourth.db", {"import", "no-consent.json"});
    CHECK(refused.code == 1);
    CHECK_THAT(refused.err, Catch::Contains("no-consent.json at $.clients[0].photos[0]: photo consent: Anna Berg has "
                                            "not agreed that photos of her skin are kept"));
    auto clients = sb.run_db("fourth.db", {"client", "list", "--format", "json"});
    CHECK(clients.code == 0);
    CHECK(json::parse(clients.out).empty());
    // Not base64: named at its path.
    exported["clients"][0]["photo_consent"] = true;
    exported["clients"][0]["photos"][0]["jpeg"] = "not base64!";
    write_file(sb.dir() / "bad.json", exported.dump());
    CHECK_THAT(sb.run_db("fifth.db", {"import", "bad.json"}).err,
               Catch::Contains("$.clients[0].photos[0].jpeg: expected a JPEG as base64 (RFC 4648)"));
}

TEST_CASE("the trend report prints her photos of the days shown by site and date, and --no-photos leaves them out") {
    Sandbox sb;
    with_client(sb);
    REQUIRE(sb.run({"client", "edit", "Anna Berg", "--photo-consent", "yes"}).code == 0);
    phone_jpeg(sb.dir() / "phone.jpg", 3000, 2000);
    for (const auto& [site, at] :
         {std::pair{"left forearm", "2026-11-30T09:15+01:00"}, std::pair{"left forearm", "2026-11-02T10:00+01:00"},
          std::pair{"back of the left hand", "2026-11-30T09:15+01:00"},
          std::pair{"left elbow", "2026-10-01T10:00+02:00"}})
        REQUIRE(sb.run({"photo", "add", "Anna Berg", "phone.jpg", "--site", site, "--at", at}).code == 0);
    REQUIRE(sb.run({"report", "Anna Berg", "-o", "all.pdf", "--from", "2026-11-01"}).code == 0);
    const auto pdf = sb.dir() / "all.pdf";
    CHECK_THAT(shell("qpdf --check " + quote(pdf.string())), Catch::Contains("No syntax or stream encoding errors"));
    const auto text = shell("pdftotext -layout " + quote(pdf.string()) + " -");
    CHECK_THAT(text, Catch::Contains("Photos of the skin"));
    CHECK_THAT(text, Catch::Contains("3 photo(s) of this period"));  // the elbow's is before --from
    // By site in the order of each site's first photo, then by date: the forearm's two, then the hand.
    const auto forearm = text.find("left forearm"), hand = text.find("back of the left hand");
    const auto first = text.find("2026-11-02 10:00"), second = text.find("2026-11-30 09:15, with a session");
    CHECK(forearm < first);
    CHECK(first < second);
    CHECK(second < hand);
    CHECK(text.find("left elbow") == std::string::npos);
    // Three images, each at most 1024 px: 3000 x 2000 stored with orientation 6 is 2000 x 3000 upright,
    // kept at 1365 x 2048, printed at 683 x 1024 (2048 * 2000 / 3000 = 1365.3; 1024 * 2000 / 3000 = 682.7).
    const auto images = shell("pdfimages -list " + quote(pdf.string()));
    std::istringstream rows(images);
    std::string line;
    int photos = 0;
    while (std::getline(rows, line))
        if (line.find(" image ") != std::string::npos && line.find(" jpeg ") != std::string::npos) {
            ++photos;
            CHECK_THAT(line, Catch::Contains("  683  1024 "));
        }
    CHECK(photos == 3);
    REQUIRE(sb.run({"report", "Anna Berg", "-o", "none.pdf", "--no-photos"}).code == 0);
    CHECK(shell("pdftotext " + quote((sb.dir() / "none.pdf").string()) + " -").find("Photos of the skin") ==
          std::string::npos);
    CHECK(shell("pdfimages -list " + quote((sb.dir() / "none.pdf").string())).find(" jpeg ") == std::string::npos);
}
