#pragma once
// A full disk, simulated for real files: while a FileSizeLimit lives, writing past `bytes` in any
// file fails with EFBIG (SIGXFSZ ignored) instead of succeeding.
#include <sys/resource.h>

#include <csignal>
#include <stdexcept>

namespace swelltrack::testing {

class FileSizeLimit {
   public:
    explicit FileSizeLimit(rlim_t bytes) : old_signal_(std::signal(SIGXFSZ, SIG_IGN)) {
        rlimit limit{};
        if (::getrlimit(RLIMIT_FSIZE, &old_) != 0) throw std::runtime_error("getrlimit failed");
        limit = old_;
        limit.rlim_cur = bytes;
        if (::setrlimit(RLIMIT_FSIZE, &limit) != 0) throw std::runtime_error("setrlimit failed");
    }
    ~FileSizeLimit() {
        ::setrlimit(RLIMIT_FSIZE, &old_);
        std::signal(SIGXFSZ, old_signal_);
    }
    FileSizeLimit(const FileSizeLimit&) = delete;
    FileSizeLimit& operator=(const FileSizeLimit&) = delete;

   private:
    void (*old_signal_)(int);
    rlimit old_{};
};

}  // namespace swelltrack::testing
