#include "model/Id.h"

namespace pp {

bool isValidId(std::string_view text)
{
    if (text.empty() || text.size() > 128 || text == kLocalTarget)
        return false;
    auto alnum = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); };
    if (!alnum(text.front()))
        return false;
    for (char c : text)
        if (!alnum(c) && c != '.' && c != '_' && c != ':' && c != '-')
            return false;
    return true;
}

} // namespace pp
