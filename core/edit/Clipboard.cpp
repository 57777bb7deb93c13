#include "edit/Clipboard.h"

#include "design/Placement.h"
#include "edit/Addressing.h"
#include "edit/PasteLayout.h"
#include "edit/PasteRules.h"
#include "io/DesignFile.h"
#include "model/References.h"

#include <algorithm>
#include <map>
#include <set>

namespace pp {

std::string copySelection(const Design& design, const std::vector<ResourceId>& ids)
{
    std::set<std::string> selected;
    for (const ResourceId& id : ids)
        if (design.find(id))
            selected.insert(id.str());
    Design fragment;
    for (const Resource& r : design.resources())
        if (selected.count(r.id.str()))
            fragment.add(r);
    for (const Flow& f : design.flows())
        if (selected.count(f.source.str()) && selected.count(f.destination.str()))
            fragment.addFlow(f);
    // Shapes keep their parent when it is copied too; otherwise they carry canvas coordinates.
    const Drawing drawing(design);
    auto shapeOf = [&](const ResourceId& id) { return drawing.shape(id); };
    for (const Shape& s : design.diagram.shapes) {
        if (!selected.count(s.resource.str()))
            continue;
        Shape copy = s;
        liftOut(copy, shapeOf, [&](const ResourceId& id) { return !selected.count(id.str()); });
        fragment.diagram.shapes.push_back(copy);
    }
    return saveDesignToString(fragment);
}

namespace {

// Stands for "the container chosen at the target" while references are rewritten; not a valid id.
const ResourceId kPlaced(std::string(1, '\x1f') + "placed");

// ---- the paste ----

struct Item {
    const Resource* original = nullptr; // in the clipboard
    Resource copy;                      // what is pasted
    bool topLevel = false;
};

struct SubnetMove {
    Cidr from, to;
    std::optional<Cidr> from6, to6;
};

class Paster {
public:
    Paster(const Design& design, const Design& clipboard, const PasteTarget& target)
        : m_design(design), m_clipboard(clipboard), m_target(target), m_drawing(design)
    {
    }

    std::optional<PasteResult> run(std::string* error)
    {
        if (!(planIds() && resolveContainers() && settleReferences() && relaxClashes() && readdress())) {
            if (error)
                *error = m_refusal;
            return std::nullopt;
        }
        return build();
    }

private:
    bool fail(std::string why)
    {
        m_refusal = std::move(why);
        return false;
    }
    bool pasted(const ResourceId& clipboardId) const
    {
        return m_clipboard.find(clipboardId) && !m_skipped.count(clipboardId.str());
    }
    void skip(const Resource& r, const std::string& why)
    {
        m_skipped.insert(r.id.str());
        if (m_firstSkip.empty())
            m_firstSkip = r.displayName() + " cannot be pasted here: " + why;
    }
    // A copy by its new id, else the design's resource.
    const Resource* current(const ResourceId& id) const
    {
        const auto it = m_index.find(id.str());
        return it == m_index.end() ? m_design.find(id) : &m_items[it->second].copy;
    }
    template <class T>
    const T* currentAs(const ResourceId& id) const
    {
        const Resource* r = current(id);
        return r ? r->as<T>() : nullptr;
    }
    // A resource the clipboard's ids refer to: copied along, else the design's of that id.
    template <class T>
    const T* originalAs(const ResourceId& id) const
    {
        const Resource* r = m_clipboard.find(id);
        r = r ? r : m_design.find(id);
        return r ? r->as<T>() : nullptr;
    }
    std::string label(const ResourceId& id) const
    {
        const Resource* r = current(id);
        return r ? r->displayName() : id.str();
    }
    // The VPC a resource is in once pasted (vpcOfResource over the copies and the design).
    std::optional<ResourceId> vpcOf(const ResourceId& id, int depth = 0) const
    {
        const Resource* r = current(id);
        if (!r || depth > 8)
            return std::nullopt;
        return std::visit(
            [&](const auto& d) -> std::optional<ResourceId> {
                using T = std::decay_t<decltype(d)>;
                if constexpr (std::is_same_v<T, Vpc>)
                    return r->id;
                else if constexpr (std::is_same_v<T, Workload>)
                    return vpcOf(d.subnet, depth + 1);
                else if constexpr (std::is_same_v<T, NatGateway>)
                    return d.subnet ? vpcOf(*d.subnet, depth + 1) : d.vpc;
                else if constexpr (std::is_same_v<T, LoadBalancer>)
                    return d.subnets.empty() ? std::nullopt : vpcOf(d.subnets.front(), depth + 1);
                else if constexpr (std::is_same_v<T, TransitGatewayAttachment>)
                    return d.attachmentType == TgwAttachmentType::Vpc ? std::optional(d.resource)
                                                                      : std::nullopt;
                else if constexpr (requires { std::optional<ResourceId>(d.vpc); })
                    return d.vpc;
                else
                    return std::nullopt;
            },
            r->data);
    }
    // Whether a resource of the design or a copy other than `self` passes `test`.
    template <class Test>
    bool anyOtherResource(const ResourceId& self, const Test& test) const
    {
        for (const Resource& r : m_design.resources())
            if (test(r))
                return true;
        for (const Item& item : m_items)
            if (item.copy.id != self && test(item.copy))
                return true;
        return false;
    }
    template <class T, class Test>
    bool anyOther(const ResourceId& self, const Test& test) const
    {
        return anyOtherResource(self, [&](const Resource& r) {
            const T* t = r.as<T>();
            return t && test(r, *t);
        });
    }

