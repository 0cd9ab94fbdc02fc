// The built-in, deterministic data set (--leads N --seed S).
#ifndef MKTOWS_SANDBOX_BUILTIN_DATA_HPP
#define MKTOWS_SANDBOX_BUILTIN_DATA_HPP

#include <cstdint>

#include "data_set.hpp"

namespace mktows::sandbox {

/// updatedAt of the built-in leads lies in [builtin_updated_from, builtin_updated_until)
/// (2024-01-01T00:00:00Z to 2026-01-01T00:00:00Z).
constexpr std::int64_t builtin_updated_from = 1704067200;
constexpr std::int64_t builtin_updated_until = 1767225600;

/// `count` leads made from `seed`: the same arguments give the same leads,
/// byte for byte. Ids ascend with gaps from 1001; when count >= 2 the two
/// leads of Marketo's getMultipleLeads sample (65835 formtest1@marketo.com,
/// 67508 joe@marketo.com) are among them, with the sample's attributes.
/// Every lead has attributes of the types string, integer, boolean, date,
/// datetime, float, currency, url, email and phone (some absent on some
/// leads), with non-ASCII text and XML-special characters; about two thirds
/// have ForeignSysPersonId/ForeignSysType nil; some share an e-mail address;
/// a few hundred share one updatedAt (2025-06-15T12:00:00Z) and some sit
/// exactly on midnight UTC. Seven static lists, "SMSProgram.listForTesting"
/// (the PHP sample's list) first and "Archive.Empty" (no members) last.
DataSetBuilder::Result make_builtin_data(int count, std::uint64_t seed);

}  // namespace mktows::sandbox

#endif
