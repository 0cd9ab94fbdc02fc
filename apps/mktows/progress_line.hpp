// The progress line of a bulk export on standard error, redrawn in place:
//   mktows: 12000 leads written, ~48000 to go, 2400 leads/s, ETA 0:20, 3/7 units done
#ifndef MKTOWS_CLI_PROGRESS_LINE_HPP
#define MKTOWS_CLI_PROGRESS_LINE_HPP

#include <string>

#include "mktows/export.hpp"

namespace mktows_cli {

/// The text of one progress report (no line end).
std::string format_progress(const mktows::ExportProgress& progress);

class ProgressLine {
public:
    /// Draws nothing unless enabled.
    explicit ProgressLine(bool enabled) : enabled_(enabled) {}
    ~ProgressLine() { end(); }
    ProgressLine(const ProgressLine&) = delete;
    ProgressLine& operator=(const ProgressLine&) = delete;

    /// Redraws the line (carriage return, text, clear to end of line).
    void draw(const mktows::ExportProgress& progress);
    /// Ends a drawn line with a newline, so what follows starts on its own line.
    void end();

private:
    bool enabled_;
    bool drawn_ = false;
};

}  // namespace mktows_cli

#endif
