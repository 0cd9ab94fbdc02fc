// Umbrella header of the mktows SDK. No gSOAP header is included: consumers
// need only this include directory.
#ifndef MKTOWS_MKTOWS_HPP
#define MKTOWS_MKTOWS_HPP

#include "mktows/client.hpp"
#include "mktows/connection.hpp"
#include "mktows/credentials.hpp"
#include "mktows/error.hpp"
#include "mktows/export.hpp"
#include "mktows/lead.hpp"
#include "mktows/options.hpp"
#include "mktows/output.hpp"
#include "mktows/request.hpp"
#include "mktows/selectors.hpp"
#include "mktows/time.hpp"
#include "mktows/version.hpp"

#endif
