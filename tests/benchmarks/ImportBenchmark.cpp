// Issue 16's numbers: importing a `terraform show -json` state of 1,000 and 10,000 resources,
// laid out, in <= 2 s and <= 15 s. The state is generated: per VPC an internet gateway, three
// subnets (one public) with a route table and associations each, a security group, a transit
// gateway attachment and instances; one transit gateway per 20 VPCs. Reported phases: the whole
// import (read, map, make implicit resources explicit, lay out), and the automatic layout alone.
#include "import/AutoLayout.h"
#include "import/TerraformImport.h"

#include <benchmark/benchmark.h>
#include <nlohmann/json.hpp>

#include <string>

namespace {

using nlohmann::json;

json resource(const std::string& type, const std::string& name, json values)
{
    return {{"address", type + "." + name}, {"mode", "managed"}, {"type", type}, {"name", name},
            {"provider_name", "registry.terraform.io/hashicorp/aws"}, {"schema_version", 0},
            {"values", std::move(values)}, {"sensitive_values", json::object()}};
}

// About `target` resources.
std::string stateOf(int target)
{
    json resources = json::array();
    const int perVpc = 20; // resources per VPC below, instances included
    const int vpcs = std::max(1, target / perVpc);
    for (int t = 0; t * 20 < vpcs; ++t)
        resources.push_back(resource("aws_ec2_transit_gateway", "tgw" + std::to_string(t),
                                     {{"id", "tgw-" + std::to_string(t)}, {"amazon_side_asn", 64512}}));
    for (int v = 0; v < vpcs; ++v) {
        const std::string n = std::to_string(v);
        const std::string vpc = "vpc-" + n;
        resources.push_back(resource("aws_vpc", "v" + n,
                                     {{"id", vpc}, {"cidr_block", "10." + std::to_string(v % 250) + ".0.0/16"},
                                      {"enable_dns_support", true}, {"enable_dns_hostnames", true},
                                      {"tags", {{"Name", "vpc " + n}}}}));
        resources.push_back(resource("aws_internet_gateway", "igw" + n, {{"id", "igw-" + n}, {"vpc_id", vpc}}));
        resources.push_back(resource("aws_security_group", "sg" + n,
                                     {{"id", "sg-" + n}, {"vpc_id", vpc}, {"name", "app"}, {"ingress", json::array()},
                                      {"egress", json::array()}}));
        json subnets = json::array();
        for (int s = 0; s < 3; ++s) {
            const std::string sn = n + "-" + std::to_string(s);
            const std::string subnet = "subnet-" + sn;
            subnets.push_back(subnet);
            resources.push_back(resource("aws_subnet", "s" + sn,
                                         {{"id", subnet}, {"vpc_id", vpc},
                                          {"cidr_block", "10." + std::to_string(v % 250) + "." + std::to_string(s) + ".0/24"},
                                          {"availability_zone", std::string("eu-west-1") + char('a' + s)},
                                          {"map_public_ip_on_launch", s == 0}}));
            json routes = json::array();
            if (s == 0)
                routes.push_back({{"cidr_block", "0.0.0.0/0"}, {"gateway_id", "igw-" + n}});
            else
                routes.push_back({{"cidr_block", "10.0.0.0/8"}, {"transit_gateway_id", "tgw-" + std::to_string(v / 20)}});
            resources.push_back(resource("aws_route_table", "rt" + sn, {{"id", "rtb-" + sn}, {"vpc_id", vpc}, {"route", routes}}));
            resources.push_back(resource("aws_route_table_association", "a" + sn,
                                         {{"id", "rtbassoc-" + sn}, {"subnet_id", subnet}, {"route_table_id", "rtb-" + sn}}));
            for (int i = 0; i < 3; ++i)
                resources.push_back(resource("aws_instance", "i" + sn + "-" + std::to_string(i),
                                             {{"id", "i-" + sn + "-" + std::to_string(i)}, {"subnet_id", subnet},
                                              {"private_ip", "10." + std::to_string(v % 250) + "." + std::to_string(s) + "." +
                                                                 std::to_string(10 + i)},
                                              {"vpc_security_group_ids", {"sg-" + n}}}));
        }
        resources.push_back(resource("aws_ec2_transit_gateway_vpc_attachment", "att" + n,
                                     {{"id", "tgw-attach-" + n}, {"transit_gateway_id", "tgw-" + std::to_string(v / 20)},
                                      {"vpc_id", vpc}, {"subnet_ids", {subnets[1], subnets[2]}}}));
    }
    json state = {{"format_version", "1.0"}, {"terraform_version", "1.9.0"},
                  {"values", {{"root_module", {{"resources", std::move(resources)}}}}}};
    return state.dump();
}

void BM_ImportTerraform(benchmark::State& state)
{
    const std::string text = stateOf(int(state.range(0)));
    std::size_t resources = 0;
    for (auto _ : state) {
        pp::TerraformImportResult result = pp::importTerraformText(text, "state.json");
        if (!result.design) {
            state.SkipWithError("the generated state does not import");
            return;
        }
        resources = result.design->resources().size();
        benchmark::DoNotOptimize(result);
    }
    state.counters["resources"] = double(resources);
}
BENCHMARK(BM_ImportTerraform)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_AutoLayout(benchmark::State& state)
{
    pp::TerraformImportResult imported = pp::importTerraformText(stateOf(int(state.range(0))), "state.json");
    if (!imported.design) {
        state.SkipWithError("the generated state does not import");
        return;
    }
    for (auto _ : state) {
        pp::Diagram diagram = pp::automaticLayout(*imported.design, {});
        benchmark::DoNotOptimize(diagram);
    }
    state.counters["resources"] = double(imported.design->resources().size());
}
BENCHMARK(BM_AutoLayout)->Arg(1000)->Arg(10000)->Unit(benchmark::kMillisecond)->UseRealTime();

} // namespace

BENCHMARK_MAIN();
