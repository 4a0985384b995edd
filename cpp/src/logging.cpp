// stimmung's logger and its level, plus the library version.
// Decides: where log lines go (stderr, "stimmung" logger, warn by default).
// Does not decide: what is logged (the callers; nothing on the hot path).
#include <spdlog/sinks/stdout_color_sinks.h>

#include "log.hpp"
#include "stimmung/scorer.hpp"

namespace stimmung {
namespace detail {

spdlog::logger& logger() {
  static const std::shared_ptr<spdlog::logger> instance = [] {
    auto sink = std::make_shared<spdlog::sinks::stderr_color_sink_mt>();
    auto log = std::make_shared<spdlog::logger>("stimmung", std::move(sink));
    log->set_level(spdlog::level::warn);
    log->set_pattern("[%Y-%m-%d %H:%M:%S.%e] [stimmung] [%l] %v");
    return log;
  }();
  return *instance;
}

}  // namespace detail

void set_log_level(LogLevel level) {
  detail::logger().set_level(static_cast<spdlog::level::level_enum>(static_cast<int>(level)));
}

LogLevel log_level() { return static_cast<LogLevel>(static_cast<int>(detail::logger().level())); }

std::string_view version() noexcept { return STIMMUNG_VERSION; }

}  // namespace stimmung
