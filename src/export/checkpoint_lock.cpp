// CheckpointLock (see checkpoint_lock.hpp).
#include "export/checkpoint_lock.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>

#include "export/posix_file.hpp"
#include "mktows/error.hpp"

namespace mktows::detail {

CheckpointLock::CheckpointLock(const std::string& work_dir, const std::string& checkpoint) : dir_(work_dir) {
    make_directory(dir_);
    fd_ = ::open(dir_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd_ < 0) throw_file_error("opening the directory", dir_, errno);
    if (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
        const int err = errno;
        ::close(fd_);
        fd_ = -1;
        if (err == EWOULDBLOCK)
            throw Error(ErrorKind::invalid_argument,
                        "another export is running with the checkpoint '" + checkpoint +
                            "'; wait for it to end, or give another checkpoint file");
        throw_file_error("locking", dir_, err);
    }
}

CheckpointLock::~CheckpointLock() {
    if (fd_ >= 0) ::close(fd_);
}

void CheckpointLock::clear_work_dir() const {
    if (DIR* dir = ::opendir(dir_.c_str())) {
        while (const dirent* entry = ::readdir(dir)) {
            const std::string name = entry->d_name;
            if (name != "." && name != "..") remove_file(dir_ + "/" + name);
        }
        ::closedir(dir);
    }
}

void CheckpointLock::remove_work_dir() {
    remove_directory_and_files(dir_);
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
}

}  // namespace mktows::detail
