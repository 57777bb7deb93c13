#include "generate/ScenarioGenerator.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdio>
#include <random>

namespace pp {
namespace {

std::string idOf(const char* prefix, int i)
{
    char buffer[48];
    std::snprintf(buffer, sizeof buffer, "%s-%04d", prefix, i);
    return buffer;
}
std::string idOf(const char* prefix, int i, int j)
{
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%s-%04d-%03d", prefix, i, j);
    return buffer;
}
std::string idOf(const char* prefix, int i, int j, int k)
{
    char buffer[80];
    std::snprintf(buffer, sizeof buffer, "%s-%04d-%03d-%02d", prefix, i, j, k);
    return buffer;
}

int ceilLog2(int n) { return n <= 1 ? 0 : std::bit_width(unsigned(n - 1)); }

// Subnets are /24 as in most estates, smaller only when the VPC block cannot hold them all.
int subnetPrefixFor(int vpcPrefix, int subnetsPerVpc) { return std::max(24, vpcPrefix + ceilLog2(subnetsPerVpc + 1)); }

Cidr block(std::uint32_t network, int prefix) { return Cidr::containing(IpAddress::v4(network), prefix); }

SecurityGroupRule rule(Protocol p, int from, int to, Cidr peer)
{
    SecurityGroupRule r;
    r.protocol = p;
    r.fromPort = from;
    r.toPort = to;
    r.cidr = peer;
    return r;
}

class Generator {
public:
    explicit Generator(const ScenarioParameters& p) : m_p(p), m_rng(p.seed) {}

    Design run()
    {
        m_design.name = "Generated estate: " + std::to_string(m_p.vpcs) + " VPCs x " + std::to_string(m_p.subnetsPerVpc) +
                        " subnets x " + std::to_string(m_p.workloadsPerSubnet) + " workloads (seed " +
                        std::to_string(m_p.seed) + ")";
        m_vpcPrefix = std::max(16, 8 + ceilLog2(m_p.vpcs));
        m_subnetPrefix = subnetPrefixFor(m_vpcPrefix, m_p.subnetsPerVpc);
        addShared();
        for (int v = 0; v < m_p.vpcs; ++v)
            addVpc(v);
        addTransit();
        addFlows();
        layout();
        return std::move(m_design);
    }

private:
    int pick(int n) { return int(m_rng() % std::uint64_t(n)); }

    template <class T>
    void add(std::string id, std::string name, T data)
    {
        Resource r;
        r.id = ResourceId(std::move(id));
        r.name = std::move(name);
        r.data = std::move(data);
        m_design.add(std::move(r));
    }
    void shape(const std::string& id, const std::string& parent, double x, double y, double w, double h)
    {
        Shape s;
        s.resource = ResourceId(id);
        if (!parent.empty())
            s.parent = ResourceId(parent);
        s.x = x;
        s.y = y;
        s.width = w;
        s.height = h;
        m_design.diagram.shapes.push_back(s);
    }

    void addShared()
    {
        add("use1", "US East (N. Virginia)", Region{"us-east-1", "aws", {"use1-az1", "use1-az2", "use1-az3"}});
        add("s3", "Amazon S3", AwsService{"s3", ResourceId("use1")});
        add("dynamodb", "Amazon DynamoDB", AwsService{"dynamodb", ResourceId("use1")});
        add("sqs", "Amazon SQS", AwsService{"sqs", ResourceId("use1")});
        add("saas-api", "Partner API (internet)", InternetHost{*IpAddress::parse("203.0.113.10"), "api.partner.example"});
        add("dc", "Data centre", OnPremisesNetwork{{*Cidr::parse("192.168.0.0/16")}, true, {}, {}});
        add("dc-host", "Mainframe gateway", OnPremisesHost{ResourceId("dc"), *IpAddress::parse("192.168.10.20")});
    }

    std::uint32_t vpcNetwork(int v) const { return (10u << 24) + (std::uint32_t(v) << (32 - m_vpcPrefix)); }
    std::uint32_t subnetNetwork(int v, int s) const { return vpcNetwork(v) + (std::uint32_t(s) << (32 - m_subnetPrefix)); }

