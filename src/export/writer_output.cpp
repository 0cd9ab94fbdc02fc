// WriterOutput (see export_output.hpp).
#include "export/export_output.hpp"

namespace mktows::detail {

std::uint64_t WriterOutput::commit(bool) {
    writer_.flush();
    return writer_.bytes_written();
}

}  // namespace mktows::detail
