#include "command.h"

#include <algorithm>
#include <cstring>

namespace hb::cli {

namespace {
std::vector<Command> &registry()
{
    static std::vector<Command> all;
    return all;
}
} // namespace

const std::vector<Command> &commands()
{
    return registry();
}

CommandRegistration::CommandRegistration(Command command)
{
    auto &all = registry();
    all.push_back(command);
    std::sort(all.begin(), all.end(),
              [](const Command &a, const Command &b) { return std::strcmp(a.name, b.name) < 0; });
}

} // namespace hb::cli