    void addVpc(int v)
    {
        VpcPlan plan;
        plan.hasNat = pick(4) != 0;           // three in four
        plan.hasS3Endpoint = pick(2) == 0;    // half
        plan.hasSqsEndpoint = pick(3) == 0;   // a third
        plan.onTransit = v % 2 == 1 || m_p.vpcs == 1;
        const std::string vpc = idOf("vpc", v);
        const Cidr vpcBlock = block(vpcNetwork(v), m_vpcPrefix);
        char account[16];
        std::snprintf(account, sizeof account, "1000%08d", v);
        add(vpc, "Workload VPC " + std::to_string(v), Vpc{ResourceId("use1"), account, {vpcBlock}, std::nullopt, true, true});

        const std::string rtPub = idOf("rt-pub", v), rtPriv = idOf("rt-app", v), igw = idOf("igw", v), nat = idOf("nat", v);
        const std::string sg = idOf("sg-app", v), acl = idOf("acl-app", v);
        add(igw, "", InternetGateway{.vpc = ResourceId(vpc), .routeTable = {}});

        RouteTable pub{ResourceId(vpc), false, {}, {}};
        pub.routes.push_back(Route{*Cidr::parse("0.0.0.0/0"), std::nullopt, ResourceId(igw), RouteOrigin::Static, RouteState::Active});
        add(rtPub, "Public routes", pub);
        RouteTable priv{ResourceId(vpc), true, {}, {}};
        if (plan.hasNat)
            priv.routes.push_back(Route{*Cidr::parse("0.0.0.0/0"), std::nullopt, ResourceId(nat), RouteOrigin::Static, RouteState::Active});
        if (plan.onTransit)
            priv.routes.push_back(Route{*Cidr::parse("192.168.0.0/16"), std::nullopt, ResourceId("tgw"), RouteOrigin::Static, RouteState::Active});
        // Peering with the previous VPC on every fifth VPC.
        if (v % 5 == 1) {
            priv.routes.push_back(Route{block(vpcNetwork(v - 1), m_vpcPrefix), std::nullopt, ResourceId(idOf("pcx", v - 1)),
                                        RouteOrigin::Static, RouteState::Active});
        }
        if (v % 5 == 0 && v + 1 < m_p.vpcs) {
            priv.routes.push_back(Route{block(vpcNetwork(v + 1), m_vpcPrefix), std::nullopt, ResourceId(idOf("pcx", v)),
                                        RouteOrigin::Static, RouteState::Active});
        }
        add(rtPriv, "Application routes", priv);

        SecurityGroup group{ResourceId(vpc), false, {}, {}};
        group.inbound.push_back(rule(Protocol::Tcp, 443, 443, *Cidr::parse("10.0.0.0/8")));
        group.inbound.push_back(rule(Protocol::Tcp, 5432, 5432, *Cidr::parse("10.0.0.0/8")));
        group.inbound.push_back(rule(Protocol::Tcp, 443, 443, *Cidr::parse("192.168.0.0/16")));
        group.outbound.push_back(rule(Protocol::All, 0, 65535, *Cidr::parse("0.0.0.0/0")));
        add(sg, "Application servers", group);
        NetworkAcl nacl{ResourceId(vpc), {}, {}};
        nacl.inbound.push_back({100, Protocol::All, 0, 65535, *Cidr::parse("0.0.0.0/0"), RuleAction::Allow});
        nacl.outbound.push_back({100, Protocol::All, 0, 65535, *Cidr::parse("0.0.0.0/0"), RuleAction::Allow});
        add(acl, "Application ACL", nacl);

        static const char* azs[] = {"use1-az1", "use1-az2", "use1-az3"};
        const std::string pubSubnet = idOf("subnet-pub", v);
        add(pubSubnet, "Public " + std::to_string(v),
            Subnet{ResourceId(vpc), block(subnetNetwork(v, 0), m_subnetPrefix), std::nullopt, azs[0], ResourceId(rtPub), std::nullopt});
        if (plan.hasNat)
            add(nat, "", NatGateway{NatAvailabilityMode::Zonal, ResourceId(pubSubnet), std::nullopt, NatConnectivity::Public,
                                    IpAddress::v4((52u << 24) + std::uint32_t(v) * 4 + 1), std::nullopt, LifecycleState::Available});

        std::vector<std::string> subnets;
        for (int s = 1; s <= m_p.subnetsPerVpc; ++s) {
            const std::string subnet = idOf("subnet", v, s);
            subnets.push_back(subnet);
            const std::uint32_t network = subnetNetwork(v, s);
            add(subnet, "", Subnet{ResourceId(vpc), block(network, m_subnetPrefix), std::nullopt, azs[(s - 1) % 3],
                                   std::nullopt, ResourceId(acl)});
            static const WorkloadType types[] = {WorkloadType::Ec2Instance, WorkloadType::Ec2Instance, WorkloadType::EcsTask,
                                                 WorkloadType::LambdaFunction, WorkloadType::RdsDatabase};
            for (int w = 0; w < m_p.workloadsPerSubnet; ++w) {
                Workload workload;
                workload.workloadType = types[pick(5)];
                workload.subnet = ResourceId(subnet);
                workload.privateIp = IpAddress::v4(network + 4 + std::uint32_t(w));
                workload.securityGroups = {ResourceId(sg)};
                add(idOf("app", v, s, w), "", workload);
            }
        }
        plan.firstWorkload = m_p.workloadsPerSubnet > 0 && m_p.subnetsPerVpc > 0 ? idOf("app", v, 1, 0) : "";
        plan.subnets = subnets;

        if (plan.hasS3Endpoint) {
            VpcEndpoint e;
            e.vpc = ResourceId(vpc);
            e.endpointType = EndpointType::Gateway;
            e.service = ResourceId("s3");
            e.routeTables = {ResourceId(rtPriv)};
            add(idOf("vpce-s3", v), "S3 gateway endpoint", e);
        }
        if (plan.hasSqsEndpoint && subnets.size() >= 2) {
            VpcEndpoint e;
            e.vpc = ResourceId(vpc);
            e.endpointType = EndpointType::Interface;
            e.service = ResourceId("sqs");
            for (std::size_t s = 0; s < subnets.size() && s < 3; ++s)
                e.subnets.push_back(ResourceId(subnets[s]));
            e.securityGroups = {ResourceId(sg)};
            add(idOf("vpce-sqs", v), "SQS interface endpoint", e);
        }
        if (v % 5 == 1)
            add(idOf("pcx", v - 1), "", VpcPeering{ResourceId(idOf("vpc", v - 1)), ResourceId(vpc), PeeringState::Active});
        m_plans.push_back(plan);
    }

