#pragma once

#include "generate/ScenarioGenerator.h"

#include <map>

// Generator parameters for designs of about 1,000 / 10,000 / 50,000 / 100,000 resources (each VPC adds
// about eleven resources besides its subnets and workloads). Shared by every benchmark.
inline pp::ScenarioParameters parametersFor(int resources)
{
    switch (resources) {
    case 1000:
        return {10, 8, 10, 1};
    case 2000:
        return {20, 8, 10, 1};
    case 10000:
        return {50, 18, 10, 1};
    case 100000:
        return {500, 18, 10, 1};
    default:
        return {250, 18, 10, 1};
    }
}

// The generated design of about `resources` resources, made once per process (generating a big
// estate costs more than most benchmarks measure). Mutable: re-analysis benchmarks edit it and
// put it back.
inline pp::Design& generatedDesign(int resources)
{
    static std::map<int, pp::Design> cache;
    auto it = cache.find(resources);
    if (it == cache.end())
        it = cache.emplace(resources, *pp::generateScenario(parametersFor(resources))).first;
    return it->second;
}
