// Each system call is one line plus one throw naming the file the user asked for.
#include "swelltrack/file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <string>
#include <utility>

namespace swelltrack {
namespace {

[[noreturn]] void fail(const char* what, const std::filesystem::path& name, int err) {
    throw UserError("file", name.string(), std::string(what) + " " + name.string() + ": " + std::strerror(err));
}

// After a rename or link the new name is in the folder; only the folder's fsync makes it durable.
void sync_folder_of(const std::filesystem::path& file) {
    std::filesystem::path folder = file.has_parent_path() ? file.parent_path() : ".";
    int fd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) fail("cannot sync the folder of", file, errno);
    FileDescriptor dir(fd, file);
    dir.sync();
    dir.close();
}

}  // namespace

FileExists::FileExists(const std::filesystem::path& path)
    : UserError("file", path.string(), path.string() + " already exists") {}

FileDescriptor::~FileDescriptor() {
    if (fd_ >= 0) ::close(fd_);  // an error here is reported by close() on the paths that matter
}

FileDescriptor::FileDescriptor(FileDescriptor&& other) noexcept
    : fd_(std::exchange(other.fd_, -1)), name_(std::move(other.name_)) {}

FileDescriptor& FileDescriptor::operator=(FileDescriptor&& other) noexcept {
    if (this != &other) {
        if (fd_ >= 0) ::close(fd_);
        fd_ = std::exchange(other.fd_, -1);
        name_ = std::move(other.name_);
    }
    return *this;
}

FileDescriptor FileDescriptor::create_new(const std::filesystem::path& path) {
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0 && errno == EEXIST) throw FileExists(path);
    if (fd < 0) fail("cannot create", path, errno);
    FileDescriptor file(fd, path);
    if (::fchmod(fd, 0600) != 0) fail("cannot create", path, errno);  // whatever the umask
    return file;
}

void FileDescriptor::write(std::string_view bytes) {
    while (!bytes.empty()) {
        ssize_t n = ::write(fd_, bytes.data(), bytes.size());
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) fail("cannot write", name_, errno);
        if (n == 0) fail("cannot write", name_, ENOSPC);  // no progress: never loop forever
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
}

void FileDescriptor::sync() {
    if (::fsync(fd_) != 0) fail("cannot write", name_, errno);
}

void FileDescriptor::close() {
    if (::close(std::exchange(fd_, -1)) != 0) fail("cannot write", name_, errno);
}

AtomicFile::AtomicFile(std::filesystem::path target, Existing existing)
    : target_(std::move(target)), existing_(existing) {
    struct stat st {};
    if (existing_ == Existing::refuse && ::lstat(target_.c_str(), &st) == 0) throw FileExists(target_);
    std::string name = target_.string() + ".tmp-XXXXXX";
    int fd = ::mkostemp(name.data(), O_CLOEXEC);  // a new unique name, 0600
    if (fd < 0) fail("cannot create", target_, errno);
    fd_ = FileDescriptor(fd, target_);
    temp_ = std::move(name);
    if (::fchmod(fd, 0600) != 0) {  // whatever the umask; the destructor does not run for a throwing constructor
        int err = errno;
        ::unlink(temp_.c_str());
        fail("cannot create", target_, err);
    }
}

AtomicFile::~AtomicFile() {
    if (!committed_) ::unlink(temp_.c_str());  // the target was never touched
}

void AtomicFile::commit() {
    fd_.sync();
    fd_.close();
    if (existing_ == Existing::replace) {
        if (::rename(temp_.c_str(), target_.c_str()) != 0) fail("cannot replace", target_, errno);
    } else {
        // link() refuses an existing name, so a file that appeared since the constructor is kept.
        if (::link(temp_.c_str(), target_.c_str()) != 0) {
            if (errno == EEXIST) throw FileExists(target_);
            fail("cannot create", target_, errno);
        }
        if (::unlink(temp_.c_str()) != 0) fail("cannot create", target_, errno);
    }
    committed_ = true;
    sync_folder_of(target_);
}

bool create_owner_only(const std::filesystem::path& path) {
    try {
        FileDescriptor::create_new(path).close();
        return true;
    } catch (const FileExists&) {
        return false;
    }
}

void write_file_atomically(const std::filesystem::path& path, std::string_view bytes, Existing existing) {
    AtomicFile file(path, existing);
    file.write(bytes);
    file.commit();
}

std::string read_file_bounded(const std::filesystem::path& path, std::uint64_t max_bytes,
                              void (*check_size)(std::uint64_t bytes)) {
    const bool standard_input = path == "-";
    const int fd = standard_input ? ::dup(STDIN_FILENO) : ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) fail("cannot read", path, errno);
    FileDescriptor file(fd, path);
    struct stat st {};
    if (::fstat(fd, &st) != 0) fail("cannot read", path, errno);
    if (S_ISDIR(st.st_mode)) fail("cannot read", path, EISDIR);
    if (S_ISREG(st.st_mode)) check_size(static_cast<std::uint64_t>(st.st_size));
    std::string bytes;
    char chunk[1 << 16];
    while (bytes.size() <= max_bytes) {
        const auto n = ::read(fd, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) fail("cannot read", path, errno);
        if (n == 0) break;
        bytes.append(chunk, static_cast<std::size_t>(n));
    }
    if (bytes.size() > max_bytes) check_size(bytes.size());
    return bytes;
}

}  // namespace swelltrack
