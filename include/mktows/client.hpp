// mktows::Client: getMultipleLeads with paging and key chunking, getLead.
#ifndef MKTOWS_CLIENT_HPP
#define MKTOWS_CLIENT_HPP

#include <cstddef>
#include <cstdint>
#include <functional>
#include <iterator>
#include <memory>
#include <optional>
#include <vector>

#include "mktows/connection.hpp"
#include "mktows/lead.hpp"
#include "mktows/options.hpp"
#include "mktows/request.hpp"

namespace mktows {

class LeadPager;

/// Every lead of a query, fetched one page at a time as you iterate: the
/// memory held is one page. Follows newStreamPosition until remainingCount
/// is 0, the position comes back empty, or Marketo says the stream is at its
/// end (20123). An empty position while remainingCount > 0 is
/// Error(protocol): remainingCount is exact, and those leads could not be
/// fetched. More than 100 keys are split into calls of at most 100, in
/// order. Throws Error on failure (nothing is silently skipped), including
/// Error(server_loop) if the server repeats a stream position or
/// remainingCount does not go down for 3 pages in a row.
/// An open LastUpdateAt range is closed at the time the first page is asked
/// for, so the result is a consistent "as of" snapshot.
class LeadRange {
public:
    class iterator {
    public:
        using iterator_category = std::input_iterator_tag;
        using value_type = Lead;
        using difference_type = std::ptrdiff_t;
        using pointer = const Lead*;
        using reference = const Lead&;

        iterator() = default;
        reference operator*() const;
        pointer operator->() const { return &**this; }
        iterator& operator++();
        void operator++(int) { ++*this; }
        friend bool operator==(const iterator& a, const iterator& b) { return a.pager_ == b.pager_; }
        friend bool operator!=(const iterator& a, const iterator& b) { return !(a == b); }

    private:
        friend class LeadRange;
        explicit iterator(LeadPager* pager) : pager_(pager) {}
        LeadPager* pager_ = nullptr;  // null at the end
    };

    LeadRange(std::shared_ptr<Connection> connection, GetMultipleLeadsRequest request);
    LeadRange(LeadRange&&) noexcept;
    LeadRange& operator=(LeadRange&&) noexcept;
    ~LeadRange();

    /// Starts the query (first call) on the first begin().
    iterator begin();
    iterator end() { return iterator(); }

    std::int64_t pages() const noexcept;        ///< pages fetched so far
    std::int64_t leads() const noexcept;        ///< leads yielded so far
    /// remainingCount of the last page (of the current key chunk).
    std::optional<int> remaining() const noexcept;

private:
    std::unique_ptr<LeadPager> pager_;
};

class Client {
public:
    explicit Client(ClientOptions options);
    explicit Client(std::shared_ptr<Connection> connection);

    /// One call: a single page, at most 100 keys.
    LeadPage get_multiple_leads_page(const GetMultipleLeadsRequest& request);

    /// All leads of the query, paging and chunking as needed.
    LeadRange get_multiple_leads(GetMultipleLeadsRequest request);

    /// Calls fn for every lead of the query, in order.
    void for_each_lead(GetMultipleLeadsRequest request, const std::function<void(const Lead&)>& fn);

    /// getLead.
    std::vector<Lead> get_lead(const LeadKey& key);

    const std::shared_ptr<Connection>& connection() const noexcept { return connection_; }

private:
    std::shared_ptr<Connection> connection_;
};

}  // namespace mktows

#endif