    void addTransit()
    {
        TransitGateway tgw{ResourceId("use1"), ResourceId("tgw-rt"), ResourceId("tgw-rt"), false};
        add("tgw", "Transit gateway", tgw);
        TransitGatewayRouteTable table{ResourceId("tgw"), {}, {}};
        add("cgw", "Data centre router", CustomerGateway{ResourceId("dc"), *IpAddress::parse("198.51.100.7"), 65000});
        add("vpn", "Data centre VPN",
            VpnConnection{ResourceId("cgw"), ResourceId("tgw"), VpnRouting::Dynamic, {*Cidr::parse("192.168.0.0/16")},
                          LifecycleState::Available});
        TransitGatewayAttachment vpnAttachment{ResourceId("tgw"), TgwAttachmentType::Vpn, ResourceId("vpn"), {}, std::nullopt,
                                               LifecycleState::Available, true, false};
        add("tgw-att-vpn", "", vpnAttachment);
        for (int v = 0; v < m_p.vpcs; ++v) {
            if (!m_plans[std::size_t(v)].onTransit)
                continue;
            TransitGatewayAttachment a{ResourceId("tgw"), TgwAttachmentType::Vpc, ResourceId(idOf("vpc", v)), {},
                                       std::nullopt, LifecycleState::Available, true, false};
            if (!m_plans[std::size_t(v)].subnets.empty())
                a.subnets = {ResourceId(m_plans[std::size_t(v)].subnets.front())};
            add(idOf("tgw-att", v), "", a);
        }
        add("tgw-rt", "Transit routes", table);
    }

    void addFlows()
    {
        int n = 0;
        auto flow = [&](const std::string& source, const std::string& destination, int port, const std::string& dns) {
            Flow f;
            f.id = FlowId(idOf("flow", n++));
            f.source = ResourceId(source);
            f.destination = ResourceId(destination);
            f.protocol = Protocol::Tcp;
            f.port = port;
            f.dnsName = dns;
            m_design.addFlow(std::move(f));
        };
        for (int v = 0; v < m_p.vpcs; ++v) {
            const VpcPlan& plan = m_plans[std::size_t(v)];
            if (plan.firstWorkload.empty())
                continue;
            flow(plan.firstWorkload, "s3", 443, "");         // private, public or unreachable by plan
            flow(plan.firstWorkload, "saas-api", 443, "");   // public with NAT, else unreachable
            if (plan.hasSqsEndpoint && plan.subnets.size() >= 2)
                flow(plan.firstWorkload, "sqs", 443, "sqs.us-east-1.amazonaws.com");
            if (v % 5 == 0 && v + 1 < m_p.vpcs && !m_plans[std::size_t(v + 1)].firstWorkload.empty())
                flow(plan.firstWorkload, m_plans[std::size_t(v + 1)].firstWorkload, 5432, "");
            if (plan.onTransit)
                flow("dc-host", plan.firstWorkload, 443, "");
        }
    }

