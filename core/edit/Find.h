#pragma once

// Finding resources by what a user types in the editor's Find field: a name, an id, an IP address
// a CIDR block or a tag. Pure: the design in, an ordered list of ids out (the order Find steps through).

#include "design/Design.h"

#include <string_view>
#include <vector>

namespace pp {

// Why a resource matched, best first (results are ordered by this, then by model order).
enum class FindReason {
    HoldsAddress,   // the text is an IP address, and the resource has it (an instance's or a NAT gateway's address...)
    SameBlock,      // the text is a CIDR block, and the resource has exactly that block (a VPC, a subnet...)
    ContainsAddress, // the resource's block contains the address or block typed (the subnet of an address, then its VPC)
    NameOrId,       // the name or id contains the text (case-insensitive)
    Tag,            // one of its tags, written key=value, contains the text ("env=prod", "prod")
    AddressText,    // one of its addresses or blocks, as text, contains the text ("10.0.3" finds 10.0.3.12)
};

struct FindMatch {
    ResourceId id;
    FindReason reason;
};

// Matches of `text` (surrounding blanks ignored; empty text: no matches). Each resource appears
// once, with its best reason. Addresses and blocks are those of the resource's own fields (not of
// the rules or routes it lists). Among ContainsAddress matches the smallest block comes first, so
// an address finds its subnet before its VPC.
std::vector<FindMatch> findResources(const Design& design, std::string_view text);

} // namespace pp