    bool planIds();
    bool resolveContainers();
    bool settleReferences();
    bool keepValidReferences(Item& item, std::string* why);
    bool relaxClashes();
    bool routeFits(const Route& route, const ResourceId& vpc) const;
    bool readdress();
    bool readdressSubnet(Item& item, std::map<std::string, std::vector<Cidr>>& taken,
                         std::map<std::string, std::vector<Cidr>>& taken6);
    bool readdressInterfaces(Item& item, std::set<Uint128>& taken, std::set<Uint128>& hostsTaken);
    void followVpcBlocks(Item& item) const;
    std::string zoneFor(const Subnet& old, const ResourceId& vpc) const;
    PasteResult build() const;

    const Design& m_design;
    const Design& m_clipboard;
    PasteTarget m_target;
    Drawing m_drawing;
    std::string m_refusal;
    std::map<std::string, std::string> m_newIds;   // clipboard id -> id of the copy (resources and flows)
    std::map<std::string, std::string> m_newNames; // clipboard id -> name of the copy
    std::map<std::string, Spot> m_spots;           // clipboard id -> where a top-level copy lands
    std::set<std::string> m_skipped;               // clipboard ids not pasted
    std::string m_firstSkip;
    std::vector<Item> m_items;                  // what is pasted, in clipboard order
    std::map<std::string, std::size_t> m_index; // copy id -> position in m_items
    std::map<std::string, std::vector<std::pair<Cidr, Cidr>>> m_vpcBlocks; // copied VPC -> (old, new) blocks
    std::map<std::string, SubnetMove> m_subnetMoves;                       // copied subnet -> its blocks
};

bool Paster::planIds()
{
    if (m_clipboard.resources().empty())
        return fail("the clipboard holds nothing to paste");
    std::set<std::string> given;
    auto taken = [&](const std::string& id) { return m_design.containsId(id) || given.count(id) > 0; };
    std::set<std::string> names, flowNames;
    for (const Resource& r : m_design.resources())
        names.insert(r.name);
    for (const Flow& f : m_design.flows())
        flowNames.insert(f.name);
    for (const Resource& r : m_clipboard.resources()) {
        const std::string id = freshId(r.id.str(), taken);
        given.insert(id);
        m_newIds[r.id.str()] = id;
        const std::string name = copyName(r.name, names);
        names.insert(name);
        m_newNames[r.id.str()] = name;
    }
    for (const Flow& f : m_clipboard.flows()) {
        const std::string id = freshId(f.id.str(), taken);
        given.insert(id);
        m_newIds[f.id.str()] = id;
        const std::string name = copyName(f.name, flowNames);
        flowNames.insert(name);
        m_newNames[f.id.str()] = name;
    }
    return true;
}

bool Paster::resolveContainers()
{
    if (m_target.container && !m_design.find(*m_target.container))
        return fail("there is no " + m_target.container->str() + " to paste into");
    const auto chain = m_drawing.chain(m_target.container);
    for (const Resource& r : m_clipboard.resources()) {
        // Top level: its container is not copied (in the drawing; for an undrawn resource, in the model).
        bool topLevel = false;
        const auto shape = std::find_if(m_clipboard.diagram.shapes.begin(), m_clipboard.diagram.shapes.end(),
                                        [&](const Shape& s) { return s.resource == r.id; });
        if (shape != m_clipboard.diagram.shapes.end()) {
            topLevel = !shape->parent || !m_clipboard.find(*shape->parent);
        } else {
            const auto holder = containerField(r);
            topLevel = !holder || !m_clipboard.find(*holder);
        }
        if (!topLevel)
            continue;
        const Need need = needOf(r);
        const auto spot = resolve(m_design, chain, need);
        if (!spot)
            return fail(refusalFor(r, need));
        m_spots[r.id.str()] = *spot;
    }
    return true;
}

bool Paster::settleReferences()
{
    // References to copies follow their new ids, to the design's resources stay, others go; a
    // resource losing one it cannot exist without is skipped, which may skip more: start again.
    for (bool again = true; again;) {
        again = false;
        m_items.clear();
        m_index.clear();
        for (const Resource& r : m_clipboard.resources()) {
            if (m_skipped.count(r.id.str()))
                continue;
            const auto spot = m_spots.find(r.id.str());
            Item item{&r, r, spot != m_spots.end()};
            item.copy.id = ResourceId(m_newIds.at(r.id.str()));
            item.copy.name = m_newNames.at(r.id.str());
            const std::optional<ResourceId> placedIn = item.topLevel ? spot->second.model : std::nullopt;
            if (placedIn)
                setContainerField(item.copy, kPlaced);
            std::string missing;
            const bool complete =
                rewriteReferences(item.copy, [&](const ResourceId& ref) -> std::optional<ResourceId> {
                    if (ref == kPlaced)
                        return placedIn;
                    if (pasted(ref))
                        return ResourceId(m_newIds.at(ref.str()));
                    if (m_design.find(ref))
                        return ref;
                    missing = ref.str();
                    return std::nullopt;
                });
            if (!complete) {
                skip(r, "it needs " + missing + ", which is not in this design");
                again = true;
                break;
            }
            dropHollowEntries(item.copy);
            m_index[item.copy.id.str()] = m_items.size();
            m_items.push_back(std::move(item));
        }
        if (again)
            continue;
        for (Item& item : m_items) {
            std::string why;
            if (!keepValidReferences(item, &why)) {
                if (!m_refusal.empty())
                    return false;
                skip(*item.original, why);
                again = true;
                break;
            }
        }
    }
    if (m_items.empty())
        return fail(m_firstSkip);
    return true;
}

// References to the design's resources hold only in the copy's own VPC; endpoints and load
// balancers placed on their own take the subnet at the target.
bool Paster::keepValidReferences(Item& item, std::string* why)
{
    Resource& c = item.copy;
    const Spot* spot = item.topLevel ? &m_spots.at(item.original->id.str()) : nullptr;
    const std::optional<ResourceId> home = spot && c.as<LoadBalancer>() ? spot->model : vpcOf(c.id);
    if (home) {
        std::string elsewhere;
        const bool complete = rewriteReferences(c, [&](const ResourceId& ref) -> std::optional<ResourceId> {
            if (m_index.count(ref.str()))
                return ref; // another copy
            if (const auto vpc = vpcOfResource(m_design, ref); vpc && *vpc != *home) {
                elsewhere = ref.str();
                return std::nullopt;
            }
            return ref;
        });
        if (!complete) {
            *why = "it needs " + elsewhere + ", which is in another VPC";
            return false;
        }
        dropHollowEntries(c);
    }
    auto zoneOf = [&](const ResourceId& subnet) {
        const Subnet* s = currentAs<Subnet>(subnet);
        return s ? s->availabilityZone : std::string();
    };
    if (VpcEndpoint* e = c.as<VpcEndpoint>()) {
        if (e->endpointType != EndpointType::Gateway) {
            if (spot && spot->subnet) {
                // Its subnet is the one it lands in. An endpoint with interfaces in several AZs
                // (interface, resource, service network) keeps its spread (IF-5): in each other AZ
                // of its own subnets, the one of them still in this VPC, else the VPC's first
                // subnet there.
                ResourceIds subnets{*spot->subnet};
                std::set<std::string> zones{zoneOf(*spot->subnet)};
                const ResourceId vpc = e->vpc;
                if (e->endpointType != EndpointType::GatewayLoadBalancer)
                    for (const ResourceId& former : item.original->as<VpcEndpoint>()->subnets) {
                        const Subnet* formerSubnet = originalAs<Subnet>(former);
                        const std::string zone =
                            formerSubnet ? formerSubnet->availabilityZone : std::string();
                        if (zones.count(zone))
                            continue;
                        std::optional<ResourceId> there;
                        for (const ResourceId& kept : e->subnets)
                            if (!there && zoneOf(kept) == zone)
                                there = kept;
                        if (!there)
                            anyOther<Subnet>(c.id, [&](const Resource& r, const Subnet& other) {
                                if (other.vpc == vpc && other.availabilityZone == zone)
                                    there = r.id;
                                return there.has_value();
                            });
                        if (there) {
                            subnets.push_back(*there);
                            zones.insert(zone);
                        }
                    }
                e->subnets = std::move(subnets);
            }
            if (e->subnets.empty()) {
                if (spot)
                    return fail(refusalFor(c, Need::Subnet));
                *why = "none of its subnets came along";
                return false;
            }
        }
        // An endpoint to an AWS service of its own Region follows its VPC to another Region.
        auto regionCode = [&](const Region* region) { return region ? region->code : std::string(); };
        const AwsService* service = currentAs<AwsService>(e->service);
        const Vpc* vpc = currentAs<Vpc>(e->vpc);
        const std::string code = vpc ? regionCode(currentAs<Region>(vpc->region)) : std::string();
        const VpcEndpoint& old = *item.original->as<VpcEndpoint>();
        const AwsService* oldService = originalAs<AwsService>(old.service);
        const Vpc* oldVpc = originalAs<Vpc>(old.vpc);
        const bool wasInRegion = oldService && oldVpc &&
                                 regionCode(originalAs<Region>(oldService->region)) ==
                                     regionCode(originalAs<Region>(oldVpc->region));
        if (service && !code.empty() && regionCode(currentAs<Region>(service->region)) != code &&
            (wasInRegion || e->endpointType == EndpointType::Gateway)) {
            std::optional<ResourceId> same;
            auto sameService = [&](const Resource& r, const AwsService& s) {
                if (s.service == service->service && regionCode(currentAs<Region>(s.region)) == code)
                    same = r.id;
                return same.has_value();
            };
            if (!anyOther<AwsService>(c.id, sameService)) {
                *why = "its VPC's Region has no " + service->service + " service";
                return false;
            }
            e->service = *same;
        }
    }
    if (LoadBalancer* lb = c.as<LoadBalancer>()) {
        if (lb->subnets.empty() && spot && spot->subnet)
            lb->subnets = {*spot->subnet};
        if (lb->subnets.empty()) {
            if (spot)
                return fail("Paste load balancers into a subnet of their VPC.");
            *why = "none of its subnets came along";
            return false;
        }
    }
    return true;
}

bool Paster::routeFits(const Route& route, const ResourceId& vpc) const
{
    const Resource* target = current(route.target);
    if (!target)
        return true; // local: checked once the VPC's blocks are known
    if (const VpcPeering* p = target->as<VpcPeering>())
        return p->requesterVpc == vpc || p->accepterVpc == vpc;
    if (target->as<TransitGateway>())
        return anyOther<TransitGatewayAttachment>(
            ResourceId(), [&](const Resource&, const TransitGatewayAttachment& a) {
                return a.attachmentType == TgwAttachmentType::Vpc && a.transitGateway == target->id &&
                       a.resource == vpc;
            });
    return true; // other targets were checked by VPC
}

// Rules that allow one of something per VPC (or per table) are kept by relaxing the copy, or the
// paste is refused when relaxing would change what the copy is.
bool Paster::relaxClashes()
{
    std::set<Uint128> publicTaken;
    for (const Resource& r : m_design.resources()) {
        if (const NatGateway* n = r.as<NatGateway>(); n && n->elasticIp)
            publicTaken.insert(n->elasticIp->value());
        if (const CustomerGateway* g = r.as<CustomerGateway>())
            publicTaken.insert(g->ipAddress.value());
        if (const InternetHost* h = r.as<InternetHost>())
            publicTaken.insert(h->address.value());
    }
    for (Item& item : m_items) {
        Resource& c = item.copy;
        const ResourceId self = c.id;
        const auto home = vpcOf(self);
        if (RouteTable* t = c.as<RouteTable>()) {
            const ResourceId vpc = t->vpc;
            if (t->main && anyOther<RouteTable>(self, [&](const Resource&, const RouteTable& o) {
                    return o.main && o.vpc == vpc;
                }))
                t->main = false;
            std::erase_if(t->routes, [&](const Route& route) { return !routeFits(route, vpc); });
        } else if (c.as<InternetGateway>() || c.as<EgressOnlyInternetGateway>() ||
                   c.as<VirtualPrivateGateway>()) {
            const Kind kind = c.kind();
            if (home && anyOtherResource(
                            self, [&](const Resource& r) { return r.kind() == kind && vpcOf(r.id) == home; }))
                return fail("VPC " + label(*home) + " already has " +
                            (kind == Kind::InternetGateway             ? "an internet gateway"
                             : kind == Kind::EgressOnlyInternetGateway ? "an egress-only internet gateway"
                                                                       : "a virtual private gateway") +
                            "; a VPC can have one.");
        } else if (NatGateway* n = c.as<NatGateway>()) {
            if (n->connectivity == NatConnectivity::Public && home &&
                !anyOther<InternetGateway>(
                    self, [&](const Resource&, const InternetGateway& g) { return g.vpc == home; }))
                return fail("VPC " + label(*home) + " has no internet gateway for public NAT gateway " +
                            item.original->displayName() + ".");
            if (n->elasticIp) {
                n->elasticIp = unusedFrom(*n->elasticIp, publicTaken);
                publicTaken.insert(n->elasticIp->value());
            }
        } else if (SecurityGroup* g = c.as<SecurityGroup>()) {
            const ResourceId vpc = g->vpc;
            if (g->isDefault && anyOther<SecurityGroup>(self, [&](const Resource&, const SecurityGroup& o) {
                    return o.isDefault && o.vpc == vpc;
                }))
                g->isDefault = false;
        } else if (VpcEndpoint* e = c.as<VpcEndpoint>()) {
            const AwsService* service = currentAs<AwsService>(e->service);
            const ResourceId vpc = e->vpc;
            const EndpointType type = e->endpointType;
            auto sameService = [&](const VpcEndpoint& o) {
                const AwsService* s = currentAs<AwsService>(o.service);
                return o.endpointType == type &&
                       (o.service == e->service || (s && service && s->service == service->service));
            };
            if (type == EndpointType::Gateway) {
                std::erase_if(e->routeTables, [&](const ResourceId& table) {
                    return anyOther<VpcEndpoint>(self, [&](const Resource&, const VpcEndpoint& o) {
                        return sameService(o) && std::find(o.routeTables.begin(), o.routeTables.end(),
                                                           table) != o.routeTables.end();
                    });
                });
            } else if (e->privateDns) {
                // AWS answers a service's name from one endpoint per VPC, in a VPC with DNS on.
                const Vpc* v = currentAs<Vpc>(vpc);
                if (!v || !v->enableDnsSupport || !v->enableDnsHostnames ||
                    anyOther<VpcEndpoint>(self, [&](const Resource&, const VpcEndpoint& o) {
                        return o.vpc == vpc && o.privateDns && sameService(o);
                    }))
                    e->privateDns = false;
            }
        } else if (const AwsService* s = c.as<AwsService>()) {
            // One tile per service per Region (AWS_SERVICE_DUPLICATE): a copy beside the original
            // would split that service's endpoints and flows between two tiles, so it is refused.
            auto code = [&](const ResourceId& r) { const Region* reg = currentAs<Region>(r); return reg ? reg->code : r.str(); };
            if (anyOther<AwsService>(self, [&](const Resource&, const AwsService& o) {
                    return o.service == s->service && code(o.region) == code(s->region);
                }))
                return fail(code(s->region) + " already has a tile for " + s->service + "; draw one tile per service.");
        } else if (CustomerGateway* cgw = c.as<CustomerGateway>()) {
            cgw->ipAddress = unusedFrom(cgw->ipAddress, publicTaken);
            publicTaken.insert(cgw->ipAddress.value());
        } else if (InternetHost* h = c.as<InternetHost>()) {
            h->address = unusedFrom(h->address, publicTaken);
            publicTaken.insert(h->address.value());
        }
    }
    return true;
}

std::string Paster::zoneFor(const Subnet& old, const ResourceId& vpc) const
{
    const Vpc* v = currentAs<Vpc>(vpc);
    const Region* region = v ? currentAs<Region>(v->region) : nullptr;
    if (!region || region->availabilityZones.empty())
        return old.availabilityZone;
    const auto& zones = region->availabilityZones;
    if (std::find(zones.begin(), zones.end(), old.availabilityZone) != zones.end())
        return old.availabilityZone;
    // Another Region: the zone at the same place in its list.
    std::size_t index = 0;
    if (const Vpc* oldVpc = originalAs<Vpc>(old.vpc))
        if (const Region* oldRegion = originalAs<Region>(oldVpc->region)) {
            const auto at = std::find(oldRegion->availabilityZones.begin(),
                                      oldRegion->availabilityZones.end(), old.availabilityZone);
            index = std::size_t(at - oldRegion->availabilityZones.begin());
        }
    return zones[index % zones.size()];
}

bool Paster::readdress()
{
    // VPCs first: their subnets' blocks follow theirs; then subnets, whose contents follow them.
    std::vector<Cidr> vpcTaken;
    for (Item& item : m_items) {
        Vpc* v = item.copy.as<Vpc>();
        if (!v)
            continue;
        auto& blocks = m_vpcBlocks[item.copy.id.str()];
        for (Cidr& block : v->ipv4Cidrs) {
            const auto fresh = nextFreeVpcBlock(m_design, block.prefixLength(), vpcTaken);
            if (!fresh)
                return fail("10.0.0.0/8 has no free /" + std::to_string(block.prefixLength()) + " left for " +
                            item.original->displayName() + ".");
            blocks.emplace_back(block, *fresh);
            vpcTaken.push_back(*fresh);
            block = *fresh;
        }
        v->ipv6Cidr.reset(); // AWS gives every VPC its own IPv6 block
    }
    std::map<std::string, std::vector<Cidr>> taken, taken6; // by VPC: blocks given to copies
    for (Item& item : m_items)
        if (item.copy.as<Subnet>() && !readdressSubnet(item, taken, taken6))
            return false;
    std::set<Uint128> addresses, hosts;
    for (Item& item : m_items) {
        if (!readdressInterfaces(item, addresses, hosts))
            return false;
        followVpcBlocks(item);
    }
    return true;
}

bool Paster::readdressSubnet(Item& item, std::map<std::string, std::vector<Cidr>>& taken,
                             std::map<std::string, std::vector<Cidr>>& taken6)
{
    Subnet& s = std::get<Subnet>(item.copy.data);
    const Subnet& old = *item.original->as<Subnet>();
    const std::string vpc = s.vpc.str();
    const auto copiedVpc = m_vpcBlocks.find(vpc);
    std::optional<Cidr> block;
    if (copiedVpc != m_vpcBlocks.end()) {
        // Came along with its VPC: the same place in the VPC's new block.
        for (const auto& [from, to] : copiedVpc->second)
            if (!block)
                block = translateBlock(old.cidr, from, to);
        if (!block)
            for (const Cidr& range : currentAs<Vpc>(s.vpc)->ipv4Cidrs)
                if (!block && range.prefixLength() <= old.cidr.prefixLength())
                    block = firstFreeBlock(range, old.cidr.prefixLength(), taken[vpc]);
    } else {
        block = nextFreeSubnetBlock(m_design, s.vpc, old.cidr.prefixLength(), taken[vpc]);
    }
    if (!block)
        return fail("VPC " + label(s.vpc) + " has no free /" + std::to_string(old.cidr.prefixLength()) +
                    " for " + item.original->displayName() + ".");
    taken[vpc].push_back(*block);
    s.cidr = *block;
    s.ipv6Cidr.reset();
    if (old.ipv6Cidr && copiedVpc == m_vpcBlocks.end())
        if ((s.ipv6Cidr =
                 nextFreeSubnetIpv6Block(m_design, s.vpc, old.ipv6Cidr->prefixLength(), taken6[vpc])))
            taken6[vpc].push_back(*s.ipv6Cidr);
    s.availabilityZone = zoneFor(old, s.vpc);
    m_subnetMoves[item.copy.id.str()] = SubnetMove{old.cidr, s.cidr, old.ipv6Cidr, s.ipv6Cidr};
    return true;
}

bool Paster::readdressInterfaces(Item& item, std::set<Uint128>& taken, std::set<Uint128>& hostsTaken)
{
    // What comes along with its subnet keeps its place in the subnet's new block.
    auto follow = [&](const std::optional<IpAddress>& address, const Cidr& from,
                      const Cidr& to) -> std::optional<IpAddress> {
        if (!address)
            return std::nullopt;
        auto moved = translateAddress(*address, from, to);
        if (!moved || taken.count(moved->value()))
            moved = firstFreeHostAddress(to, taken);
        if (moved)
            taken.insert(moved->value());
        return moved;
    };
    if (Workload* w = item.copy.as<Workload>()) {
        const Workload& old = *item.original->as<Workload>();
        if (const auto move = m_subnetMoves.find(w->subnet.str()); move != m_subnetMoves.end()) {
            const SubnetMove& m = move->second;
            w->privateIp = follow(old.privateIp, m.from, m.to);
            w->ipv6Address = m.from6 && m.to6 ? follow(old.ipv6Address, *m.from6, *m.to6) : std::nullopt;
            return true;
        }
        if (old.privateIp) {
            w->privateIp = nextFreeAddress(m_design, w->subnet, taken);
            if (!w->privateIp) {
                const Subnet* s = m_design.findAs<Subnet>(w->subnet);
                return fail("Subnet " + (s ? s->cidr.toString() : w->subnet.str()) +
                            " has no free address for " + item.original->displayName() + ".");
            }
            taken.insert(w->privateIp->value());
        }
        if (old.ipv6Address && (w->ipv6Address = nextFreeIpv6Address(m_design, w->subnet, taken)))
            taken.insert(w->ipv6Address->value());
    } else if (NatGateway* n = item.copy.as<NatGateway>()) {
        const auto move = n->subnet ? m_subnetMoves.find(n->subnet->str()) : m_subnetMoves.end();
        n->privateIp = move == m_subnetMoves.end() ? std::nullopt
                                                   : follow(item.original->as<NatGateway>()->privateIp,
                                                            move->second.from, move->second.to);
    } else if (OnPremisesHost* h = item.copy.as<OnPremisesHost>(); h && !m_index.count(h->network.str())) {
        // Into a network of the design: its next free address.
        std::set<Uint128> used = hostsTaken;
        m_design.forEach<OnPremisesHost>([&](const Resource&, const OnPremisesHost& other) {
            if (other.network == h->network)
                used.insert(other.address.value());
        });
        std::optional<IpAddress> address;
        if (const OnPremisesNetwork* network = m_design.findAs<OnPremisesNetwork>(h->network))
            for (const Cidr& range : network->cidrs)
                if (!address)
                    address = firstFreeHostAddress(range, used);
        if (!address)
            return fail("Network " + label(h->network) + " has no free address for " +
                        item.original->displayName() + ".");
        h->address = *address;
        hostsTaken.insert(address->value());
    }
    return true;
}

// Rules, routes and targets of a copied VPC that name its own blocks follow them to the new ones.
void Paster::followVpcBlocks(Item& item) const
{
    const auto home = vpcOf(item.copy.id);
    const auto blocks = home ? m_vpcBlocks.find(home->str()) : m_vpcBlocks.end();
    if (blocks == m_vpcBlocks.end())
        return;
    auto follow = [&](Cidr& c) {
        for (const auto& [from, to] : blocks->second)
            if (const auto moved = translateBlock(c, from, to)) {
                c = *moved;
                return;
            }
    };
    if (SecurityGroup* g = item.copy.as<SecurityGroup>()) {
        for (auto* rules : {&g->inbound, &g->outbound})
            for (SecurityGroupRule& rule : *rules)
                if (rule.cidr)
                    follow(*rule.cidr);
    } else if (NetworkAcl* acl = item.copy.as<NetworkAcl>()) {
        for (auto* entries : {&acl->inbound, &acl->outbound})
            for (NetworkAclEntry& entry : *entries)
                follow(entry.cidr);
    } else if (RouteTable* t = item.copy.as<RouteTable>()) {
        for (Route& route : t->routes)
            if (route.destination)
                follow(*route.destination);
    } else if (LoadBalancer* lb = item.copy.as<LoadBalancer>()) {
        for (LoadBalancerTarget& target : lb->targets)
            if (target.ip)
                for (const auto& [from, to] : blocks->second)
                    if (const auto moved = translateAddress(*target.ip, from, to)) {
                        target.ip = moved;
                        break;
                    }
    }
    // A local route must stay inside the VPC's blocks.
    if (RouteTable* t = item.copy.as<RouteTable>())
        if (const Vpc* v = currentAs<Vpc>(t->vpc))
            std::erase_if(t->routes, [&](const Route& route) {
                if (route.target.str() != kLocalTarget || !route.destination)
                    return false;
                if (route.destination->family() == IpFamily::V6)
                    return !v->ipv6Cidr || !v->ipv6Cidr->contains(*route.destination);
                return std::none_of(v->ipv4Cidrs.begin(), v->ipv4Cidrs.end(),
                                    [&](const Cidr& c) { return c.contains(*route.destination); });
            });
}

PasteResult Paster::build() const
{
    PasteResult result;
    ChangeSetBuilder builder(m_design);
    for (const Item& item : m_items) {
        builder.add(item.copy);
        result.resources.push_back(item.copy.id);
    }
    for (const Flow& f : m_clipboard.flows()) {
        if (!pasted(f.source) || !pasted(f.destination))
            continue;
        Flow copy = f;
        copy.id = FlowId(m_newIds.at(f.id.str()));
        copy.name = m_newNames.at(f.id.str());
        copy.source = ResourceId(m_newIds.at(f.source.str()));
        copy.destination = ResourceId(m_newIds.at(f.destination.str()));
        builder.addFlow(copy);
        result.flows.push_back(copy.id);
    }
    for (const Resource& r : m_clipboard.resources())
        if (m_skipped.count(r.id.str()))
            result.skipped.push_back(r.id);

    // Shapes: those whose container is pasted keep their place in it; the others are placed.
    std::map<std::string, const Shape*> clipShapes;
    for (const Shape& s : m_clipboard.diagram.shapes)
        clipShapes[s.resource.str()] = &s;
    auto canvasPosition = [&](const Shape& s) {
        Point p{s.x, s.y};
        for (auto parent = s.parent; parent && clipShapes.count(parent->str());) {
            const Shape* up = clipShapes.at(parent->str());
            p.x += up->x;
            p.y += up->y;
            parent = up->parent;
        }
        return p;
    };
    const auto chain = m_drawing.chain(m_target.container);
    std::vector<Shape> shapes, placed;
    std::vector<bool> isPlaced;
    for (const Shape& s : m_clipboard.diagram.shapes) {
        const Resource* r = m_clipboard.find(s.resource);
        if (!r || !pasted(s.resource))
            continue;
        Shape copy = s;
        copy.resource = ResourceId(m_newIds.at(s.resource.str()));
        if (s.parent && pasted(*s.parent)) {
            copy.parent = ResourceId(m_newIds.at(s.parent->str()));
            shapes.push_back(copy);
            isPlaced.push_back(false);
            continue;
        }
        const Point at = canvasPosition(s);
        copy.x = at.x;
        copy.y = at.y;
        const auto spot = m_spots.find(s.resource.str());
        copy.parent = spot != m_spots.end() ? spot->second.parent
                                            : resolve(m_design, chain, needOf(*r)).value_or(Spot{}).parent;
        placed.push_back(copy);
        shapes.push_back(copy);
        isPlaced.push_back(true);
    }
    placeTopLevelShapes(m_drawing, placed, m_target);
    for (std::size_t i = 0, next = 0; i < shapes.size(); ++i)
        builder.setShape(isPlaced[i] ? placed[next++] : shapes[i]);
    growContainers(m_drawing, placed, builder);
    result.change = builder.build();
    return result;
}

} // namespace

std::optional<PasteResult> pasteSelection(const Design& design, const std::string& clipboard,
                                          const PasteTarget& target, std::string* error)
{
    LoadLimits limits;
    limits.checkReferences = false;
    const LoadResult loaded = loadDesign(clipboard, "clipboard", limits);
    if (!loaded.ok()) {
        if (error)
            *error = "the clipboard holds no PrivatePath design";
        return std::nullopt;
    }
    return Paster(design, *loaded.design, target).run(error);
}

} // namespace pp