    void layout()
    {
        // Workloads in a row inside their subnet; subnets in a grid inside their VPC; VPCs in a
        // grid inside the Region. Sizes follow the content so nothing overlaps.
        const double pad = 20, header = 40;
        const double workloadW = 90, workloadH = 70;
        const int subnetCols = 3;
        const double subnetW = std::max(200.0, pad + m_p.workloadsPerSubnet * (workloadW + pad));
        const double subnetH = header + workloadH + pad;
        const int rows = (m_p.subnetsPerVpc + 1 + subnetCols - 1) / subnetCols;
        const double vpcW = pad + subnetCols * (subnetW + pad);
        const double vpcH = header + rows * (subnetH + pad) + 110;
        const int vpcCols = std::max(1, int(std::ceil(std::sqrt(double(m_p.vpcs)))));
        const int vpcRows = (m_p.vpcs + vpcCols - 1) / vpcCols;
        shape("use1", "", 0, 0, pad + vpcCols * (vpcW + pad), header + vpcRows * (vpcH + pad));
        for (int v = 0; v < m_p.vpcs; ++v) {
            const std::string vpc = idOf("vpc", v);
            shape(vpc, "use1", pad + (v % vpcCols) * (vpcW + pad), header + (v / vpcCols) * (vpcH + pad), vpcW, vpcH);
            for (int s = 0; s <= m_p.subnetsPerVpc; ++s) {
                const std::string subnet = s == 0 ? idOf("subnet-pub", v) : idOf("subnet", v, s);
                shape(subnet, vpc, pad + (s % subnetCols) * (subnetW + pad), header + (s / subnetCols) * (subnetH + pad),
                      subnetW, subnetH);
                if (s == 0 && m_plans[std::size_t(v)].hasNat)
                    shape(idOf("nat", v), subnet, pad, header, workloadW, workloadH);
                for (int w = 0; s > 0 && w < m_p.workloadsPerSubnet; ++w)
                    shape(idOf("app", v, s, w), subnet, pad + w * (workloadW + pad), header, workloadW, workloadH);
            }
            const double gy = header + rows * (subnetH + pad);
            shape(idOf("igw", v), vpc, pad, gy, 70, 70);
            if (m_plans[std::size_t(v)].hasS3Endpoint)
                shape(idOf("vpce-s3", v), vpc, pad + 90, gy, 70, 70);
            if (m_plans[std::size_t(v)].hasSqsEndpoint && m_p.subnetsPerVpc >= 2)
                shape(idOf("vpce-sqs", v), vpc, pad + 180, gy, 70, 70);
        }
        const double right = pad + vpcCols * (vpcW + pad) + 80;
        shape("s3", "", right, 40, 90, 80);
        shape("dynamodb", "", right, 150, 90, 80);
        shape("sqs", "", right, 260, 90, 80);
        shape("saas-api", "", right, 370, 90, 80);
        shape("tgw", "", right, 480, 90, 80);
        shape("dc", "", right + 160, 480, 240, 160);
        shape("dc-host", "dc", 20, 50, 90, 70);
    }

    struct VpcPlan {
        bool hasNat = false, hasS3Endpoint = false, hasSqsEndpoint = false, onTransit = false;
        std::string firstWorkload;
        std::vector<std::string> subnets;
    };

    ScenarioParameters m_p;
    std::mt19937_64 m_rng;
    Design m_design;
    int m_vpcPrefix = 16, m_subnetPrefix = 24;
    std::vector<VpcPlan> m_plans;
};

} // namespace

std::optional<Design> generateScenario(const ScenarioParameters& p, std::string* error)
{
    auto fail = [&](std::string why) -> std::optional<Design> {
        if (error)
            *error = std::move(why);
        return std::nullopt;
    };
    if (p.vpcs < 1 || p.vpcs > kMaxGeneratedVpcs)
        return fail("the number of VPCs must be from 1 to " + std::to_string(kMaxGeneratedVpcs));
    if (p.subnetsPerVpc < 0 || p.subnetsPerVpc > kMaxGeneratedSubnetsPerVpc)
        return fail("the number of subnets per VPC must be from 0 to " + std::to_string(kMaxGeneratedSubnetsPerVpc));
    if (p.workloadsPerSubnet < 0 || p.workloadsPerSubnet > kMaxGeneratedWorkloadsPerSubnet)
        return fail("the number of workloads per subnet must be from 0 to " + std::to_string(kMaxGeneratedWorkloadsPerSubnet));
    const int vpcPrefix = std::max(16, 8 + ceilLog2(p.vpcs));
    const int subnetPrefix = subnetPrefixFor(vpcPrefix, p.subnetsPerVpc);
    if (subnetPrefix > 28)
        return fail("too many VPCs and subnets for the address plan: subnets would be smaller than /28");
    return Generator(p).run();
}

} // namespace pp
