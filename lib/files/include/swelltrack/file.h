#pragma once
// Every file swelltrack writes (database, backups, reports, exports): created owner-only (0600, it
// is health data), never half-written, never replaced unless asked. Each failing system call is a
// UserError naming the file the user asked for, e.g. "cannot write /x/y.pdf: No space left on device".
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "swelltrack/error.h"

namespace swelltrack {

/// The target exists and replacing it was not asked for. Commands reword it (e.g. "use --force").
class FileExists : public UserError {
   public:
    explicit FileExists(const std::filesystem::path& path);
};

/// One open file descriptor, closed when the object goes. `name` is the file errors mention: the
/// target the user asked for, even while writing a temporary next to it.
class FileDescriptor {
   public:
    FileDescriptor() = default;
    FileDescriptor(int fd, std::filesystem::path name) : fd_(fd), name_(std::move(name)) {}
    ~FileDescriptor();
    FileDescriptor(FileDescriptor&& other) noexcept;
    FileDescriptor& operator=(FileDescriptor&& other) noexcept;
    FileDescriptor(const FileDescriptor&) = delete;
    FileDescriptor& operator=(const FileDescriptor&) = delete;

    /// A new, empty file with mode 0600 whatever the umask; FileExists if `path` exists.
    static FileDescriptor create_new(const std::filesystem::path& path);

    /// Writes every byte (short writes and EINTR retried); a full disk is an error, never a short file.
    void write(std::string_view bytes);
    /// fsync: the bytes are on the disk, not only in the page cache.
    void sync();
    /// close(), whose result is checked too (some file systems report write errors only there).
    void close();

    int get() const { return fd_; }

   private:
    int fd_ = -1;
    std::filesystem::path name_;
};

/// Whether an existing target may be replaced.
enum class Existing { refuse, replace };

/// A file written under a temporary name in its target's folder (0600) that becomes the target only
/// on commit(): fsync, then link (refuse) or rename (replace) onto the target, then fsync of the
/// folder. Until then the target is untouched; destroyed uncommitted, the temporary is removed.
class AtomicFile {
   public:
    /// Creates the temporary; FileExists at once if the target exists and `existing` is refuse.
    AtomicFile(std::filesystem::path target, Existing existing);
    ~AtomicFile();
    AtomicFile(const AtomicFile&) = delete;
    AtomicFile& operator=(const AtomicFile&) = delete;

    const std::filesystem::path& target() const { return target_; }
    /// The temporary, for writers that fill it by name (SQLite's VACUUM INTO); it exists and is empty.
    const std::filesystem::path& temp_path() const { return temp_; }

    void write(std::string_view bytes) { fd_.write(bytes); }
    /// Makes the written bytes the target. FileExists if refusing and the target appeared meanwhile.
    void commit();

   private:
    std::filesystem::path target_, temp_;
    Existing existing_;
    FileDescriptor fd_;
    bool committed_ = false;
};

/// Creates `path` as an empty 0600 file unless it exists; true when it was created. SQLite then
/// gives the database's -wal and -shm files the same mode.
bool create_owner_only(const std::filesystem::path& path);

/// The whole of a regular file `path` ("-": standard input), calling `check_size` with its size
/// first when it is known (so a caller refuses a huge file before a byte is read), and reading at
/// most `max_bytes` + 1 bytes in any case. A UserError naming the file when it cannot be read.
std::string read_file_bounded(const std::filesystem::path& path, std::uint64_t max_bytes,
                              void (*check_size)(std::uint64_t bytes));

/// `bytes` as the whole content of `path`, atomically (see AtomicFile).
void write_file_atomically(const std::filesystem::path& path, std::string_view bytes, Existing existing);

}  // namespace swelltrack
