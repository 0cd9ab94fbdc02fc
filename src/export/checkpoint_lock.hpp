// CheckpointLock: one process at a time per checkpoint. An exclusive
// flock(2) on the checkpoint's work directory (made if missing), held while
// the export runs; a second export with the same checkpoint is refused at
// once instead of both writing the same files.
#ifndef MKTOWS_SRC_EXPORT_CHECKPOINT_LOCK_HPP
#define MKTOWS_SRC_EXPORT_CHECKPOINT_LOCK_HPP

#include <string>

namespace mktows::detail {

class CheckpointLock {
public:
    /// Throws Error(invalid_argument) when another process holds it,
    /// Error(io) when the directory cannot be made or opened.
    CheckpointLock(const std::string& work_dir, const std::string& checkpoint);
    ~CheckpointLock();
    CheckpointLock(const CheckpointLock&) = delete;
    CheckpointLock& operator=(const CheckpointLock&) = delete;

    /// Removes every file in the work directory (a fresh start).
    void clear_work_dir() const;
    /// Removes the work directory (after success) and releases the lock.
    void remove_work_dir();

private:
    std::string dir_;
    int fd_ = -1;
};

}  // namespace mktows::detail

#endif
