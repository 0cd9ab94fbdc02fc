// Validation of getMultipleLeads requests.
#include "mktows/request.hpp"

#include <string>

#include "mktows/error.hpp"

namespace mktows {

void GetMultipleLeadsRequest::validate() const {
    if (batch_size < 1 || batch_size > max_batch_size)
        throw Error(ErrorKind::invalid_argument, "batch size " + std::to_string(batch_size) +
                                                     " is out of range; use 1 to " + std::to_string(max_batch_size) +
                                                     " (Marketo recommends " + std::to_string(default_batch_size) +
                                                     ")");
    for (size_t i = 0; i < include_attributes.size(); ++i)
        if (include_attributes[i].empty())
            throw Error(ErrorKind::invalid_argument,
                        "attribute name " + std::to_string(i + 1) + " of the include list is empty; remove it");
}

}  // namespace mktows
