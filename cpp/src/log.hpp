#pragma once
// Internal access to stimmung's spdlog logger; spdlog stays out of the public headers.
// Decides nothing about what is logged; logging.cpp sets it up.
#include <spdlog/spdlog.h>

#include <memory>

namespace stimmung::detail {
/// The "stimmung" logger (stderr, level warn by default). Never used on the hot path.
spdlog::logger& logger();
}  // namespace stimmung::detail
