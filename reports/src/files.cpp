// Paper names and writing report files with owner-only permissions (health data).
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "swelltrack/error.h"
#include "swelltrack/report.h"

namespace swelltrack {

Paper parse_paper(std::string_view text) {
    if (text == "a4" || text == "A4") return Paper::a4;
    if (text == "letter" || text == "Letter") return Paper::letter;
    throw UserError("paper", std::string(text), "paper: '" + std::string(text) + "' is not one of a4, letter");
}

void write_private_file(const std::filesystem::path& path, const std::string& bytes, bool overwrite) {
    // Write a 0600 temporary next to the target, then rename: never a half-written or world-readable report.
    if (!overwrite && std::filesystem::exists(path))
        throw UserError("output", path.string(), path.string() + " already exists; use --force to replace it");
    std::filesystem::path tmp = path;
    tmp += ".tmp-" + std::to_string(::getpid());
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) throw UserError("output", path.string(), "cannot write " + path.string() + ": " + std::strerror(errno));
    auto fail = [&](int err) {
        ::close(fd);
        ::unlink(tmp.c_str());
        throw UserError("output", path.string(), "cannot write " + path.string() + ": " + std::strerror(err));
    };
    ::fchmod(fd, 0600);  // whatever the umask
    for (std::size_t done = 0; done < bytes.size();) {
        ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) fail(errno);
        done += static_cast<std::size_t>(n);
    }
    if (::fsync(fd) != 0) fail(errno);
    ::close(fd);
    if (!overwrite && ::link(tmp.c_str(), path.c_str()) != 0) {  // link() refuses to replace: no race
        int err = errno;
        ::unlink(tmp.c_str());
        if (err == EEXIST)
            throw UserError("output", path.string(), path.string() + " already exists; use --force to replace it");
        throw UserError("output", path.string(), "cannot write " + path.string() + ": " + std::strerror(err));
    }
    if (!overwrite) {
        ::unlink(tmp.c_str());
        return;
    }
    if (::rename(tmp.c_str(), path.c_str()) != 0) {
        int err = errno;
        ::unlink(tmp.c_str());
        throw UserError("output", path.string(), "cannot write " + path.string() + ": " + std::strerror(err));
    }
}

}  // namespace swelltrack
