// One run of the linter, and the cache that lets IncrementalLinter check again only the resources
// an edit can change (markDirty) and keep the rest of its findings.

#include "lint/Linter.h"

#include "lint/ServiceLint.h"
#include "model/References.h"

#include <algorithm>

namespace pp::lint {

std::vector<Finding> Linter::run()
{
    indexVpcs();
    const bool incremental = m_cache && m_touched && !m_cache->order.empty();
    if (incremental)
        markDirty();
    // Kept for the next run only with a cache; a one-shot lint merges each as it goes (no copy
    // of every resource's findings in memory: `check` on a big design). While resources keep
    // their places (the usual edit replaces one or appends), the cache is updated in place;
    // from the first one that moved on, the rest goes to a new order.
    bool inPlace = incremental;
    std::vector<std::string> order;
    std::vector<Contribution> contributions;
    auto leavePlace = [&](std::size_t upTo) {
        inPlace = false;
        order.reserve(m_design.resources().size());
        contributions.reserve(m_design.resources().size());
        for (std::size_t k = 0; k < upTo; ++k) {
            order.push_back(std::move(m_cache->order[k]));
            contributions.push_back(std::move(m_cache->contributions[k]));
        }
    };
    if (m_cache && !incremental)
        leavePlace(0);
    const auto& resources = m_design.resources();
    // The resources to check again, by place: a look-up per dirty id, not a hash of every id.
    std::vector<bool> dirtyAt(resources.size());
    for (const std::string& id : m_dirty)
        if (const auto at = m_design.indexOf(ResourceId(id)))
            dirtyAt[*at] = true;
    for (std::size_t i = 0; i < resources.size(); ++i) {
        const Resource& r = resources[i];
        const std::string& id = r.id.str();
        if (inPlace && !(i < m_cache->order.size() && m_cache->order[i] == id))
            leavePlace(i);
        Contribution* cached = nullptr;
        if (inPlace) {
            cached = &m_cache->contributions[i];
        } else if (incremental) {
            // Same place as last time (the usual case: edits replace or append), else by id.
            if (i < m_cache->order.size() && m_cache->order[i] == id) {
                cached = &m_cache->contributions[i];
            } else if (const auto it = m_cache->position.find(id); it != m_cache->position.end()) {
                cached = &m_cache->contributions[it->second];
            }
        }
        if (cached && !dirtyAt[i]) {
            m_findings.insert(m_findings.end(), cached->findings.begin(), cached->findings.end());
            if (!inPlace) {
                order.push_back(id);
                contributions.push_back(std::move(*cached));
            }
            continue;
        }
        m_current = Contribution();
        const std::size_t before = m_findings.size();
        std::visit([&](const auto& data) { check(r, data); }, r.data);
        checkImported(r);
        m_current.findings.assign(m_findings.begin() + std::ptrdiff_t(before), m_findings.end());
        if (const auto vpc = vpcOf(r))
            m_current.vpc = vpc->str();
        if (m_cache) {
            for (const ResourceId& ref : referencesOf(r))
                m_current.references.push_back(ref.str());
            m_current.vpcFacts = vpcFactsOf(r);
        }
        // The checks across a VPC's resources see this one's subnet and addresses: run them
        // again where those are new or differ (a re-check of an unchanged resource rarely does).
        if (!m_current.vpc.empty() && !(cached && sameVpcFacts(*cached, m_current)))
            m_dirtyVpcs.insert(m_current.vpc);
        if (cached && !cached->vpc.empty() && cached->vpc != m_current.vpc)
            m_dirtyVpcs.insert(cached->vpc);
        if (m_cache) {
            // What the last run registered stays (a stale entry only marks one more resource
            // dirty); registering it again would grow the lists with every edit of a session.
            for (const std::string& ref : m_current.references)
                if (!cached || std::find(cached->references.begin(), cached->references.end(), ref) == cached->references.end())
                    m_cache->referencedBy[ref].push_back(id);
            if (!m_current.vpc.empty() && (!cached || cached->vpc != m_current.vpc))
                m_cache->members[m_current.vpc].push_back(id);
        }
        if (!m_cache) {
            merge(m_current);
            continue;
        }
        if (inPlace) {
            *cached = std::move(m_current);
        } else {
            order.push_back(id);
            contributions.push_back(std::move(m_current));
        }
    }
    if (inPlace && m_cache->order.size() > resources.size()) // resources removed from the end
        leavePlace(resources.size());
    // Only now is it known which VPCs are checked across resources again.
    for (const Contribution& c : inPlace ? m_cache->contributions : contributions)
        if (!incremental || !c.gatewayRoutes.empty() || m_dirtyVpcs.count(c.vpc))
            merge(c);
    if (m_cache && !inPlace) {
        const bool sameOrder = order == m_cache->order;
        m_cache->order = std::move(order);
        m_cache->contributions = std::move(contributions);
        if (!sameOrder || m_cache->position.size() != m_cache->order.size()) {
            m_cache->position.clear();
            for (std::size_t i = 0; i < m_cache->order.size(); ++i)
                m_cache->position.emplace(m_cache->order[i], i);
        }
    }
    checkSubnetsAndAddresses(incremental);
    checkPeeringOverlaps();
    checkGatewayEndpointRoutes();
    checkTransitPropagation();
    checkSecurityGroupReferences();
    lintServices(m_design, m_findings);
    for (const Flow& f : m_design.flows())
        checkFlow(f);
    return std::move(m_findings);
}

void Linter::merge(const Contribution& c)
{
    if (!c.vpc.empty()) {
        VpcData& data = m_vpcData[c.vpc];
        if (c.subnet)
            data.subnets.push_back(*c.subnet);
        data.addresses.insert(data.addresses.end(), c.addresses.begin(), c.addresses.end());
    }
    for (const auto& [key, endpoint] : c.gatewayRoutes)
        m_gatewayRoutes[key].push_back(endpoint);
}

bool Linter::sameVpcFacts(const Contribution& a, const Contribution& b)
{
    const auto sameAddresses = std::equal(a.addresses.begin(), a.addresses.end(), b.addresses.begin(), b.addresses.end(),
                                          [](const AddressUse& x, const AddressUse& y) { return x.address == y.address && x.owner == y.owner; });
    const bool sameSubnet = a.subnet.has_value() == b.subnet.has_value() &&
                            (!a.subnet || (a.subnet->id == b.subnet->id && a.subnet->cidr == b.subnet->cidr));
    return a.vpc == b.vpc && sameSubnet && sameAddresses;
}

void Linter::markDirty()
{
    // Did a changed resource come, go, or change what the rest of its VPC reads from it? Ids
    // that are not resources (flows) tell the VPC nothing.
    bool vpcFactsChanged = !m_changed;
    if (m_changed)
        for (const std::string& id : *m_changed) {
            const Resource* now = m_design.find(ResourceId(id));
            const auto was = m_cache->position.find(id);
            if (!now && was == m_cache->position.end())
                continue;
            if (!now || was == m_cache->position.end() || vpcFactsOf(*now) != m_cache->contributions[was->second].vpcFacts) {
                vpcFactsChanged = true;
                break;
            }
        }
    std::vector<std::string> frontier;
    for (const std::string& id : *m_touched) {
        const auto was = m_cache->position.find(id);
        const bool referredOnly = m_changed && !m_changed->count(id) && was != m_cache->position.end();
        if (!referredOnly) {
            frontier.push_back(id);
            continue;
        }
        m_dirty.insert(id);
        if (const auto it = m_cache->referencedBy.find(id); it != m_cache->referencedBy.end())
            m_dirty.insert(it->second.begin(), it->second.end());
        if (!vpcFactsChanged)
            continue;
        if (const auto it = m_cache->members.find(id); it != m_cache->members.end())
            m_dirty.insert(it->second.begin(), it->second.end());
    }
    std::unordered_set<std::string> expanded;
    for (int level = 0; level < 4 && !frontier.empty(); ++level) {
        std::vector<std::string> next;
        for (const std::string& id : frontier) {
            if (!expanded.insert(id).second)
                continue;
            m_dirty.insert(id);
            if (const auto it = m_cache->position.find(id); it != m_cache->position.end()) {
                const std::string& was = m_cache->contributions[it->second].vpc;
                if (!was.empty())
                    m_dirtyVpcs.insert(was); // where it was: a removed subnet frees its block
            }
            if (const auto now = vpcOf(ResourceId(id)))
                m_dirtyVpcs.insert(now->str()); // where it is now
            if (const auto it = m_cache->referencedBy.find(id); it != m_cache->referencedBy.end())
                next.insert(next.end(), it->second.begin(), it->second.end());
            if (const auto it = m_cache->members.find(id); it != m_cache->members.end())
                for (const std::string& member : it->second)
                    m_dirty.insert(member);
        }
        frontier = std::move(next);
    }
}

void Linter::checkSubnetsAndAddresses(bool incremental)
{
    std::map<std::string, std::vector<Finding>> byVpc;
    if (incremental)
        for (auto& [vpc, findings] : m_cache->vpcFindings)
            if (!m_dirtyVpcs.count(vpc))
                byVpc.emplace(vpc, std::move(findings));
    for (auto& [vpc, data] : m_vpcData) {
        if (incremental && !m_dirtyVpcs.count(vpc))
            continue;
        const std::size_t before = m_findings.size();
        checkSubnetOverlaps(vpc, data.subnets);
        checkDuplicateAddresses(vpc, data.addresses);
        byVpc[vpc].assign(m_findings.begin() + std::ptrdiff_t(before), m_findings.end());
        m_findings.resize(before);
    }
    for (const auto& [vpc, findings] : byVpc)
        for (const Finding& f : findings)
            if (f.code == "SUBNET_OVERLAP")
                m_findings.push_back(f);
    for (const auto& [vpc, findings] : byVpc)
        for (const Finding& f : findings)
            if (f.code == "DUPLICATE_ADDRESS")
                m_findings.push_back(f);
    if (m_cache)
        m_cache->vpcFindings = std::move(byVpc);
}

} // namespace pp::lint

namespace pp {

IncrementalLinter::IncrementalLinter() : m_cache(std::make_unique<LintCache>()) {}
IncrementalLinter::~IncrementalLinter() = default;
IncrementalLinter::IncrementalLinter(IncrementalLinter&&) noexcept = default;
IncrementalLinter& IncrementalLinter::operator=(IncrementalLinter&&) noexcept = default;

std::vector<Finding> IncrementalLinter::run(const Design& design, const std::set<std::string>* touched,
                                            const std::set<std::string>* changed)
{
    if (!touched)
        *m_cache = LintCache();
    return lint::Linter(design, m_cache.get(), touched, changed).run();
}

} // namespace pp
